import type { HopSelector, Predicate, StationSelector } from '../../model/lesson';
import type { LayoutHop, TraceLayout, TraceRecord } from '../../worker/trace/protocol';

/**
 * What a lesson's predicates mean on the Simulate page's trace: pure functions of the compiled
 * layout, one request's hop records and the resource samples, so the host only fetches and caches.
 */

/** Predicates answered from the trace (the rest from the comparison). */
export const isTracePredicate = (p: Predicate) =>
  p.kind === 'hopReached' || p.kind === 'requestsDone' || p.kind === 'queueAbove' || p.kind === 'timeReached';

export function hopMatches(h: LayoutHop, sel: HopSelector): boolean {
  return (
    (!sel.hopKind || h.kind === sel.hopKind) &&
    (!sel.side || h.side === sel.side) &&
    (!sel.actor || h.actor === sel.actor) &&
    (!sel.leg || h.leg === sel.leg)
  );
}

/**
 * The arrival sequence number of the n-th traced request (1: the first). The trace view keeps every
 * `sampleEvery`-th request (1 in the small class scenarios), so request n is the n-th one drawn.
 */
export const tracedSeq = (layout: TraceLayout, n: number) => (n - 1) * Math.max(1, layout.run.sampleEvery);

/** Indexes of the hops that end a request: the last hop of a response leg back to the load generator. */
export function finalHops(layout: TraceLayout): Set<number> {
  const loadgen = new Set(layout.pods.filter((p) => p.role === 'loadgen').map((p) => p.id));
  const hasNext = new Set(layout.hops.map((h) => h.prev).filter((p) => p >= 0));
  const out = new Set<number>();
  layout.hops.forEach((h, i) => {
    if (h.leg === 'response' && loadgen.has(h.fromPod) && !hasNext.has(i)) out.add(i);
  });
  return out;
}

/** When a request first entered a matching hop (µs), or null when it never does. */
export function firstEntry(
  layout: TraceLayout,
  records: readonly TraceRecord[],
  sel: HopSelector,
): number | null {
  let best: number | null = null;
  for (const r of records)
    if (hopMatches(layout.hops[r.hop], sel) && (best === null || r.enter < best)) best = r.enter;
  return best;
}

/**
 * When a request had its answer: the end of its last hop back to the load generator, or — for a
 * request that failed without one — the end of its last hop. Null for a request that was never sent.
 */
export function doneAt(records: readonly TraceRecord[], finals: ReadonlySet<number>): number | null {
  if (records.length === 0) return null;
  let final: number | null = null;
  let last = -Infinity;
  for (const r of records) {
    if (finals.has(r.hop)) final = Math.max(final ?? -Infinity, r.leave);
    last = Math.max(last, r.leave);
  }
  return final ?? last;
}

/** Stations a selector names: a component's pools (or the node cores, 'node'), optionally on one node. */
export function matchingStations(layout: TraceLayout, sel: StationSelector): number[] {
  const out: number[] = [];
  layout.stations.forEach((s, i) => {
    if (s.component === sel.component && (sel.node === undefined || s.node === sel.node)) out.push(i);
  });
  return out;
}

/** Whether more than n messages wait at any matching station in a resource sample. */
export function queueAbove(
  layout: TraceLayout,
  sample: { queue: Int32Array } | null,
  sel: StationSelector,
  n: number,
): boolean {
  if (!sample) return false;
  return matchingStations(layout, sel).some((i) => sample.queue[i] > n);
}
