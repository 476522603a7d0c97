import { describe, expect, it } from 'vitest';
import bench from '../../models/presets/istio-benchmark.json';
import { runComparison } from '../engine/compare';
import { estimateScenario } from '../engine/scenario/estimate';
import { toComparisonView } from '../engine/scenario/view';
import { ScenarioSchema, type Scenario } from '../model/scenario';
import { connectEngineClient, type CompareProgress } from './client';
import { createComparePool } from './pool';
import { fakeWorker } from '../test/fakeWorker';
import { createRequestHandler } from './handler';
import type { Response } from './protocol';

const scenario: Scenario = ScenarioSchema.parse({
  ...bench,
  architectures: ['no-mesh', 'sidecar-envoy', 'ambient'],
  run: { warmupRequests: 100, measuredRequests: 2_000 },
});

describe('comparisons over the worker protocol', () => {
  it('estimate: the same numbers as estimateScenario', async () => {
    const client = connectEngineClient(fakeWorker());
    const out = await client.estimate(scenario);
    expect(out).toEqual({ status: 'done', estimate: estimateScenario(scenario) });
  });

  it('compare: the same result as runComparison, after progress that ends at 1', async () => {
    const client = connectEngineClient(fakeWorker());
    const seen: CompareProgress[] = [];
    const out = await client.compare(scenario, 3, (p) => seen.push(p)).promise;
    expect(out.status).toBe('done');
    if (out.status !== 'done') return;
    expect(JSON.stringify(out.result)).toBe(
      JSON.stringify(toComparisonView(runComparison(scenario, { replications: 3 }))),
    );
    expect(seen.length).toBeGreaterThan(3);
    for (let i = 1; i < seen.length; i++)
      expect(seen[i].fraction).toBeGreaterThanOrEqual(seen[i - 1].fraction);
    expect(seen.slice(0, -1).every((p) => p.fraction < 1)).toBe(true);
    expect(seen.at(-1)).toEqual({ fraction: 1, runsDone: 9, runsTotal: 9, architecture: null });
    expect(seen.some((p) => p.architecture === 'ambient')).toBe(true);
  });

  it('answers an estimate while a comparison is running', async () => {
    const client = connectEngineClient(fakeWorker());
    let compareDone = false;
    const running = client.compare(
      { ...scenario, run: { warmupRequests: 100, measuredRequests: 20_000 } },
      3,
    );
    void running.promise.then(() => (compareDone = true));
    await new Promise((r) => setTimeout(r, 5));
    const est = await client.estimate(scenario);
    expect(est.status).toBe('done');
    expect(compareDone).toBe(false);
    running.cancel();
    expect(await running.promise).toEqual({ status: 'cancelled' });
  });

  it("the worker stops a comparison on 'cancel' and answers 'cancelled'", async () => {
    const replies: Response[] = [];
    const handle = createRequestHandler((m) => replies.push(m));
    const done = handle({ type: 'compare', id: 5, scenario, replications: 5, progressEvery: 500 });
    await new Promise((r) => setTimeout(r, 0));
    await handle({ type: 'cancel', id: 5 });
    await done;
    expect(replies.at(-1)).toEqual({ type: 'cancelled', id: 5 });
    expect(replies.some((m) => m.type === 'compare-result')).toBe(false);
    expect(replies.filter((m) => m.type === 'compare-progress').length).toBeLessThan(10);
  });

  it('a bad scenario comes back as a message naming the field, for estimate and compare', async () => {
    const client = connectEngineClient(fakeWorker());
    const bad = { ...scenario, topology: { ...scenario.topology, nodes: 1 } };
    const expected = {
      status: 'error',
      message: "The scenario cannot be simulated. topology.placement: 'cross-node' needs at least 2 nodes.",
    };
    expect(await client.estimate(bad)).toEqual(expected);
    expect(await client.compare(bad, 3).promise).toEqual(expected);
    const junk = { ...scenario, seed: -1 } as Scenario;
    expect(await client.estimate(junk)).toEqual({
      status: 'error',
      message: expect.stringMatching(/not a valid scenario\. seed: /),
    });
  });

  it('rejects a malformed compare request (replications below 2) naming the field', async () => {
    const replies: Response[] = [];
    const handle = createRequestHandler((m) => replies.push(m));
    await handle({ type: 'compare', id: 3, scenario, replications: 1 });
    expect(replies).toEqual([{ type: 'error', id: 3, message: expect.stringMatching(/replications: /) }]);
  });
});

