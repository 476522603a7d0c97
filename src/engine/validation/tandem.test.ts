import { describe, it } from 'vitest';
import { tandem } from '../fixtures';
import { checkAgainstTheory, meanLatency } from './theory';

// Jackson: each of the three stations behaves as an independent M/M/1, so the mean end-to-end
// sojourn is 3/(μ − λ).
describe('three M/M/1 stations in tandem', () => {
  it('ρ = 0.8: mean end-to-end sojourn within 3 %; 300,000 customers after 20,000 warm-up, 10 replications', () => {
    const lambda = 0.8,
      mu = 1;
    checkAgainstTheory((seed) => tandem({ k: 3, lambda, mu, warmup: 20_000, measured: 300_000, seed }), 10, [
      { name: 'end-to-end mean sojourn', metric: meanLatency, theory: 3 / (mu - lambda), tolerance: 0.03 },
    ]);
  });
});
