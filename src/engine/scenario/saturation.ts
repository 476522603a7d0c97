import { evaluate, evaluateSteps, type Prepared } from './estimateModel';
import { drain, StepBudget } from './stepBudget';

/** The loads the estimate solves for on a prepared model: where it saturates, what a closed load reaches. */

/** The arrival rate (per µs) at which the busiest resource reaches 100 %. */
export function saturationRate(m: Prepared): number {
  return drain(saturationRateSteps(m));
}

/** `saturationRate`, yielding within `budget` between the evaluations of its search. */
export function* saturationRateSteps(m: Prepared, budget = new StepBudget()): Generator<void, number, void> {
  // CPU utilisation is linear in λ, so the first core to fill bounds the answer from above; a worker
  // pool (whose holding time includes waits for a core) may fill earlier.
  let hi = Infinity;
  m.net.stations.forEach((st, s) => {
    if (st.kind === 'cpu' && m.cpuWork[s] > 0) hi = Math.min(hi, st.servers / m.cpuWork[s]);
  });
  let lo = 0;
  if (!Number.isFinite(hi)) {
    hi = 1e-6; // 1 rps
    while (!(yield* evaluateSteps(m, hi, true, budget)).saturated) {
      lo = hi;
      hi *= 2;
      if (hi > 1e3) return Infinity; // nothing on the path uses a resource
    }
  }
  for (let i = 0; i < 40 && hi - lo > hi * 1e-3; i++) {
    const mid = (lo + hi) / 2;
    if ((yield* evaluateSteps(m, mid, true, budget)).saturated) hi = mid;
    else lo = mid;
  }
  return lo;
}

/** Throughput of N connections with mean think time Z: X·(Z + R(X)) = N, by bisection. */
export function closedThroughput(m: Prepared, n: number, thinkUs: number): number {
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
