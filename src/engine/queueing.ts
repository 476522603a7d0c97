/** Closed-form queueing results used by the analytic estimate and by the validation tests. */

/** Erlang B blocking probability for c servers at offered load a = λ/μ (stable recursion). */
export function erlangB(c: number, a: number): number {
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  return b;
}

/** Erlang C: probability an arrival waits in M/M/c, offered load a = λ/μ < c. */
export function erlangC(c: number, a: number): number {
  if (a >= c) return 1;
  const b = erlangB(c, a);
  return (c * b) / (c - a * (1 - b));
}

/**
 * Mean wait in queue for M/G/c by the Allen–Cunneen approximation: the M/M/c wait (Erlang C)
 * scaled by (ca² + cs²)/2; exact for M/M/c and for M/G/1 (Pollaczek–Khinchine).
 */
export function mgcWait(lambda: number, meanService: number, c: number, scv: number, arrivalScv = 1): number {
  if (lambda <= 0 || meanService <= 0) return 0;
  const a = lambda * meanService;
  if (a >= c) return Infinity;
  const wq = (erlangC(c, a) * meanService) / (c - a);
  return (wq * (arrivalScv + scv)) / 2;
}

/** Exact mean-value analysis of a closed network: one queueing station (single server) and a delay (think) station. */
export function mvaSingleStation(
  n: number,
  meanService: number,
  meanThink: number,
): { throughput: number; response: number } {
  let q = 0;
  let x = 0;
  let r = 0;
  for (let k = 1; k <= n; k++) {
    r = meanService * (1 + q);
    x = k / (r + meanThink);
    q = x * r;
  }
  return { throughput: x, response: r };
}

/**
 * A pool whose connections are pinned to workers: each worker is an M/G/1 (G/G/1 by Allen–Cunneen)
 * fed `share` of the arrivals. Returns the mean wait (weighted by share) and the busiest worker's
 * utilisation. `arrivalScv` gives a worker's arrival SCV for its share (Poisson by default).
 */
export function pinnedPoolWait(
  rate: number,
  meanService: number,
  scv: number,
  shares: ArrayLike<number>,
  arrivalScv: (share: number) => number = () => 1,
): { wait: number; maxUtilization: number } {
  let wait = 0;
  let maxUtilization = 0;
  for (let u = 0; u < shares.length; u++) {
    const share = shares[u];
    if (share <= 0) continue;
    wait += share * mgcWait(rate * share, meanService, 1, scv, arrivalScv(share));
    maxUtilization = Math.max(maxUtilization, rate * share * meanService);
  }
  return { wait, maxUtilization };
}

/**
 * M/M/c/K with K waiting places (K = 0: Erlang's loss system, whose blocking is insensitive to the
 * holding-time distribution). Offered load a = λ·E[S]. Returns the share of arrivals blocked, the
 * mean wait of those admitted (µs when λ is per µs), and the servers' busy share.
 */
export function mmcK(
  lambda: number,
  meanService: number,
  c: number,
  K: number,
): { blocked: number; wait: number; utilization: number } {
  const a = lambda * meanService;
  if (a <= 0) return { blocked: 0, wait: 0, utilization: 0 };
  // State probabilities in log space: p_n ∝ a^n / n! up to c, then × (a/c) per waiting place.
  const n = c + K;
  const logp = new Float64Array(n + 1);
  let max = 0;
  for (let i = 1; i <= n; i++) {
    logp[i] = logp[i - 1] + Math.log(a / Math.min(i, c));
    if (logp[i] > max) max = logp[i];
  }
  let z = 0;
  for (let i = 0; i <= n; i++) z += Math.exp(logp[i] - max);
  let queued = 0;
  let busy = 0;
  for (let i = 0; i <= n; i++) {
    const p = Math.exp(logp[i] - max) / z;
    busy += Math.min(i, c) * p;
    if (i > c) queued += (i - c) * p;
  }
  const blocked = Math.exp(logp[n] - max) / z;
  const admitted = lambda * (1 - blocked);
  return { blocked, wait: admitted > 0 ? queued / admitted : 0, utilization: busy / c };
}
