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
import type { RunSummary } from '../model/result';
import type { Scenario, ScenarioInput } from '../model/scenario';
import { validScenario, vouchSimSpec, type ValidScenario } from '../model/valid';
import { precisionReport, type PrecisionRule } from './precision';
import { runFraction, type ProgressHook } from './progress';
import { replicationSeed } from './replications';
import { compileScenario, UnsupportedError, type CompiledScenario } from './scenario/compileScenario';
import { proxiesOnPath } from './scenario/ledger';
import type { FeatureNote } from './scenario/features';
import { Simulation } from './simulation';
import { confidenceInterval } from './stats';
import { summarize } from './summary';

export { BREAKDOWN_CATEGORIES };
export type { BreakdownCategory, ComponentCpu, InstanceCpu, Percentiles, StationLoad };

/**
 * A design's result with what it was computed from (the compiled scenario and each run), or the
 * reasons it cannot run the scenario.
 */
export type ArchitectureResult =
  UnsupportedDesign | (SimulatedDesign & { compiled: CompiledScenario; runs: RunSummary[] });

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
  const steps = summarizeArchitectureSteps(a, name, compiled, runs, baseRuns, level);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * `summarizeArchitecture` a step at a time: it yields after each run's pass over its hops (a 400-pod
 * design's run has ~4,700), so a page summing many runs stays responsive. Same sums in the same order.
 */
export function* summarizeArchitectureSteps(
  a: ArchitectureId,
  name: string,
  compiled: CompiledScenario,
  runs: RunSummary[],
  baseRuns: RunSummary[] | null,
  level: number,
): Generator<void, ArchitectureResult, void> {
  const ci = (f: (r: RunSummary, k: number) => number) => confidenceInterval(runs.map(f), level);
  const pct = (pick: (r: RunSummary) => RunSummary['latency']['intended']) => ({
    mean: ci((r) => pick(r).mean),
    p50: ci((r) => pick(r).p50),
    p90: ci((r) => pick(r).p90),
    p99: ci((r) => pick(r).p99),
    p999: ci((r) => pick(r).p999),
  });
  const added = baseRuns
    ? {
        mean: ci((r, k) => r.latency.intended.mean - baseRuns[k].latency.intended.mean),
        p50: ci((r, k) => r.latency.intended.p50 - baseRuns[k].latency.intended.p50),
        p90: ci((r, k) => r.latency.intended.p90 - baseRuns[k].latency.intended.p90),
        p99: ci((r, k) => r.latency.intended.p99 - baseRuns[k].latency.intended.p99),
        p999: ci((r, k) => r.latency.intended.p999 - baseRuns[k].latency.intended.p999),
      }
    : undefined;

  const per1000 = (r: RunSummary, us: number) =>
    r.windowUs > 0 && r.throughputRps > 0 ? (us / r.windowUs) * (1000 / r.throughputRps) : 0;
  const components = [...new Set(compiled.hops.map((h) => h.component))].filter((c) => c !== 'wire');
  // Each run's CPU by component and in total in one pass over its hops (a pass per component and class
  // was a long task on the page at 400 pods); every sum adds its hops in hop order, as before.
  const slotOf = new Map(components.map((name, j) => [name, j]));
  const hopComponent = compiled.hops.map((h) => slotOf.get(h.component) ?? -1);
  const sums: ReturnType<typeof cpuSums>[] = [];
  for (const r of runs) {
    sums.push(cpuSums(r, hopComponent, components.length));
    yield;
  }
  const cpu = components.map((component, j) => ({
    component,
    container: ci((r, k) => per1000(r, sums[k].container[j])),
    kernel: ci((r, k) => per1000(r, sums[k].kernel[j])),
  }));
  const cpuTotal = {
    container: ci((r, k) => per1000(r, sums[k].totalContainer)),
    kernel: ci((r, k) => per1000(r, sums[k].totalKernel)),
  };
  const instances = [
    ...new Set(
      compiled.hops
        .filter((h) => h.component !== 'wire' && h.component !== 'kernel')
        .map((h) => `${h.component}\u0000${h.pod}`),
    ),
  ];
  // Each run's CPU per instance in one pass over its hops (a pass per instance was quadratic in pods);
  // each instance's sum adds its hops in the same order as before, so the same numbers.
  const slot = new Map(instances.map((key, i) => [key, i]));
  const hopSlot = compiled.hops.map((h) => slot.get(`${h.component}\u0000${h.pod}`) ?? -1);
  const perInstance: { container: number[]; kernel: number[] }[] = [];
  for (const r of runs) {
    const container = new Array<number>(instances.length).fill(0);
    const kernel = new Array<number>(instances.length).fill(0);
    r.hops.forEach((h, i) => {
      const j = hopSlot[i];
      if (j < 0) return;
      container[j] += h.cpuUsContainer;
      kernel[j] += h.cpuUsKernel;
    });
    perInstance.push({ container, kernel });
    yield;
  }
  const cpuByInstance = instances.map((key, j) => {
    const [component, instance] = key.split('\u0000');
    return {
      component,
      instance,
      container: ci((r, k) => per1000(r, perInstance[k].container[j])),
      kernel: ci((r, k) => per1000(r, perInstance[k].kernel[j])),
    };
  });

  const breakdown = Object.fromEntries(BREAKDOWN_CATEGORIES.map((c) => [c, 0])) as Record<
    BreakdownCategory,
    number
  >;
  for (const r of runs) {
    const n = r.requests.completed || 1;
    r.hops.forEach((h, i) => {
      const cat = compiled.hops[i].category as BreakdownCategory;
      breakdown[cat] += (h.count * h.meanService) / n / runs.length;
      breakdown.queueing += (h.count * h.meanQueueWait) / n / runs.length;
    });
    yield;
  }

  const mean = (f: (r: RunSummary) => number) => runs.reduce((s, r) => s + f(r), 0) / runs.length;
  const samples = Math.min(...runs.map((r) => r.latency.intended.n));
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
    stations: stationLoads(runs, level),
    compiled,
    runs,
  };
}

