import { byEnter } from '../../model/recordOrder';
import type { StationSamples, TraceLayout, TraceRecord } from '../../worker/trace/protocol';

/**
 * What the page holds of the run: hop records overlapping a window of simulated time (the coverage),
 * the idle stretches inside it, and resource samples. It answers the playback machine's questions
 * (next and previous event, what is in flight at t) and feeds the scene, event list and inspector.
 * It is bounded: older records are dropped and rebuilt by replay in the worker when needed.
 */

export interface TraceEvent extends TraceRecord {
  /** Stable identity: request, hop and entry time. */
  key: string;
}

export interface ChunkInput {
  mode: 'stream' | 'history';
  from: number;
  to: number;
  idleFrom: number | null;
  records: readonly TraceRecord[];
  samples: StationSamples;
  done: boolean;
  /**
   * History fetched after a seek only so the event list can show what happened before the seek
   * point: held and listed, but not counted (the running total starts at the seek point).
   */
  backfill?: boolean;
}

export const eventKey = (r: { request: number; hop: number; enter: number }) =>
  `${r.request}|${r.hop}|${r.enter}`;

export class TraceBuffer {
  readonly layout: TraceLayout;
  /** Records sorted by entry time. */
  events: TraceEvent[] = [];
  private keys = new Set<string>();
  /** Held records per request, in time order: the route asks for one request's many times a second. */
  private byRequest = new Map<number, TraceEvent[]>();
  /** Every record overlapping [coverStart, coverEnd) is held. Empty when coverEnd <= coverStart. */
  coverStart = 0;
  coverEnd = 0;
  /** The stream reached the end of the run. */
  done = false;
  /** Stretches [from, to) with no hop in flight; `to` is the next hop's entry. */
  idle: [number, number][] = [];
  /** Longest hop held, µs: bounds the search for hops in flight. */
  maxDuration = 0;
  sampleTimes: number[] = [];
  private sampleBusy: Int32Array[] = [];
  private sampleQueue: Int32Array[] = [];
  /** Events dropped by pruning since the last reset (all entered before what is held). */
  pruned = 0;
  /** The earliest time whose events are all counted by `totalUpTo` (null until data arrives). */
  countedSince: number | null = null;
  /** Bumped on every change, for views that re-read. */
  version = 0;
  /** History from before the seek point is held only for the list (see ChunkInput.backfill). */
  private backfilled = false;
  /** Bumped on every reset, so an answer asked for before one can be recognised as stale. */
  epoch = 0;
  /** The stride the held records were streamed at (see ChunkRequest.stride): 1 keeps every sampled request. */
  stride = 1;
  private listeners = new Set<() => void>();

  constructor(layout: TraceLayout) {
    this.layout = layout;
  }

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private changed(): void {
    this.version++;
    for (const fn of this.listeners) fn();
  }

  get endTime(): number {
    return this.layout.run.endUs;
  }

  /** Forgets everything; the next stream chunk starts a new coverage at its `from` (at `stride`). */
  reset(stride = this.stride): void {
    this.stride = stride;
    this.events = [];
    this.keys.clear();
    this.byRequest.clear();
    this.coverStart = 0;
    this.coverEnd = 0;
    this.done = false;
    this.pruned = 0;
    this.countedSince = null;
    this.idle = [];
    this.sampleTimes = [];
    this.sampleBusy = [];
    this.sampleQueue = [];
    this.backfilled = false;
    this.epoch++;
    this.changed();
  }

  get empty(): boolean {
    return this.coverEnd <= this.coverStart && this.events.length === 0;
  }

  /** True when every record overlapping t is held. */
  covers(t: number): boolean {
    if (this.done && t >= this.coverStart) return true;
    return t >= this.coverStart && t < this.coverEnd;
  }

