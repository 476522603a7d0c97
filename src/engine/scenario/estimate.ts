import type { ArchitectureId } from '../../model/architecture';
import { distributionMean, distributionScv } from '../../model/distribution';
import { shippedModels, type Models } from '../../model/models';
import { ScenarioSchema, type Scenario, type ScenarioInput } from '../../model/scenario';
import type { SimSpec } from '../../model/simSpec';
import { BREAKDOWN_CATEGORIES, type BreakdownCategory } from '../compare';
import { footprint, scalingCurve, type FootprintResult, type ScalingPoint } from '../footprint';
import { compileSpec, STEP_ACQUIRE, STEP_CALL_PARALLEL, STEP_CHOOSE, STEP_HOP, STEP_RELEASE, type Compiled } from '../compile';
import { mgcWait } from '../queueing';
import { compileScenario, UnsupportedError, type CompiledScenario } from './compileScenario';
import type { FeatureNote } from './features';
import { buildLedger, proxiesOnPath, type HopLedgerEntry } from './ledger';
import { ScenarioError } from './placement';
import { affinityWorker } from '../simCore';

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

export interface StationLoad {
  id: string;
  component: string;
  utilization: number;
  meanWaitUs: number;
}

export interface ArchitectureEstimate {
  architecture: ArchitectureId;
  name: string;
  notes: FeatureNote[];
  /** Present when the architecture cannot run this scenario (feature matrix reasons); nothing else is then set. */
  unsupported?: string[];
  /** Arrival rate the estimate used, requests per second. */
  rps?: number;
  approximations?: string[];
  /** A resource at or beyond 100 % utilisation: latency unbounded. */
  saturated?: boolean;
  meanLatencyUs?: number;
  /** Mean latency minus no-mesh's, same scenario (absent when no-mesh cannot be estimated). */
  addedMeanUs?: number;
  /** Offered load at which the busiest resource reaches 100 %, requests per second. */
  saturationRps?: number;
  bottleneck?: StationLoad;
  /** Mean µs per request by hop category (every hop visit, parallel branches added up), plus queueing. */
  breakdown?: Record<BreakdownCategory, number>;
  /** vCPU per 1000 rps by component, container (kubectl top) and kernel. */
  cpu?: { component: string; container: number; kernel: number }[];
  cpuTotal?: { container: number; kernel: number };
  perRequest?: { hops: number; kernelCrossings: number; copies: number; contextSwitches: number; cpuUs: number; proxies: number };
  /** Share of service calls (client → server legs, weighted by how often they run) that cross nodes. */
  crossNodeShare?: number;
  /** Hops behind every figure, grouped across replica pods, with analytic waits. */
  ledger?: HopLedgerEntry[];
  /** Mean latency against offered load, up to saturation (analytic). */
  loadCurve?: { rps: number; meanUs: number }[];
  /** Memory and reserved CPU over the whole mesh (closed-form footprint model), when it can be computed. */
  footprint?: FootprintResult;
  /** Footprint totals as the mesh grows (pods 10 … 2,000; services in the scenario's ratio). */
  scaling?: ScalingPoint[];
  /** Why the footprint is missing, if it is. */
  footprintError?: string;
  /** The same estimate with every hop at its low and at its high cost (the uncertainty band). */
  band?: { low: BandPoint; high: BandPoint };
  /** Hop kinds whose low-to-high cost range moves the latency most, summed over the path, largest first (µs per request). */
  sensitivity?: { key: string; label: string; kind: string; call: string; spreadUs: number }[];
}

export interface BandPoint {
  meanLatencyUs: number;
  /** vCPU per 1000 rps, container + kernel. */
  cpu: number;
}

/** Mesh sizes the scaling curves are drawn at. */
export const SCALING_PODS = [10, 20, 50, 100, 200, 500, 1000, 2000] as const;
/** Loads (fractions of the saturation load) the latency curve is drawn at. */
export const LOAD_FRACTIONS = [0.02, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.98] as const;

