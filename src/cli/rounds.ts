import {
  assembleSteps,
  compileAll,
  drain,
  runCost,
  specsOf,
  type AssemblyCarry,
  type ComparisonResult,
  type CompiledEntry,
  type SpecEntry,
} from '../engine';
import type { Models } from '../model/models';
import type { PrecisionRule } from '../model/precision';
import type { RunSummary } from '../model/result';
import type { ValidScenario } from '../model/valid';
import { claimOrder, RunBoard } from './board';
import { OneRun, SLICE_EVENTS } from './oneRun';
import type { ThreadMessage } from './thread';
import { takeThreads, type RoundProgress, type WorkerPool } from './threads';

/**
 * A comparison as the CLI runs it: compiled once per design, then rounds of replications (until the
 * precision rule is met, or one round for a fixed count), assembled from the runs. Every run of a round
 * is on a shared board (board.ts) that this thread and the worker threads take runs from one at a time,
 * longest first; once a round's runs are all taken, free threads start the one replication the next
 * round is sure to need (a round adds at least one), kept if it comes. Same seeds and rounds as
 * runComparison, so the same numbers (tested), whichever thread ran what and on any number of threads.
 */
export interface RoundsOptions {
  replications: number;
  precision: PrecisionRule | null;
  models?: Models;
  /** Threads to share the runs among, this one included; 1 runs everything here. */
  threads: number;
  progress?: RoundProgress;
  /** Called when a worker thread could not start (the others, and this thread, do its share). */
  onNoThreads?: () => void;
  /** False leaves every run to the worker threads (tests of the threads' side); default true. */
  mainRuns?: boolean;
}

/** A thread that says nothing for this long has stopped (it reports every slice, a few times a second). */
const SILENCE_MS = 120_000;

export function compareInRounds(scenario: ValidScenario, opts: RoundsOptions): ComparisonResult {
  const mainRuns = opts.mainRuns ?? true;
  const workers = mainRuns ? opts.threads - 1 : opts.threads;
  // Started first, so the threads load the engine while this one compiles.
  const pool = workers > 0 ? takeThreads(workers) : null;
  try {
    const set = compileAll(scenario, opts.models);
    return new Rounds(scenario, set, specsOf(set), pool, opts, mainRuns).run();
  } finally {
    pool?.close();
  }
}

class Rounds {
  private readonly board: RunBoard;
  private readonly cost: number[];
  /** Each run's summary until a round's assembly has read it (then dropped: a large mesh's are megabytes). */
  private readonly results: (RunSummary | null)[];
  /** Runs that have come in (a run ahead may come twice: from this thread and from a worker's). */
  private readonly have: Uint8Array;
  /** This round's runs by slot, and how many of them have no result yet. */
  private readonly inRound: Uint8Array;
  private roundSize = 0;
  private pending = 0;
  /** The order runs are taken in, and where this thread looks next. */
  private list: number[] = [];
  private cursor = 0;
  private current: { slot: number; run: OneRun } | null = null;
  /** The run each worker thread is on (-1: none) and how far it has got. */
  private readonly onThread: { slot: number; fraction: number }[];
  private heard = Date.now();
  private warned = false;

  constructor(
    private readonly scenario: ValidScenario,
    private readonly set: readonly CompiledEntry[],
    private readonly designs: readonly SpecEntry[],
    private readonly pool: WorkerPool | null,
    private readonly opts: RoundsOptions,
    private readonly mainRuns: boolean,
  ) {
    const width = Math.max(opts.replications, opts.precision?.maxReplications ?? 0) + 1;
    this.board = new RunBoard(designs.length, width);
    this.cost = designs.map((d) => runCost(d.spec));
    this.results = Array.from({ length: designs.length * width }, () => null);
    this.have = new Uint8Array(designs.length * width);
    this.inRound = new Uint8Array(designs.length * width);
    this.onThread = Array.from({ length: pool?.size ?? 0 }, () => ({ slot: -1, fraction: 0 }));
    pool?.post({
      type: 'designs',
      seed: scenario.seed,
      specs: designs.map((d) => d.spec),
      board: this.board.buffer,
      width,
    });
  }

