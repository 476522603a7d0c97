import type { Vec3 } from './layout';

/** How close (scene units) the camera and its target come before they are set on the goal. */
export const SETTLE = 0.01;

/**
 * One frame of the camera's ease towards a goal pose: both points move a share of the way that depends
 * on the frame's duration (1 − e^(−6·dt), about a third of a second to settle). Once both are within
 * SETTLE they are set exactly on the goal and the ease reports done: the resting frame is then the
 * preset's pose whatever the frame timing was (before, it stopped wherever it was within 0.01, which
 * moved edges by a pixel from one run to the next), so a paused picture is the same on every run.
 */
export function easeCamera(
  pos: Vec3,
  target: Vec3,
  goal: { pos: Vec3; target: Vec3 },
  dt: number,
  instant = false,
): boolean {
  const k = instant ? 1 : 1 - Math.exp(-dt * 6);
  for (let i = 0; i < 3; i++) {
    pos[i] += (goal.pos[i] - pos[i]) * k;
    target[i] += (goal.target[i] - target[i]) * k;
  }
  const dist = (a: Vec3, b: Vec3) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
  if (dist(pos, goal.pos) >= SETTLE || dist(target, goal.target) >= SETTLE) return false;
  for (let i = 0; i < 3; i++) {
    pos[i] = goal.pos[i];
    target[i] = goal.target[i];
  }
  return true;
}

/**
 * The camera's near plane for looking at a box (centre, half-size along x, y, z) from `pos` along the
 * unit direction `dir`: just short of the box's nearest point along `dir`, so whatever stands between
 * the camera and the box is clipped away rather than drawn over it. The kernel view uses it: at scale,
 * the row of nodes in front of the one looked into stood between the camera and its stack.
 */
export function nearPlaneBefore(pos: Vec3, dir: Vec3, center: Vec3, half: Vec3, least = 0.1): number {
  let along = 0;
  let reach = 0;
  for (let i = 0; i < 3; i++) {
    along += (center[i] - pos[i]) * dir[i];
    reach += half[i] * Math.abs(dir[i]);
  }
  return Math.max(least, along - reach);
}
