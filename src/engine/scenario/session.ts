import type { ArchitectureId } from '../../model/architecture';
import { shippedModels, type Models } from '../../model/models';
import type { RunSummary } from '../../model/result';
import { ScenarioSchema, type Scenario, type ScenarioInput } from '../../model/scenario';
import { summarizeArchitecture, type ArchitectureResult, type ComparisonResult } from '../compare';
import { replicationSeed } from '../replications';
import { compileSpec } from '../compile';
import type { SimSpec } from '../../model/simSpec';
import { Simulation } from '../simulation';
import { summarize } from '../summary';
import { compileScenario, UnsupportedError, type CompiledScenario } from './compileScenario';
import type { FeatureNote } from './features';
import { walkVisits } from './estimateModel';
import { assignShards } from './shards';

/**
 * runComparison (compare.ts) taken apart so a host can run it a slice at a time: the Web Worker steps
 * it between messages, reporting progress and honouring cancel. Same architectures, seeds and order
 * as runComparison, so the result is identical (tested).
 */

export interface SessionOptions {
  replications?: number;
  level?: number;
  models?: Models;
  /** Run only shard `index` of `count` (assignShards: equal work), so several workers can share a comparison. */
  shard?: { index: number; count: number };
}

interface Job {
  architecture: ArchitectureId;
  replication: number;
}

type Entry =
  { compiled: CompiledScenario; runs: RunSummary[] } | { unsupported: string[]; notes: FeatureNote[] };

export class ComparisonSession {
  readonly scenario: Scenario;
  readonly replications: number;
  readonly level: number;
  private readonly models: Models;
  private readonly entries = new Map<ArchitectureId, Entry>();
  /** Every run of the comparison, in runComparison's order, and the ones this session performs. */
  private readonly allJobs: Job[] = [];
  private readonly jobs: number[] = [];
  private readonly summaries: (RunSummary | null)[] = [];
  private next = 0;
  /** The simulation being stepped, if any. */
  current: Simulation | null = null;

  /** Compiles every architecture; throws ScenarioError (naming the field) when the scenario cannot be placed. */
  constructor(input: ScenarioInput | Scenario, opts: SessionOptions = {}) {
    this.scenario = ScenarioSchema.parse(input);
    this.replications = opts.replications ?? 5;
    this.level = opts.level ?? 0.99;
    this.models = opts.models ?? shippedModels();
    for (const a of this.all()) {
      try {
        this.entries.set(a, { compiled: compileScenario(this.scenario, a, this.models), runs: [] });
        for (let k = 0; k < this.replications; k++) this.allJobs.push({ architecture: a, replication: k });
      } catch (e) {
        if (!(e instanceof UnsupportedError)) throw e;
        this.entries.set(a, { unsupported: e.reasons, notes: [] });
      }
    }
    const shard = opts.shard ?? { index: 0, count: 1 };
    // Shards get equal work, not equal run counts: a run costs about the hops one request visits
    // (expected visits over the call graph; a spec's hop list also holds every pod pair's routes).
    const cost = new Map<ArchitectureId, number>();
    const costOf = (a: ArchitectureId) => {
      if (!cost.has(a)) {
        const spec = (this.entries.get(a) as { compiled: CompiledScenario }).compiled.spec as SimSpec;
        cost.set(
          a,
          walkVisits(compileSpec(spec), spec.hops.length).visits.reduce((x, y) => x + y, 0),
        );
      }
      return cost.get(a)!;
    };
    const owner = assignShards(
      this.allJobs.map((job) => costOf(job.architecture)),
      shard.count,
    );
    this.allJobs.forEach((_, j) => {
      this.summaries.push(null);
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

  /** Takes runs done elsewhere (another worker's shard); `runs` is indexed like `plan`. */
  absorb(runs: readonly (RunSummary | null)[]): void {
    if (runs.length !== this.allJobs.length)
      throw new Error(`expected ${this.allJobs.length} runs, got ${runs.length}`);
    runs.forEach((r, j) => {
      if (r) this.summaries[j] = r;
    });
  }

  /** Architectures run: the scenario's, with the no-mesh baseline first when it is not among them. */
  private all(): ArchitectureId[] {
    const archs = [...this.scenario.architectures];
    return archs.includes('no-mesh') ? archs : ['no-mesh', ...archs];
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

  /** Processes up to `maxEvents` events; returns true once every run has finished. */
  step(maxEvents: number): boolean {
    let budget = maxEvents;
    while (budget > 0 && !this.done) {
      if (!this.current) {
        const job = this.allJobs[this.jobs[this.next]];
        const entry = this.entries.get(job.architecture) as { compiled: CompiledScenario };
        this.current = new Simulation({
          ...entry.compiled.spec,
          seed: replicationSeed(this.scenario.seed, job.replication),
        });
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

  /** The comparison, as runComparison returns it; only once every run is in (here or absorbed). */
  result(): ComparisonResult {
    if (this.summaries.some((r) => r === null)) throw new Error('the comparison has not finished');
    for (const e of this.entries.values()) if ('runs' in e) e.runs.length = 0;
    this.allJobs.forEach((job, j) =>
      (this.entries.get(job.architecture) as { runs: RunSummary[] }).runs.push(this.summaries[j]!),
    );
    const base = this.entries.get('no-mesh');
    const baseRuns = base && 'runs' in base ? base.runs : null;
    const results = this.scenario.architectures.map((a): ArchitectureResult => {
      const entry = this.entries.get(a)!;
      const name = this.models.architectures.get(a)?.name ?? a;
      if ('unsupported' in entry)
        return { architecture: a, name, notes: entry.notes, unsupported: entry.unsupported };
      return summarizeArchitecture(a, name, entry.compiled, entry.runs, baseRuns, this.level);
    });
    return { scenario: this.scenario, replications: this.replications, level: this.level, results };
  }
}