export interface ScenarioEstimate {
  modelVersion: string;
  results: ArchitectureEstimate[];
}

/** A scenario the engine rejects (bad call graph, impossible placement): the field and why. */
export class EstimateError extends Error {
  constructor(readonly field: string, message: string) {
    super(`${field}: ${message}`);
    this.name = 'EstimateError';
  }
}

export const APPROX_PACED = 'Paced (Fortio-style) load is treated as open Poisson arrivals at the same rate, which overstates queueing a little.';
export const APPROX_CLOSED = 'Closed load is treated as Poisson arrivals at the throughput N / (think time + latency), solved by bisection.';
export const APPROX_FAN_OUT = 'A fan-out is taken to last as long as its slowest branch’s mean: a lower bound, because the expected maximum of random branch times is larger.';
export const APPROX_FAULTS = 'Injected loss or a pod down, retries and timeouts are not in the analytic estimate: it assumes every call succeeds at the first try. The simulation includes them.';
export const APPROX_HELD = 'A thread or permit held across a call (Hystrix isolation) is not waited for in the estimate; hops on it wait as on any pool.';
export const APPROX_MGC = 'Waiting at each resource by the M/G/c approximation (Erlang C with the (1 + cs²)/2 correction), as if each saw Poisson arrivals.';

/** Estimates every architecture of the scenario, plus added mean latency against no-mesh. */
export function estimateScenario(input: ScenarioInput | Scenario, models: Models = shippedModels()): ScenarioEstimate {
  const scenario = ScenarioSchema.parse(input);
  const wanted = [...scenario.architectures];
  const all: ArchitectureId[] = wanted.includes('no-mesh') ? wanted : ['no-mesh', ...wanted];
  const byArch = new Map<ArchitectureId, ArchitectureEstimate>();
  for (const a of all) {
    const name = models.architectures.get(a)?.name ?? a;
    let compiled: CompiledScenario;
    try {
      compiled = compileScenario(scenario, a, models);
    } catch (e) {
      if (e instanceof UnsupportedError) {
        byArch.set(a, { architecture: a, name, notes: [], unsupported: e.reasons });
        continue;
      }
      if (e instanceof ScenarioError) throw new EstimateError(e.field, e.message.slice(e.field.length + 2));
      throw e;
    }
    const core = estimateCompiled(compiled);
    Object.assign(core, bandOf(scenario, a, models, core));
    const f = scenario.failure.kind;
    if (f === 'loss' || f === 'pod-down' || compiled.features.timeoutUs !== undefined) core.approximations!.push(APPROX_FAULTS);
    byArch.set(a, { architecture: a, name, notes: compiled.notes, ...core, ...footprintOf(scenario, a) });
  }
  const base = byArch.get('no-mesh');
  const results = wanted.map((a) => {
    const r = byArch.get(a)!;
    if (base?.meanLatencyUs !== undefined && r.meanLatencyUs !== undefined && Number.isFinite(base.meanLatencyUs))
      r.addedMeanUs = r.meanLatencyUs - base.meanLatencyUs;
    return r;
  });
  return { modelVersion: scenario.modelVersion, results };
}

/** How many hops the sensitivity list names. */
export const SENSITIVE_HOPS = 5;

