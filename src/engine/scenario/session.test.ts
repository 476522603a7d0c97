import { describe, expect, it } from 'vitest';
import bench from '../../../models/presets/istio-benchmark.json';
import type { ScenarioInput } from '../../model/scenario';
import { runComparison } from '../compare';
import { ScenarioError } from './placement';
import { ComparisonSession } from './session';
import { toComparisonView } from './view';

const scenario: ScenarioInput = {
  ...(bench as unknown as ScenarioInput),
  architectures: ['sidecar-envoy', 'proxyless-grpc', 'ambient'],
  run: { warmupRequests: 100, measuredRequests: 1_500 },
};

describe('ComparisonSession', () => {
  it('stepped in small slices, gives exactly what runComparison gives', () => {
    const session = new ComparisonSession(scenario, { replications: 3 });
    // no-mesh baseline + 2 supported architectures (proxyless-grpc cannot run HTTP) × 3 replications
    expect(session.jobsTotal).toBe(9);
    let slices = 0;
    const seen: string[] = [];
    while (!session.step(997)) {
      slices++;
      const a = session.currentArchitecture;
      if (a && seen.at(-1) !== a) seen.push(a);
    }
    expect(slices).toBeGreaterThan(20);
    expect(seen).toEqual(['no-mesh', 'sidecar-envoy', 'ambient']);
    expect(session.jobsDone).toBe(9);
    const strip = (x: unknown) => JSON.stringify(x, (k, v) => (k === 'compiled' ? undefined : v));
    expect(strip(session.result())).toBe(strip(runComparison(scenario, { replications: 3 })));
  });

  it('shards run disjoint runs; absorbing them gives the same result', () => {
    const shards = [0, 1, 2].map(
      (index) => new ComparisonSession(scenario, { replications: 3, shard: { index, count: 3 } }),
    );
    for (const s of shards) while (!s.step(5_000));
    expect(shards.map((s) => s.jobsTotal)).toEqual([3, 3, 3]);
    const whole = new ComparisonSession(scenario, { replications: 3, shard: { index: 0, count: 1 } });
    expect(() => whole.result()).toThrow(/not finished/);
    for (const s of shards) whole.absorb(s.summariesByRun);
    const strip = (x: unknown) => JSON.stringify(x, (k, v) => (k === 'compiled' ? undefined : v));
    expect(strip(whole.result())).toBe(strip(runComparison(scenario, { replications: 3 })));
    expect(() => whole.absorb([])).toThrow(/expected 9 runs/);
  });

  it('refuses to give a result before it has finished', () => {
    const session = new ComparisonSession(scenario, { replications: 2 });
    session.step(10);
    expect(() => session.result()).toThrow(/not finished/);
  });

  it('a scenario that cannot be placed fails at once, naming the field', () => {
    expect(
      () => new ComparisonSession({ ...scenario, topology: { ...scenario.topology, nodes: 1 } }),
    ).toThrow(ScenarioError);
  });
});

describe('toComparisonView', () => {
  const result = runComparison(scenario, { replications: 2 });
  const view = toComparisonView(result);

  it('drops the compiled spec and raw runs, and survives structured cloning', () => {
    expect(JSON.stringify(view)).not.toContain('"compiled"');
    expect(JSON.stringify(view)).not.toContain('"runs"');
    expect(structuredClone(view)).toEqual(view);
    expect(view.results.map((r) => r.architecture)).toEqual(['sidecar-envoy', 'proxyless-grpc', 'ambient']);
    expect(view.results[1].unsupported?.[0]).toMatch(/Proxyless mode works only for gRPC/);
  });

  it('the measured ledger adds up to the per-request hops and the breakdown', () => {
    for (const r of [view.results[0], view.results[2]]) {
      const ledger = r.ledger!;
      expect(ledger.reduce((s, l) => s + l.visits, 0)).toBeCloseTo(r.perRequest!.hops, 9);
      const proxy = ledger
        .filter((l) => l.category === 'proxy')
        .reduce((s, l) => s + l.visits * l.serviceUs, 0);
      expect(proxy).toBeCloseTo(r.breakdown!.proxy, 6);
      const queueing = ledger.reduce((s, l) => s + l.visits * l.waitUs, 0);
      expect(queueing).toBeCloseTo(r.breakdown!.queueing, 6);
      expect(r.requests).toEqual({ completed: 3_000, failed: 0 });
      expect(r.extremes!.min).toBeLessThanOrEqual(r.latency!.p50.mean);
      expect(r.extremes!.max).toBeGreaterThanOrEqual(r.latency!.p999.mean);
    }
  });
});
