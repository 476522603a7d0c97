/**
 * Checkpoints of one run, for seeking: snapshots taken every `every` events as the run goes forward,
 * bounded in number and bytes. When either bound is passed, every other checkpoint is dropped and the
 * spacing doubles, so the kept ones stay evenly spaced in events (between maxCount/2 and maxCount of
 * them, the first always the initial state) however long the run. A seek restores the latest
 * checkpoint at or before the target and replays only from there — at most `every` events — and the
 * result is bit-identical to a replay from t = 0 (tested).
 */
import type { Simulation } from './simulation';
import { restore, snapshot, type SimSnapshot } from './snapshot';

export interface CheckpointOptions {
  /** Most checkpoints kept (≥ 1; 1 keeps only the initial state, i.e. every seek replays from t = 0). */
  maxCount?: number;
  /** Most bytes kept (approximate). */
  maxBytes?: number;
  /** Events between checkpoints until the first thinning. */
  firstEvery?: number;
  /** Keep the hop records held in the ring in each checkpoint (large; off by default). */
  records?: boolean;
  /** Called after each checkpoint is taken: a sign of progress a host can pass on (a worker's heartbeat). */
  onTake?: () => void;
}

export class Checkpoints {
  readonly maxCount: number;
  readonly maxBytes: number;
  private readonly records: boolean;
  private list: SimSnapshot[] = [];
  private every: number;
  private nextAt = 0;
  private held = 0;
  private readonly onTake: (() => void) | undefined;

  constructor(opts: CheckpointOptions = {}) {
    this.maxCount = opts.maxCount ?? 48;
    this.maxBytes = opts.maxBytes ?? 32 * 2 ** 20;
    this.every = opts.firstEvery ?? 4096;
    this.records = opts.records ?? false;
    this.onTake = opts.onTake;
    if (!(Number.isInteger(this.maxCount) && this.maxCount >= 1))
      throw new Error(`checkpoints: maxCount must be an integer ≥ 1, got ${this.maxCount}`);
    if (!(Number.isInteger(this.every) && this.every >= 1))
      throw new Error(`checkpoints: firstEvery must be an integer ≥ 1, got ${this.every}`);
    if (!(this.maxBytes > 0)) throw new Error(`checkpoints: maxBytes must be positive, got ${this.maxBytes}`);
  }

  /** Checkpoints held, oldest first. */
  get size(): number {
    return this.list.length;
  }
  /** Approximate bytes held. */
  get bytes(): number {
    return this.held;
  }
  /** Events between checkpoints now. */
  get spacing(): number {
    return this.every;
  }
  /** What each checkpoint stands for (time, events, requests sent), oldest first. */
  marks(): { now: number; events: number; sent: number }[] {
    return this.list.map(({ now, events, sent }) => ({ now, events, sent }));
  }

  /**
   * Call with the run's simulation before its first step and after each step (never after runUntil
   * has moved the clock past the last event): takes a checkpoint when one is due. Cheap otherwise.
   */
  offer(sim: Simulation): void {
    if (sim.events < this.nextAt || sim.done) return;
    const last = this.list[this.list.length - 1];
    if (last && sim.events <= last.events) return; // already have this moment or a later one
    const s = snapshot(sim, { records: this.records });
    this.list.push(s);
    this.held += s.bytes;
    this.nextAt = this.maxCount === 1 ? Infinity : s.events + this.every; // 1: the initial state only
    while ((this.list.length > this.maxCount || this.held > this.maxBytes) && this.list.length > 1)
      this.thin();
    this.onTake?.();
  }

  /** Drops every other checkpoint (keeping the initial one) and doubles the spacing. */
  private thin(): void {
    this.list = this.list.filter((_, i) => i % 2 === 0);
    this.held = this.list.reduce((a, s) => a + s.bytes, 0);
    this.every *= 2;
    this.nextAt = this.list[this.list.length - 1].events + this.every;
  }

  /** The initial state (before any event). */
  first(): SimSnapshot {
    const s = this.list[0];
    if (!s || s.events !== 0) throw new Error('checkpoints: the initial state was not offered');
    return s;
  }

  /** The latest checkpoint taken at or before simulated time t. */
  atOrBefore(t: number): SimSnapshot {
    for (let i = this.list.length - 1; i > 0; i--) if (this.list[i].now <= t) return this.list[i];
    return this.first();
  }

  /** The latest checkpoint taken before request `seq` was sent (none of its hops has begun there). */
  beforeRequest(seq: number): SimSnapshot {
    for (let i = this.list.length - 1; i > 0; i--) if (this.list[i].sent <= seq) return this.list[i];
    return this.first();
  }

  /**
   * Brings `sim` to time t exactly as a replay from t = 0 with runUntil(t) would: restores the latest
   * checkpoint at or before t, unless `sim` already stands between that checkpoint and t (then it just
   * continues, which is as exact and cheaper).
   */
  seek(sim: Simulation, t: number): void {
    const cp = this.atOrBefore(t);
    if (sim.now > t || sim.events < cp.events) restore(sim, cp);
    sim.runUntil(t);
  }

  /** Puts `sim` in the state of checkpoint `cp` (one of these). */
  restore(sim: Simulation, cp: SimSnapshot): void {
    restore(sim, cp);
  }
}
