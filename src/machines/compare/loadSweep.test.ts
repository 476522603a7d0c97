import { estimated } from '../../model/comparison';
import { simulated } from '../../model/comparison';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO } from '../../app/compareModels';
import { runComparison } from '../../engine/compare';
import { estimateScenario, type ScenarioEstimate } from '../../engine/scenario/estimate';
import { toComparisonView } from '../../engine/scenario/view';
import type { DesignEstimate } from '../../model/comparison';
import type { Scenario } from '../../model/scenario';
import { atLoad, planSweep, SWEEP_REQUESTS, sweepPointOf } from './loadSweep';

const est = (rows: [string, number | undefined, boolean?][]): ScenarioEstimate => ({
  modelVersion: DEFAULT_SCENARIO.modelVersion,
  results: rows.map(([id, saturationRps, unsupported]) => {
    const architecture = id as Scenario['architectures'][number];
    return unsupported
      ? { architecture, name: id, notes: [], unsupported: ['cannot'] }
      : // A stand-in with only what the sweep plan reads.
        ({ architecture, name: id, notes: [], saturationRps } as unknown as DesignEstimate);
  }),
});

describe('load sweep points', () => {
  it('takes 20 %, 45 %, 70 % and 90 % of the most constrained selected design’s saturation load', () => {
    const s: Scenario = { ...DEFAULT_SCENARIO, architectures: ['no-mesh', 'sidecar-envoy', 'ambient'] };
    // cilium-ebpf is not selected and library cannot run: neither sets the range.
    const plan = planSweep(
      s,
      est([
        ['no-mesh', 30_000],
        ['sidecar-envoy', 8_000],
        ['ambient', 10_000],
        ['cilium-ebpf', 2_000],
        ['library', 1_000, true],
      ]),
    )!;
    expect(plan.architecture).toBe('sidecar-envoy');
    expect(plan.saturationRps).toBe(8_000);
    expect(plan.points.map((p) => [p.fraction, p.rps])).toEqual([
      [0.2, 1600],
      [0.45, 3600],
      [0.7, 5600],
      [0.9, 7200],
    ]);
    for (const p of plan.points) {
      expect(p.scenario.seed).toBe(s.seed);
      expect(p.scenario.architectures).toEqual(s.architectures);
      expect(p.scenario.workload.load).toEqual({ ...s.workload.load, rps: p.rps });
      expect(p.scenario.run).toEqual({ warmupRequests: 200, measuredRequests: SWEEP_REQUESTS });
    }
  });

  it('has no points for closed-loop load, without an estimate, or without a finite saturation load', () => {
    const closed: Scenario = {
      ...DEFAULT_SCENARIO,
      workload: {
        ...DEFAULT_SCENARIO.workload,
        load: { kind: 'closed', connections: 8, think: { kind: 'deterministic', value: 100 } },
      },
    };
    expect(planSweep(closed, est([['no-mesh', 30_000]]))).toBeNull();
    expect(planSweep(DEFAULT_SCENARIO, null)).toBeNull();
    expect(
      planSweep(
        DEFAULT_SCENARIO,
        est([
          ['no-mesh', undefined],
          ['ambient', Infinity],
        ]),
      ),
    ).toBeNull();
    expect(() => atLoad(closed, 10)).toThrow(/closed-loop/);
  });

  it('never lengthens the run: fewer requests kept, a duration cut to about SWEEP_REQUESTS requests', () => {
    const short: Scenario = { ...DEFAULT_SCENARIO, run: { warmupRequests: 10, measuredRequests: 300 } };
    expect(atLoad(short, 500).run).toEqual({ warmupRequests: 10, measuredRequests: 300 });
    const timed: Scenario = { ...DEFAULT_SCENARIO, run: { warmupUs: 1e5, durationUs: 60e6 } };
    expect(atLoad(timed, 500).run).toEqual({ warmupUs: 1e5, durationUs: (SWEEP_REQUESTS / 500) * 1e6 });
  });

  it('on the real estimate, every selected design is below its own saturation at every point', () => {
    const e = estimateScenario(DEFAULT_SCENARIO);
    const plan = planSweep(DEFAULT_SCENARIO, e)!;
    const sats = e.results
      .filter((r) => DEFAULT_SCENARIO.architectures.includes(r.architecture))
      .map((r) => estimated(r).saturationRps!);
    expect(plan.saturationRps).toBe(Math.min(...sats));
    for (const p of plan.points) for (const sat of sats) expect(p.rps).toBeLessThan(sat);
  });

  it('a point carries each design’s simulated mean and p99 with their intervals', () => {
    const s: Scenario = {
      ...DEFAULT_SCENARIO,
      architectures: ['no-mesh', 'ambient'],
      run: { warmupRequests: 50, measuredRequests: 400 },
    };
    const view = toComparisonView(runComparison(atLoad(s, 700), { replications: 3 }));
    const point = sweepPointOf(0.2, 700, view);
    expect(point).toMatchObject({ fraction: 0.2, rps: 700, measuredRequests: 400, replications: 3 });
    expect(point.values.map((v) => v.architecture)).toEqual(['no-mesh', 'ambient']);
    expect(point.values[1].p99).toEqual(simulated(view.results[1]).latency!.p99);
    expect(point.values[1].mean).toEqual(simulated(view.results[1]).latency!.mean);
    expect(point.values[1].p99.mean).toBeGreaterThan(point.values[1].mean.mean);
  });
});
