import { describe, expect, it } from 'vitest';
import type { Distribution } from '../model/distribution';
import type { SimSpecInput } from '../model/simSpec';
import { Simulation, simulate } from './index';

/** A client calling one of two backends through a balanced call with timeout and retries. */
function spec(opts: {
  failure?: number;
  service: Distribution;
  timeoutUs?: number;
  retries: number;
  measured?: number;
}): SimSpecInput {
  return {
    seed: 31,
    stations: [
      { id: 'b0', kind: 'cpu', servers: 64 },
      { id: 'b1', kind: 'cpu', servers: 64 },
    ],
    hops: [0, 1].map((i) => ({
      id: `serve${i}`,
      cpu: { station: `b${i}`, service: opts.service },
      failure: opts.failure ?? 0,
    })),
    routes: [
      {
        id: 'client',
        steps: [
          { choose: ['r0', 'r1'], policy: 'round-robin', timeoutUs: opts.timeoutUs, retries: opts.retries },
        ],
      },
      { id: 'r0', steps: [{ hop: 'serve0' }] },
      { id: 'r1', steps: [{ hop: 'serve1' }] },
    ],
    entry: 'client',
    load: { kind: 'open', rps: 20_000 },
    run: { warmupRequests: 100, measuredRequests: opts.measured ?? 100_000 },
    recordCapacity: 1000,
  };
}

describe('failures, retries and timeouts', () => {
  it('loss p = 0.2 with 2 retries fails p³ of requests and retries p + p² per request', () => {
    const s = simulate(spec({ failure: 0.2, service: { kind: 'deterministic', value: 5 }, retries: 2 }));
    const n = s.requests.measured;
    // Binomial SE of the failure share ≈ 0.00028 at n = 100,000; allow 5 SE.
    expect(Math.abs(s.requests.failed / n - 0.008)).toBeLessThan(0.0014);
    // Retries per request: mean p + p² = 0.24, SD per request ≈ 0.5, SE ≈ 0.0016; allow 5 SE.
    expect(Math.abs(s.requests.retries / n - 0.24)).toBeLessThan(0.008);
    expect(s.requests.completed + s.requests.failed).toBe(n);
    // A successful request took 1 to 3 tries of 5 µs each.
    expect(s.latency.intended.min).toBeCloseTo(5, 6);
    expect(s.latency.intended.max).toBeCloseTo(15, 6);
  });

  it('without retries, loss p fails p of requests', () => {
    const s = simulate(spec({ failure: 0.2, service: { kind: 'deterministic', value: 5 }, retries: 0 }));
    expect(Math.abs(s.requests.failed / s.requests.measured - 0.2)).toBeLessThan(0.0064); // 5 SE
    expect(s.requests.retries).toBe(0);
  });

  it('a per-try timeout abandons slow tries; one retry rescues most; latency is bounded by the tries', () => {
    // 10 % of tries take 1 ms; the timeout gives up after 100 µs and retries once.
    const s = simulate(
      spec({
        service: { kind: 'empirical', values: [10, 1000], weights: [9, 1] },
        timeoutUs: 100,
        retries: 1,
      }),
    );
    const n = s.requests.measured;
    expect(Math.abs(s.requests.timeouts / n - (0.1 + 0.1 * 0.1))).toBeLessThan(0.005);
    expect(Math.abs(s.requests.failed / n - 0.01)).toBeLessThan(0.0016);
    // Success: a fast first try (10 µs), or a timed-out try then a fast one (100 + 10 µs).
    expect(s.latency.intended.max).toBeLessThanOrEqual(110.2);
    expect(s.latency.intended.p50).toBeCloseTo(10, 1);
  });

  it('abandoned tries keep their backend busy (the server does not know the caller gave up)', () => {
    const s = simulate(
      spec({ service: { kind: 'deterministic', value: 1000 }, timeoutUs: 100, retries: 0, measured: 20_000 }),
    );
    expect(s.requests.completed).toBe(0);
    expect(s.requests.failed).toBe(s.requests.measured);
    expect(s.requests.timeouts).toBe(s.requests.measured);
    // 20,000 rps × 1 ms = 20 busy cores out of 128.
    const busy = s.stations.reduce((a, st) => a + st.utilization * 64, 0);
    expect(busy).toBeGreaterThan(19);
    expect(busy).toBeLessThan(21);
  });

  it('records timed-out and retried tries with the hop they concern', () => {
    const sim = new Simulation(
      spec({
        service: { kind: 'empirical', values: [10, 1000], weights: [9, 1] },
        timeoutUs: 100,
        retries: 1,
        measured: 2_000,
      }),
    ).run();
    const outcomes = new Set(sim.records.toArray().map((r) => r.outcome));
    expect(outcomes.has('timed out')).toBe(true);
    const t = sim.records.toArray().find((r) => r.outcome === 'timed out')!;
    expect(t.leave - t.enter).toBeCloseTo(100, 6);
    const lossy = new Simulation(
      spec({ failure: 0.3, service: { kind: 'deterministic', value: 5 }, retries: 1, measured: 2_000 }),
    ).run();
    expect(new Set(lossy.records.toArray().map((r) => r.outcome))).toEqual(
      new Set(['forwarded', 'dropped', 'retried']),
    );
  });

  it('retries and timeouts are deterministic for a seed', () => {
    const a = simulate(
      spec({
        failure: 0.1,
        service: { kind: 'lognormal', mean: 50, cv: 1 },
        timeoutUs: 120,
        retries: 2,
        measured: 20_000,
      }),
    );
    const b = simulate(
      spec({
        failure: 0.1,
        service: { kind: 'lognormal', mean: 50, cv: 1 },
        timeoutUs: 120,
        retries: 2,
        measured: 20_000,
      }),
    );
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });
});
