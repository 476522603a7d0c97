/**
 * Where one request stands, from its hop records: elapsed latency, CPU and queueing so far. Shared by
 * the inspector (after a chosen hop) and the scene's running meter (at the playback time), so both
 * count the same way. Structural types: any record with these fields (the engine's HopRecord, the
 * page's TraceEvent) will do.
 */

export interface ProgressRecord {
  enter: number;
  leave: number;
  cpu: number;
  queueWait: number;
  outcome: string;
}

/** Where a request stands after one of its hops: elapsed latency and the CPU of the hops crossed. */
export interface Cumulative {
  /** When the request's first hop began. */
  start: number;
  /** From the request's first hop to the end of this one, µs. */
  latencyUs: number;
  /** CPU sampled for this request's traversals so far (the engine's per-hop records), µs. */
  cpuUs: number;
  /** Time spent waiting in queues so far, µs. */
  queuedUs: number;
  hops: number;
}

/**
 * Outcomes the caller records, not the hop: a 'retried' or 'timed out' record spans the whole try
 * (from when the caller sent it to when it gave up or sent it again), placed at one hop of the call.
 * Its length is the try's, never that hop's cost.
 */
export const CALLER_SIDE_OUTCOMES: readonly string[] = ['retried', 'timed out'];

export const isCallerSide = (e: Pick<ProgressRecord, 'outcome'>) => CALLER_SIDE_OUTCOMES.includes(e.outcome);

/**
 * Cumulative figures up to and including `event`, from all of the request's records (sorted by
 * entry). Hops are counted when they started no later than this one (fan-out branches in parallel
 * count too: their CPU is spent).
 */
export function cumulative(request: readonly ProgressRecord[], event: ProgressRecord): Cumulative | null {
  if (!request.length) return null;
  const start = request[0].enter;
  let cpuUs = 0;
  let queuedUs = 0;
  let hops = 0;
  for (const r of request) {
    if (r.enter > event.enter || (r.enter === event.enter && r.leave > event.leave)) continue;
    if (r.leave > event.leave) continue;
    cpuUs += r.cpu;
    queuedUs += r.queueWait;
    if (!isCallerSide(r)) hops++; // a caller's record of a try is not a hop crossed
  }
  return { start, latencyUs: event.leave - start, cpuUs, queuedUs, hops };
}

/**
 * The request's figures at time t: latency from its first hop to t, and the CPU and queueing of the
 * hops finished by t (the last finished one and all before it, as `cumulative` counts them). Null
 * before the request starts or with no records.
 */
export function soFarAt(request: readonly ProgressRecord[], t: number): Cumulative | null {
  if (!request.length || t < request[0].enter) return null;
  let last: ProgressRecord | null = null;
  for (const r of request) if (r.leave <= t && !isCallerSide(r) && (!last || r.leave >= last.leave)) last = r;
  const end = Math.max(...request.map((r) => r.leave));
  const latencyUs = Math.min(t, end) - request[0].enter;
  if (!last) return { start: request[0].enter, latencyUs, cpuUs: 0, queuedUs: 0, hops: 0 };
  const c = cumulative(request, last)!;
  return { ...c, latencyUs };
}
