import type { ArchitectureId } from '../../model/architecture';
import { shippedModels, type Models } from '../../model/models';
import type { RunSummary } from '../../model/result';
import { vouchSimSpec, type ValidScenario, type ValidSimSpec } from '../../model/valid';
import { summarizeArchitectureSteps, type ArchitectureResult, type ComparisonResult } from '../compare';
import { precisionReport, type PrecisionRule } from '../precision';
import { replicationSeed } from '../replications';
import { Simulation } from '../simulation';
import { summarize } from '../summary';
import type { CompiledEntry } from './compiledSet';
import { runCost } from './visits';
import { assignShards } from './shards';

/**
 * runComparison (compare.ts) taken apart so hosts can share it and run it a slice at a time: a worker
 * gets the compiled specs (compiled once, on the page), runs its shard of the runs between messages —
 * reporting progress and honouring cancel — and the page assembles the result from every shard's runs
 * with the compiled scenarios it already holds. Same architectures, seeds and order as runComparison,
 * so the result is identical (tested).
 */

/** A design to simulate: its compiled spec. Designs that cannot run the scenario are not sent. */
export interface SpecEntry {
  architecture: ArchitectureId;
  spec: ValidSimSpec;
}

export interface SessionOptions {
  /** Runs replications `from` (0 when absent) up to, not including, `replications`: a round of a comparison. */
  replications: number;
  from?: number;
  /** Run only shard `index` of `count` (assignShards: equal work), so several workers can share a comparison. */
  shard?: { index: number; count: number };
}

export interface Job {
  architecture: ArchitectureId;
  replication: number;
}

/** The specs of the designs that can run, in the comparison's order. */
export function specsOf(set: readonly CompiledEntry[]): SpecEntry[] {
  return set.flatMap((e) =>
    e.status === 'compiled' ? [{ architecture: e.architecture, spec: e.compiled.spec }] : [],
  );
}

/**
 * Every run of a comparison (or of one round: replications `from` up to `replications`), in
 * runComparison's order: each design's replications in turn.
 */
export function planRuns(
  designs: readonly { architecture: ArchitectureId }[],
  replications: number,
  from = 0,
): Job[] {
  return designs.flatMap(({ architecture }) =>
    Array.from({ length: Math.max(0, replications - from) }, (_, k) => ({
      architecture,
      replication: from + k,
    })),
  );
}

export class ComparisonSession {
  readonly replications: number;
  private readonly specs = new Map<ArchitectureId, ValidSimSpec>();
  /** Every run of the comparison, in runComparison's order, and the ones this session performs. */
  private readonly allJobs: Job[];
  private readonly jobs: number[] = [];
  private readonly summaries: (RunSummary | null)[];
  private next = 0;
  /** The simulation being stepped, if any. */
  current: Simulation | null = null;

  constructor(
    private readonly seed: number,
    designs: readonly SpecEntry[],
    opts: SessionOptions,
  ) {
    this.replications = opts.replications;
    for (const d of designs) this.specs.set(d.architecture, d.spec);
    this.allJobs = planRuns(designs, this.replications, opts.from ?? 0);
    this.summaries = this.allJobs.map(() => null);
    const shard = opts.shard ?? { index: 0, count: 1 };
    // Shards get equal work, not equal run counts: a run costs about the hops one request visits
    // (expected visits over the call graph; a spec's hop list also holds every pod pair's routes).
    const cost = new Map<ArchitectureId, number>();
    const costOf = (a: ArchitectureId) => {
      if (!cost.has(a)) cost.set(a, runCost(this.specs.get(a)!));
      return cost.get(a)!;
    };
    const owner =
      shard.count === 1
        ? this.allJobs.map(() => 0)
        : assignShards(
            this.allJobs.map((job) => costOf(job.architecture)),
            shard.count,
          );
    this.allJobs.forEach((_, j) => {
      if (owner[j] === shard.index) this.jobs.push(j);
    });
  }

  /** Runs in runComparison's order: which architecture and replication each is. */
  get plan(): readonly Job[] {
    return this.allJobs;
  }

