// Isolated (vite.config.ts MOCKING_FILES): it counts the link encoder's calls through a mocked module.
import { describe, expect, it, vi } from 'vitest';
import { fromCallback, fromPromise } from 'xstate';
import bench from '../../../models/presets/istio-benchmark.json';
import type { ScenarioEstimate } from '../../engine/scenario/estimate';
import { parseScenario, type ValidScenario } from '../../model/valid';
import { linkOf } from './link';
import { createCompareSession } from './session';
import type { AnalyseOutcome, AssembleInput, AssembleOutcome, ShardEvent, ShardInput } from './types';

vi.mock('./link', async (original) => {
  const actual = await original<typeof import('./link')>();
  return { ...actual, linkOf: vi.fn(actual.linkOf) };
});

const s1 = parseScenario(bench);
const flush = () => new Promise((r) => setTimeout(r, 0));

describe('the session’s link', () => {
  it('is encoded when first read, not by the snapshot that accepts the scenario (the one showing its estimate)', async () => {
    const analyses: ((o: AnalyseOutcome) => void)[] = [];
    const session = createCompareSession({
      scenario: s1,
      workers: 1,
      actors: {
        analyse: fromPromise<AnalyseOutcome, { scenario: ValidScenario }>(
          () => new Promise((resolve) => analyses.push(resolve)),
        ),
        shard: fromCallback<ShardEvent, ShardInput>(() => () => {}),
        assemble: fromPromise<AssembleOutcome, AssembleInput>(() => new Promise(() => {})),
      },
    });
    const seen: unknown[] = [];
    session.subscribe((snap) => seen.push(snap.estimate));
    const estimate = { modelVersion: s1.modelVersion, results: [] } as unknown as ScenarioEstimate;
    analyses[0]({ status: 'done', compiled: [], estimate });
    await flush();
    // The estimate was published to subscribers; no link was encoded for it.
    expect(seen).toContain(estimate);
    expect(linkOf).not.toHaveBeenCalled();
    expect(session.getSnapshot().accepted?.scenario).toBe(s1);
    // Read, it is the accepted scenario's link, encoded once however often it is read.
    const link = session.getSnapshot().link!;
    expect(link.params).toBe(linkOf(s1, 5, session.getSnapshot().precision).params.toString());
    expect(session.getSnapshot().link).toBe(link);
    expect(linkOf).toHaveBeenCalledTimes(2); // the session's read, and this test's own call
    session.stop();
  });
});
