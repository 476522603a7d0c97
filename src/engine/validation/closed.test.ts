import { describe, expect, it } from 'vitest';
import { closedMM1 } from '../fixtures';
import { mvaSingleStation } from '../queueing';
import { checkAgainstTheory, meanLatency } from './theory';

describe('closed M/M/1 against mean-value analysis', () => {
  it('MVA reproduces hand values (N = 2, S = 1, Z = 4)', () => {
    // N=1: R=1, X=0.2, Q=0.2; N=2: R=1.2, X=2/5.2.
    const r = mvaSingleStation(2, 1, 4);
    expect(r.response).toBeCloseTo(1.2, 12);
    expect(r.throughput).toBeCloseTo(2 / 5.2, 12);
  });

  for (const n of [1, 4, 16]) {
    it(`N = ${n}, S = 1, exponential think Z = 4: throughput and mean response within 2 %; 100,000 requests after 5,000 warm-up, 10 replications`, () => {
      const mva = mvaSingleStation(n, 1, 4);
      checkAgainstTheory(
        (seed) => closedMM1({ customers: n, mu: 1, think: 4, warmup: 5_000, measured: 100_000, seed }),
        10,
        [
          {
            name: 'throughput (per µs)',
            metric: (r) => r.throughputRps / 1e6,
            theory: mva.throughput,
            tolerance: 0.02,
          },
          { name: 'mean response', metric: meanLatency, theory: mva.response, tolerance: 0.02 },
        ],
      );
    });
  }
});