  /** Each run's summary by its place in `plan` (null for runs not done here, or not yet). */
  get summariesByRun(): readonly (RunSummary | null)[] {
    return this.summaries;
  }

  get jobsTotal(): number {
    return this.jobs.length;
  }

  get jobsDone(): number {
    return this.next;
  }

  get done(): boolean {
    return this.next >= this.jobs.length;
  }

  /** The architecture of the run in progress (or next to start). */
  get currentArchitecture(): ArchitectureId | null {
    const j = this.jobs[this.next];
    return j === undefined ? null : this.allJobs[j].architecture;
  }

  /** Processes up to `maxEvents` events; returns true once every run of this shard has finished. */
  step(maxEvents: number): boolean {
    let budget = maxEvents;
    while (budget > 0 && !this.done) {
      if (!this.current) {
        const job = this.allJobs[this.jobs[this.next]];
        const spec = this.specs.get(job.architecture)!;
        // The replication's seed is a uint32 like the scenario's: the spec stays trusted.
        this.current = new Simulation(
          vouchSimSpec({ ...spec, seed: replicationSeed(this.seed, job.replication) }),
        );
      }
      const sim = this.current;
      while (budget > 0 && sim.step()) budget--;
      if (sim.done) {
        this.summaries[this.jobs[this.next]] = summarize(sim);
        this.current = null;
        this.next++;
      } else if (budget > 0) budget--; // a step that did nothing still counts, so the loop ends
    }
    return this.done;
  }
}

export interface AssembleOptions {
  level?: number;
  models?: Models;
  /** Report whether the figures reach this precision, and the next round's replications if not. */
  precision?: PrecisionRule | null;
}

/**
 * The comparison from every run (indexed like planRuns over the compiled designs), with the compiled
 * scenarios behind them: as runComparison returns it. Throws when a run is missing.
 */
export function assembleComparison(
  scenario: ValidScenario,
  set: readonly CompiledEntry[],
  replications: number,
  runs: readonly (RunSummary | null)[],
  opts: AssembleOptions = {},
): ComparisonResult {
  const steps = assembleSteps(scenario, set, replications, runs, opts);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * `assembleComparison` a step at a time: it yields after each run's pass over its hops in each design's
 * summary (a 400-pod design's runs take tens of milliseconds to summarise), so a page can stay
 * responsive between them.
 */
export function* assembleSteps(
  scenario: ValidScenario,
  set: readonly CompiledEntry[],
  replications: number,
  runs: readonly (RunSummary | null)[],
  opts: AssembleOptions = {},
): Generator<void, ComparisonResult, void> {
  const level = opts.level ?? 0.99;
  const models = opts.models ?? shippedModels();
  const plan = planRuns(specsOf(set), replications);
  if (runs.length !== plan.length || runs.some((r) => !r))
    throw new Error(
      `expected ${plan.length} runs to assemble, got ${runs.filter((r) => r).length} of ${runs.length}`,
    );
  const runsOf = new Map<ArchitectureId, RunSummary[]>();
  plan.forEach((job, j) => {
    const list = runsOf.get(job.architecture) ?? [];
    list.push(runs[j]!);
    runsOf.set(job.architecture, list);
  });
  const baseRuns = runsOf.get('no-mesh') ?? null;
  const entries = new Map(set.map((e) => [e.architecture, e]));
  const results: ArchitectureResult[] = [];
  for (const a of scenario.architectures) {
    const entry = entries.get(a)!;
    const name = models.architectures.get(a)?.name ?? a;
    if (entry.status === 'unsupported') {
      results.push({ architecture: a, name, notes: [], unsupported: entry.reasons });
      continue;
    }
    results.push(yield* summarizeArchitectureSteps(a, name, entry.compiled, runsOf.get(a)!, baseRuns, level));
  }
  return {
    scenario,
    replications,
    level,
    results,
    precision: precisionReport(results, replications, level, opts.precision ?? null),
  };
}
