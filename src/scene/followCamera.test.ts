import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../machines/simulate/buffer';
import { FOLLOW_OFFSET, followedPacket, followGoal, newGoal } from './followCamera';

// The follow camera sets its goal on every frame while playing: written into one object, not new
// vectors each frame.

describe('the follow camera', () => {
  it('heads above and in front of the packet, writing its goal into the same object each frame', () => {
    const out = newGoal();
    const first = followGoal([1, 2, 3], out);
    expect(first).toBe(out);
    expect(first).toEqual({
      target: [1, 2, 3],
      pos: [1 + FOLLOW_OFFSET[0], 2 + FOLLOW_OFFSET[1], 3 + FOLLOW_OFFSET[2]],
    });
    const pos = out.pos;
    const target = out.target;
    const next = followGoal([-4, 0.5, 10], out);
    expect(next).toBe(out);
    expect(next.pos).toBe(pos);
    expect(next.target).toBe(target);
    expect(next.target).toEqual([-4, 0.5, 10]);
    expect(next.pos).toEqual([-4, 5.5, 17]);
  });

  it('follows the wanted request, else the first in flight, else nothing', () => {
    const flying = [{ request: 4 }, { request: 9 }] as TraceEvent[];
    expect(followedPacket(flying, 9)).toBe(flying[1]);
    expect(followedPacket(flying, 7)).toBe(flying[0]);
    expect(followedPacket(flying, null)).toBe(flying[0]);
    expect(followedPacket([], 9)).toBeNull();
  });
});
