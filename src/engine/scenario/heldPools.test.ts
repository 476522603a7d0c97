import { estimated } from '../../model/comparison';
import { simulated } from '../../model/comparison';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ScenarioSchema } from '../../model/scenario';
import { runComparison } from '../compare';
import { erlangB, erlangC, mmcK } from '../queueing';
import { estimateScenario } from './estimate';

describe('mmcK', () => {
  it('with no waiting room is Erlang B, and nothing waits', () => {
    for (const [c, a] of [
      [1, 0.5],
      [10, 8],
      [10, 12.4],
      [64, 40],
    ]) {
      const r = mmcK(a, 1, c, 0);
      expect(r.blocked).toBeCloseTo(erlangB(c, a), 12);
      expect(r.wait).toBe(0);
      expect(r.utilization).toBeCloseTo((a * (1 - r.blocked)) / c, 12);
    }
  });

  it('M/M/1/K matches the geometric closed form', () => {
    // N = K + 1 places in all: p_n = (1 − ρ) ρ^n / (1 − ρ^(N+1)).
    const rho = 0.8;
    const K = 4;
    const N = K + 1;
    const p = (n: number) => ((1 - rho) * rho ** n) / (1 - rho ** (N + 1));
    const r = mmcK(rho, 1, 1, K);
    expect(r.blocked).toBeCloseTo(p(N), 12);
    let lq = 0;
    for (let n = 2; n <= N; n++) lq += (n - 1) * p(n);
    expect(r.wait).toBeCloseTo(lq / (rho * (1 - p(N))), 12);
  });

  it('with a long waiting room approaches M/M/c (Erlang C)', () => {
    const c = 4;
    const a = 3;
    const r = mmcK(a, 1, c, 2000);
    expect(r.blocked).toBeLessThan(1e-12);
    expect(r.wait).toBeCloseTo(erlangC(c, a) / (c - a), 9);
  });
});

// Hystrix's thread pool (10 threads, no waiting room) held across a call to a server slowed by 5 ms:
// the analytic estimate (Erlang's loss formula on the call's mean time) against the simulation.
const preset = JSON.parse(readFileSync('models/presets/istio-benchmark.json', 'utf8'));
const slowServer = (rps: number) =>
  ScenarioSchema.parse({
    ...preset,
    architectures: ['library'],
    // Enough HTTP/1.1 connections that none is ever waited for (one request in flight on each): the pool,
    // not the client, is what refuses.
    workload: { ...preset.workload, load: { kind: 'open', rps, connections: 256 } },
    failure: { kind: 'delay', service: 'fortio-server', addedUs: 5000 },
    run: { warmupRequests: 2000, measuredRequests: 20000 },
  });

describe('held pools in the analytic estimate (Hystrix)', () => {
  it.each([1600, 2400])(
    'at %i rps the refused share lies in the simulation’s 99-percent interval (4 × 20,000 requests)',
    (rps) => {
      const s = slowServer(rps);
      const est = estimateScenario(s).results[0];
      const sim = runComparison(s, { replications: 4 }).results[0];
      const failed = simulated(sim).outcomes!.failedShare;
      // The interval must be tight enough to mean something: within 10 % of the share.
      expect(failed.halfWidth).toBeLessThan(0.1 * failed.mean);
      expect(estimated(est).refusedShare!).toBeGreaterThanOrEqual(failed.lower);
      expect(estimated(est).refusedShare!).toBeLessThanOrEqual(failed.upper);
      // The pool is the bottleneck the estimate names, and the latency of the calls that succeed agrees.
      expect(estimated(est).bottleneck!.id).toBe('library:loadgen');
      expect(
        Math.abs(estimated(est).meanLatencyUs! - simulated(sim).latency!.mean.mean) /
          simulated(sim).latency!.mean.mean,
      ).toBeLessThan(0.02);
    },
    120_000,
  );

  it('a refusal is not retried away: more load means more refusals, by Erlang B on the call time', () => {
    const low = estimateScenario(slowServer(800)).results[0];
    const high = estimateScenario(slowServer(2400)).results[0];
    // The hold is the call's time less the caller's few hops outside the span (well under 200 µs).
    const bound = (holdUs: number) => erlangB(10, 800e-6 * holdUs);
    expect(estimated(low).refusedShare!).toBeLessThanOrEqual(bound(estimated(low).meanLatencyUs!));
    expect(estimated(low).refusedShare!).toBeGreaterThanOrEqual(bound(estimated(low).meanLatencyUs! - 200));
    expect(estimated(high).refusedShare!).toBeGreaterThan(0.25);
    expect(estimated(high).approximations!.some((a) => a.includes('Erlang’s loss formula'))).toBe(true);
  });

  it('leaves architectures without held pools unchanged: nothing refused', () => {
    const s = { ...slowServer(2400), architectures: ['sidecar-envoy' as const] };
    expect(estimated(estimateScenario(s).results[0]).refusedShare).toBe(0);
  });
});
