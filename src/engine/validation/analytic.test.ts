import { describe, expect, it } from 'vitest';
import type { SimSpecInput } from '../../model/simSpec';
import { analyticEstimate } from '../analytic';
import { longRoute, mmc } from '../fixtures';
import { simulate, replicationSeed } from '../replications';
import { confidenceInterval } from '../stats';

function simMean(build: (seed: number) => SimSpecInput, reps: number): { mean: number; half: number } {
  const ci = confidenceInterval(
    Array.from({ length: reps }, (_, k) => simulate(build(replicationSeed(11, k))).latency.intended.mean),
    0.99,
  );
  return { mean: ci.mean, half: ci.halfWidth };
}

describe('analytic estimate vs simulation (mean, ρ ≤ 0.7)', () => {
  it('is exact for M/M/1 and M/M/c (ρ = 0.7)', () => {
    const e = analyticEstimate(mmc({ lambda: 0.7, mu: 1, servers: 1, warmup: 0, measured: 1, seed: 1 }));
    expect(e.applicable && e.meanLatencyUs).toBeCloseTo(1 / 0.3, 9);
  });

  it('M/G/1 with lognormal service (cv 2) at ρ = 0.7: within 5 %; 10 replications of 200,000 after 20,000 warm-up', () => {
    const build = (seed: number) =>
      mmc({
        lambda: 0.7,
        mu: 1,
        servers: 1,
        warmup: 20_000,
        measured: 200_000,
        seed,
        service: { kind: 'lognormal', mean: 1, cv: 2 },
      });
    const e = analyticEstimate(build(1));
    if (!e.applicable) throw new Error(e.reason);
    // Pollaczek–Khinchine: W = S + ρS(1+cs²)/(2(1−ρ)) = 1 + 0.7·5/0.6.
    expect(e.meanLatencyUs).toBeCloseTo(1 + (0.7 * 5) / 0.6, 9);
    const s = simMean(build, 10);
    expect(Math.abs(s.mean - e.meanLatencyUs) / s.mean).toBeLessThan(0.05);
  });

  it('a 12-hop route with thread pools, shared cores and delays at ρ ≤ 0.7: within 5 %', () => {
    const build = (seed: number) =>
      longRoute({ hops: 12, rps: 80_000, warmup: 5_000, measured: 60_000, seed });
    const e = analyticEstimate(build(1));
    if (!e.applicable) throw new Error(e.reason);
    for (const st of e.stations) expect(st.utilization).toBeLessThanOrEqual(0.7);
    const s = simMean(build, 10);
    expect(Math.abs(s.mean - e.meanLatencyUs) / s.mean).toBeLessThan(0.05);
  });

  it('says when it does not apply instead of guessing', () => {
    const closed: SimSpecInput = {
      ...mmc({ lambda: 0.5, mu: 1, servers: 1, warmup: 0, measured: 1, seed: 1 }),
      load: { kind: 'closed', connections: 2, think: { kind: 'exponential', mean: 1 } },
    };
    expect(analyticEstimate(closed)).toEqual({ applicable: false, reason: expect.stringContaining('open') });
    const fan: SimSpecInput = {
      ...mmc({ lambda: 0.5, mu: 1, servers: 1, warmup: 0, measured: 1, seed: 1 }),
      routes: [
        { id: 'r', steps: [{ call: ['a', 'b'], mode: 'parallel' }] },
        { id: 'a', steps: [{ hop: 'serve' }] },
        { id: 'b', steps: [{ hop: 'serve' }] },
      ],
    };
    expect(analyticEstimate(fan)).toEqual({ applicable: false, reason: expect.stringContaining('fan-out') });
  });
});
