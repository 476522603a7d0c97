import { describe, expect, it } from 'vitest';
import { createActor, fromPromise, toPromise } from 'xstate';
import bench from '../../../models/presets/istio-benchmark.json';
import { runComparison } from '../../engine/compare';
import { toComparisonView } from '../../engine/scenario/view';
import { createCompareSession, type CompareSnapshot } from '../../machines/compare/session';
import { DEFAULT_PRECISION, precisionRule } from '../../model/precision';
import { parseScenario } from '../../model/valid';
import { fakeWorker } from '../../test/fakeWorker';
import { connectEngineClient } from '../../worker/client';
import type { AssembleInput, AssembleOutcome } from '../../machines/compare/types';
import { analyseOnPage, assembleOnPage, shardOnWorkers } from './engineActors';

const scenario = parseScenario({
  ...bench,
  architectures: ['sidecar-envoy', 'ambient'],
  run: { warmupRequests: 100, measuredRequests: 1_000 },
});

type Sent = { type: string; key?: string; progress?: boolean; designs?: { key?: string; spec?: unknown }[] };

describe('the Compare session’s precision rounds and the workers’ spec cache', () => {
  it('each worker is sent each design’s spec once; every later round names them by key; each round’s assembly reads only its own runs; same numbers', async () => {
    const workers = [fakeWorker(), fakeWorker()];
    // The page's assembly, its inputs recorded.
    const inputs: AssembleInput[] = [];
    const real = assembleOnPage();
    const assemble = fromPromise<AssembleOutcome, AssembleInput>(({ input, signal }) => {
      inputs.push(input);
      const actor = createActor(real, { input }).start();
      signal.addEventListener('abort', () => actor.stop());
      return toPromise(actor);
    });
    const session = createCompareSession({
      scenario,
      replications: 2,
      workers: 2,
      actors: {
        analyse: analyseOnPage(undefined, () => Promise.resolve()),
        shard: shardOnWorkers(workers.map((w) => connectEngineClient(w))),
        assemble,
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
    // The main comparison's rounds: the first reads its runs; each later one only the runs since the
    // last (the replication run ahead included), on top of what that one read — none of the runs before.
    const rounds = inputs.filter((i) => i.precision !== null);
    expect(rounds.length).toBeGreaterThan(1);
    expect(rounds[0].carry ?? null).toBeNull();
    expect(rounds[0].runs).toHaveLength(3 * 2);
    for (let k = 1; k < rounds.length; k++) {
      const had = rounds[k - 1].replications;
      expect(rounds[k].carry?.replications).toBe(had);
      expect(rounds[k].runs).toHaveLength(3 * (rounds[k].replications - had));
    }
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
