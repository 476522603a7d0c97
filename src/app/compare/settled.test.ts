import { describe, expect, it } from 'vitest';
import bench from '../../../models/presets/istio-benchmark.json';
import { DEFAULT_PRECISION } from '../../model/precision';
import { parseScenario } from '../../model/valid';
import { testCompareSession } from '../../test/compareSession';
import { comparisonSettled } from '../comparePage';

const scenario = parseScenario({
  ...bench,
  architectures: ['sidecar-envoy', 'ambient'],
  run: { warmupRequests: 100, measuredRequests: 1_000 },
});

const until = async (ok: () => boolean) => {
  for (let i = 0; i < 2_000 && !ok(); i++) await new Promise((r) => setTimeout(r, 1));
  expect(ok()).toBe(true);
};

describe('Compare holds background work back until its comparison and load sweep are done', () => {
  it('held through the estimate, every precision round, its assembly and the load sweep; released when the sweep is done', async () => {
    const t = testCompareSession(scenario, 2, DEFAULT_PRECISION);
    const seen: { phase: string; simulated: boolean; refining: boolean; settled: boolean }[] = [];
    const record = () => {
      const s = t.session.getSnapshot();
      seen.push({
        phase: s.phase,
        simulated: s.simulated,
        refining: s.refining,
        settled: comparisonSettled(s),
      });
    };
    record();
    t.session.subscribe(record);
    // Each round and each sweep point is a shard to finish by hand; the last one leaves the session idle.
    let finished = 0;
    while (!comparisonSettled(t.session.getSnapshot())) {
      await until(() => t.runs.length > finished || comparisonSettled(t.session.getSnapshot()));
      if (t.runs.length > finished) await t.runs[finished++].finish();
    }
    t.session.stop();
    expect(finished).toBeGreaterThan(1); // more than one round: a first result shown while refining
    const first = seen.findIndex((s) => s.settled);
    expect(seen.slice(0, first).some((s) => s.simulated && s.refining)).toBe(true);
    expect(seen.slice(0, first).every((s) => !s.settled)).toBe(true);
    expect(seen.slice(0, first).some((s) => s.phase === 'sweeping')).toBe(true);
    expect(seen[first]).toMatchObject({ phase: 'idle', simulated: true, refining: false });
  });

  it('released when a run stops without a result (an error leaves the page idle), never while sweeping', () => {
    expect(comparisonSettled({ phase: 'idle' })).toBe(true);
    expect(comparisonSettled({ phase: 'estimating' })).toBe(false);
    expect(comparisonSettled({ phase: 'running' })).toBe(false);
    expect(comparisonSettled({ phase: 'sweeping' })).toBe(false);
  });
});
