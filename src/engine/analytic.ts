import { distributionMean, distributionScv } from '../model/distribution';
import type { SimSpec, SimSpecInput } from '../model/simSpec';
import { validSimSpec } from '../model/valid';
import {
  compileSpec,
  POLICY_CONNECTION,
  STEP_CALL_PARALLEL,
  STEP_CHOOSE,
  STEP_HOP,
  type Compiled,
} from './compile';
import { mgcWait, pinnedPoolWait } from './queueing';
import { affinityShares } from './affinity';

export interface AnalyticStation {
  id: string;
  utilization: number;
  meanWait: number;
}

export type AnalyticEstimate =
  | {
      applicable: true;
      approximate: true;
      meanLatencyUs: number;
      stations: AnalyticStation[];
      saturated: boolean;
    }
  | { applicable: false; reason: string };

/**
 * Mean latency from mean service times plus M/G/c waiting (Erlang C with the (1+cs²)/2 correction)
 * at each resource, as if each resource saw Poisson arrivals. Approximate; scoped to open load without
 * fan-out (parallel calls to several routes) — outside that scope it says why instead of guessing.
 */
export function analyticEstimate(input: SimSpecInput | SimSpec): AnalyticEstimate {
  const spec = validSimSpec(input);
  if (spec.load.kind !== 'open')
    return { applicable: false, reason: 'the analytic estimate covers open (Poisson) load only' };
  const net = compileSpec(spec);
  const visits = hopVisits(net);
  if (visits === null)
    return { applicable: false, reason: 'the analytic estimate does not cover fan-out (parallel calls)' };
  const lambda = spec.load.rps / 1e6; // per µs
  const conns = spec.load.connections;

  const nh = spec.hops.length;
  const cpuMean = spec.hops.map((h) => (h.cpu ? distributionMean(h.cpu.service) : 0));
  const postMean = spec.hops.map((h) => (h.post ? distributionMean(h.post) : 0));
  const delayMean = spec.hops.map((h) => (h.delay ? distributionMean(h.delay) : 0));

  // CPU stations first: every burst (on-path and post-response) is an arrival there.
  const ns = net.stations.length;
  const rate = new Float64Array(ns);
  const work = new Float64Array(ns);
  const secondMoment = new Float64Array(ns);
  for (let h = 0; h < nh; h++) {
    const s = net.hopCpu[h];
    if (s < 0 || visits[h] === 0) continue;
    const hop = spec.hops[h];
    for (const [mean, d] of [
      [cpuMean[h], hop.cpu!.service],
      [postMean[h], hop.post],
    ] as const) {
      if (!d || mean === 0) continue;
      rate[s] += lambda * visits[h];
      work[s] += lambda * visits[h] * mean;
      secondMoment[s] += lambda * visits[h] * mean * mean * (1 + distributionScv(d));
    }
  }
  const wait = new Float64Array(ns);
  const util = new Float64Array(ns);
  for (let s = 0; s < ns; s++) {
    const st = net.stations[s];
    if (st.kind !== 'cpu' || rate[s] === 0) continue;
    const es = work[s] / rate[s];
    const scv = secondMoment[s] / rate[s] / (es * es) - 1;
    util[s] = work[s] / st.servers;
    wait[s] = mgcWait(rate[s], es, st.servers, scv);
  }

  // Thread pools: a worker is held for the CPU wait and burst, the delay, and any post-response work.
  for (let s = 0; s < ns; s++) {
    const st = net.stations[s];
    if (st.kind !== 'threads') continue;
    let r = 0,
      hold = 0,
      hold2 = 0;
    for (let h = 0; h < nh; h++) {
      if (net.hopPool[h] !== s || visits[h] === 0) continue;
      const c = net.hopCpu[h];
      const cw = c >= 0 ? wait[c] : 0;
      const t =
        (cpuMean[h] > 0 ? cw : 0) + cpuMean[h] + delayMean[h] + (postMean[h] > 0 ? cw + postMean[h] : 0);
      const scv = hopHoldScv(spec, h);
      r += lambda * visits[h];
      hold += lambda * visits[h] * t;
      hold2 += lambda * visits[h] * t * t * (1 + scv);
    }
    if (r === 0) continue;
    const es = hold / r;
    const scv = hold2 / r / (es * es) - 1;
    if (st.affinity) {
      // Connections are pinned to workers (the engine's affinityWorker): each worker is its own M/G/1.
      const pinned = pinnedPoolWait(r, es, scv, affinityShares(conns, s, st.servers));
      wait[s] = pinned.wait;
      util[s] = pinned.maxUtilization;
    } else {
      wait[s] = mgcWait(r, es, st.servers, scv);
      util[s] = hold / st.servers;
    }
  }

  let latency = 0;
  for (let h = 0; h < nh; h++) {
    if (visits[h] === 0) continue;
    const p = net.hopPool[h];
    const c = net.hopCpu[h];
    latency +=
      visits[h] *
      ((p >= 0 ? wait[p] : 0) + (c >= 0 && cpuMean[h] > 0 ? wait[c] : 0) + cpuMean[h] + delayMean[h]);
  }
  const saturated = Array.from(util).some((u) => u >= 1);
  return {
    applicable: true,
    approximate: true,
    saturated,
    meanLatencyUs: saturated ? Infinity : latency,
    stations: net.stations.map((st, s) => ({ id: st.id, utilization: util[s], meanWait: wait[s] })),
  };
}

/** SCV of a hop's holding time, approximated by its CPU burst's (or its delay's when it has no CPU). */
function hopHoldScv(spec: SimSpec, h: number): number {
  const hop = spec.hops[h];
  if (hop.cpu) return distributionScv(hop.cpu.service);
  if (hop.delay) return distributionScv(hop.delay);
  return 0;
}

/** Expected traversals of each hop per top-level request; null when a step fans out in parallel. */
function hopVisits(net: Compiled): Float64Array | null {
  const visits = new Float64Array(net.hopPool.length);
  let fanOut = false;
  let stickyChoice = false;
  const walk = (route: number, weight: number): void => {
    const r = net.routes[route];
    for (let s = 0; s < r.stepType.length; s++) {
      if (r.stepType[s] === STEP_HOP) visits[r.stepArg[s]] += weight;
      else if (r.stepType[s] === STEP_CHOOSE) {
        // Balanced: each backend gets an equal share (exact for round-robin and random; for
        // connection stickiness, when connections divide evenly).
        const targets = r.calls[r.stepArg[s]];
        for (const t of targets) walk(t, weight / targets.length);
        if (r.policy[r.stepArg[s]] === POLICY_CONNECTION) stickyChoice = true;
      } else {
        const targets = r.calls[r.stepArg[s]];
        if (r.stepType[s] === STEP_CALL_PARALLEL && targets.length > 1) fanOut = true;
        for (const t of targets) walk(t, weight);
      }
    }
  };
  walk(net.entry, 1);
  void stickyChoice;
  return fanOut ? null : visits;
}