  addChunk(c: ChunkInput): void {
    const fresh: TraceEvent[] = [];
    for (const r of c.records) {
      const key = eventKey(r);
      if (this.keys.has(key)) continue;
      this.keys.add(key);
      fresh.push({ ...r, key });
      const d = r.leave - r.enter;
      if (d > this.maxDuration) this.maxDuration = d;
    }
    fresh.sort(byEnter);
    this.index(fresh);
    const last = this.events.length ? this.events[this.events.length - 1] : null;
    // One push per record: spreading a large batch into push() overflows the call stack.
    if (!last || !fresh.length || byEnter(fresh[0], last) >= 0) for (const e of fresh) this.events.push(e);
    else this.events = mergeSorted(this.events, fresh);

    if (c.mode === 'history') {
      if (c.to >= this.coverStart && c.from < this.coverStart) this.coverStart = c.from;
      if (c.backfill) {
        // Listed, not counted: the count still starts where playback jumped to.
        this.backfilled = true;
        this.changed();
        return;
      }
      // Pruned events may come back with history: count from what is held, not twice.
      if (this.pruned > 0) {
        this.pruned = 0;
        this.countedSince = this.coverStart;
      }
    } else {
      if (this.coverEnd <= this.coverStart && this.events.length === fresh.length) {
        this.coverStart = c.from;
        this.coverEnd = c.to;
      } else if (c.from <= this.coverEnd) {
        this.coverEnd = Math.max(this.coverEnd, c.to);
        if (c.from < this.coverStart) this.coverStart = c.from;
      }
      if (c.done) this.done = true;
    }
    if (!this.backfilled) this.countedSince = Math.min(this.countedSince ?? Infinity, this.coverStart);
    if (c.idleFrom !== null && c.to > c.idleFrom) this.idle.push([c.idleFrom, c.to]);

    const n = this.layout.stations.length;
    for (let k = 0; k < c.samples.times.length; k++) {
      const t = c.samples.times[k];
      if (this.sampleTimes.length && t <= this.sampleTimes[this.sampleTimes.length - 1]) continue;
      this.sampleTimes.push(t);
      this.sampleBusy.push(c.samples.busy.slice(k * n, (k + 1) * n));
      this.sampleQueue.push(c.samples.queue.slice(k * n, (k + 1) * n));
    }
    this.changed();
  }

  /** Drops what ended before `t` (coverage then starts at t); keeps at most `maxEvents`. */
  prune(t: number, maxEvents = 50_000): void {
    let cut = t;
    if (this.events.length > maxEvents)
      cut = Math.max(cut, this.events[this.events.length - maxEvents].enter);
    if (cut <= this.coverStart) return;
    const kept = this.events.filter((e) => e.leave >= cut);
    if (kept.length === this.events.length && this.sampleTimes[0] >= cut) return;
    const since = this.countedSince ?? 0;
    const touched = new Set<number>();
    for (const e of this.events)
      if (e.leave < cut) {
        this.keys.delete(e.key);
        touched.add(e.request);
        if (e.enter >= since) this.pruned++; // only counted events stay in the running total
      }
    this.events = kept;
    for (const r of touched) {
      const list = this.byRequest.get(r)!.filter((e) => e.leave >= cut);
      if (list.length) this.byRequest.set(r, list);
      else this.byRequest.delete(r);
    }
    this.coverStart = cut;
    this.idle = this.idle.filter(([, to]) => to > cut);
    let k = 0;
    while (k < this.sampleTimes.length && this.sampleTimes[k] < cut) k++;
    if (k > 0) {
      this.sampleTimes = this.sampleTimes.slice(k);
      this.sampleBusy = this.sampleBusy.slice(k);
      this.sampleQueue = this.sampleQueue.slice(k);
    }
    this.changed();
  }

