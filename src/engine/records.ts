/**
 * Hop records: one per hop traversal, kept in a bounded ring of the most recent ones so memory stays flat
 * in long runs; older moments are rebuilt by deterministic replay. Per-hop summaries cover all traversals.
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
  private readonly req: Float64Array;
  private readonly hop: Int32Array;
  private readonly enter: Float64Array;
  private readonly wait: Float64Array;
  private readonly service: Float64Array;
  private readonly cpu: Float64Array;
  private readonly leave: Float64Array;
  private readonly outcome: Uint8Array;
  /** Records ever written; the ring holds the last min(total, capacity). */
  total = 0;

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

  write(req: number, hop: number, enter: number, wait: number, service: number, cpu: number, leave: number, outcome: number): void {
    if (this.capacity === 0) {
      this.total++;
      return;
    }
    const i = this.total % this.capacity;
    this.req[i] = req; this.hop[i] = hop; this.enter[i] = enter; this.wait[i] = wait;
    this.service[i] = service; this.cpu[i] = cpu; this.leave[i] = leave; this.outcome[i] = outcome;
    this.total++;
  }

  /** Number of records currently held. */
  get size(): number {
    return Math.min(this.total, this.capacity);
  }

  /** The k-th oldest record still held (0 = oldest). */
  get(k: number): HopRecord {
    const first = this.total - this.size;
    const i = (first + k) % this.capacity;
    return {
      request: this.req[i], hop: this.hop[i], enter: this.enter[i], queueWait: this.wait[i],
      service: this.service[i], cpu: this.cpu[i], leave: this.leave[i], outcome: OUTCOME_NAMES[this.outcome[i]],
    };
  }

  /** All held records, oldest first. */
  toArray(): HopRecord[] {
    const out: HopRecord[] = [];
    for (let k = 0; k < this.size; k++) out.push(this.get(k));
    return out;
  }
}

/** Running per-hop totals over measured requests. */
export class HopSummaries {
  readonly count: Float64Array;
  readonly queued: Float64Array;
  readonly dropped: Float64Array;
  readonly waitSum: Float64Array;
  readonly serviceSum: Float64Array;
  readonly waitMax: Float64Array;

  constructor(n: number) {
    this.count = new Float64Array(n);
    this.queued = new Float64Array(n);
    this.dropped = new Float64Array(n);
    this.waitSum = new Float64Array(n);
    this.serviceSum = new Float64Array(n);
    this.waitMax = new Float64Array(n);
  }

  add(hop: number, wait: number, service: number, outcome: number): void {
    this.count[hop]++;
    if (outcome === OUTCOME_QUEUED) this.queued[hop]++;
    else if (outcome === OUTCOME_DROPPED) this.dropped[hop]++;
    this.waitSum[hop] += wait;
    this.serviceSum[hop] += service;
    if (wait > this.waitMax[hop]) this.waitMax[hop] = wait;
  }
}
