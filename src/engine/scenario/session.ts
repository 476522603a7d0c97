import type { ArchitectureId } from '../../model/architecture';
import { shippedModels, type Models } from '../../model/models';
import type { RunSummary } from '../../model/result';
import { vouchSimSpec, type ValidScenario, type ValidSimSpec } from '../../model/valid';
import { summarizeDigestsSteps, type ArchitectureResult, type ComparisonResult } from '../compare';
import {
  copyLedger,
  designShape,
  designShapeSteps,
  digestProblem,
  digestRun,
  emptyLedger,
  packedOf,
  type LedgerSums,
  type RunDigest,
  type RunFigures,
} from '../runDigest';
import { precisionReport, type PrecisionRule } from '../precision';
import { replicationSeed } from '../replications';
import { Simulation } from '../simulation';
import { summarize } from '../summary';
import { packRun, type PackedRun } from '../packedRun';
import type { CompiledEntry } from './compiledSet';
import { drain } from './stepBudget';
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
  /**
   * Keep each run's figures only, packed (packedRun.ts), as soon as it ends: a shard of a large mesh's
   * runs held as summaries is an object per hop per run until the shard ends (tens of MB).
   */
  packed?: boolean;
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
  private readonly packedRuns: (PackedRun | null)[];
  private readonly packed: boolean;
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
    this.packedRuns = this.allJobs.map(() => null);
    this.packed = opts.packed ?? false;
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

  /** Each run's summary by its place in `plan` (null for runs not done here, or not yet; all null when packed). */
  get summariesByRun(): readonly (RunSummary | null)[] {
    return this.summaries;
  }

  /** With `packed`: each run's figures by its place in `plan` (null for runs not done here, or not yet). */
  get packedByRun(): readonly (PackedRun | null)[] {
    return this.packedRuns;
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

  /**
   * One piece of this shard's work; returns true once every run has finished. A piece is up to
   * `maxEvents` events of the current run, or starting a run, or reading a finished run's figures:
   * never two of them, so the caller's checks between pieces (cancel, progress) are never further
   * apart than the largest single piece. At 2,000 pods starting a run takes 25–65 ms (more for a
   * design's first, which compiles its network) and reading one 7–38 ms, beside 15–40 ms for 50,000
   * events; together in one piece they held a cancel up for about 200 ms.
   */
  step(maxEvents: number): boolean {
    if (this.done) return true;
    const sim = this.current;
    if (!sim) {
      const job = this.allJobs[this.jobs[this.next]];
      const spec = this.specs.get(job.architecture)!;
      // The replication's seed is a uint32 like the scenario's: the spec stays trusted.
      this.current = new Simulation(
        vouchSimSpec({ ...spec, seed: replicationSeed(this.seed, job.replication) }),
      );
      return false;
    }
    if (sim.done) {
      const j = this.jobs[this.next];
      if (this.packed) this.packedRuns[j] = packRun(summarize(sim));
      else this.summaries[j] = summarize(sim);
      this.current = null;
      this.next++;
      return this.done;
    }
    // Simulation.step() is false only once the run is done: the next piece reads it.
    for (let budget = maxEvents; budget > 0 && sim.step(); budget--);
    return false;
  }
}

export interface AssembleOptions {
  level?: number;
  models?: Models;
  /** Report whether the figures reach this precision, and the next round's replications if not. */
  precision?: PrecisionRule | null;
  /**
   * What an earlier assembly of the same comparison read (its first `replications`): the runs given
   * are then only the later replications'. A round's assembly reads only the round's runs.
   */
  carry?: AssemblyCarry | null;
}

/**
 * What an assembly has read of a comparison's first `replications`: each design's run digests and
 * ledger sums (runDigest.ts). Never changed once returned: a later assembly adds to copies.
 */
export interface AssemblyCarry {
  replications: number;
  designs: ReadonlyMap<ArchitectureId, { digests: readonly RunDigest[]; ledger: LedgerSums }>;
}

/** An assembly's comparison, and what it read (for the next round's assembly). */
export interface Assembled {
  result: ComparisonResult;
  carry: AssemblyCarry;
}

