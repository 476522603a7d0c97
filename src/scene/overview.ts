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

export function overviewPose(
  bounds: SceneLayout['bounds'],
  aspect: number,
  fovDeg = 45,
): { position: Vec3; target: Vec3 } {
  const e = (overviewElevation(bounds) * Math.PI) / 180;
  const back: Vec3 = [0, Math.sin(e), Math.cos(e)]; // unit, target → camera
  const up: Vec3 = [0, back[2], -back[1]]; // camera up (perpendicular to back, in the y–z plane)
  const tanV = Math.tan((fovDeg / 2) * (Math.PI / 180)) * (1 - MARGIN);
  const tanH = tanV * Math.max(aspect, 0.3);
  const target: Vec3 = [bounds.center[0], OVERVIEW_TARGET_Y, bounds.center[2]];
  // A corner c (relative to the target) sits at depth d − c·back in front of a camera d away, and
  // its sideways/vertical offsets do not depend on d: it is in view once d covers both.
  let d = bounds.span;
  for (const x of [bounds.min[0], bounds.max[0]]) {
    for (const y of [bounds.min[1], bounds.max[1]]) {
      for (const z of [bounds.min[2], bounds.max[2]]) {
        const c: Vec3 = [x - target[0], y - target[1], z - target[2]];
        const along = c[1] * back[1] + c[2] * back[2];
        const vertical = c[1] * up[1] + c[2] * up[2];
        d = Math.max(d, along + Math.abs(c[0]) / tanH, along + Math.abs(vertical) / tanV);
      }
    }
  }
  return { position: [target[0], target[1] + back[1] * d, target[2] + back[2] * d], target };
}
