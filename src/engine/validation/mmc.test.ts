import { describe, expect, it } from 'vitest';
import { mmc } from '../fixtures';
import { erlangC } from '../queueing';
import { checkAgainstTheory } from './theory';

describe('M/M/c against Erlang C', () => {
  it('Erlang C matches a hand-computed value', () => {
    // c = 2, a = 1: P(wait) = (a²/2!)·(c/(c−a)) / (1 + a + (a²/2!)·(c/(c−a))) = 1/3.
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 12);
  });

  it('c = 4, ρ = 0.8: mean wait within 3 %; 400,000 customers after 20,000 warm-up, 10 replications', () => {
    const c = 4,
      mu = 1,
      lambda = 0.8 * c * mu;
    const a = lambda / mu;
    const wq = erlangC(c, a) / (c * mu - lambda);
    checkAgainstTheory(
      (seed) => mmc({ lambda, mu, servers: c, warmup: 20_000, measured: 400_000, seed }),
      10,
      [
        { name: 'mean wait in queue', metric: (r) => r.hops[0].meanQueueWait, theory: wq, tolerance: 0.03 },
        { name: 'utilisation', metric: (r) => r.stations[0].utilization, theory: 0.8, tolerance: 0.01 },
      ],
    );
  });
});
