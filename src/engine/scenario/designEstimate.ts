import {
  BREAKDOWN_CATEGORIES,
  type BottleneckLoad,
  type BreakdownCategory,
  type DesignEstimate,
} from '../../model/comparison';
import { distributionMean } from '../../model/distribution';
import type { SimSpec } from '../../model/simSpec';
import type { ValidSimSpec } from '../../model/valid';
import type { CompiledScenario, HopInfo } from './compileScenario';
import { ledgerFromPlan, ledgerPlanSteps, proxiesOnPath, type LedgerPlan } from './ledger';
import {
  evaluate,
  evaluateSteps,
  prepare,
  prepareSteps,
  type Evaluation,
  type Prepared,
} from './estimateModel';
import { closedThroughput, saturationRateSteps } from './saturation';
import { drain, StepBudget } from './stepBudget';

/**
 * One compiled design's analytic estimate (estimate.ts puts the designs together): its load, the M/G/c
 * evaluation, saturation and load curve, breakdown, CPU, counters and ledger.
 */

/**
 * Loads (fractions of the saturation load) the latency curve is worked out at. A chart starts at
 * CURVE_SHOWN_FROM (model/comparison.ts) of the most constrained design's saturation; designs in one comparison saturate up
 * to about 300× apart (a waypoint's against no mesh at 30 nodes), so the points below reach far enough
 * down that every design's line spans the chart from its left edge.
 */
export const LOAD_FRACTIONS = [
  0.00005, 0.0005, 0.005, 0.02, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.98,
] as const;

export const APPROX_PACED =
  'Paced (Fortio-style) load is treated as open Poisson arrivals at the same rate, which overstates queueing: little at light load, up to about twice the simulated mean near saturation.';
export const APPROX_CLOSED =
  'Closed load is treated as Poisson arrivals at the throughput N / (think time + latency), solved by bisection.';
export const APPROX_FAN_OUT =
  'A fan-out is taken to last as long as its slowest branch’s mean: a lower bound, because the expected maximum of random branch times is larger.';
export const APPROX_HELD =
  'A thread or permit held across a call (Hystrix isolation) is a queue whose holding time is the mean time of the call it spans: Erlang’s loss formula when it has no waiting room (a refused call fails fast, and an immediate retry finds the pool still full), M/M/c/K or M/G/c otherwise, solved to a fixed point.';
export const APPROX_MGC =
  'Waiting at each resource by the M/G/c approximation (Erlang C with the (1 + cs²)/2 correction), as if each saw Poisson arrivals.';

export type StationLoad = BottleneckLoad;

export type Core = Omit<
  DesignEstimate,
  | 'architecture'
  | 'name'
  | 'notes'
  | 'unsupported'
  | 'footprint'
  | 'scaling'
  | 'servicesScaling'
  | 'cpuScaling'
  | 'trafficRps'
  | 'addedCpu'
  | 'footprintError'
  | 'addedMeanUs'
  | 'band'
  | 'sensitivity'
>;

/** What a design keeps of its band's variant at a profile for the next change of load (band.ts). */
export interface BandVariant {
  model: Prepared;
  cpuTotal: Core['cpuTotal'];
  ledger: Core['ledger'];
}

/** A design's estimate with the model and ledger plan behind it, which its band reuses (band.ts). */
export interface DesignEstimateParts {
  core: Core;
  model: Prepared;
  plan: LedgerPlan;
  /** What the band keeps of the design re-costed at its profiles (band.ts fills it). */
  band: Map<string, BandVariant>;
  /** The saturation load and the load curve, which depend on the model alone (not on the load's rate). */
  curve?: Curve;
}

/** Where a design saturates and its latency curve up to there, as worked out for `model`. */
interface Curve {
  model: Prepared;
  satLambda: number;
  loadCurve: Core['loadCurve'];
}

/**
 * The curve worked out for an earlier change, if it holds for `model`: the same stations, hops and
 * routes (a change of the load's rate or the run reuses them, reuse.ts) and the same connections (the
 * pinned pools' shares depend on them). The search and the curve read nothing else of the model.
 */
function curveFor(known: Curve | undefined, model: Prepared): Curve | undefined {
  if (!known) return undefined;
  const a = known.model;
  return a.spec.hops === model.spec.hops &&
    a.spec.stations === model.spec.stations &&
    a.spec.routes === model.spec.routes &&
    a.connections === model.connections
    ? known
    : undefined;
}

/** The estimate for one compiled architecture at the scenario's load (or at `rps` when given). */
/** `light`: skip the saturation search and the load curve. */
export function estimateCompiled(compiled: CompiledScenario, rps?: number, light = false): Core {
  return drain(estimateCompiledSteps(compiled, rps, light));
}

/** Load-curve points evaluated per step: each evaluation walks every hop and station. */
export const CURVE_POINTS_PER_STEP = 4;

