import { longRoute, mmc, tandem } from '../engine';
import type { SimSpecInput } from '../model/simSpec';

/** Built-in samples: small queueing networks with known theory, runnable without a file. */
export const SAMPLE_NAMES = ['mm1', 'mm1-heavy', 'tandem', 'route20'] as const;
export type SampleName = (typeof SAMPLE_NAMES)[number];

export interface Sample {
  name: SampleName;
  /** One line saying what it is and, where theory gives one, the expected mean. */
  description: string;
  spec: SimSpecInput;
}

const SEED = 1;

export function sample(name: SampleName): Sample {
  switch (name) {
    case 'mm1':
      return {
        name,
        description:
          'M/M/1 at ρ = 0.5: one core, exponential service (mean 1 µs), Poisson arrivals at 500,000 rps; theory: mean 2 µs',
        spec: mmc({ lambda: 0.5, mu: 1, servers: 1, warmup: 20_000, measured: 200_000, seed: SEED }),
      };
    case 'mm1-heavy':
      return {
        name,
        description:
          'M/M/1 at ρ = 0.9: one core, exponential service (mean 1 µs), Poisson arrivals at 900,000 rps; theory: mean 10 µs',
        spec: mmc({ lambda: 0.9, mu: 1, servers: 1, warmup: 50_000, measured: 500_000, seed: SEED }),
      };
    case 'tandem':
      return {
        name,
        description:
          'three M/M/1 stations in series at ρ = 0.5 each (mean service 1 µs, 500,000 rps); theory (Jackson): mean 6 µs',
        spec: tandem({ k: 3, lambda: 0.5, mu: 1, warmup: 20_000, measured: 200_000, seed: SEED }),
      };
    case 'route20':
      return {
        name,
        description:
          'a 20-hop route alternating between two 2-core nodes, proxy-like thread pools and wire delays, at 60,000 rps; no closed form',
        spec: longRoute({ hops: 20, rps: 60_000, warmup: 5_000, measured: 100_000, seed: SEED }),
      };
  }
}
