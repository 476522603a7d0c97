import type {
  BreakdownCategory,
  ComponentCpu,
  InstanceCpu,
  Percentiles,
  SimulatedDesign,
  StationLoad,
  UnsupportedDesign,
} from '../model/comparison';
import { BREAKDOWN_CATEGORIES, type PrecisionReport } from '../model/comparison';
import type { ArchitectureId } from '../model/architecture';
import type { Models } from '../model/models';
import { shippedModels } from '../model/models';
import type { RunSummary, StationSummary } from '../model/result';
import type { Scenario, ScenarioInput } from '../model/scenario';
import { validScenario, vouchSimSpec, type ValidScenario } from '../model/valid';
import { precisionReport, type PrecisionRule } from './precision';
import { runFraction, type ProgressHook } from './progress';
import { replicationSeed } from './replications';
import { compileScenario, UnsupportedError, type CompiledScenario } from './scenario/compileScenario';
import { proxiesOnPath } from './scenario/ledger';
import { drain } from './scenario/stepBudget';
import type { FeatureNote } from './scenario/features';
import { Simulation } from './simulation';
import { STATION_FIELDS, stationLabels } from './packedRun';
import {
  designShape,
  digestRun,
  emptyLedger,
  type LedgerSums,
  type RunDigest,
  type RunHead,
} from './runDigest';
import { confidenceInterval } from './stats';
import { summarize } from './summary';

export { BREAKDOWN_CATEGORIES };
export type { BreakdownCategory, ComponentCpu, InstanceCpu, Percentiles, StationLoad };

/**
 * A simulated design's figures with what they were computed from: the compiled scenario, each run's
 * digest and the ledger's sums over the runs (runDigest.ts; a run is read once, not kept).
 */
export type SimulatedResult = SimulatedDesign & {
  compiled: CompiledScenario;
  digests: RunDigest[];
  ledger: LedgerSums;
};

/** A design's result, or the reasons it cannot run the scenario. */
export type ArchitectureResult = UnsupportedDesign | SimulatedResult;

/** Below this many samples per replication, p99.9 rests on fewer than ~10 tail samples: unreliable. */
export const P999_MIN_SAMPLES = 10_000;

export interface ComparisonResult {
  scenario: Scenario;
  replications: number;
  level: number;
  results: ArchitectureResult[];
  /** How precise the headline figures are (and, with a precision rule, whether the target was met). */
  precision: PrecisionReport;
}

export interface CompareOptions {
  /** Replications of the first round (all of them without `precision`). */
  replications?: number;
  level?: number;
  models?: Models;
  /** Run rounds of replications until the headline figures reach this precision (or its cap). */
  precision?: PrecisionRule | null;
  /** Called after each simulation run, for progress (total grows when a round is added). */
  onRun?: (done: number, total: number) => void;
  /** Called during each run (every TICK_EVENTS events) with runs done, runs in all and the run's fraction. */
  onTick?: ProgressHook;
}

type Entry =
  { compiled: CompiledScenario; runs: RunSummary[] } | { unsupported: string[]; notes: FeatureNote[] };

/**
 * Runs every architecture of the scenario on the same seeds (common random numbers: same arrivals),
 * with replications, and the no-mesh baseline too so added latency can be paired per seed. With a
 * precision rule, further rounds of replications (every design, the same seeds) follow until the
 * headline figures are precise enough.
 */
export function runComparison(
  input: ScenarioInput | Scenario | ValidScenario,
  opts: CompareOptions = {},
): ComparisonResult {
  const scenario = validScenario(input);
  const level = opts.level ?? 0.99;
  const models = opts.models ?? shippedModels();
  const rule = opts.precision ?? null;
  const archs = [...scenario.architectures];
  const needBaseline = !archs.includes('no-mesh');
  const all: ArchitectureId[] = needBaseline ? ['no-mesh', ...archs] : archs;

  const entries = new Map<ArchitectureId, Entry>();
  for (const a of all) {
    try {
      entries.set(a, { compiled: compileScenario(scenario, a, models), runs: [] });
    } catch (e) {
      if (!(e instanceof UnsupportedError)) throw e;
      entries.set(a, { unsupported: e.reasons, notes: [] });
    }
  }
  const runnable = [...entries.values()].filter((e) => 'runs' in e).length;

  let reps = opts.replications ?? 5;
  let done = 0;
  let total = runnable * reps;
  for (;;) {
    for (const entry of entries.values()) {
      if (!('runs' in entry)) continue;
      for (let k = entry.runs.length; k < reps; k++) {
        // The replication's seed is a uint32 like the scenario's: the compiled spec stays trusted (no re-parse).
        const sim = new Simulation(
          vouchSimSpec({ ...entry.compiled.spec, seed: replicationSeed(scenario.seed, k) }),
        );
        const tick = opts.onTick;
        entry.runs.push(summarize(sim.run(tick && (() => tick(done, total, runFraction(sim))))));
        opts.onRun?.(++done, total);
      }
    }
    const result = resultOf(scenario, archs, entries, reps, level, models, rule);
    if (result.precision.next === null) return result;
    total += runnable * (result.precision.next - reps);
    reps = result.precision.next;
  }
}