/** Per-station utilisation, queue length and wait per request, with intervals across replications; idle stations left out. */
export function stationLoads(runs: RunSummary[], level: number): StationLoad[] {
  if (runs.length === 0) return [];
  const busy = runs[0].stations
    .map((_, i) => i)
    .filter((i) => runs.some((r) => r.stations[i].utilization > 0));
  const loads = busy.map((i): StationLoad => {
    const st = runs[0].stations[i];
    const ci = (f: (r: RunSummary) => number) => confidenceInterval(runs.map(f), level);
    return {
      id: st.id,
      kind: st.kind,
      node: st.node,
      component: st.component,
      servers: st.servers,
      utilization: ci((r) => r.stations[i].utilization),
      meanQueueLength: ci((r) => r.stations[i].meanQueueLength),
      waitPerRequestUs: ci((r) =>
        r.throughputRps > 0 ? (r.stations[i].meanQueueLength * 1e6) / r.throughputRps : 0,
      ),
    };
  });
  return loads.sort(
    (a, b) => b.utilization.mean - a.utilization.mean || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/** A run's CPU µs per component (`hopComponent`: each hop's component slot, -1 none) and in total. */
function cpuSums(
  r: RunSummary,
  hopComponent: readonly number[],
  components: number,
): { container: Float64Array; kernel: Float64Array; totalContainer: number; totalKernel: number } {
  const container = new Float64Array(components);
  const kernel = new Float64Array(components);
  let totalContainer = 0;
  let totalKernel = 0;
  const hops = r.hops;
  for (let i = 0; i < hops.length; i++) {
    const h = hops[i];
    const j = hopComponent[i];
    if (j >= 0) {
      container[j] += h.cpuUsContainer;
      kernel[j] += h.cpuUsKernel;
    }
    totalContainer += h.cpuUsContainer;
    totalKernel += h.cpuUsKernel;
  }
  return { container, kernel, totalContainer, totalKernel };
}
