import { byEnter } from '../../model/recordOrder';
import type { TraceRecord } from './protocol';

/** Pure helpers over hop records for the trace session's windows of simulated time. */

export { byEnter };

/**
 * Where a window [from, to) must end so that at most `cap` of `recs` enter before it: `to` itself when
 * they fit, else the entry time of the first record beyond the cap (later than `from`, so every window
 * moves the stream on).
 */
export function capWindowEnd(recs: readonly TraceRecord[], from: number, to: number, cap: number): number {
  let inside = 0;
  for (const r of recs) if (r.enter < to) inside++;
  if (inside <= cap) return to;
  const enters = new Float64Array(inside);
  let k = 0;
  for (const r of recs) if (r.enter < to) enters[k++] = r.enter;
  enters.sort();
  // The first entry after `from` at or beyond the cap; records entering at one instant stay together.
  for (let i = cap; i < inside; i++) if (enters[i] > from) return enters[i];
  return to;
}

/** The earliest entry at or after t among `recs`, or null when none enters there. */
export function minEnterAtOrAfter(recs: readonly TraceRecord[], t: number): number | null {
  let m: number | null = null;
  for (const r of recs) if (r.enter >= t && (m === null || r.enter < m)) m = r.enter;
  return m;
}