/** The estimate at the low and high cost profiles, and the hops whose cost range matters most. */
function bandOf(s: Scenario, a: ArchitectureId, models: Models, at: Core): Pick<ArchitectureEstimate, 'band' | 'sensitivity'> {
  const run = (profile: Scenario['profile']) => (profile === s.profile ? at : estimateCompiled(compileScenario({ ...s, profile }, a, models), undefined, true));
  const low = run('low');
  const high = run('high');
  const point = (c: Core): BandPoint => ({ meanLatencyUs: c.meanLatencyUs!, cpu: c.cpuTotal!.container + c.cpuTotal!.kernel });
  // A hop kind's own cost range (its service time, low → high). Queueing is left out: a wait shows up
  // at the hop that waits, not at the hops whose work (e.g. post-response telemetry) caused it.
  const cost = (c: Core) => new Map(c.ledger!.map((l) => [l.key, l.visits * l.serviceUs]));
  const lo = cost(low);
  // Summed by hop kind: "the proxies" or "the wire", wherever on the path they sit.
  const byKind = new Map<string, { key: string; label: string; kind: string; call: string; spreadUs: number }>();
  for (const l of high.ledger!) {
    const spread = l.visits * l.serviceUs - (lo.get(l.key) ?? 0);
    const e = byKind.get(l.kind) ?? { key: l.kind, label: l.name, kind: l.kind, call: l.call, spreadUs: 0 };
    e.spreadUs += spread;
    byKind.set(l.kind, e);
  }
  const sensitivity = [...byKind.values()].filter((x) => x.spreadUs > 0).sort((x, y) => y.spreadUs - x.spreadUs).slice(0, SENSITIVE_HOPS);
  return { band: { low: point(low), high: point(high) }, sensitivity };
}

function footprintOf(s: Scenario, a: ArchitectureId): Pick<ArchitectureEstimate, 'footprint' | 'scaling' | 'footprintError'> {
  try {
    return { footprint: footprint(s, a), scaling: scalingCurve(s, a, { pods: SCALING_PODS }) };
  } catch (e) {
    return { footprintError: e instanceof Error ? e.message : String(e) };
  }
}

type Core = Omit<ArchitectureEstimate, 'architecture' | 'name' | 'notes' | 'unsupported' | 'footprint' | 'scaling' | 'footprintError'>;

