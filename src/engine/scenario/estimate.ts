import type {
  ArchitectureEstimate,
  BandPoint,
  BottleneckLoad,
  DesignEstimate,
  ScenarioEstimate,
} from '../../model/comparison';
import type { ArchitectureId } from '../../model/architecture';
import { distributionMean } from '../../model/distribution';
import { shippedModels, type Models } from '../../model/models';
import type { Scenario, ScenarioInput } from '../../model/scenario';
import type { ValidSimSpec } from '../../model/valid';
import { derivedScenario, validScenario, type ValidScenario } from '../../model/valid';
import { BREAKDOWN_CATEGORIES, type BreakdownCategory } from '../compare';
import {
  cpuCurve,
  footprint,
  scalingCurve,
  servicesCurve,
  SERVICES_AXIS_PODS,
  type FootprintResult,
} from '../footprint';
import { compileScenario, IPTABLES_US_PER_RULE, type CompiledScenario } from './compileScenario';
import { compileAll, type CompiledEntry } from './compiledSet';
import { buildLedger, proxiesOnPath } from './ledger';
import { closedThroughput, evaluate, prepare, saturationRate, type Prepared } from './estimateModel';
import { ScenarioError } from './placement';

/**
 * The analytic estimate of a compiled scenario, for the Compare page's instant answer: mean latency
 * from mean hop costs plus M/G/c waiting at every resource (the engine's analytic method, see
 * analytic.ts), extended to the loads and call graphs scenarios use. Every approximation it makes is
 * listed in `approximations` and shown next to the figure:
 *  - paced (Fortio-style) load is treated as open Poisson arrivals at the same rate;
 *  - closed load as Poisson arrivals at the throughput N / (think + latency), found by bisection;
 *  - a fan-out (parallel calls) takes as long as its slowest branch's mean — a lower bound, since the
 *    expected maximum of random branch times is larger.
 * CPU per 1000 rps, per-request counters and the breakdown are expectations over hop visits, exact
 * for the model apart from the waiting times.
 */

export type { ArchitectureEstimate, BandPoint, DesignEstimate, ScenarioEstimate };
export type StationLoad = BottleneckLoad;

/** Mesh sizes the scaling curves are drawn at. */
export const SCALING_PODS = [10, 20, 50, 100, 200, 500, 1000, 2000] as const;
/** Service counts the services curve is drawn at. */
export const SCALING_SERVICES = [10, 20, 50, 100, 200, 500, 1000] as const;
/** Loads (fractions of the saturation load) the latency curve is drawn at. */
export const LOAD_FRACTIONS = [0.02, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.98] as const;

/** A scenario the engine rejects (bad call graph, impossible placement): the field and why. */
export class EstimateError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'EstimateError';
  }
}

export const APPROX_PACED =
  'Paced (Fortio-style) load is treated as open Poisson arrivals at the same rate, which overstates queueing a little.';
export const APPROX_CLOSED =
  'Closed load is treated as Poisson arrivals at the throughput N / (think time + latency), solved by bisection.';
export const APPROX_FAN_OUT =
  'A fan-out is taken to last as long as its slowest branch’s mean: a lower bound, because the expected maximum of random branch times is larger.';
export const APPROX_FAULTS =
  'Injected loss or a pod down, retries and timeouts are not in the analytic estimate: it assumes every call succeeds at the first try. The simulation includes them.';
export const APPROX_HELD =
  'A thread or permit held across a call (Hystrix isolation) is a queue whose holding time is the mean time of the call it spans: Erlang’s loss formula when it has no waiting room (a refused call fails fast, and an immediate retry finds the pool still full), M/M/c/K or M/G/c otherwise, solved to a fixed point.';
export const APPROX_MGC =
  'Waiting at each resource by the M/G/c approximation (Erlang C with the (1 + cs²)/2 correction), as if each saw Poisson arrivals.';

/**
 * Estimates every architecture of the scenario, plus added mean latency against no-mesh. `onProgress`
 * is called after each architecture (a large scenario takes seconds: a worker passes it on as its
 * heartbeat).
 */
