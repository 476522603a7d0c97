import { describe, expect, it } from 'vitest';
import { longRoute, mmc } from '../fixtures';
import { simulate } from '../replications';
import { confidenceInterval } from '../stats';
import { replicationSeed } from '../replications';

describe("Little's law and determinism", () => {
  it('L = λW on a 12-hop route with pools, cores and wire delays: within 2 %, 10 replications of 60,000 requests', () => {
    const ratios: number[] = [];
    for (let k = 0; k < 10; k++) {
      const s = simulate(
        longRoute({ hops: 12, rps: 80_000, warmup: 5_000, measured: 60_000, seed: replicationSeed(99, k) }),
      );
      const lambda = s.throughputRps / 1e6;
      ratios.push(s.meanInSystem / (lambda * s.latency.intended.mean));
    }
    const ci = confidenceInterval(ratios, 0.99);
    expect(Math.abs(ci.mean - 1)).toBeLessThan(0.02);
    expect(ci.lower <= 1 && ci.upper >= 1).toBe(true);
    // Each single run holds it too (window edge effects are small at this length).
    for (const r of ratios) expect(Math.abs(r - 1)).toBeLessThan(0.02);
  });

  it('the same seed gives identical summaries; a different seed differs', () => {
    const spec = (seed: number) => longRoute({ hops: 8, rps: 60_000, warmup: 1_000, measured: 20_000, seed });
    const a = simulate(spec(5));
    const b = simulate(spec(5));
    const c = simulate(spec(6));
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(c.latency.intended.mean).not.toBe(a.latency.intended.mean);
    expect(JSON.stringify(c)).not.toBe(JSON.stringify(a));
  });

  it('two architectures on one seed see the same arrivals (common random numbers)', () => {
    // Different service models, same seed: the arrival process (and so the window length) is identical.
    const fast = simulate(mmc({ lambda: 0.5, mu: 2, servers: 1, warmup: 100, measured: 10_000, seed: 3 }));
    const slow = simulate(mmc({ lambda: 0.5, mu: 1, servers: 1, warmup: 100, measured: 10_000, seed: 3 }));
    expect(slow.windowUs).toBe(fast.windowUs);
  });
});
