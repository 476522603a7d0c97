import type { Vec3 } from './layout';

/**
 * A perspective camera reduced to what screen-space decisions need (label placement, level of
 * detail, packet size): where it stands, where it looks (no roll: up is +y, as OrbitControls keeps
 * it), its vertical field of view and the canvas size in CSS pixels. Pure arithmetic, so the 3D
 * view's choices are unit-tested from the overview pose without a browser.
 */
export interface ScreenCamera {
  position: Vec3;
  target: Vec3;
  fovDeg: number;
  width: number;
  height: number;
}

export interface Projector {
  cam: ScreenCamera;
  /** Screen position (px from the canvas's top left) and depth (scene units in front of the camera; ≤ 0 behind). */
  project(v: Vec3, out?: [number, number, number]): [number, number, number];
  /** Pixels per scene unit at a depth. */
  pxPerUnit(depth: number): number;
}

export function projector(cam: ScreenCamera): Projector {
  const f = sub(cam.target, cam.position);
  norm(f);
  // Right = forward × up, up' = right × forward (a camera looking straight down uses −z as up).
  let r: Vec3 = [-f[2], 0, f[0]];
  if (Math.hypot(r[0], r[2]) < 1e-9) r = [1, 0, 0];
  norm(r);
  const u: Vec3 = [r[1] * f[2] - r[2] * f[1], r[2] * f[0] - r[0] * f[2], r[0] * f[1] - r[1] * f[0]];
  const k = cam.height / (2 * Math.tan((cam.fovDeg / 2) * (Math.PI / 180)));
  const [px, py, pz] = cam.position;
  return {
    cam,
    project(v, out = [0, 0, 0]) {
      const dx = v[0] - px;
      const dy = v[1] - py;
      const dz = v[2] - pz;
      const d = dx * f[0] + dy * f[1] + dz * f[2];
      const x = dx * r[0] + dy * r[1] + dz * r[2];
      const y = dx * u[0] + dy * u[1] + dz * u[2];
      const s = d > 1e-6 ? k / d : 0;
      out[0] = cam.width / 2 + x * s;
      out[1] = cam.height / 2 - y * s;
      out[2] = d;
      return out;
    },
    pxPerUnit: (depth) => (depth > 1e-6 ? k / depth : 0),
  };
}

function sub(a: Vec3, b: Vec3): Vec3 {
  return [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
}

function norm(v: Vec3): void {
  const l = Math.hypot(v[0], v[1], v[2]) || 1;
  v[0] /= l;
  v[1] /= l;
  v[2] /= l;
}