function resultOf(
  scenario: ValidScenario,
  archs: readonly ArchitectureId[],
  entries: ReadonlyMap<ArchitectureId, Entry>,
  replications: number,
  level: number,
  models: Models,
  rule: PrecisionRule | null,
): ComparisonResult {
  const base = entries.get('no-mesh');
  const baseRuns = base && 'runs' in base ? base.runs : null;
  const results = archs.map((a): ArchitectureResult => {
    const entry = entries.get(a)!;
    const name = models.architectures.get(a)?.name ?? a;
    if ('unsupported' in entry)
      return { architecture: a, name, notes: entry.notes, unsupported: entry.unsupported };
    return summarizeArchitecture(a, name, entry.compiled, entry.runs, baseRuns, level);
  });
  return {
    scenario,
    replications,
    level,
    results,
    precision: precisionReport(results, replications, level, rule),
  };
}

export function summarizeArchitecture(
  a: ArchitectureId,
  name: string,
  compiled: CompiledScenario,
  runs: RunSummary[],
  baseRuns: RunSummary[] | null,
  level: number,
): ArchitectureResult {
  const shape = designShape(compiled);
  const ledger = emptyLedger(shape.hops);
  const digests = runs.map((r) => digestRun(shape, r, ledger));
  const base = baseRuns && baseRuns.map((r) => r.latency.intended);
  return drain(summarizeDigestsSteps(a, name, compiled, digests, ledger, base, level));
}

/**
 * Instances (or stations) whose intervals one step of summarizeDigestsSteps works out. At 500,
 * large-mesh's steps took 32–43 ms on a profiled page while the workers ran.
 */
const INSTANCES_PER_STEP = 100;

/**
 * A design's figures from its runs' digests (in replication order) and its ledger sums, in steps: the
 * headline figures, then an interval per instance (INSTANCES_PER_STEP a step), then per station (a
 * 2,000-pod design has thousands of each). `base`: the no-mesh design's latency per replication, for the
 * added latency paired per seed.
 */