  run(): ComparisonResult {
    let from = 0;
    let to = this.opts.replications;
    let carry: AssemblyCarry | null = null;
    for (;;) {
      this.plan(from, to);
      this.work();
      // Each round reads only its own runs, on top of what the last round's assembly read.
      const slots = this.designs.flatMap((_, d) =>
        Array.from({ length: to - from }, (_, k) => this.board.slot(d, from + k)),
      );
      const read: { result: ComparisonResult; carry: AssemblyCarry } = drain(
        assembleSteps(
          this.scenario,
          this.set,
          to,
          slots.map((s) => this.results[s]),
          { models: this.opts.models, precision: this.opts.precision, carry },
        ),
      );
      const { result } = read;
      carry = read.carry;
      for (const s of slots) this.results[s] = null;
      if (this.opts.precision === null || result.precision.next === null) return result;
      from = to;
      to = result.precision.next;
    }
  }

  /** Puts replications from..to of every design on the board, then the next round's sure replication. */
  private plan(from: number, to: number): void {
    const slots = (k: number) => this.designs.map((_, d) => this.board.slot(d, k));
    const round: number[] = [];
    for (let k = from; k < to; k++) round.push(...slots(k));
    this.inRound.fill(0);
    for (const s of round) this.inRound[s] = 1;
    this.roundSize = round.length;
    this.pending = round.filter((s) => !this.have[s]).length;
    const rule = this.opts.precision;
    const ahead = rule !== null && to < rule.maxReplications && to < this.board.width ? slots(to) : [];
    this.list = [...claimOrder(this.board, round, this.cost), ...claimOrder(this.board, ahead, this.cost)];
    this.cursor = 0;
    this.pool?.post({ type: 'list', slots: this.list });
  }

  /** Runs (here and on the threads) until every run of the round has its result. */
  private work(): void {
    for (;;) {
      this.pool?.drain((m, i) => this.take(m, i));
      if (this.pending === 0) return;
      if (!this.current && this.mainRuns) {
        const at = this.board.claimNext(this.list, this.cursor);
        if (at >= 0) {
          this.cursor = at + 1;
          const slot = this.list[at];
          const d = this.board.design(slot);
          this.current = {
            slot,
            run: new OneRun(this.scenario.seed, this.designs[d].spec, this.board.replication(slot)),
          };
        }
      }
      if (this.current) {
        if (this.current.run.step(SLICE_EVENTS)) {
          this.done(this.current.slot, this.current.run.summary());
          this.current = null;
        }
      } else {
        if (!this.pool) throw new Error('runs are left with no thread to run them');
        if (Date.now() - this.heard > SILENCE_MS)
          throw new Error(`a worker thread stopped answering for ${SILENCE_MS / 1000} s`);
        this.pool.wait(1_000);
      }
      this.report();
    }
  }

  private take(m: ThreadMessage, thread: number): void {
    this.heard = Date.now();
    const on = this.onThread[thread];
    if (m.type === 'start' || m.type === 'progress') {
      on.slot = m.slot;
      on.fraction = m.type === 'start' ? 0 : m.fraction;
    } else if (m.type === 'run') {
      on.slot = -1;
      this.done(m.slot, m.summary);
    } else if (m.type === 'error') {
      if (!m.boot || !this.mainRuns) throw new Error(`a worker thread failed: ${m.message}`);
      if (!this.warned) this.opts.onNoThreads?.();
      this.warned = true;
    }
  }

  private done(slot: number, summary: RunSummary): void {
    if (this.have[slot]) return;
    this.have[slot] = 1;
    this.results[slot] = summary;
    if (this.inRound[slot]) this.pending--;
  }

  private report(): void {
    const progress = this.opts.progress;
    if (!progress) return;
    const open = (slot: number) => slot >= 0 && this.inRound[slot] === 1 && !this.have[slot];
    let f = this.current && open(this.current.slot) ? this.current.run.fraction : 0;
    for (const on of this.onThread) if (open(on.slot)) f += on.fraction;
    const done = this.roundSize - this.pending;
    progress(done + Math.floor(f), this.roundSize, f - Math.floor(f));
  }
}
