import { describe, expect, it } from 'vitest';
import bench from '../../../models/presets/istio-benchmark.json';
import { runComparison } from '../../engine/compare';
import { toComparisonView } from '../../engine/scenario/view';
import { createCompareSession, type CompareSnapshot } from '../../machines/compare/session';
import { DEFAULT_PRECISION, precisionRule } from '../../model/precision';
import { parseScenario } from '../../model/valid';
import { fakeWorker } from '../../test/fakeWorker';
import { connectEngineClient } from '../../worker/client';
import { analyseOnPage, assembleOnPage, shardOnWorkers } from './engineActors';

const scenario = parseScenario({
  ...bench,
  architectures: ['sidecar-envoy', 'ambient'],
  run: { warmupRequests: 100, measuredRequests: 1_000 },
});

type Sent = { type: string; key?: string; progress?: boolean; designs?: { key?: string; spec?: unknown }[] };

describe('the Compare session’s precision rounds and the workers’ spec cache', () => {
  it('each worker is sent each design’s spec once; every later round names them by key; same numbers', async () => {
    const workers = [fakeWorker(), fakeWorker()];
    const session = createCompareSession({
      scenario,
      replications: 2,
      workers: 2,
      actors: {
        analyse: analyseOnPage(undefined, () => Promise.resolve()),
        shard: shardOnWorkers(workers.map((w) => connectEngineClient(w))),
        assemble: assembleOnPage(),
      },
    });
    const done = await new Promise<CompareSnapshot>((resolve) => {
      const off = session.subscribe((s) => {
        if (s.simulated && s.result?.precision?.next === null) {
          off();
          resolve(s);
        }
      });
    });
    session.stop();
    expect(JSON.stringify(done.result)).toBe(
      JSON.stringify(
        toComparisonView(
          runComparison(scenario, { replications: 2, precision: precisionRule(DEFAULT_PRECISION) }),
        ),
      ),
    );
    for (const w of workers) {
      const sent = w.sent as Sent[];
      // The main comparison's rounds (the load sweep after it sends no progress).
      const rounds = sent.filter((m) => m.type === 'compare' && m.progress !== false);
      expect(rounds.length).toBeGreaterThan(1);
      const keys = rounds[0].designs!.map((d) => d.key);
      expect(keys).toHaveLength(3); // the no-mesh baseline, sidecar-envoy, ambient
      for (const round of rounds) expect(round.designs).toEqual(rounds[0].designs);
      for (const round of rounds) expect(round.designs!.every((d) => d.spec === undefined)).toBe(true);
      const puts = sent.filter((m) => m.type === 'spec' && keys.includes(m.key));
      expect(puts.map((m) => m.key)).toEqual(keys);
    }
  }, 60_000);
});
