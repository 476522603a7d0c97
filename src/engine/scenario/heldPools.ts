import { STEP_ACQUIRE, STEP_RELEASE, type Compiled } from '../compile';
import { mgcWait, mmcK } from '../queueing';

/**
 * Pools held across steps (Hystrix isolation: acquire … release around a remote call) in the analytic
 * estimate. A held pool's holding time is the mean time of the steps it spans — the whole downstream
 * call — so it is an M/G/c queue on those spans, not on its hops' own work:
 *  - no waiting room (Hystrix's default): Erlang's loss system; the blocked share fails fast and the
 *    formula is exact for any holding-time distribution;
 *  - a bounded waiting room: M/M/c/K (holding times taken as exponential);
 *  - unbounded: M/G/c waiting with holding-time SCV 1.
 * The span times depend on the waits (nested pools), so the estimate iterates to a fixed point.
 */

export interface HeldSpan {
  route: number;
  station: number;
  acquire: number;
  release: number;
}

/** The acquire … release spans of every route, and the stations they hold. */
export function findSpans(net: Compiled): { spans: HeldSpan[]; held: Uint8Array; spanAt: Int32Array[] } {
  const spans: HeldSpan[] = [];
  const held = new Uint8Array(net.stations.length);
  const spanAt = net.routes.map((r, route) => {
    const at = new Int32Array(r.stepType.length).fill(-1);
    const open = new Map<number, number>();
    for (let s = 0; s < r.stepType.length; s++) {
      if (r.stepType[s] === STEP_ACQUIRE) open.set(r.stepArg[s], s);
      else if (r.stepType[s] === STEP_RELEASE && open.has(r.stepArg[s])) {
        const station = r.stepArg[s];
        const acquire = open.get(station)!;
        open.delete(station);
        at[acquire] = at[s] = spans.length;
        spans.push({ route, station, acquire, release: s });
        held[station] = 1;
      }
    }
    return at;
  });
  return { spans, held, spanAt };
}

export interface HeldState {
  /** Per station: mean wait to acquire (µs), share of acquisitions refused, busy share of its servers. */
  wait: Float64Array;
  blocked: Float64Array;
  util: Float64Array;
}

/**
 * One step of the fixed point: from each span's mean holding time and how often its route runs (per
 * top-level request), the waits and refusals at every held pool. Returns the largest relative change
 * of a wait, to decide when to stop.
 */
export function updateHeld(
  net: Compiled,
  spans: readonly HeldSpan[],
  hold: Float64Array,
  routeVisits: Float64Array,
  lambda: number,
  state: HeldState,
): number {
  const ns = net.stations.length;
  const rate = new Float64Array(ns);
  const work = new Float64Array(ns);
  spans.forEach((sp, i) => {
    const r = lambda * routeVisits[sp.route];
    rate[sp.station] += r;
    work[sp.station] += r * hold[i];
  });
  let change = 0;
  for (let s = 0; s < ns; s++) {
    if (rate[s] === 0) continue;
    const st = net.stations[s];
    const es = work[s] / rate[s];
    let wait: number, blocked: number, util: number;
    if (Number.isFinite(st.queueLimit)) {
      ({ wait, blocked, utilization: util } = mmcK(rate[s], es, st.servers, st.queueLimit));
    } else {
      wait = mgcWait(rate[s], es, st.servers, 1);
      blocked = 0;
      util = work[s] / st.servers;
    }
    const prev = state.wait[s];
    change = Math.max(
      change,
      Math.abs(wait - prev) / Math.max(wait, prev, 1e-9),
      Math.abs(blocked - state.blocked[s]),
    );
    state.wait[s] = wait;
    state.blocked[s] = blocked;
    state.util[s] = util;
  }
  return change;
}
