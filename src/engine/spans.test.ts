import { describe, expect, it } from 'vitest';
import type { SimSpecInput } from '../model/simSpec';
import { simulate } from './index';
import { erlangB, erlangC } from './queueing';

/** A two-thread pool held across a call whose backend takes an exponential time (no CPU): M/M/2. */
function held(queueLimit?: number): SimSpecInput {
  return {
    seed: 5,
    stations: [
      { id: 'cpu', kind: 'cpu', servers: 8 },
      { id: 'hystrix', kind: 'threads', servers: 2, queueLimit },
    ],
    hops: [
      {
        id: 'handoff',
        pool: 'hystrix',
        cpu: { station: 'cpu', service: { kind: 'deterministic', value: 0 } },
      },
      { id: 'backend', delay: { kind: 'exponential', mean: 100 } },
      {
        id: 'record',
        pool: 'hystrix',
        cpu: { station: 'cpu', service: { kind: 'deterministic', value: 0 } },
      },
    ],
    routes: [
      {
        id: 'r',
        steps: [
          { acquire: 'hystrix' },
          { hop: 'handoff' },
          { hop: 'backend' },
          { hop: 'record' },
          { release: 'hystrix' },
        ],
      },
    ],
    entry: 'r',
    load: { kind: 'open', rps: 14_000 },
    run: { warmupRequests: 5_000, measuredRequests: 200_000 },
  };
}

describe('pools held across steps (acquire … release)', () => {
  it('a held pool queues like M/M/c over the whole call: mean wait within 3 % of Erlang C (c = 2, ρ = 0.7)', () => {
    const s = simulate(held());
    const lambda = 0.014,
      mu = 0.01,
      c = 2;
    const wq = erlangC(c, lambda / mu) / (c * mu - lambda);
    const theory = wq + 100;
    expect(Math.abs(s.latency.intended.mean - theory) / theory).toBeLessThan(0.03);
    // The wait shows up as the first hop's queueing.
    expect(Math.abs(s.hops[0].meanQueueWait - wq) / wq).toBeLessThan(0.06);
    expect(s.stations[1].utilization).toBeCloseTo(0.7, 1);
  });

  it('with no waiting room a full pool rejects: the loss matches Erlang B (as Hystrix rejects to its fallback)', () => {
    const s = simulate(held(0));
    const blocked = s.requests.failed / s.requests.measured;
    // Binomial SE ≈ 0.001 at n = 200,000; allow 5 SE.
    expect(Math.abs(blocked - erlangB(2, 1.4))).toBeLessThan(0.005);
  });

  it('hops on the held pool run on the held thread: a one-thread pool does not deadlock', () => {
    const spec = held();
    spec.stations[1] = { id: 'hystrix', kind: 'threads', servers: 1 };
    spec.load = { kind: 'closed', connections: 3, think: { kind: 'exponential', mean: 50 } };
    spec.run = { warmupRequests: 10, measuredRequests: 2_000 };
    const s = simulate(spec);
    expect(s.requests.completed).toBe(2_000);
  });
});
