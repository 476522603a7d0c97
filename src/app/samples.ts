import { longRoute, mmc, tandem } from '../engine';
import type { Sample } from '../ui/types';

/**
 * The built-in scenarios. Rates are per µs (λ = 0.5 is 500,000 requests per second) and service
 * means are 1 µs, so the theory is easy to check by hand. The seed here is replaced by the user's.
 */
export const SAMPLES: readonly Sample[] = [
  {
    id: 'mm1-0.5',
    label: 'M/M/1 at ρ = 0.5',
    description:
      'One server, Poisson arrivals at half its capacity. Theory: mean time in system 1/(μ − λ) = 2 µs. 200,000 requests.',
    spec: mmc({ lambda: 0.5, mu: 1, servers: 1, warmup: 10_000, measured: 200_000, seed: 1 }),
  },
  {
    id: 'mm1-0.9',
    label: 'M/M/1 at ρ = 0.9',
    // Heavy traffic relaxes slowly (about 380 service times), so it needs a long run to settle.
    description:
      'The same server at 90 % load: queues and the tail grow sharply. Theory: mean 10 µs. 5,000,000 requests.',
    spec: mmc({ lambda: 0.9, mu: 1, servers: 1, warmup: 100_000, measured: 5_000_000, seed: 1 }),
  },
  {
    id: 'tandem-3',
    label: '3-station tandem',
    description:
      'Three servers in series at ρ = 0.5 each (a Jackson network). Theory: mean 3 × 2 µs = 6 µs. 200,000 requests.',
    spec: tandem({ k: 3, lambda: 0.5, mu: 1, warmup: 10_000, measured: 200_000, seed: 1 }),
  },
  {
    id: 'route-20',
    label: '20-hop route',
    description:
      'A request crossing 20 hops on two nodes: kernel work, proxy workers and wire delays at 50,000 requests per second. No exact theory; compare with the analytic estimate. 100,000 requests.',
    spec: longRoute({ hops: 20, rps: 50_000, warmup: 5_000, measured: 100_000, seed: 1 }),
  },
];
