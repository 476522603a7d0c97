import {
  createContext,
  useContext,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import * as THREE from 'three';
import { STAGE_FG } from '../palette';
import type { Vec3 } from '../layout';

/**
 * Scene labels drawn together: every <Label> inside a <LabelBatch> becomes a camera-facing quad in one
 * mesh over one texture atlas — one draw call for all labels instead of one sprite (draw call,
 * material, texture) each, which under software WebGL cost more script per frame than the packets.
 */

export interface LabelSpec {
  text: string;
  position: Vec3;
  height: number;
}

interface Batch {
  set(id: string, spec: LabelSpec | null): void;
}

const BatchContext = createContext<Batch | null>(null);

const FONT = '600 48px system-ui, sans-serif';
const ROW = 64;
const ATLAS_W = 2048;

/** Draws text as the sprites did: a dark translucent plate with light text, 64 px tall. */
function drawLabel(g: CanvasRenderingContext2D, text: string, x: number, y: number, w: number): void {
  g.fillStyle = 'rgba(17,21,28,0.75)';
  g.fillRect(x, y, w, ROW);
  g.fillStyle = STAGE_FG;
  g.textBaseline = 'middle';
  g.fillText(text, x + 12, y + 34);
}

function measure(text: string): number {
  const ctx = document.createElement('canvas').getContext('2d');
  if (!ctx) return 256;
  ctx.font = FONT;
  return Math.min(ATLAS_W, Math.ceil(ctx.measureText(text).width) + 24);
}

/** Packs labels into rows of an atlas; returns the geometry (quads) and the atlas texture. */
export function buildLabels(specs: readonly LabelSpec[]): {
  geometry: THREE.BufferGeometry;
  texture: THREE.CanvasTexture;
} {
  const widths = specs.map((s) => measure(s.text));
  const at: Array<[number, number]> = [];
  let x = 0;
  let y = 0;
  widths.forEach((w) => {
    if (x + w > ATLAS_W) {
      x = 0;
      y += ROW;
    }
    at.push([x, y]);
    x += w;
  });
  const canvas = document.createElement('canvas');
  canvas.width = ATLAS_W;
  canvas.height = Math.max(ROW, THREE.MathUtils.ceilPowerOfTwo(y + ROW));
  const g = canvas.getContext('2d');
  if (g) {
    g.font = FONT;
    specs.forEach((s, i) => drawLabel(g, s.text, at[i][0], at[i][1], widths[i]));
  }
  const texture = new THREE.CanvasTexture(canvas);
  texture.colorSpace = THREE.SRGBColorSpace;
  const n = specs.length;
  const pos = new Float32Array(n * 12);
  const corner = new Float32Array(n * 8);
  const uv = new Float32Array(n * 8);
  const index: number[] = [];
  specs.forEach((s, i) => {
    const hw = (s.height * widths[i]) / ROW / 2;
    const hh = s.height / 2;
    const u0 = at[i][0] / canvas.width;
    const u1 = (at[i][0] + widths[i]) / canvas.width;
    const v1 = 1 - at[i][1] / canvas.height;
    const v0 = 1 - (at[i][1] + ROW) / canvas.height;
    const quad: Array<[number, number, number, number]> = [
      [-hw, -hh, u0, v0],
      [hw, -hh, u1, v0],
      [hw, hh, u1, v1],
      [-hw, hh, u0, v1],
    ];
    quad.forEach(([cx, cy, u, v], k) => {
      const q = i * 4 + k;
      pos.set(s.position, q * 3);
      corner[q * 2] = cx;
      corner[q * 2 + 1] = cy;
      uv[q * 2] = u;
      uv[q * 2 + 1] = v;
    });
    const b = i * 4;
    index.push(b, b + 1, b + 2, b, b + 2, b + 3);
  });
  const geometry = new THREE.BufferGeometry();
  geometry.setAttribute('position', new THREE.BufferAttribute(pos, 3));
  geometry.setAttribute('corner', new THREE.BufferAttribute(corner, 2));
  geometry.setAttribute('uv', new THREE.BufferAttribute(uv, 2));
  geometry.setIndex(index);
  return { geometry, texture };
}

/** A sprite's shader, for many quads at once: each vertex is its label's centre, offset in view space. */
function labelMaterial(map: THREE.Texture): THREE.ShaderMaterial {
  return new THREE.ShaderMaterial({
    uniforms: { map: { value: map } },
    vertexShader: `
      attribute vec2 corner;
      varying vec2 vUv;
      void main() {
        vUv = uv;
        vec4 mv = modelViewMatrix * vec4(position, 1.0);
        mv.xy += corner;
        gl_Position = projectionMatrix * mv;
      }`,
    fragmentShader: `
      uniform sampler2D map;
      varying vec2 vUv;
      void main() {
        gl_FragColor = texture2D(map, vUv);
        #include <tonemapping_fragment>
        #include <colorspace_fragment>
      }`,
    transparent: true,
    depthWrite: false,
  });
}

/** Collects the labels inside it and draws them as one mesh. */
export function LabelBatch({ children }: { children: ReactNode }) {
  const [specs, setSpecs] = useState<ReadonlyMap<string, LabelSpec>>(() => new Map());
  const batch = useMemo<Batch>(
    () => ({
      set: (id, spec) =>
        setSpecs((prev) => {
          const old = prev.get(id);
          if (
            spec &&
            old &&
            old.text === spec.text &&
            old.height === spec.height &&
            old.position.every((v, i) => v === spec.position[i])
          )
            return prev;
          if (!spec && !old) return prev;
          const next = new Map(prev);
          if (spec) next.set(id, spec);
          else next.delete(id);
          return next;
        }),
    }),
    [],
  );
  const mesh = useMemo(() => {
    if (!specs.size) return null;
    const { geometry, texture } = buildLabels([...specs.values()]);
    const m = new THREE.Mesh(geometry, labelMaterial(texture));
    m.name = 'labels';
    m.frustumCulled = false;
    m.renderOrder = 5;
    m.matrixAutoUpdate = false;
    return m;
  }, [specs]);
  useEffect(
    () => () => {
      if (!mesh) return;
      mesh.geometry.dispose();
      const mat = mesh.material as THREE.ShaderMaterial;
      (mat.uniforms.map.value as THREE.Texture).dispose();
      mat.dispose();
    },
    [mesh],
  );
  return (
    <BatchContext.Provider value={batch}>
      {children}
      {mesh && <primitive object={mesh} />}
    </BatchContext.Provider>
  );
}

/** A text label floating at `position`, `height` world units tall, always facing the camera. */
export function Label({ text, position, height = 0.5 }: { text: string; position: Vec3; height?: number }) {
  const batch = useContext(BatchContext);
  const id = useId();
  const [x, y, z] = position;
  useLayoutEffect(() => {
    batch?.set(id, { text, position: [x, y, z], height });
  }, [batch, id, text, x, y, z, height]);
  useLayoutEffect(() => () => batch?.set(id, null), [batch, id]);
  if (!batch) throw new Error('Label must be drawn inside a LabelBatch');
  return null;
}