describe('a pool of workers shares a comparison', () => {
  it('gives exactly what runComparison gives, with progress ending at 1', async () => {
    const workers = [fakeWorker(), fakeWorker()];
    const pool = createComparePool(workers.map((w) => connectEngineClient(w)));
    const seen: CompareProgress[] = [];
    const out = await pool.compare(scenario, 3, (p) => seen.push(p)).promise;
    expect(out.status).toBe('done');
    if (out.status !== 'done') return;
    expect(JSON.stringify(out.result)).toBe(
      JSON.stringify(toComparisonView(runComparison(scenario, { replications: 3 }))),
    );
    // 9 runs shared by work (shards.ts): each worker gets its shard of the plan.
    expect(
      workers.map((w) =>
        w.sent
          .filter((m) => (m as { type: string }).type === 'compare')
          .map((m) => (m as { shard: unknown }).shard),
      ),
    ).toEqual([[{ index: 0, count: 2 }], [{ index: 1, count: 2 }]]);
    expect(workers[0].sent.some((m) => (m as { type: string }).type === 'assemble')).toBe(true);
    for (let i = 1; i < seen.length; i++)
      expect(seen[i].fraction).toBeGreaterThanOrEqual(seen[i - 1].fraction);
    expect(seen.at(-1)).toEqual({ fraction: 1, runsDone: 9, runsTotal: 9, architecture: null });
    expect(seen.slice(0, -1).every((p) => p.fraction < 1)).toBe(true);
  });

  it('without a progress callback (the load sweep), asks the workers for no progress and gets the same result', async () => {
    const workers = [fakeWorker(), fakeWorker()];
    const pool = createComparePool(workers.map((w) => connectEngineClient(w)));
    const out = await pool.compare(scenario, 3, undefined, { sliceEvents: 5_000 }).promise;
    expect(out.status).toBe('done');
    if (out.status !== 'done') return;
    expect(JSON.stringify(out.result)).toBe(
      JSON.stringify(toComparisonView(runComparison(scenario, { replications: 3 }))),
    );
    for (const w of workers)
      expect(w.sent[0]).toMatchObject({ type: 'compare', progress: false, progressEvery: 5_000 });
    const replies: Response[] = [];
    await createRequestHandler(
      (m) => replies.push(m),
      () => Promise.resolve(),
    )({ type: 'compare', id: 7, scenario, replications: 2, progress: false, progressEvery: 5_000 });
    expect(replies.map((m) => m.type)).toEqual(['compare-result']);
  });

  it('cancel stops every worker', async () => {
    const workers = [fakeWorker(), fakeWorker()];
    const pool = createComparePool(workers.map((w) => connectEngineClient(w)));
    const h = pool.compare({ ...scenario, run: { warmupRequests: 100, measuredRequests: 20_000 } }, 3);
    await new Promise((r) => setTimeout(r, 5));
    h.cancel();
    expect(await h.promise).toEqual({ status: 'cancelled' });
    for (const w of workers) expect(w.sent.at(-1)).toEqual({ type: 'cancel', id: 1 });
  });

  it('a scenario error comes back once, naming the field', async () => {
    const pool = createComparePool([connectEngineClient(fakeWorker()), connectEngineClient(fakeWorker())]);
    const bad = { ...scenario, topology: { ...scenario.topology, nodes: 1 } };
    expect(await pool.compare(bad, 3).promise).toEqual({
      status: 'error',
      message: expect.stringContaining("topology.placement: 'cross-node' needs at least 2 nodes"),
    });
  });
});
