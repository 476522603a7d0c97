import { describe, it } from 'vitest';
import { mmc } from '../fixtures';
import { checkAgainstTheory, meanLatency, p99Latency } from './theory';

// M/M/1 sojourn time is exponential with rate μ − λ: mean 1/(μ−λ), p99 = ln(100)/(μ−λ).
describe('M/M/1 against closed form', () => {
  it('ρ = 0.5: 200,000 customers per replication after 20,000 warm-up, 10 replications', () => {
    const lambda = 0.5,
      mu = 1;
    checkAgainstTheory(
      (seed) => mmc({ lambda, mu, servers: 1, warmup: 20_000, measured: 200_000, seed }),
      10,
      [
        { name: 'mean sojourn', metric: meanLatency, theory: 1 / (mu - lambda), tolerance: 0.02 },
        { name: 'p99 sojourn', metric: p99Latency, theory: Math.log(100) / (mu - lambda), tolerance: 0.05 },
      ],
    );
  });

  it('ρ = 0.9: 1,500,000 customers per replication after 50,000 warm-up, 20 replications', () => {
    // Heavy traffic: the relaxation time is ~1/(μ(1−√ρ)²) ≈ 380 service times, so runs must be long.
    const lambda = 0.9,
      mu = 1;
    checkAgainstTheory(
      (seed) => mmc({ lambda, mu, servers: 1, warmup: 50_000, measured: 1_500_000, seed }),
      20,
      [
        { name: 'mean sojourn', metric: meanLatency, theory: 1 / (mu - lambda), tolerance: 0.02 },
        { name: 'p99 sojourn', metric: p99Latency, theory: Math.log(100) / (mu - lambda), tolerance: 0.05 },
      ],
    );
  });
});
