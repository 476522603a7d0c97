import { describe, expect, it } from 'vitest';
import { easeCamera, nearPlaneBefore } from './cameraEase';
import type { Vec3 } from './layout';

/** Eases from a start to the goal with the given frame durations until done; returns the resting pose. */
function rest(dts: number[]) {
  const pos: Vec3 = [10, 8, 30];
  const target: Vec3 = [0, 0, 0];
  const goal = { pos: [1.25, 2.5, 9.75] as Vec3, target: [0.5, 0.3, -1] as Vec3 };
  let frames = 0;
  for (let i = 0; !easeCamera(pos, target, goal, dts[i % dts.length]); i++) frames++;
  return { pos, target, frames };
}

describe('camera ease', () => {
  it('rests exactly on the goal pose whatever the frame timing (so paused pictures repeat)', () => {
    const fast = rest([1 / 60]);
    const slow = rest([0.05, 0.11, 0.07]);
    expect(fast.frames).toBeGreaterThan(slow.frames);
    expect(fast.pos).toEqual([1.25, 2.5, 9.75]);
    expect(fast.target).toEqual([0.5, 0.3, -1]);
    expect(slow.pos).toEqual(fast.pos);
    expect(slow.target).toEqual(fast.target);
  });

  it('moves a share of the way per frame and is not done while far; instant (reduced motion) is done at once', () => {
    const pos: Vec3 = [0, 0, 10];
    const target: Vec3 = [0, 0, 0];
    const goal = { pos: [0, 0, 0] as Vec3, target: [0, 0, 0] as Vec3 };
    expect(easeCamera(pos, target, goal, 0.1)).toBe(false);
    expect(pos[2]).toBeCloseTo(10 * Math.exp(-0.6), 10);
    expect(easeCamera(pos, target, goal, 0.1, true)).toBe(true);
    expect(pos).toEqual([0, 0, 0]);
  });
});

describe('nearPlaneBefore', () => {
  it('stands just short of the box along the view: what is between is clipped, the box is not', () => {
    // Looking down −z from z = 10 at a box 4 × 2 × 1 at the origin: its nearest face is 9.5 away.
    expect(nearPlaneBefore([0, 0, 10], [0, 0, -1], [0, 0, 0], [2, 1, 0.5])).toBeCloseTo(9.5, 12);
    // A node standing at z = 5, between the camera and the box, is nearer than the plane: clipped.
    expect(10 - 5).toBeLessThan(nearPlaneBefore([0, 0, 10], [0, 0, -1], [0, 0, 0], [2, 1, 0.5]));
    // Looking at it obliquely, the plane comes nearer by the box's reach along the view (its corner).
    const d: Vec3 = [Math.SQRT1_2, 0, -Math.SQRT1_2];
    const near = nearPlaneBefore([-7, 0, 7], d, [0, 0, 0], [2, 1, 0.5]);
    expect(near).toBeCloseTo(7 * Math.SQRT2 - 2.5 * Math.SQRT1_2, 12);
    const corner: Vec3 = [-2, 0, 0.5];
    const cornerDepth = (corner[0] + 7) * d[0] + (corner[2] - 7) * d[2];
    expect(cornerDepth).toBeGreaterThanOrEqual(near - 1e-12);
    // Never nearer than the least given (a camera inside the box).
    expect(nearPlaneBefore([0, 0, 0], [0, 0, -1], [0, 0, 0], [2, 1, 0.5], 0.1)).toBe(0.1);
  });
});
