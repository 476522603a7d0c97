import type { SceneLayout, Vec3 } from './layout';

/**
 * Where the overview camera stands: above and in front of the cluster's centre (about 33° down for
 * a small cluster, steeper for a deep one), just far enough back that every corner of the scene's
 * bounds — front corners included, which perspective makes widest — is inside the view with a margin.
 * Pure arithmetic, so the fit is unit-tested for 3 to 30 nodes and any canvas shape.
 */

/** Height the camera looks at (between platforms and kernels). */
export const OVERVIEW_TARGET_Y = -0.6;
/** Elevation of a small cluster's overview: about 33° down (0.55 up for every 0.85 towards the viewer). */
const LOW_DEG = (Math.atan2(0.55, 0.85) * 180) / Math.PI;
/** A deep cluster is looked at from higher up, so its back rows are not squashed by perspective. */
const HIGH_DEG = 55;
/** Scene depth (units, back to front) from which the elevation starts to rise, and over which it reaches HIGH_DEG. */
const DEEP_FROM = 24;
const DEEP_OVER = 40;

/** How steeply the overview camera looks down at a cluster whose bounds these are, degrees. */
export function overviewElevation(bounds: SceneLayout['bounds']): number {
  const depth = bounds.max[2] - bounds.min[2];
  const k = Math.min(1, Math.max(0, (depth - DEEP_FROM) / DEEP_OVER));
  return LOW_DEG + k * (HIGH_DEG - LOW_DEG);
}
/** Fraction of the half-view kept clear around the scene. */
const MARGIN = 0.06;

/**
 * `bottom`: the share of the canvas's height kept clear at its foot (the path overlay's band while a
 * request plays): the scene is fitted into the rest, so the overlay never covers the front row and
 * nothing moves when it appears. Within the room it has, the scene stands centred: the camera and its
 * target are raised or lowered together (the view's direction kept) until the margins above and below
 * the scene are even, rather than the target fixed at the scene's centre, which left the far rows
 * (smaller, by perspective) well below the top and the front row at the foot.
 */
export function overviewPose(
  bounds: SceneLayout['bounds'],
  aspect: number,
  fovDeg = 45,
  bottom = 0,
): { position: Vec3; target: Vec3 } {
  const e = (overviewElevation(bounds) * Math.PI) / 180;
  const back: Vec3 = [0, Math.sin(e), Math.cos(e)]; // unit, target → camera
  const up: Vec3 = [0, back[2], -back[1]]; // camera up (perpendicular to back, in the y–z plane)
  const half = Math.tan((fovDeg / 2) * (Math.PI / 180));
  const tanV = half * (1 - MARGIN);
  const tanH = tanV * Math.max(aspect, 0.3);
  // The vertical window, in tangents: up to tanV above the view's axis, down to the band's top.
  const hi = tanV;
  const lo = -tanV + 2 * half * Math.min(Math.max(bottom, 0), 0.5);
  const centre: Vec3 = [bounds.center[0], OVERVIEW_TARGET_Y, bounds.center[2]];
  // A corner c (relative to the centre) sits at depth d − c·back in front of a camera d away, and at
  // c·up − s above its axis when the camera and target stand s higher (along up): it is in the window
  // once lo ≤ (c·up − s) / (d − c·back) ≤ hi, and across once |c_x| ≤ tanH (d − c·back).
  let d = bounds.span;
  let above = -Infinity; // max of c·up + hi·(c·back): s ≥ above − hi·d
  let below = Infinity; // min of c·up + lo·(c·back): s ≤ below − lo·d
  for (const x of [bounds.min[0], bounds.max[0]]) {
    for (const y of [bounds.min[1], bounds.max[1]]) {
      for (const z of [bounds.min[2], bounds.max[2]]) {
        const c: Vec3 = [x - centre[0], y - centre[1], z - centre[2]];
        const along = c[1] * back[1] + c[2] * back[2];
        const vertical = c[1] * up[1] + c[2] * up[2];
        d = Math.max(d, along + Math.abs(c[0]) / tanH);
        above = Math.max(above, vertical + hi * along);
        below = Math.min(below, vertical + lo * along);
      }
    }
  }
  d = Math.max(d, (above - below) / (hi - lo));
  // The middle of the heights that keep every corner in the window: even margins above and below.
  const s = (above - hi * d + (below - lo * d)) / 2;
  const target: Vec3 = [centre[0], centre[1] + up[1] * s, centre[2] + up[2] * s];
  return { position: [target[0], target[1] + back[1] * d, target[2] + back[2] * d], target };
}