/** The estimate for one compiled architecture at the scenario's load (or at `rps` when given). */
/** `light`: skip the saturation search and the load curve (for the low/high band). */
export function estimateCompiled(compiled: CompiledScenario, rps?: number, light = false): Core {
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
  const satLambda = light ? NaN : saturationRate(model);

  const info = compiled.hops;
  const breakdown = Object.fromEntries(BREAKDOWN_CATEGORIES.map((c) => [c, 0])) as Record<BreakdownCategory, number>;
  const comp = new Map<string, { container: number; kernel: number }>();
  const perRequest = { hops: 0, kernelCrossings: 0, copies: 0, contextSwitches: 0, cpuUs: 0, proxies: proxiesOnPath(compiled) };
  for (let h = 0; h < spec.hops.length; h++) {
    const v = model.visits[h];
    if (v === 0) continue;
    const hop = spec.hops[h];
    const cat = (BREAKDOWN_CATEGORIES as readonly string[]).includes(info[h].category) ? (info[h].category as BreakdownCategory) : 'app';
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
  const cpu = [...comp].map(([component, e]) => ({ component, container: e.container / 1000, kernel: e.kernel / 1000 }));
  const cpuTotal = cpu.reduce((t, c) => ({ container: t.container + c.container, kernel: t.kernel + c.kernel }), { container: 0, kernel: 0 });

  let bottleneck: StationLoad | undefined;
  model.net.stations.forEach((st, s) => {
    if (!bottleneck || ev.util[s] > bottleneck.utilization)
      bottleneck = { id: st.id, component: st.component, utilization: ev.util[s], meanWaitUs: ev.wait[s] };
  });

  const loadCurve = !light && Number.isFinite(satLambda)
    ? LOAD_FRACTIONS.map((f) => {
        const e = evaluate(model, f * satLambda);
        return { rps: f * satLambda * 1e6, meanUs: e.saturated ? Infinity : e.latency };
      })
    : [];
  return {
    rps: lambda * 1e6,
    loadCurve,
    approximations,
    saturated: ev.saturated,
    meanLatencyUs: ev.saturated ? Infinity : ev.latency,
    saturationRps: light ? undefined : satLambda * 1e6,
    bottleneck,
    breakdown,
    cpu, cpuTotal, perRequest,
    crossNodeShare: crossNodeShare(compiled, model),
    ledger: buildLedger(compiled, {
      visits: (h) => model.visits[h],
      serviceUs: (h) => model.cpu[h] + model.delay[h],
      waitUs: (h) => ev.hopWait[h],
    }),
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
function specOf(c: CompiledScenario): SimSpec {
  return c.spec as SimSpec;
}

// ---- the queueing model ------------------------------------------------------------------------

interface Prepared {
  spec: SimSpec;
  net: Compiled;
  visits: Float64Array;
  routeVisits: Float64Array;
  fanOut: boolean;
  /** The route holds a pool across steps (Hystrix isolation): its permit wait is not estimated. */
  heldPools: boolean;
  cpu: Float64Array;
  post: Float64Array;
  delay: Float64Array;
  /** Per CPU station, per unit of λ: burst arrivals, work, and Σ rate·mean²·(1+scv). */
  cpuRate: Float64Array;
  cpuWork: Float64Array;
  cpuM2: Float64Array;
  /**
   * Runs of consecutive hops on one thread pool within a route, per pool: a message waits for a
   * worker once per run — the next hop on the same pool follows at once unless another message
   * queued meanwhile, so charging a full wait to every hop would count it several times.
   */
  poolRuns: number[][][];
  /** 1 for the first hop of a run: the one that waits for the worker. */
  runHead: Uint8Array;
  holdScv: Float64Array;
  connections: number;
}

function prepare(spec: SimSpec): Prepared {
  const net = compileSpec(spec);
  const nh = spec.hops.length;
  const { visits, routeVisits, fanOut, heldPools } = walkVisits(net, nh);
  const cpu = new Float64Array(nh);
  const post = new Float64Array(nh);
  const delay = new Float64Array(nh);
  const holdScv = new Float64Array(nh);
  spec.hops.forEach((h, i) => {
    cpu[i] = h.cpu ? distributionMean(h.cpu.service) : 0;
    post[i] = h.post ? distributionMean(h.post) : 0;
    delay[i] = h.delay ? distributionMean(h.delay) : 0;
    holdScv[i] = h.cpu ? distributionScv(h.cpu.service) : h.delay ? distributionScv(h.delay) : 0;
  });
  const ns = net.stations.length;
  const cpuRate = new Float64Array(ns);
  const cpuWork = new Float64Array(ns);
  const cpuM2 = new Float64Array(ns);
  const poolRuns: number[][][] = net.stations.map(() => []);
  const runHead = new Uint8Array(nh);
  for (const r of net.routes) {
    let run: number[] = [];
    let pool = -1;
    const close = () => {
      if (pool >= 0 && run.length && visits[run[0]] > 0) {
        poolRuns[pool].push(run);
        runHead[run[0]] = 1;
      }
      run = [];
      pool = -1;
    };
    for (let s = 0; s < r.stepType.length; s++) {
      const h = r.stepType[s] === STEP_HOP ? r.stepArg[s] : -1;
      const p = h >= 0 ? net.hopPool[h] : -1;
      if (p < 0 || p !== pool) close();
      if (p >= 0) {
        pool = p;
        run.push(h);
      }
    }
    close();
  }
  for (let h = 0; h < nh; h++) {
    if (visits[h] === 0) continue;
    const s = net.hopCpu[h];
    if (s >= 0) {
      const hop = spec.hops[h];
      for (const [mean, d] of [[cpu[h], hop.cpu!.service], [post[h], hop.post]] as const) {
        if (!d || mean === 0) continue;
        cpuRate[s] += visits[h];
        cpuWork[s] += visits[h] * mean;
        cpuM2[s] += visits[h] * mean * mean * (1 + distributionScv(d));
      }
    }
  }
  const connections = spec.load.connections ?? 1;
  return { spec, net, visits, routeVisits, fanOut, heldPools, cpu, post, delay, cpuRate, cpuWork, cpuM2, poolRuns, runHead, holdScv, connections };
}

/** Expected traversals per top-level request of each hop and route; parallel calls visit every branch. */
function walkVisits(net: Compiled, nh: number): { visits: Float64Array; routeVisits: Float64Array; fanOut: boolean; heldPools: boolean } {
  const visits = new Float64Array(nh);
  const routeVisits = new Float64Array(net.routes.length);
  let fanOut = false;
  let heldPools = false;
  const walk = (route: number, weight: number): void => {
    routeVisits[route] += weight;
    const r = net.routes[route];
    for (let s = 0; s < r.stepType.length; s++) {
      if (r.stepType[s] === STEP_HOP) visits[r.stepArg[s]] += weight;
      else if (r.stepType[s] === STEP_ACQUIRE) heldPools = true;
      else if (r.stepType[s] !== STEP_RELEASE) {
        const targets = r.calls[r.stepArg[s]];
        if (r.stepType[s] === STEP_CHOOSE) for (const t of targets) walk(t, weight / targets.length);
        else {
          if (r.stepType[s] === STEP_CALL_PARALLEL && targets.length > 1) fanOut = true;
          for (const t of targets) walk(t, weight);
        }
      }
    }
  };
  walk(net.entry, 1);
  return { visits, routeVisits, fanOut, heldPools };
}

interface Evaluation {
  util: Float64Array;
  wait: Float64Array;
  /** Mean wait per traversal of each hop: for its worker, and for a core. */
  hopWait: Float64Array;
  latency: number;
  saturated: boolean;
}

function evaluate(m: Prepared, lambda: number, utilizationOnly = false): Evaluation {
  const { net, spec } = m;
  const ns = net.stations.length;
  const util = new Float64Array(ns);
  const wait = new Float64Array(ns);
  for (let s = 0; s < ns; s++) {
    const st = net.stations[s];
    if (st.kind !== 'cpu' || m.cpuRate[s] === 0) continue;
    const rate = lambda * m.cpuRate[s];
    const es = m.cpuWork[s] / m.cpuRate[s];
    const scv = m.cpuM2[s] / m.cpuRate[s] / (es * es) - 1;
    util[s] = (lambda * m.cpuWork[s]) / st.servers;
    wait[s] = mgcWait(rate, es, st.servers, scv);
  }
  for (let s = 0; s < ns; s++) {
    const st = net.stations[s];
    if (st.kind !== 'threads' || m.poolRuns[s].length === 0) continue;
    let r = 0, hold = 0, hold2 = 0;
    for (const run of m.poolRuns[s]) {
      // One arrival per run; its holding time is the sum of its hops' (independent) times.
      let t = 0;
      let variance = 0;
      for (const h of run) {
        const c = net.hopCpu[h];
        const cw = c >= 0 ? wait[c] : 0;
        const th = (m.cpu[h] > 0 ? cw : 0) + m.cpu[h] + m.delay[h] + (m.post[h] > 0 ? cw + m.post[h] : 0);
        t += th;
        variance += th * th * m.holdScv[h];
      }
      const v = lambda * m.visits[run[0]];
      r += v;
      hold += v * t;
      hold2 += v * (t * t + variance);
    }
    if (r === 0 || hold === 0) continue;
    const es = hold / r;
    const scv = hold2 / r / (es * es) - 1;
    if (st.affinity) {
      // Connections are pinned to workers (the engine's affinityWorker): each worker is an M/G/1.
      let w = 0;
      let maxU = 0;
      const conns = m.connections;
      const pinned = new Float64Array(st.servers);
      for (let c = 0; c < conns; c++) pinned[affinityWorker(c, s, st.servers)]++;
      for (let u = 0; u < st.servers; u++) {
        const share = pinned[u] / conns;
        if (share <= 0) continue;
        // Requests take connections in turn, so a worker gets every (1/share)-th arrival: Erlang-like
        // arrivals with squared coefficient of variation ≈ share, not Poisson.
        w += share * mgcWait(r * share, es, 1, scv, share);
        maxU = Math.max(maxU, r * share * es);
      }
      wait[s] = w;
      util[s] = maxU;
    } else {
      wait[s] = mgcWait(r, es, st.servers, scv);
      util[s] = hold / st.servers;
    }
  }
  const saturated = util.some((u) => u >= 1);
  const hopWait = new Float64Array(spec.hops.length);
  if (utilizationOnly) return { util, wait, hopWait, latency: NaN, saturated };
  for (let h = 0; h < spec.hops.length; h++) {
    const p = net.hopPool[h];
    const c = net.hopCpu[h];
    hopWait[h] = (p >= 0 && m.runHead[h] ? wait[p] : 0) + (c >= 0 && m.cpu[h] > 0 ? wait[c] : 0);
  }
  // Route latency: steps add up; a choice averages its backends; a fan-out takes its slowest branch.
  const memo = new Float64Array(net.routes.length).fill(NaN);
  const routeLatency = (route: number): number => {
    if (!Number.isNaN(memo[route])) return memo[route];
    const r = net.routes[route];
    let t = 0;
    for (let s = 0; s < r.stepType.length; s++) {
      if (r.stepType[s] === STEP_HOP) {
        const h = r.stepArg[s];
        t += hopWait[h] + m.cpu[h] + m.delay[h];
        continue;
      }
      if (r.stepType[s] === STEP_ACQUIRE || r.stepType[s] === STEP_RELEASE) continue;
      const targets = r.calls[r.stepArg[s]];
      const ts = targets.map(routeLatency);
      if (r.stepType[s] === STEP_CHOOSE) t += ts.reduce((a, b) => a + b, 0) / ts.length;
      else if (r.stepType[s] === STEP_CALL_PARALLEL) t += Math.max(...ts);
      else t += ts.reduce((a, b) => a + b, 0);
    }
    memo[route] = t;
    return t;
  };
  const latency = saturated ? Infinity : routeLatency(net.entry);
  return { util, wait, hopWait, latency, saturated };
}

/** The arrival rate (per µs) at which the busiest resource reaches 100 %. */
function saturationRate(m: Prepared): number {
  // CPU utilisation is linear in λ, so the first core to fill bounds the answer from above; a worker
  // pool (whose holding time includes waits for a core) may fill earlier.
  let hi = Infinity;
  m.net.stations.forEach((st, s) => {
    if (st.kind === 'cpu' && m.cpuWork[s] > 0) hi = Math.min(hi, st.servers / m.cpuWork[s]);
  });
  let lo = 0;
  if (!Number.isFinite(hi)) {
    hi = 1e-6; // 1 rps
    while (!evaluate(m, hi, true).saturated) {
      lo = hi;
      hi *= 2;
      if (hi > 1e3) return Infinity; // nothing on the path uses a resource
    }
  }
  for (let i = 0; i < 40 && hi - lo > hi * 1e-3; i++) {
    const mid = (lo + hi) / 2;
    if (evaluate(m, mid, true).saturated) hi = mid;
    else lo = mid;
  }
  return lo;
}

/** Throughput of N connections with mean think time Z: X·(Z + R(X)) = N, by bisection. */
function closedThroughput(m: Prepared, n: number, thinkUs: number): number {
  const sat = saturationRate(m);
  let lo = 0;
  let hi = Number.isFinite(sat) ? sat : n / Math.max(thinkUs, 1e-9);
  const f = (x: number) => {
    const ev = evaluate(m, x);
    return ev.saturated ? Infinity : x * (thinkUs + ev.latency) - n;
  };
  for (let i = 0; i < 60 && hi - lo > hi * 1e-7; i++) {
    const mid = (lo + hi) / 2;
    if (f(mid) > 0) hi = mid;
    else lo = mid;
  }
  return lo;
}

/** Share of client → server legs, weighted by visits, whose two pods sit on different nodes. */
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
