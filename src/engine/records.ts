/**
 * Hop records: one per hop traversal, kept in a bounded ring of the most recent ones so memory stays flat
 * in long runs; older moments are rebuilt by deterministic replay (from a checkpoint, checkpoints.ts).
 * Per-hop summaries cover all traversals.
 */

export const OUTCOME_FORWARDED = 0;
export const OUTCOME_QUEUED = 1;
export const OUTCOME_DROPPED = 2;
/** The caller stopped waiting for this message's reply (a per-try timeout); recorded at the hop it had reached. */
export const OUTCOME_TIMED_OUT = 3;
/** A failed or timed-out attempt that the caller retried; recorded at the hop where it ended. */
export const OUTCOME_RETRIED = 4;
export const OUTCOME_NAMES = ['forwarded', 'queued', 'dropped', 'timed out', 'retried'] as const;
export type Outcome = (typeof OUTCOME_NAMES)[number];

export interface HopRecord {
  /** Sequence number of the request (its arrival order). */
  request: number;
  hop: number;
  enter: number;
  queueWait: number;
  service: number;
  /** CPU µs sampled for this traversal (its on-path burst; 0 for wire hops and caller-side outcomes).
   *  Part of `service`, which also holds the on-path delay. */
  cpu: number;
  leave: number;
  outcome: Outcome;
}

export class HopRecordRing {
  readonly capacity: number;
  // The columns are written in place by the simulation (`claim`), so no record's doubles are passed
  // as arguments: a call V8 does not inline boxes every double argument, a heap object per value.
  readonly req: Float64Array;
  readonly hop: Int32Array;
  readonly enter: Float64Array;
  readonly wait: Float64Array;
  readonly service: Float64Array;
  readonly cpu: Float64Array;
  readonly leave: Float64Array;
  readonly outcome: Uint8Array;
  /** Records ever written; the ring holds the last min(total - from, capacity). */
  total = 0;
  /** Where the next record goes: total mod capacity, kept as a counter (an integer division per hop
   *  record was a measurable share of the hot loop). */
  private next = 0;
  /** Records before this one are not held (a checkpoint without records was restored at this count). */
  private from = 0;

  constructor(capacity: number) {
    this.capacity = capacity;
    this.req = new Float64Array(capacity);
    this.hop = new Int32Array(capacity);
    this.enter = new Float64Array(capacity);
    this.wait = new Float64Array(capacity);
    this.service = new Float64Array(capacity);
    this.cpu = new Float64Array(capacity);
    this.leave = new Float64Array(capacity);
    this.outcome = new Uint8Array(capacity);
  }

  /** Counts a record and returns the slot its columns go in (-1 with no capacity: counted only). */
  claim(): number {
    this.total++;
    if (this.capacity === 0) return -1;
    const i = this.next;
    this.next = i + 1 === this.capacity ? 0 : i + 1;
    return i;
  }

  /** One record, from its values (tests and tools; the simulation writes the columns itself). */
  write(
    req: number,
    hop: number,
    enter: number,
    wait: number,
    service: number,
    cpu: number,
    leave: number,
    outcome: number,
  ): void {
    const i = this.claim();
    if (i < 0) return;
    this.req[i] = req;
    this.hop[i] = hop;
    this.enter[i] = enter;
    this.wait[i] = wait;
    this.service[i] = service;
    this.cpu[i] = cpu;
    this.leave[i] = leave;
    this.outcome[i] = outcome;
  }

  /** Number of records currently held. */
  get size(): number {
    return Math.min(this.total - this.from, this.capacity);
  }

  /** The k-th oldest record still held (0 = oldest). */
  get(k: number): HopRecord {
    const first = this.total - this.size;
    const i = (first + k) % this.capacity;
    return {
      request: this.req[i],
      hop: this.hop[i],
      enter: this.enter[i],
      queueWait: this.wait[i],
      service: this.service[i],
      cpu: this.cpu[i],
      leave: this.leave[i],
      outcome: OUTCOME_NAMES[this.outcome[i]],
    };
  }

  /** All held records, oldest first. */
  toArray(): HopRecord[] {
    const out: HopRecord[] = [];
    for (let k = 0; k < this.size; k++) out.push(this.get(k));
    return out;
  }

  /** Every per-record column, in the order checkpoints hold them. */
  private columns() {
    return [
      this.req,
      this.hop,
      this.enter,
      this.wait,
      this.service,
      this.cpu,
      this.leave,
      this.outcome,
    ] as const;
  }

  /** Checkpoint form: the count, and the held records only when asked (they are most of a ring's bytes). */
  saveState(records: boolean): RingState {
    if (!records) return { total: this.total, held: null };
    const k = this.size;
    const first = this.total - k;
    const cols = this.columns();
    // Oldest first, so a ring of the same capacity can take them back in its own slot order.
    const held = cols.map((c) => {
      const out = new (c.constructor as Float64ArrayConstructor)(k);
      for (let j = 0; j < k; j++) out[j] = c[(first + j) % this.capacity];
      return out;
    });
    return { total: this.total, held };
  }

  /** Puts back a saved ring; without saved records it holds none (older ones come from replay). */
  loadState(s: RingState): void {
    this.total = s.total;
    this.next = this.capacity === 0 ? 0 : s.total % this.capacity;
    if (s.held === null) {
      this.from = s.total;
      return;
    }
    const k = s.held[0].length;
    if (k > this.capacity)
      throw new Error(`records: a checkpoint holding ${k} records cannot go into a ring of ${this.capacity}`);
    const cols = this.columns();
    const first = s.total - k;
    cols.forEach((c, i) => {
      if (k < this.capacity) c.fill(0); // slots not held read as never written, as in an unbroken run
      for (let j = 0; j < k; j++) c[(first + j) % this.capacity] = s.held![i][j];
    });
    this.from = k === this.capacity ? 0 : first;
  }
}

export interface RingState {
  total: number;
  /** The held records' columns, oldest first (request, hop, enter, wait, service, cpu, leave, outcome), or null. */
  held: (Float64Array | Int32Array | Uint8Array)[] | null;
}