  /** Index of the first event entering after t. */
  private upperBound(t: number): number {
    let lo = 0;
    let hi = this.events.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.events[mid].enter <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Index of the first event entering at or after t. */
  private lowerBound(t: number): number {
    let lo = 0;
    let hi = this.events.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.events[mid].enter < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Number of events that have started at or before t (they form a prefix of `events`). */
  countUpTo(t: number): number {
    return this.upperBound(t);
  }

  /**
   * Events started at or before t since `countedSince`, including those pruned away: a running total
   * that does not fall back as old requests are dropped (from the start of the run unless playback
   * jumped past what was held). Events held from before `countedSince` (hops already in flight at a
   * seek point, history fetched to list what came before it) are not counted.
   */
  totalUpTo(t: number): number {
    const from = this.countedSince === null ? 0 : this.lowerBound(this.countedSince);
    return this.pruned + Math.max(0, this.upperBound(t) - from);
  }

  /** The next moment something happens after t: a hop entry (or the end of an idle stretch). Null when not yet known. */
  nextEventAfter(t: number): number | null {
    const i = this.upperBound(t);
    let best = i < this.events.length ? this.events[i].enter : Infinity;
    for (const [, to] of this.idle) if (to > t && to < best) best = to;
    return best === Infinity ? null : best;
  }

  /**
   * The last hop entry before t: a time, 'unknown' when it lies before what is held (replay needed),
   * or null when there is none (the start of the run).
   */
  prevEventBefore(t: number): number | 'unknown' | null {
    const lo = this.lowerBound(t);
    if (lo > 0 && this.events[lo - 1].enter >= this.coverStart) return this.events[lo - 1].enter;
    return this.coverStart > 0 ? 'unknown' : null;
  }

  /** Hops in flight at t: entered at or before t and not yet left (a zero-length hop counts at its instant). */
  inFlight(t: number, out: TraceEvent[] = []): TraceEvent[] {
    out.length = 0;
    const end = this.upperBound(t);
    const from = t - this.maxDuration;
    for (let i = end - 1; i >= 0; i--) {
      const e = this.events[i];
      if (e.enter < from) break;
      if (e.leave > t || (e.leave === e.enter && e.enter === t)) out.push(e);
    }
    out.reverse();
    return out;
  }

  idleAt(t: number): boolean {
    return this.inFlight(t).length === 0;
  }

  /** Resource state at the last sample at or before t, or null when none is held. */
  sampleAt(t: number): { time: number; busy: Int32Array; queue: Int32Array } | null {
    let lo = 0;
    let hi = this.sampleTimes.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sampleTimes[mid] <= t) lo = mid + 1;
      else hi = mid;
    }
    if (lo === 0) return null;
    return { time: this.sampleTimes[lo - 1], busy: this.sampleBusy[lo - 1], queue: this.sampleQueue[lo - 1] };
  }

  /** Mean busy servers per station over the samples in (t - window, t]; null when none. */
  meanBusy(t: number, window: number, out?: Float64Array): Float64Array | null {
    const n = this.layout.stations.length;
    const acc = out ?? new Float64Array(n);
    acc.fill(0);
    let count = 0;
    for (let k = this.sampleTimes.length - 1; k >= 0; k--) {
      const st = this.sampleTimes[k];
      if (st > t) continue;
      if (st <= t - window) break;
      const row = this.sampleBusy[k];
      for (let i = 0; i < n; i++) acc[i] += row[i];
      count++;
    }
    if (count === 0) return null;
    for (let i = 0; i < n; i++) acc[i] /= count;
    return acc;
  }

  /** Held records of one request, in time order (a copy: the index is the buffer's own). */
  requestEvents(request: number): TraceEvent[] {
    return this.byRequest.get(request)?.slice() ?? [];
  }

  /** Adds new records (in time order) to their requests' lists, keeping each list in time order. */
  private index(fresh: readonly TraceEvent[]): void {
    let unsorted: Set<TraceEvent[]> | null = null;
    for (const e of fresh) {
      const list = this.byRequest.get(e.request);
      if (!list) {
        this.byRequest.set(e.request, [e]);
        continue;
      }
      // History arrives after the stream: an earlier hop can join a request's list late.
      if (byEnter(e, list[list.length - 1]) < 0) (unsorted ??= new Set()).add(list);
      list.push(e);
    }
    if (unsorted) for (const list of unsorted) list.sort(byEnter);
  }

  find(key: string): TraceEvent | undefined {
    if (!this.keys.has(key)) return undefined;
    return this.events.find((e) => e.key === key);
  }
}

function mergeSorted(a: TraceEvent[], b: TraceEvent[]): TraceEvent[] {
  const out: TraceEvent[] = new Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = byEnter(a[i], b[j]) <= 0 ? a[i++] : b[j++];
  while (i < a.length) out[k++] = a[i++];
  while (j < b.length) out[k++] = b[j++];
  return out;
}
