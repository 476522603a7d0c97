import { describe, expect, it } from 'vitest';
import type { RunFigures } from '../engine/runDigest';
import bench from '../../models/presets/istio-benchmark.json';
import { runComparison } from '../engine/compare';
import { compileAll } from '../engine/scenario/compiledSet';
import { estimateScenario } from '../engine/scenario/estimate';
import { assembleComparison, specsOf } from '../engine/scenario/session';
import { toComparisonView } from '../engine/scenario/view';
import { mmc } from '../engine/fixtures';
import type { Scenario } from '../model/scenario';
import { parseScenario } from '../model/valid';
import { connectEngineClient, type CompareProgress } from './client';
import { fakeWorker } from '../test/fakeWorker';
import { createRequestHandler } from './handler';
import type { Response } from './protocol';

const scenario = parseScenario({
  ...bench,
  architectures: ['no-mesh', 'sidecar-envoy', 'ambient'],
  run: { warmupRequests: 100, measuredRequests: 2_000 },
});
const set = compileAll(scenario);
const designs = specsOf(set);

describe('comparisons over the worker protocol', () => {
  it('estimate: the same numbers as estimateScenario', async () => {
    const client = connectEngineClient(fakeWorker());
    const out = await client.estimate(scenario);
    expect(out).toEqual({ status: 'done', estimate: estimateScenario(scenario) });
  });

  it('shards of compiled specs, assembled on the page, give exactly what runComparison gives', async () => {
    const workers = [fakeWorker(), fakeWorker()];
    const clients = workers.map((w) => connectEngineClient(w));
    const seen: CompareProgress[][] = [[], []];
    const outs = await Promise.all(
      clients.map(
        (c, index) =>
          c.compareShard(designs, scenario.seed, 3, { index, count: 2 }, (p) => seen[index].push(p)).promise,
      ),
    );
    const runs: (RunFigures | null)[] = [];
    for (const o of outs) {
      expect(o.status).toBe('runs');
      if (o.status === 'runs') o.runs.forEach((r, j) => (runs[j] = r ?? runs[j] ?? null));
    }
    expect(JSON.stringify(toComparisonView(assembleComparison(scenario, set, 3, runs)))).toBe(
      JSON.stringify(toComparisonView(runComparison(scenario, { replications: 3 }))),
    );
    // What travels is the compiled specs (each in a message of its own, then named by key) and the
    // seed, not the scenario.
    for (const w of workers) {
      const specs = w.sent.slice(0, 3) as Record<string, unknown>[];
      expect(specs.map((m) => [m.type, m.architecture, m.spec])).toEqual(
        designs.map((d) => ['spec', d.architecture, d.spec]),
      );
      const m = w.sent[3] as Record<string, unknown>;
      expect(w.sent).toHaveLength(4);
      expect(m).toMatchObject({ type: 'compare', seed: scenario.seed, replications: 3 });
      expect(m).not.toHaveProperty('scenario');
      expect(m.designs).toEqual(specs.map((p) => ({ architecture: p.architecture, key: p.key })));
      expect((m.designs as { architecture: string }[]).map((d) => d.architecture)).toEqual([
        'no-mesh',
        'sidecar-envoy',
        'ambient',
      ]);
    }
    // Each shard's progress never goes back and ends at 1 with all its runs done.
    for (const s of seen) {
      for (let i = 1; i < s.length; i++) expect(s[i].fraction).toBeGreaterThanOrEqual(s[i - 1].fraction);
      expect(s.at(-1)).toMatchObject({ fraction: 1, architecture: null });
    }
    expect(seen[0].at(-1)!.runsTotal + seen[1].at(-1)!.runsTotal).toBe(9);
  });

  it('answers an estimate while a shard is running', async () => {
    const client = connectEngineClient(fakeWorker());
    let compareDone = false;
    const long = specsOf(
      compileAll(parseScenario({ ...scenario, run: { warmupRequests: 100, measuredRequests: 20_000 } })),
    );
    const running = client.compareShard(long, scenario.seed, 3, { index: 0, count: 1 });
    void running.promise.then(() => (compareDone = true));
    await new Promise((r) => setTimeout(r, 5));
    const est = await client.estimate(scenario);
    expect(est.status).toBe('done');
    expect(compareDone).toBe(false);
    running.cancel();
    expect(await running.promise).toEqual({ status: 'cancelled' });
  });

  it("the worker stops a shard on 'cancel' and answers 'cancelled'", async () => {
    const replies: Response[] = [];
    const handle = createRequestHandler((m) => replies.push(m));
    const done = handle({ type: 'compare', id: 5, seed: 1, designs, replications: 5, progressEvery: 500 });
    await new Promise((r) => setTimeout(r, 0));
    await handle({ type: 'cancel', id: 5 });
    await done;
    expect(replies.at(-1)).toEqual({ type: 'cancelled', id: 5 });
    expect(replies.some((m) => m.type === 'compare-runs')).toBe(false);
    expect(replies.filter((m) => m.type === 'compare-progress').length).toBeLessThan(10);
  });

  it('the estimate runs in steps: a cancel stops it, and a run for the Engine check is answered in between', async () => {
    const big = parseScenario({
      ...scenario,
      architectures: ['no-mesh', 'sidecar-envoy', 'sidecar-linkerd', 'cilium-ebpf', 'ambient'],
    });
    const replies: Response[] = [];
    let yields = 0;
    const handle = createRequestHandler(
      (m) => replies.push(m),
      () => new Promise((r) => setTimeout(r, 0)).then(() => void yields++),
    );
    const estimating = handle({ type: 'estimate', id: 1, scenario: big });
    // An Engine check run sent after the estimate starts finishes before the estimate does.
    const run = handle({
      type: 'run',
      id: 2,
      spec: mmc({ lambda: 0.5, mu: 1, servers: 1, warmup: 100, measured: 2_000, seed: 1 }),
      progressEvery: 1e7,
    });
    await Promise.all([estimating, run]);
    const order = replies.filter((m) => m.type === 'result' || m.type === 'estimate-result').map((m) => m.id);
    expect(order).toEqual([2, 1]);
    // 5 designs compiled, then 3 steps of estimate each: the worker yields between every step.
    expect(yields).toBeGreaterThanOrEqual(5 + 3 * 5 - 1);

    replies.length = 0;
    const cancelled = handle({ type: 'estimate', id: 3, scenario: big });
    await handle({ type: 'cancel', id: 3 });
    await cancelled;
    expect(replies).toEqual([{ type: 'cancelled', id: 3 }]);
  });

  it('a bad scenario or spec comes back as a message naming the field', async () => {
    const client = connectEngineClient(fakeWorker());
    const bad = { ...scenario, topology: { ...scenario.topology, nodes: 1 } };
    expect(await client.estimate(bad)).toEqual({
      status: 'error',
      message: "The scenario cannot be simulated. topology.placement: 'cross-node' needs at least 2 nodes.",
    });
    const junk = { ...scenario, seed: -1 } as Scenario;
    expect(await client.estimate(junk)).toEqual({
      status: 'error',
      message: expect.stringMatching(/not a valid scenario\. seed: /),
    });
    const broken = [{ architecture: designs[0].architecture, spec: { ...designs[0].spec, stations: 'x' } }];
    expect(await client.compareShard(broken, 1, 3, { index: 0, count: 1 }).promise).toEqual({
      status: 'error',
      message: expect.stringMatching(/^Invalid spec for no-mesh\. stations: /),
    });
  });

  it('rejects a malformed compare request (replications below 2) naming the field', async () => {
    const replies: Response[] = [];
    const handle = createRequestHandler((m) => replies.push(m));
    await handle({ type: 'compare', id: 3, seed: 1, designs, replications: 1 });
    expect(replies).toEqual([{ type: 'error', id: 3, message: expect.stringMatching(/replications: /) }]);
  });

  it('without progress (the load sweep), sends none', async () => {
    const replies: Response[] = [];
    await createRequestHandler(
      (m) => replies.push(m),
      () => Promise.resolve(),
    )({ type: 'compare', id: 7, seed: 1, designs, replications: 2, progress: false, progressEvery: 5_000 });
    expect(replies.map((m) => m.type)).toEqual(['compare-runs']);
  });
});
