import type { SimSpec } from '../../model/simSpec';
import { distributionMean, distributionScv, type Distribution } from '../../model/distribution';
import {
  compileSpecSteps,
  STEP_ACQUIRE,
  STEP_CALL_PARALLEL,
  STEP_CHOOSE,
  STEP_HOP,
  STEP_RELEASE,
  type Compiled,
} from '../compile';
import { drain, partHops, StepBudget } from './stepBudget';
import { walkVisitsSteps } from './visits';
import { mgcWait, pinnedPoolWait } from '../queueing';
import { affinityShares } from '../affinity';
import { findSpans, updateHeld, type HeldSpan } from './heldPools';

/**
 * The queueing model behind the analytic estimate of a compiled scenario: expected hop visits, CPU
 * and pool loads per unit of arrival rate, and the M/G/c waits at a given rate (estimate.ts assembles
 * the results and says which approximations apply).
 */

export interface Prepared {
  spec: SimSpec;
  net: Compiled;
  visits: Float64Array;
  routeVisits: Float64Array;
  fanOut: boolean;
  /** The route holds a pool across steps (Hystrix isolation): see heldPools.ts. */
  heldPools: boolean;
  spans: HeldSpan[];
  /** Per route and step: the span an acquire or release step opens or closes (-1 otherwise). */
  spanAt: Int32Array[];
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

/**
 * The model of a spec. `sameRoutes`: the model of a spec with the same stations, hops (ids, pools) and
 * routes and the same or other costs — the design re-costed at another profile (recost.ts) — whose network walk,
 * visits, held spans and worker runs are reused rather than compiled and walked again.
 */
export function prepare(spec: SimSpec, sameRoutes?: Prepared): Prepared {
  return drain(prepareSteps(spec, sameRoutes));
}

/** `prepare` a part at a time: each pass over the hops (and the network's compilation) within `budget`. */
export function* prepareSteps(
  spec: SimSpec,
  sameRoutes?: Prepared,
  budget = new StepBudget(),
): Generator<void, Prepared, void> {
  // The same hops too (a design reused for a change of load): only the load's connections are new.
  const same = sameRoutes?.spec;
  if (same && same.hops === spec.hops && same.stations === spec.stations && same.routes === spec.routes)
    return { ...sameRoutes!, spec, connections: spec.load.connections ?? 1 };
  const nh = spec.hops.length;
  let net: Compiled;
  let walked: Pick<Prepared, 'visits' | 'routeVisits' | 'fanOut' | 'heldPools' | 'spans' | 'spanAt'>;
  let runs: Pick<Prepared, 'poolRuns' | 'runHead'>;
  if (sameRoutes) {
    net = yield* withCpuOf(sameRoutes.net, spec, budget);
    walked = sameRoutes;
    runs = sameRoutes;
  } else {
    net = yield* compileSpecSteps(spec, (hops) => budget.spend('index', hops));
    const { spans, held, spanAt } = findSpans(net);
    if (budget.spend('numeric', nh)) yield;
    walked = { ...(yield* walkVisitsSteps(net, nh, (n) => budget.spend('numeric', n))), spans, spanAt };
    if (budget.spend('numeric', nh)) yield;
    runs = workerRuns(net, walked.visits, held);
    if (budget.spend('numeric', nh)) yield;
  }
  const { visits, routeVisits, fanOut, heldPools, spans, spanAt } = walked;
  const { poolRuns, runHead } = runs;
  const cpu = new Float64Array(nh);
  const post = new Float64Array(nh);
  const delay = new Float64Array(nh);
  const holdScv = new Float64Array(nh);
  const part = partHops('index');
  for (let from = 0; from < nh; from += part) {
    const to = Math.min(nh, from + part);
    for (let i = from; i < to; i++) {
      const h = spec.hops[i];
      cpu[i] = h.cpu ? distributionMean(h.cpu.service) : 0;
      post[i] = h.post ? distributionMean(h.post) : 0;
      delay[i] = h.delay ? distributionMean(h.delay) : 0;
      holdScv[i] = h.cpu ? distributionScv(h.cpu.service) : h.delay ? distributionScv(h.delay) : 0;
    }
    if (budget.spend('index', to - from)) yield;
  }
  const ns = net.stations.length;
  const cpuRate = new Float64Array(ns);
  const cpuWork = new Float64Array(ns);
  const cpuM2 = new Float64Array(ns);
  const load = { rate: cpuRate, work: cpuWork, m2: cpuM2 };
  for (let h = 0; h < nh; h++) {
    if (visits[h] === 0) continue;
    const s = net.hopCpu[h];
    if (s >= 0) {
      // The burst, then the post-response work (no pair array per hop: this runs for thousands).
      const hop = spec.hops[h];
      addBurst(load, s, visits[h], cpu[h], hop.cpu!.service);
      addBurst(load, s, visits[h], post[h], hop.post);
    }
  }
  if (budget.spend('numeric', nh)) yield;
  const connections = spec.load.connections ?? 1;
  return {
    spec,
    net,
    visits,
    routeVisits,
    fanOut,
    heldPools,
    spans,
    spanAt,
    cpu,
    post,
    delay,
    cpuRate,
    cpuWork,
    cpuM2,
    poolRuns,
    runHead,
    holdScv,
    connections,
  };
}

/** A CPU burst's share of station `s`'s load per unit of λ: arrivals, work, Σ rate·mean²·(1+scv). */
function addBurst(
  load: { rate: Float64Array; work: Float64Array; m2: Float64Array },
  s: number,
  v: number,
  mean: number,
  d: Distribution | undefined,
): void {
  if (!d || mean === 0) return;
  load.rate[s] += v;
  load.work[s] += v * mean;
  load.m2[s] += v * mean * mean * (1 + distributionScv(d));
}

/**
 * Runs of consecutive hops on one thread pool within a route, per pool, and the hop that heads each
 * (see Prepared.poolRuns).
 */
function workerRuns(
  net: Compiled,
  visits: Float64Array,
  held: Uint8Array,
): Pick<Prepared, 'poolRuns' | 'runHead'> {
  const poolRuns: number[][][] = net.stations.map(() => []);
  const runHead = new Uint8Array(visits.length);
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
      // A held pool's hops run on the server the span already holds: they never wait for it.
      const p = h >= 0 && !held[net.hopPool[h]] ? net.hopPool[h] : -1;
      if (p < 0 || p !== pool) close();
      if (p >= 0) {
        pool = p;
        run.push(h);
      }
    }
    close();
  }
  return { poolRuns, runHead };
}