/**
 * `estimateCompiled` a step at a time, for a host that yields between steps: the model and the
 * load's evaluation, the saturation search, the load curve a few points at a time, and the totals.
 */
export function* estimateCompiledSteps(
  compiled: CompiledScenario,
  rps?: number,
  light = false,
): Generator<void, Core, void> {
  return (yield* designEstimateSteps(compiled, rps, light)).core;
}

/** The arrival rate (per µs) of the spec's load, or of `rps` when given, and the approximation it takes. */
export function arrivalRate(
  model: Prepared,
  rps: number | undefined,
): { lambda: number; approximation?: string } {
  const load = model.spec.load;
  if (rps !== undefined) return { lambda: rps / 1e6 };
  if (load.kind === 'open') return { lambda: load.rps / 1e6 };
  if (load.kind === 'paced') return { lambda: load.rps / 1e6, approximation: APPROX_PACED };
  return {
    lambda: closedThroughput(model, load.connections, distributionMean(load.think)),
    approximation: APPROX_CLOSED,
  };
}

/** vCPU per 1000 rps by component (in the order components are first met) and in total. */
export function cpuOf(
  spec: SimSpec,
  info: readonly HopInfo[],
  model: Prepared,
): Pick<Core, 'cpu' | 'cpuTotal'> {
  const comp = new Map<string, { container: number; kernel: number }>();
  for (let h = 0; h < spec.hops.length; h++) {
    const v = model.visits[h];
    if (v === 0) continue;
    const cpuUs = v * (model.cpu[h] + model.post[h]);
    if (cpuUs > 0) {
      const e = comp.get(info[h].component) ?? { container: 0, kernel: 0 };
      if (spec.hops[h].cpu?.cpuClass === 'kernel') e.kernel += cpuUs;
      else e.container += cpuUs;
      comp.set(info[h].component, e);
    }
  }
  // µs of CPU per request × 1000 requests per second / 1e6 µs per s = vCPU per 1000 rps.
  const cpu = [...comp].map(([component, e]) => ({
    component,
    container: e.container / 1000,
    kernel: e.kernel / 1000,
  }));
  const cpuTotal = cpu.reduce(
    (t, c) => ({ container: t.container + c.container, kernel: t.kernel + c.kernel }),
    { container: 0, kernel: 0 },
  );
  return { cpu, cpuTotal };
}

/**
 * A design's model and ledger plan, kept beside it (a WeakMap, gone with the design): a design reused
 * for a later change of load (reuse.ts) has the same stations, hops and routes, so its estimate starts
 * from them instead of compiling the network and walking it again.
 */
const parts = new WeakMap<CompiledScenario, Pick<DesignEstimateParts, 'model' | 'plan' | 'band' | 'curve'>>();

/** `to` (the design `from` reused) starts its estimate from `from`'s model and plan, if estimated. */
export function shareEstimateParts(from: CompiledScenario, to: CompiledScenario): void {
  const p = parts.get(from);
  if (p) parts.set(to, { ...p, band: new Map(p.band) });
}

/**
 * `estimateCompiledSteps`, also returning the model and ledger plan for the design's band. Besides its
 * own steps it yields whenever `budget` says a step has done enough (a pass over tens of thousands of hops).
 */
