/**
 * Lanes for a row's markers (shape with its tag to the right) so that no two overlap: markers taken
 * left to right, each in the first lane whose last marker ends at least `gap` before it starts. Close
 * published figures (a source's p90 and p99, two sources' p90s) then stack instead of writing their
 * numbers over each other. Widths in the chart's viewBox units.
 */
export interface MarkerSpan {
  /** Where the marker's shape is centred. */
  x: number;
  /** Extent left of x (the shape's radius) and right of it (the shape, the space and the tag). */
  left: number;
  right: number;
}

export function markerLanes(spans: readonly MarkerSpan[], gap = 4): { lane: number[]; lanes: number } {
  const order = spans.map((_, i) => i).sort((a, b) => spans[a]!.x - spans[b]!.x || a - b);
  const ends: number[] = [];
  const lane = new Array<number>(spans.length).fill(0);
  for (const i of order) {
    const s = spans[i]!;
    let k = ends.findIndex((end) => s.x - s.left >= end + gap);
    if (k < 0) k = ends.push(-Infinity) - 1;
    ends[k] = s.x + s.right;
    lane[i] = k;
  }
  return { lane, lanes: ends.length };
}