/** `net` with each hop's CPU station and class read from `spec` (whose stations and hop ids are net's). */
function* withCpuOf(net: Compiled, spec: SimSpec, budget: StepBudget): Generator<void, Compiled, void> {
  const cpuStation = new Map<string, number>();
  net.stations.forEach((st, i) => {
    if (st.kind === 'cpu') cpuStation.set(st.id, i);
  });
  const nh = spec.hops.length;
  const hopCpu = new Int32Array(nh).fill(-1);
  const hopCpuClass = new Int32Array(nh);
  const part = partHops('index');
  for (let i = 0; i < nh; i++) {
    if (i % part === part - 1 && budget.spend('index', part)) yield;
    const cpu = spec.hops[i].cpu;
    if (!cpu) continue;
    const s = cpuStation.get(cpu.station);
    if (s === undefined) throw new Error(`hops[${i}].cpu.station: unknown cpu station '${cpu.station}'`);
    hopCpu[i] = s;
    hopCpuClass[i] = cpu.cpuClass === 'kernel' ? 1 : 0;
  }
  if (budget.spend('index', nh % part)) yield;
  return { ...net, hopCpu, hopCpuClass };
}

/** The hop waits of an evaluation that asked only whether a resource saturates: not worked out. */
const NO_HOP_WAITS = new Float64Array(0);

export interface Evaluation {
  util: Float64Array;
  wait: Float64Array;
  /** Mean wait per traversal of each hop: for its worker, and for a core (empty when utilisation only). */
  hopWait: Float64Array;
  latency: number;
  saturated: boolean;
  /** Share of top-level requests failed by a held pool refusing a permit (0 without held pools). */
  refusedShare: number;
}

export function evaluate(m: Prepared, lambda: number, utilizationOnly = false): Evaluation {
  return drain(evaluateSteps(m, lambda, utilizationOnly));
}

/**
 * `evaluate`, yielding within `budget` between the passes of the held pools' fixed point (each a walk
 * of every route): with Hystrix isolation an evaluation can take many.
 */