export function* summarizeDigestsSteps(
  a: ArchitectureId,
  name: string,
  compiled: CompiledScenario,
  digests: readonly RunDigest[],
  ledger: LedgerSums,
  base: readonly RunHead['latency']['intended'][] | null,
  level: number,
): Generator<void, SimulatedResult, void> {
  const shape = designShape(compiled);
  const heads = digests.map((d) => d.head);
  const ci = (f: (r: RunHead, k: number) => number) => confidenceInterval(heads.map(f), level);
  const pct = (pick: (r: RunHead) => RunHead['latency']['intended']) => ({
    mean: ci((r) => pick(r).mean),
    p50: ci((r) => pick(r).p50),
    p90: ci((r) => pick(r).p90),
    p99: ci((r) => pick(r).p99),
    p999: ci((r) => pick(r).p999),
  });
  const added = base
    ? {
        mean: ci((r, k) => r.latency.intended.mean - base[k].mean),
        p50: ci((r, k) => r.latency.intended.p50 - base[k].p50),
        p90: ci((r, k) => r.latency.intended.p90 - base[k].p90),
        p99: ci((r, k) => r.latency.intended.p99 - base[k].p99),
        p999: ci((r, k) => r.latency.intended.p999 - base[k].p999),
      }
    : undefined;

  const per1000 = (r: RunHead, us: number) =>
    r.windowUs > 0 && r.throughputRps > 0 ? (us / r.windowUs) * (1000 / r.throughputRps) : 0;
  const cpu = shape.components.map((component, j) => ({
    component,
    container: ci((r, k) => per1000(r, digests[k].cpuContainer[j])),
    kernel: ci((r, k) => per1000(r, digests[k].cpuKernel[j])),
  }));
  const cpuTotal = {
    container: ci((r, k) => per1000(r, digests[k].totalContainer)),
    kernel: ci((r, k) => per1000(r, digests[k].totalKernel)),
  };
  yield;
  const cpuByInstance: SimulatedDesign['cpuByInstance'] = [];
  for (let j = 0; j < shape.instances.length; j++) {
    // Two intervals an instance, thousands of instances: a step of their own every so many.
    if (j > 0 && j % INSTANCES_PER_STEP === 0) yield;
    const [component, instance] = shape.instances[j];
    cpuByInstance.push({
      component,
      instance,
      container: ci((r, k) => per1000(r, digests[k].instanceContainer[j])),
      kernel: ci((r, k) => per1000(r, digests[k].instanceKernel[j])),
    });
  }
  // Each category's mean over the runs of its µs per request (each run's summed over its hops in order).
  const breakdown = Object.fromEntries(
    BREAKDOWN_CATEGORIES.map((c, i) => [c, digests.reduce((s, d) => s + d.breakdown[i], 0) / digests.length]),
  ) as Record<BreakdownCategory, number>;

  yield;
  const stations = yield* stationLoadsSteps(stationLabels(compiled.spec), digests, level);
  const mean = (f: (r: RunHead) => number) => heads.reduce((s, r) => s + f(r), 0) / heads.length;
  const samples = Math.min(...heads.map((r) => r.latency.intended.n));
  return {
    architecture: a,
    name,
    notes: compiled.notes,
    latency: pct((r) => r.latency.intended),
    latencyActual: pct((r) => r.latency.actual),
    added,
    throughputRps: ci((r) => r.throughputRps),
    outcomes: {
      failedShare: ci((r) => (r.requests.measured ? r.requests.failed / r.requests.measured : 0)),
      retriesPerRequest: ci((r) => (r.requests.measured ? r.requests.retries / r.requests.measured : 0)),
      timeoutsPerRequest: ci((r) => (r.requests.measured ? r.requests.timeouts / r.requests.measured : 0)),
    },
    cpu,
    cpuTotal,
    cpuByInstance,
    breakdown,
    perRequest: {
      hops: mean((r) => r.perRequest.hops),
      kernelCrossings: mean((r) => r.perRequest.kernelCrossings),
      copies: mean((r) => r.perRequest.copies),
      contextSwitches: mean((r) => r.perRequest.contextSwitches),
      cpuUs: mean((r) => r.perRequest.cpuUs),
      proxies: proxiesOnPath(compiled),
    },
    samplesPerReplication: samples,
    p999Reliable: samples >= P999_MIN_SAMPLES,
    stations,
    compiled,
    digests: [...digests],
    ledger,
  };
}

/** Per-station utilisation, queue length and wait per request, with intervals across replications; idle stations left out. */
export function stationLoads(runs: RunSummary[], level: number): StationLoad[] {
  if (runs.length === 0) return [];
  const figures = runs.map((r) => {
    const f = new Float64Array(r.stations.length * STATION_FIELDS);
    r.stations.forEach((s, i) => f.set([s.servers, s.utilization, s.meanQueueLength], i * STATION_FIELDS));
    return { head: r, stations: f };
  });
  return drain(stationLoadsSteps(runs[0].stations, figures, level));
}

/**
 * stationLoads from each run's station columns (servers, utilisation, mean queue length per station),
 * INSTANCES_PER_STEP stations a step (a 2,000-pod design has thousands).
 */
function* stationLoadsSteps(
  labels: readonly Pick<StationSummary, 'id' | 'kind' | 'node' | 'component'>[],
  runs: readonly { head: RunHead; stations: Float64Array }[],
  level: number,
): Generator<void, StationLoad[], void> {
  if (runs.length === 0) return [];
  const S = 0;
  const U = 1;
  const Q = 2;
  const at = (i: number, field: number) => i * STATION_FIELDS + field;
  const busy = labels.map((_, i) => i).filter((i) => runs.some((r) => r.stations[at(i, U)] > 0));
  const loads: StationLoad[] = [];
  for (let j = 0; j < busy.length; j++) {
    if (j > 0 && j % INSTANCES_PER_STEP === 0) yield;
    const i = busy[j];
    const st = labels[i];
    const ci = (f: (r: (typeof runs)[number]) => number) => confidenceInterval(runs.map(f), level);
    loads.push({
      id: st.id,
      kind: st.kind,
      node: st.node,
      component: st.component,
      servers: runs[0].stations[at(i, S)],
      utilization: ci((r) => r.stations[at(i, U)]),
      meanQueueLength: ci((r) => r.stations[at(i, Q)]),
      waitPerRequestUs: ci((r) =>
        r.head.throughputRps > 0 ? (r.stations[at(i, Q)] * 1e6) / r.head.throughputRps : 0,
      ),
    });
  }
  return loads.sort(
    (a, b) => b.utilization.mean - a.utilization.mean || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}