export function* designEstimateSteps(
  compiled: CompiledScenario,
  rps?: number,
  light = false,
  budget = new StepBudget(),
): Generator<void, DesignEstimateParts, void> {
  const spec = specOf(compiled);
  const known = parts.get(compiled);
  const model = yield* prepareSteps(spec, known?.model, budget);
  const approximations = [APPROX_MGC];
  const rate = arrivalRate(model, rps);
  const lambda = rate.lambda;
  if (rate.approximation) approximations.push(rate.approximation);
  if (model.fanOut) approximations.push(APPROX_FAN_OUT);
  if (model.heldPools) approximations.push(APPROX_HELD);
  const ev = yield* evaluateSteps(model, lambda, false, budget);
  if (!light) yield;
  const kept = light ? undefined : curveFor(known?.curve, model);
  const satLambda = light ? NaN : (kept?.satLambda ?? (yield* saturationRateSteps(model, budget)));
  if (!light && !kept) yield;

  const info = compiled.hops;
  const breakdown = Object.fromEntries(BREAKDOWN_CATEGORIES.map((c) => [c, 0])) as Record<
    BreakdownCategory,
    number
  >;
  const perRequest = {
    hops: 0,
    kernelCrossings: 0,
    copies: 0,
    contextSwitches: 0,
    cpuUs: 0,
    proxies: proxiesOnPath(compiled),
  };
  for (let h = 0; h < spec.hops.length; h++) {
    const v = model.visits[h];
    if (v === 0) continue;
    const hop = spec.hops[h];
    const cat = (BREAKDOWN_CATEGORIES as readonly string[]).includes(info[h].category)
      ? (info[h].category as BreakdownCategory)
      : 'app';
    breakdown[cat] += v * (model.cpu[h] + model.delay[h]);
    breakdown.queueing += v * ev.hopWait[h];
    const cpuUs = v * (model.cpu[h] + model.post[h]);
    perRequest.hops += v;
    const k = hop.counters ?? { kernelCrossings: 0, copies: 0, contextSwitches: 0 };
    perRequest.kernelCrossings += v * k.kernelCrossings;
    perRequest.copies += v * k.copies;
    perRequest.contextSwitches += v * k.contextSwitches;
    perRequest.cpuUs += cpuUs;
  }
  if (budget.spend('numeric', spec.hops.length)) yield;
  const { cpu, cpuTotal } = cpuOf(spec, info, model);
  if (budget.spend('numeric', spec.hops.length)) yield;

  let bottleneck: StationLoad | undefined;
  model.net.stations.forEach((st, s) => {
    if (!bottleneck || ev.util[s] > bottleneck.utilization)
      bottleneck = { id: st.id, component: st.component, utilization: ev.util[s], meanWaitUs: ev.wait[s] };
  });

  const loadCurve: Core['loadCurve'] = kept ? kept.loadCurve.map((p) => ({ ...p })) : [];
  if (!light && !kept && Number.isFinite(satLambda))
    for (let i = 0; i < LOAD_FRACTIONS.length; i++) {
      if (i > 0 && i % CURVE_POINTS_PER_STEP === 0) yield;
      const e = yield* evaluateSteps(model, LOAD_FRACTIONS[i] * satLambda, false, budget);
      loadCurve.push({
        rps: LOAD_FRACTIONS[i] * satLambda * 1e6,
        meanUs: e.saturated ? Infinity : e.latency,
      });
    }
  const plan =
    known?.plan ?? (yield* ledgerPlanSteps(compiled, model.net, (hops) => budget.spend('index', hops)));
  const band = known?.band ?? new Map<string, BandVariant>();
  const curve: Curve | undefined = light
    ? known?.curve
    : (kept ?? { model, satLambda, loadCurve: loadCurve.map((p) => ({ ...p })) });
  parts.set(compiled, { model, plan, band, curve });
  const ledger = ledgerAt(compiled, plan, model, ev);
  if (budget.spend('numeric', plan.order.length)) yield;
  const core: Core = {
    rps: lambda * 1e6,
    loadCurve,
    approximations,
    saturated: ev.saturated,
    refusedShare: ev.refusedShare,
    meanLatencyUs: ev.saturated ? Infinity : ev.latency,
    // The light estimates do not search for it: NaN, never shown.
    saturationRps: light ? NaN : satLambda * 1e6,
    bottleneck,
    breakdown,
    cpu,
    cpuTotal,
    perRequest,
    crossNodeShare: crossNodeShare(compiled, model),
    ledger,
  };
  return { core, model, plan, band, curve };
}

/** The ledger of a design at an evaluated load. */
function ledgerAt(c: CompiledScenario, plan: LedgerPlan, model: Prepared, ev: Evaluation) {
  return ledgerFromPlan(c, plan, {
    visits: (h) => model.visits[h],
    serviceUs: (h) => model.cpu[h] + model.delay[h],
    waitUs: (h) => ev.hopWait[h],
  });
}

/** Mean latency at each offered load (requests per second): Infinity where a resource saturates. */
export function latencyCurve(compiled: CompiledScenario, rpsValues: readonly number[]): number[] {
  const model = prepare(specOf(compiled));
  return rpsValues.map((rps) => {
    const ev = evaluate(model, rps / 1e6);
    return ev.saturated ? Infinity : ev.latency;
  });
}

/**
 * The compiled spec as the analytic reads it. compileScenario builds it from a validated scenario and
 * sets every field read here (counters, CPU class, connections), so it is not validated again: zod
 * parsing a spec of thousands of hops costs more than the estimate itself. The simulation still
 * validates the spec it runs.
 */
function specOf(c: CompiledScenario): ValidSimSpec {
  return c.spec;
}

function crossNodeShare(c: CompiledScenario, m: Prepared): number {
  const nodeOf = new Map(c.placement.pods.map((p) => [p.id, p.node]));
  let all = 0;
  let cross = 0;
  m.net.routes.forEach((r, i) => {
    if (!r.id.startsWith('leg:') || m.routeVisits[i] === 0) return;
    const [client, server] = r.id.slice(4).split('>');
    all += m.routeVisits[i];
    if (nodeOf.get(client) !== nodeOf.get(server)) cross += m.routeVisits[i];
  });
  return all > 0 ? cross / all : 0;
}
