import { describe, expect, it } from 'vitest';
import { markerLanes } from './markerLanes';

const span = (x: number) => ({ x, left: 6, right: 30 });

describe('marker lanes', () => {
  it('keeps markers far apart in one lane', () => {
    expect(markerLanes([span(0), span(100), span(50)])).toEqual({ lane: [0, 0, 0], lanes: 1 });
  });

  it('stacks markers whose tags would overlap, reusing the first lane that is free again', () => {
    // 0–36 and 20–56 collide; 47 collides with 20 and 25 in lanes 1 and 2 but fits after 0 in lane 0 (which ends at 36).
    expect(markerLanes([span(0), span(20), span(25), span(47)])).toEqual({ lane: [0, 1, 2, 0], lanes: 3 });
  });

  it('keeps the gap between neighbours in a lane; no lanes for no markers', () => {
    // The first ends at 30; the second starts at 40 − 6 = 34: 4 apart is enough, 3 is not.
    expect(markerLanes([span(0), span(40)]).lanes).toBe(1);
    expect(markerLanes([span(0), span(39)]).lanes).toBe(2);
    expect(markerLanes([])).toEqual({ lane: [], lanes: 0 });
  });
});
