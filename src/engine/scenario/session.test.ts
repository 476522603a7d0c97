import { simulated } from '../../model/comparison';
import { describe, expect, it } from 'vitest';
import bench from '../../../models/presets/istio-benchmark.json';
import type { ScenarioInput } from '../../model/scenario';
import { runComparison } from '../compare';
import { packRun } from '../packedRun';
import { ScenarioError } from './placement';
import { assembleComparison, ComparisonSession, specsOf } from './session';
import { compileAll } from './compiledSet';
import { parseScenario } from '../../model/valid';
import { toComparisonView } from './view';

const scenario: ScenarioInput = {
  ...(bench as unknown as ScenarioInput),
  architectures: ['sidecar-envoy', 'proxyless-grpc', 'ambient'],
  run: { warmupRequests: 100, measuredRequests: 1_500 },
};

const valid = parseScenario(scenario);
const set = compileAll(valid);
const strip = (x: unknown) => JSON.stringify(x, (k, v) => (k === 'compiled' ? undefined : v));

describe('ComparisonSession', () => {
  it('stepped in small slices, then assembled, gives exactly what runComparison gives', () => {
    const session = new ComparisonSession(valid.seed, specsOf(set), { replications: 3 });
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
    const assembled = assembleComparison(valid, set, 3, session.summariesByRun);
    expect(strip(assembled)).toBe(strip(runComparison(scenario, { replications: 3 })));
  });

  it('a step starts a run, or runs events, or reads a finished run: never two (each is a pause for cancel)', () => {
    const session = new ComparisonSession(valid.seed, specsOf(set), { replications: 2 });
    const pieces: string[] = [];
    let events = 0;
    for (let done = false; !done;) {
      const [before, runsBefore] = [session.current, session.jobsDone];
      const eventsBefore = session.current?.events ?? 0;
      done = session.step(Infinity);
      const ran = (session.current?.events ?? before?.events ?? 0) - eventsBefore;
      events += ran;
      const did = [
        before === null && session.current !== null ? 'start' : null,
        ran > 0 ? 'events' : null,
        session.jobsDone > runsBefore ? 'read' : null,
      ].filter((x) => x !== null);
      expect(did, `step ${pieces.length + 1}`).toHaveLength(1);
      pieces.push(did[0]);
    }
    // Each of the 6 runs (no-mesh and two designs, 2 replications): start, every event at once, read.
    expect(pieces).toEqual(Array.from({ length: 6 }, () => ['start', 'events', 'read']).flat());
    expect(events).toBeGreaterThan(6 * 1_600);
    // And stepped that way, the runs are the same as runComparison's.
    const assembled = assembleComparison(valid, set, 2, session.summariesByRun);
    expect(strip(assembled)).toBe(strip(runComparison(scenario, { replications: 2 })));
  });

  it('shards run disjoint runs; assembling them gives the same result', () => {
    const shards = [0, 1, 2].map(
      (index) =>
        new ComparisonSession(valid.seed, specsOf(set), { replications: 3, shard: { index, count: 3 } }),
    );
    for (const s of shards) while (!s.step(5_000));
    expect(shards.map((s) => s.jobsTotal)).toEqual([3, 3, 3]);
    const runs = shards[0].plan.map((_, j) => shards.map((s) => s.summariesByRun[j]).find((r) => r) ?? null);
    expect(runs.every((r) => r !== null)).toBe(true);
    expect(strip(assembleComparison(valid, set, 3, runs))).toBe(
      strip(runComparison(scenario, { replications: 3 })),
    );
  });

  it('packed, it keeps each run as figures only (no summary object), exactly the unpacked run packed', () => {
    const plain = new ComparisonSession(valid.seed, specsOf(set), {
      replications: 2,
      shard: { index: 1, count: 2 },
    });
    const packed = new ComparisonSession(valid.seed, specsOf(set), {
      replications: 2,
      shard: { index: 1, count: 2 },
      packed: true,
    });
    while (!plain.step(1e6));
    while (!packed.step(1e6));
    expect(packed.summariesByRun.every((r) => r === null)).toBe(true);
    const mine = plain.summariesByRun.map((r) => r !== null);
    expect(mine.some((x) => x) && mine.some((x) => !x)).toBe(true); // a shard: some runs, not all
    expect(packed.packedByRun.map((r) => r !== null)).toEqual(mine);
    expect(JSON.stringify(packed.packedByRun)).toBe(
      JSON.stringify(plain.summariesByRun.map((r) => r && packRun(r))),
    );
  });

  it('refuses to assemble before every run is in', () => {
    const session = new ComparisonSession(valid.seed, specsOf(set), { replications: 2 });
    session.step(10);
    expect(() => assembleComparison(valid, set, 2, session.summariesByRun)).toThrow(
      /expected 6 runs to assemble, got 0 of 6/,
    );
    expect(() => assembleComparison(valid, set, 2, [])).toThrow(/expected 6 runs/);
  });

  it('a scenario that cannot be placed fails at compile time, naming the field', () => {
    expect(() =>
      compileAll(parseScenario({ ...scenario, topology: { ...scenario.topology, nodes: 1 } })),
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
      const ledger = simulated(r).ledger!;
      expect(ledger.reduce((s, l) => s + l.visits, 0)).toBeCloseTo(simulated(r).perRequest!.hops, 9);
      const proxy = ledger
        .filter((l) => l.category === 'proxy')
        .reduce((s, l) => s + l.visits * l.serviceUs, 0);
      expect(proxy).toBeCloseTo(simulated(r).breakdown!.proxy, 6);
      const queueing = ledger.reduce((s, l) => s + l.visits * l.waitUs, 0);
      expect(queueing).toBeCloseTo(simulated(r).breakdown!.queueing, 6);
      expect(simulated(r).requests).toEqual({ completed: 3_000, failed: 0 });
      expect(simulated(r).extremes!.min).toBeLessThanOrEqual(simulated(r).latency!.p50.mean);
      expect(simulated(r).extremes!.max).toBeGreaterThanOrEqual(simulated(r).latency!.p999.mean);
    }
  });
});