export function* evaluateSteps(
  m: Prepared,
  lambda: number,
  utilizationOnly = false,
  budget = new StepBudget(),
): Generator<void, Evaluation, void> {
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
    let r = 0,
      hold = 0,
      hold2 = 0;
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
      // Connections are pinned to workers (the engine's affinityWorker): each worker is a G/G/1. Requests
      // take connections in turn, so a worker's arrivals are more regular than Poisson: its SCV is
      // taken as its share (a worker with half the connections sees about every other arrival).
      const pinned = pinnedPoolWait(
        r,
        es,
        scv,
        affinityShares(m.connections, s, st.servers),
        (share) => share,
      );
      wait[s] = pinned.wait;
      util[s] = pinned.maxUtilization;
    } else {
      wait[s] = mgcWait(r, es, st.servers, scv);
      util[s] = hold / st.servers;
    }
  }
  const cpuSaturated = util.some((u) => u >= 1);
  // Without held pools utilisation does not depend on latency (the saturation search's fast path): no
  // hop's wait is needed, only whether a resource is full.
  if (utilizationOnly && m.spans.length === 0) {
    if (budget.spend('numeric', ns)) yield;
    return { util, wait, hopWait: NO_HOP_WAITS, latency: NaN, saturated: cpuSaturated, refusedShare: 0 };
  }
  const hopWait = new Float64Array(spec.hops.length);
  for (let h = 0; h < spec.hops.length; h++) {
    const p = net.hopPool[h];
    const c = net.hopCpu[h];
    hopWait[h] = (p >= 0 && m.runHead[h] ? wait[p] : 0) + (c >= 0 && m.cpu[h] > 0 ? wait[c] : 0);
  }
  if (budget.spend('numeric', spec.hops.length)) yield;
  const held = { wait: new Float64Array(ns), blocked: new Float64Array(ns), util: new Float64Array(ns) };
  const hold = new Float64Array(m.spans.length);
  // Route latency: steps add up; a choice averages its backends; a fan-out takes its slowest branch;
  // an acquire adds the wait for a permit, and the span's time is the pool's holding time.
  const memo = new Float64Array(net.routes.length);
  const routeLatency = (route: number): number => {
    if (!Number.isNaN(memo[route])) return memo[route];
    const r = net.routes[route];
    let t = 0;
    for (let s = 0; s < r.stepType.length; s++) {
      const type = r.stepType[s];
      if (type === STEP_HOP) {
        const h = r.stepArg[s];
        t += hopWait[h] + m.cpu[h] + m.delay[h];
        continue;
      }
      if (type === STEP_ACQUIRE) {
        t += held.wait[r.stepArg[s]];
        hold[m.spanAt[route][s]] = -t;
        continue;
      }
      if (type === STEP_RELEASE) {
        hold[m.spanAt[route][s]] += t;
        continue;
      }
      // Without temporary arrays (this runs for every route at every load evaluated), same arithmetic:
      // sums from 0 left to right, the maximum as Math.max takes it.
      const targets = r.calls[r.stepArg[s]];
      if (type === STEP_CALL_PARALLEL) {
        let most = -Infinity;
        for (const x of targets) most = Math.max(most, routeLatency(x));
        t += most;
      } else {
        let sum = 0;
        for (const x of targets) sum += routeLatency(x);
        t += type === STEP_CHOOSE ? sum / targets.length : sum;
      }
    }
    memo[route] = t;
    return t;
  };
  let latency = Infinity;
  let more = true;
  for (let iter = 0; iter < 100 && more; iter++) {
    memo.fill(NaN);
    latency = routeLatency(net.entry);
    // Held pools: until the holding times settle (updateHeld runs only when they are in play).
    more =
      m.spans.length > 0 &&
      !cpuSaturated &&
      Number.isFinite(latency) &&
      updateHeld(net, m.spans, hold, m.routeVisits, lambda, held) >= 1e-9;
    if (budget.spend('numeric', spec.hops.length)) yield;
  }
  let ok = 1;
  m.spans.forEach((sp) => {
    const b = held.blocked[sp.station];
    // A retry comes back at once, while the pool is still full (its holds last a whole call), so it is
    // refused too: a refusal fails the call whatever the retry budget, and retries add no load.
    ok *= Math.pow(1 - b, m.routeVisits[sp.route]);
    util[sp.station] = held.util[sp.station];
    wait[sp.station] = held.wait[sp.station];
  });
  const saturated = util.some((u) => u >= 1);
  if (utilizationOnly) return { util, wait, hopWait, latency: NaN, saturated, refusedShare: 1 - ok };
  return { util, wait, hopWait, latency: saturated ? Infinity : latency, saturated, refusedShare: 1 - ok };
}

/** Share of client → server legs, weighted by visits, whose two pods sit on different nodes. */
