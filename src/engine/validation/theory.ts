import { expect } from 'vitest';
import type { RunSummary } from '../../model/result';
import type { SimSpecInput } from '../../model/simSpec';
import { replicationSeed, simulate } from '../replications';
import { confidenceInterval } from '../stats';

/**
 * Replications with varied seeds; for each named metric, asserts that theory lies inside the 99 %
 * confidence interval AND that the interval's half-width is within the tolerance (relative to theory),
 * so a pass cannot come from a wide interval on a lucky seed.
 */
export function checkAgainstTheory(
  build: (seed: number) => SimSpecInput,
  replications: number,
  checks: { name: string; metric: (r: RunSummary) => number; theory: number; tolerance: number }[],
  baseSeed = 20261125,
): RunSummary[] {
  const runs: RunSummary[] = [];
  for (let k = 0; k < replications; k++) runs.push(simulate(build(replicationSeed(baseSeed, k))));
  for (const c of checks) {
    const ci = confidenceInterval(runs.map(c.metric), 0.99);
    const detail = `${c.name}: theory ${c.theory.toFixed(4)}, 99% CI ${ci.lower.toFixed(4)}..${ci.upper.toFixed(4)} (±${((100 * ci.halfWidth) / c.theory).toFixed(2)}%, tolerance ${(100 * c.tolerance).toFixed(1)}%)`;
    expect(ci.halfWidth / c.theory, `interval too wide — ${detail}`).toBeLessThanOrEqual(c.tolerance);
    expect(c.theory >= ci.lower && c.theory <= ci.upper, `theory outside the interval — ${detail}`).toBe(
      true,
    );
  }
  return runs;
}

export const meanLatency = (r: RunSummary) => r.latency.intended.mean;
export const p99Latency = (r: RunSummary) => r.latency.intended.p99;