/**
 * The comparison from every run (indexed like planRuns over the compiled designs), with the compiled
 * scenarios behind them: as runComparison returns it. Throws when a run is missing.
 */
export function assembleComparison(
  scenario: ValidScenario,
  set: readonly CompiledEntry[],
  replications: number,
  runs: readonly (RunFigures | null)[],
  opts: AssembleOptions = {},
): ComparisonResult {
  return drain(assembleSteps(scenario, set, replications, runs, opts)).result;
}

/**
 * `assembleComparison` a step at a time: each run is read in a step of its own (a 400-pod design's
 * run has ~4,700 hops; a 2,000-pod one's up to 34,000), then a step per design's figures, so a page can
 * stay responsive between them. With a carry, only the runs after it are read: the figures are the
 * same as from every run at once (the sums add the same terms in the same order).
 */
export function* assembleSteps(
  scenario: ValidScenario,
  set: readonly CompiledEntry[],
  replications: number,
  runs: readonly (RunFigures | null)[],
  opts: AssembleOptions = {},
): Generator<void, Assembled, void> {
  const level = opts.level ?? 0.99;
  const models = opts.models ?? shippedModels();
  const carry = opts.carry ?? null;
  const from = carry?.replications ?? 0;
  const plan = planRuns(specsOf(set), replications, from);
  if (runs.length !== plan.length || runs.some((r) => !r))
    throw new Error(
      `expected ${plan.length} runs to assemble, got ${runs.filter((r) => r).length} of ${runs.length}`,
    );
  const entries = new Map(set.map((e) => [e.architecture, e]));
  const read = new Map<ArchitectureId, { digests: RunDigest[]; ledger: LedgerSums }>();
  for (const e of set) {
    if (e.status !== 'compiled') continue;
    const before = carry?.designs.get(e.architecture);
    if (carry && !before) throw new Error(`the carried assembly has no ${e.architecture}`);
    read.set(e.architecture, {
      digests: before ? [...before.digests] : [],
      ledger: before ? copyLedger(before.ledger) : emptyLedger((yield* designShapeSteps(e.compiled)).hops),
    });
    // A design's sums (its first assembly: its slots worked out a part at a time; later ones: a copy of
    // four columns of up to 34,000 hops) take a step of their own: five copies in one took 64–85 ms on a page.
    yield;
  }
  for (let j = 0; j < plan.length; j++) {
    const { architecture, replication } = plan[j];
    const entry = entries.get(architecture)!;
    if (entry.status !== 'compiled') continue;
    const shape = designShape(entry.compiled);
    const design = read.get(architecture)!;
    if (design.digests.length !== replication)
      throw new Error(`run ${j} is replication ${replication}; ${design.digests.length} were read`);
    const run = packedOf(runs[j]!);
    const problem = digestProblem(shape, run);
    if (problem) throw new Error(`run ${j} (${architecture}): ${problem}`);
    // Each replication has its own seed: a run in another replication's place is refused, not read.
    if (run.head.seed !== replicationSeed(scenario.seed, replication))
      throw new Error(
        `run ${j} (${architecture}) has seed ${run.head.seed}, not replication ${replication}'s`,
      );
    design.digests.push(digestRun(shape, run, design.ledger));
    yield;
  }
  const base = read.get('no-mesh')?.digests.map((d) => d.head.latency.intended) ?? null;
  const results: ArchitectureResult[] = [];
  for (const a of scenario.architectures) {
    const entry = entries.get(a)!;
    const name = models.architectures.get(a)?.name ?? a;
    if (entry.status === 'unsupported') {
      results.push({ architecture: a, name, notes: [], unsupported: entry.reasons });
      continue;
    }
    const design = read.get(a)!;
    results.push(
      yield* summarizeDigestsSteps(a, name, entry.compiled, design.digests, design.ledger, base, level),
    );
    yield;
  }
  return {
    result: {
      scenario,
      replications,
      level,
      results,
      precision: precisionReport(results, replications, level, opts.precision ?? null),
    },
    carry: { replications, designs: read },
  };
}