export function estimateScenario(
  input: ScenarioInput | Scenario | ValidScenario,
  models: Models = shippedModels(),
): ScenarioEstimate {
  const scenario = validScenario(input);
  let set: CompiledEntry[];
  try {
    set = compileAll(scenario, models);
  } catch (e) {
    if (e instanceof ScenarioError) throw new EstimateError(e.field, e.message.slice(e.field.length + 2));
    throw e;
  }
  const steps = estimateSteps(scenario, set, models);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * The estimate of a scenario compiled once per design (`compileAll`), a step at a time: it yields
 * after each design's main estimate, its low/high band and its footprint, so a host (the worker) can
 * answer other messages and honour a cancel between steps rather than block for the whole estimate.
 */
export function* estimateSteps(
  scenario: ValidScenario,
  set: readonly CompiledEntry[],
  models: Models = shippedModels(),
): Generator<void, ScenarioEstimate, void> {
  const byArch = new Map<ArchitectureId, ArchitectureEstimate>();
  for (const entry of set) {
    const a = entry.architecture;
    const name = models.architectures.get(a)?.name ?? a;
    if (entry.status === 'unsupported') {
      byArch.set(a, { architecture: a, name, notes: [], unsupported: entry.reasons });
      continue;
    }
    const compiled = entry.compiled;
    const core = yield* estimateCompiledSteps(compiled);
    yield;
    const band = yield* bandSteps(scenario, a, models, core);
    yield;
    const f = scenario.failure.kind;
    if (f === 'loss' || f === 'pod-down' || compiled.features.timeoutUs !== undefined)
      core.approximations.push(APPROX_FAULTS);
    byArch.set(a, {
      architecture: a,
      name,
      notes: compiled.notes,
      ...core,
      ...band,
      ...footprintOf(scenario, a),
    });
    yield;
  }
  const found = byArch.get('no-mesh');
  const base = found && !found.unsupported ? found : undefined;
  const results = scenario.architectures.map((a) => {
    const r = byArch.get(a)!;
    if (r.unsupported) return r;
    if (base && Number.isFinite(base.meanLatencyUs)) r.addedMeanUs = r.meanLatencyUs - base.meanLatencyUs;
    Object.assign(r, cpuScalingOf(scenario, r, base));
    return r;
  });
  return { modelVersion: scenario.modelVersion, results };
}

/** How many hops the sensitivity list names. */
export const SENSITIVE_HOPS = 5;

/**
 * The estimate at the low and high cost profiles, and the hops whose cost range matters most; it yields
 * after each variant's compile and within its estimate, so no step holds a large scenario's two compiles.
 */
function* bandSteps(
  s: ValidScenario,
  a: ArchitectureId,
  models: Models,
  at: Core,
): Generator<void, Pick<DesignEstimate, 'band' | 'sensitivity'>, void> {
  function* run(profile: Scenario['profile']): Generator<void, Core, void> {
    if (profile === s.profile) return at;
    // The band's variants: the same scenario at another cost profile (compiled for the band only).
    const compiled = compileScenario(
      derivedScenario(s, (x) => ({ ...x, profile })),
      a,
      models,
    );
    yield;
    return yield* estimateCompiledSteps(compiled, undefined, true);
  }
  const low = yield* run('low');
  yield;
  const high = yield* run('high');
  const point = (c: Core): BandPoint => ({
    meanLatencyUs: c.meanLatencyUs,
    cpu: c.cpuTotal.container + c.cpuTotal.kernel,
  });
  // A hop kind's own cost range (its service time, low → high). Queueing is left out: a wait shows up
  // at the hop that waits, not at the hops whose work (e.g. post-response telemetry) caused it.
  const cost = (c: Core) => new Map(c.ledger.map((l) => [l.key, l.visits * l.serviceUs]));
  const lo = cost(low);
  // Summed by hop kind: "the proxies" or "the wire", wherever on the path they sit.
  const byKind = new Map<
    string,
    { key: string; label: string; kind: string; call: string; spreadUs: number }
  >();
  for (const l of high.ledger) {
    const spread = l.visits * l.serviceUs - (lo.get(l.key) ?? 0);
    const e = byKind.get(l.kind) ?? { key: l.kind, label: l.name, kind: l.kind, call: l.call, spreadUs: 0 };
    e.spreadUs += spread;
    byKind.set(l.kind, e);
  }
  const sensitivity = [...byKind.values()]
    .filter((x) => x.spreadUs > 0)
    .sort((x, y) => y.spreadUs - x.spreadUs)
    .slice(0, SENSITIVE_HOPS);
  return { band: { low: point(low), high: point(high) }, sensitivity };
}

function footprintOf(
  s: Scenario,
  a: ArchitectureId,
): Pick<DesignEstimate, 'footprint' | 'scaling' | 'servicesScaling' | 'footprintError'> {
  try {
    const fp = footprint(s, a);
    return {
      footprint: fp,
      scaling: scalingPoints(s, a, fp.mesh.pods),
      servicesScaling: servicesPoints(s, a, fp.mesh),
    };
  } catch (e) {
    return { footprintError: e instanceof Error ? e.message : String(e) };
  }
}

/**
 * The standard sizes 10 … 2,000 pods and the scenario's own mesh size (marked `current`), each once.
 * The footprint cannot go below the pods the simulation places, so sizes under that are left out.
 */
function scalingPoints(s: Scenario, a: ArchitectureId, currentPods: number): DesignEstimate['scaling'] {
  const pods = [...new Set([currentPods, ...SCALING_PODS.filter((p) => p >= simulatedPodsOf(s))])].sort(
    (x, y) => x - y,
  );
  return scalingCurve(s, a, { pods }).map((p) => (p.pods === currentPods ? { ...p, current: true } : p));
}

/** Pods the simulation places: the load generator and every service replica. */
function simulatedPodsOf(s: Scenario): number {
  return 1 + s.topology.services.reduce((n, svc) => n + svc.replicas, 0);
}

/**
 * Services from 10 to 1,000 and the scenario's own mesh count (marked `current`), none below the services it
 * simulates; pods held at 2,000 or the scenario's mesh if larger; with kube-proxy iptables, the first-packet rule walk at each count (as compiled).
 */
function servicesPoints(
  s: Scenario,
  a: ArchitectureId,
  mesh: FootprintResult['mesh'],
): DesignEstimate['servicesScaling'] {
  // The mesh's Services, as the compiler counts them for the rule walk (the simulated call graph may be a part of it).
  const own = s.topology.mesh?.services ?? s.topology.services.length;
  const simulated = s.topology.services.length;
  const counts = [...new Set([own, ...SCALING_SERVICES.filter((n) => n >= simulated)])].sort((x, y) => x - y);
  const pods = Math.max(mesh.pods, SERVICES_AXIS_PODS);
  return servicesCurve(s, a, { services: counts, pods }).map((p) => ({
    ...p,
    ...(p.services === own ? { current: true } : {}),
    ...(s.dataplane === 'iptables' ? { natWalkUs: (IPTABLES_US_PER_RULE * p.services) / 2 } : {}),
  }));
}

/** CPU against pods: the mesh's added vCPU per 1000 rps (over no mesh) at the scenario's rate per pod. */
function cpuScalingOf(
  s: Scenario,
  r: DesignEstimate,
  base: DesignEstimate | undefined,
): Pick<DesignEstimate, 'cpuScaling' | 'trafficRps' | 'addedCpu'> {
  if (!r.footprint || !base) return {};
  const simulatedPods = simulatedPodsOf(s);
  const added = r.cpuTotal.container + r.cpuTotal.kernel - (base.cpuTotal.container + base.cpuTotal.kernel);
  // 10 … 2,000 pods whatever the scenario's mesh (the simulated pods are the floor), and its own size.
  const own = r.footprint.mesh.pods;
  const pods = [...new Set([own, ...SCALING_PODS.filter((p) => p >= simulatedPods)])].sort((x, y) => x - y);
  const cpu = cpuCurve(scalingCurve(s, r.architecture, { pods }), {
    addedVcpuPer1000Rps: r.architecture === 'no-mesh' ? 0 : added,
    rps: r.rps,
  });
  // The load stays the scenario's as the mesh grows: more pods share it, they do not multiply it.
  return {
    trafficRps: r.rps,
    addedCpu: r.architecture === 'no-mesh' ? 0 : added,
    cpuScaling: cpu.map((p) => (p.pods === own ? { ...p, current: true } : p)),
  };
}

type Core = Omit<
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

/** The estimate for one compiled architecture at the scenario's load (or at `rps` when given). */
/** `light`: skip the saturation search and the load curve (for the low/high band). */
export function estimateCompiled(compiled: CompiledScenario, rps?: number, light = false): Core {
  const steps = estimateCompiledSteps(compiled, rps, light);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
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
  const spec = specOf(compiled);
  const model = prepare(spec);
  const approximations = [APPROX_MGC];
  const load = spec.load;
  let lambda: number; // per µs
  if (rps !== undefined) lambda = rps / 1e6;
  else if (load.kind === 'open') lambda = load.rps / 1e6;
  else if (load.kind === 'paced') {
    lambda = load.rps / 1e6;
    approximations.push(APPROX_PACED);
  } else {
    lambda = closedThroughput(model, load.connections, distributionMean(load.think));
    approximations.push(APPROX_CLOSED);
  }
  if (model.fanOut) approximations.push(APPROX_FAN_OUT);
  if (model.heldPools) approximations.push(APPROX_HELD);
  const ev = evaluate(model, lambda);
  if (!light) yield;
  const satLambda = light ? NaN : saturationRate(model);
  if (!light) yield;

  const info = compiled.hops;
  const breakdown = Object.fromEntries(BREAKDOWN_CATEGORIES.map((c) => [c, 0])) as Record<
    BreakdownCategory,
    number
  >;
  const comp = new Map<string, { container: number; kernel: number }>();
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
    if (cpuUs > 0) {
      const e = comp.get(info[h].component) ?? { container: 0, kernel: 0 };
      if (hop.cpu?.cpuClass === 'kernel') e.kernel += cpuUs;
      else e.container += cpuUs;
      comp.set(info[h].component, e);
    }
    perRequest.hops += v;
    const k = hop.counters ?? { kernelCrossings: 0, copies: 0, contextSwitches: 0 };
    perRequest.kernelCrossings += v * k.kernelCrossings;
    perRequest.copies += v * k.copies;
    perRequest.contextSwitches += v * k.contextSwitches;
    perRequest.cpuUs += cpuUs;
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

  let bottleneck: StationLoad | undefined;
  model.net.stations.forEach((st, s) => {
    if (!bottleneck || ev.util[s] > bottleneck.utilization)
      bottleneck = { id: st.id, component: st.component, utilization: ev.util[s], meanWaitUs: ev.wait[s] };
  });

  const loadCurve: Core['loadCurve'] = [];
  if (!light && Number.isFinite(satLambda))
    for (let i = 0; i < LOAD_FRACTIONS.length; i++) {
      if (i > 0 && i % CURVE_POINTS_PER_STEP === 0) yield;
      const e = evaluate(model, LOAD_FRACTIONS[i] * satLambda);
      loadCurve.push({
        rps: LOAD_FRACTIONS[i] * satLambda * 1e6,
        meanUs: e.saturated ? Infinity : e.latency,
      });
    }
  return {
    rps: lambda * 1e6,
    loadCurve,
    approximations,
    saturated: ev.saturated,
    refusedShare: ev.refusedShare,
    meanLatencyUs: ev.saturated ? Infinity : ev.latency,
    // The band's light estimates do not search for it: NaN, never shown.
    saturationRps: light ? NaN : satLambda * 1e6,
    bottleneck,
    breakdown,
    cpu,
    cpuTotal,
    perRequest,
    crossNodeShare: crossNodeShare(compiled, model),
    ledger: buildLedger(
      compiled,
      {
        visits: (h) => model.visits[h],
        serviceUs: (h) => model.cpu[h] + model.delay[h],
        waitUs: (h) => ev.hopWait[h],
      },
      model.net,
    ),
  };
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
