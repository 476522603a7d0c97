import { describe, expect, it, vi } from 'vitest';
import bench from '../../models/presets/istio-benchmark.json';
import oneRequest from '../../models/presets/one-request-slowly.json';
import { runComparison } from '../engine/compare';
import { toComparisonView } from '../engine/scenario/view';
import { ScenarioSchema, type Scenario } from '../model/scenario';
import { FakeClock } from '../test/fakeClock';
import { fakeTracePort } from '../test/fakeTracePort';
import { fakeWorker } from '../test/fakeWorker';
import { connectEngineClient } from './client';
import { WorkerLostError } from '../model/errors';
import { createFaultGate, parseFault } from './faults';
import { createRequestHandler } from './handler';
import { createHeartbeat } from './heartbeat';
import { analyseOnPage, assembleOnPage, shardOnWorkers } from '../app/compare/engineActors';
import { createCompareSession } from '../machines/compare/session';
import { validScenario } from '../model/valid';
import { compileAll } from '../engine/scenario/compiledSet';
import { analyseSteps } from '../engine/scenario/analyse';
import type { Response } from './protocol';
import { DEFAULT_SILENCE_MS } from './rpc';
import { connectTraceClient, SupersededError } from './trace/client';
import { createTraceHandler } from './trace/handler';
import { TraceSession } from './trace/session';

const scenario: Scenario = ScenarioSchema.parse({
  ...bench,
  architectures: ['no-mesh', 'sidecar-envoy'],
  run: { warmupRequests: 100, measuredRequests: 1_000 },
});
const tick = () => new Promise((r) => setTimeout(r, 0));
async function until(ok: () => boolean) {
  for (let i = 0; i < 1000 && !ok(); i++) await tick();
  expect(ok()).toBe(true);
}

describe('the engine client and the Compare session with a worker that falls silent', () => {
  it('the client notices the silent worker and replaces it; the session asks its shard again once, and the comparison has the same numbers', async () => {
    const clock = new FakeClock();
    const started: ReturnType<typeof fakeWorker>[] = [];
    const spawn = () => {
      const w = fakeWorker({ beat: true });
      started.push(w);
      return w;
    };
    const onLost = vi.fn();
    const silent = connectEngineClient(spawn, { clock, onLost, fault: { worker: 'engine', after: 0 } });
    const healthy = connectEngineClient(fakeWorker(), { clock });
    const session = createCompareSession({
      scenario: validScenario(scenario),
      replications: 2,
      precision: null, // one round: the recovery is the point here
      workers: 2,
      actors: {
        analyse: analyseOnPage(undefined, () => Promise.resolve()),
        shard: shardOnWorkers([silent, healthy]),
        assemble: assembleOnPage(),
      },
    });
    await until(() => started[0].sent.some((m) => (m as { type: string }).type === 'compare'));
    for (let i = 0; i < 20; i++) await tick();
    clock.advance(DEFAULT_SILENCE_MS - 1);
    expect(started).toHaveLength(1);
    clock.advance(1);
    expect(started[0].terminated).toBe(true);
    expect(started).toHaveLength(2);
    expect(onLost).toHaveBeenCalledTimes(1);
    expect(onLost.mock.calls[0][0]).toBeInstanceOf(WorkerLostError);
    await until(() => session.getSnapshot().simulated);
    const result = session.getSnapshot().result;
    // The main comparison's shards report progress; the load sweep that follows it does not.
    type Sent = {
      type: string;
      progress?: boolean;
      key?: string;
      designs?: { key?: string; spec?: unknown }[];
    };
    const sent = started[1].sent as Sent[];
    const main = sent.findIndex((m) => m.type === 'compare' && m.progress !== false);
    const askedOfReplacement = sent
      .filter((m) => m.progress !== false && m.type !== 'spec')
      .map((m) => m.type);
    session.stop();
    expect(JSON.stringify(result)).toBe(
      JSON.stringify(toComparisonView(runComparison(scenario, { replications: 2 }))),
    );
    // The replacement got the shard again, once (and the fault went only to the first worker), with
    // both designs' specs again first: its predecessor's cache went with it.
    expect(askedOfReplacement).toEqual(['compare']);
    expect(sent.slice(0, main).map((m) => m.type)).toEqual(['spec', 'spec']);
    expect(sent[main].designs!.map((d) => [d.key, d.spec])).toEqual(
      sent.slice(0, main).map((m) => [m.key, undefined]),
    );
  });

  it('a run on a lost worker ends as an error outcome carrying WorkerLostError, not a hang', async () => {
    const clock = new FakeClock();
    const client = connectEngineClient(() => fakeWorker(), { clock, fault: { worker: 'engine', after: 0 } });
    const h = client.estimate(scenario);
    await tick();
    clock.advance(DEFAULT_SILENCE_MS);
    const out = await h;
    expect(out).toEqual({
      status: 'error',
      message: 'The engine worker stopped answering; it was restarted.',
      error: expect.any(WorkerLostError),
    });
    expect(await client.estimate(scenario)).toMatchObject({ status: 'done' }); // the replacement answers
  });
});

describe('heartbeats from the workers', () => {
  it('the engine handler beats between slices even when it sends no progress (the load sweep)', async () => {
    const replies: Response[] = [];
    const beat = vi.fn();
    await createRequestHandler(
      (m) => replies.push(m),
      () => Promise.resolve(),
      beat,
    )({
      type: 'compare',
      id: 1,
      seed: scenario.seed,
      designs: compileAll(validScenario(scenario)).flatMap((e) =>
        e.status === 'compiled' ? [{ architecture: e.architecture, spec: e.compiled.spec }] : [],
      ),
      replications: 2,
      progress: false,
      progressEvery: 2_000,
    });
    expect(replies.map((m) => m.type)).toEqual(['compare-runs']);
    expect(beat.mock.calls.length).toBeGreaterThan(20);
  });

  it('the engine handler beats while it estimates, once per step of the analysis', async () => {
    const replies: Response[] = [];
    const beat = vi.fn();
    await createRequestHandler(
      (m) => replies.push(m),
      undefined,
      beat,
    )({ type: 'estimate', id: 2, scenario });
    expect(replies.map((m) => m.type)).toEqual(['estimate-result']);
    // One beat between each two steps (each design's compile, estimate, band and footprint).
    let steps = 0;
    for (const it = analyseSteps(validScenario(scenario)); !it.next().done;) steps++;
    expect(steps).toBeGreaterThanOrEqual(scenario.architectures.length);
    expect(beat).toHaveBeenCalledTimes(steps);
  });

  it('the trace handler beats through the first full run of an open, once per checkpoint', () => {
    const beat = vi.fn();
    const replies: string[] = [];
    createTraceHandler(
      (m) => replies.push(m.type),
      beat,
    )({
      type: 'open',
      id: 1,
      scenario: bench,
      arch: 'sidecar-envoy',
      view: 'load',
    });
    expect(replies).toEqual(['opened']);
    const checkpoints = new TraceSession(bench, 'sidecar-envoy', 'load').checkpoints;
    // Every checkpoint taken beats; thinning drops some, so at least as many beats as are kept.
    expect(beat.mock.calls.length).toBeGreaterThanOrEqual(checkpoints.size);
    expect(checkpoints.size).toBeGreaterThan(10);
  });

  it('a beat is posted at most once per interval', () => {
    let now = 0;
    const post = vi.fn();
    const beat = createHeartbeat(post, () => now, 500);
    for (now = 0; now < 2_000; now += 10) beat();
    expect(post).toHaveBeenCalledTimes(4); // at 0, 500, 1000, 1500
    expect(post).toHaveBeenCalledWith({ type: 'alive' });
  });
});

describe('the trace client', () => {
  it('opening a scenario supersedes what was asked before; a silent worker is replaced and the next open works', async () => {
    const clock = new FakeClock();
    const ports: ReturnType<typeof fakeTracePort>[] = [];
    const onLost = vi.fn();
    const client = connectTraceClient(
      () => {
        const p = fakeTracePort(ports.length === 0 ? 1 : Infinity); // the first answers only the open
        ports.push(p);
        return p;
      },
      { clock, onLost },
    );
    await client.open(oneRequest, 'sidecar-envoy', 'trace');
    const old = client.state(1_000);
    const reopened = client.open(oneRequest, 'sidecar-envoy', 'trace');
    await expect(old).rejects.toBeInstanceOf(SupersededError);
    await tick();
    clock.advance(DEFAULT_SILENCE_MS);
    await expect(reopened).rejects.toBeInstanceOf(WorkerLostError);
    expect(ports[0].terminated).toBe(true);
    expect(onLost).toHaveBeenCalledTimes(1);
    const layout = await client.open(oneRequest, 'sidecar-envoy', 'trace');
    expect(layout.hops.length).toBeGreaterThan(0);
    const st = await client.state(1_000);
    expect(st.t).toBe(1_000);
    client.dispose();
  });
});

describe('test-only faults', () => {
  it('parses the URL value and nothing else', () => {
    expect(parseFault('silent-trace')).toEqual({ worker: 'trace', after: 0 });
    expect(parseFault('silent-engine-after-3')).toEqual({ worker: 'engine', after: 3 });
    for (const v of [null, '', 'silent', 'silent-gpu', 'loud-trace', 'silent-trace-after-x'])
      expect(parseFault(v)).toBeNull();
  });

  it('the gate lets `after` requests through (cancels do not count), then drops everything both ways', () => {
    const g = createFaultGate();
    expect(g.admit({ type: 'run', id: 1 })).toBe(true); // no fault: everything passes
    expect(g.admit({ type: 'fault', fault: 'silent', after: 1 })).toBe(false);
    expect(g.admit({ type: 'run', id: 2 })).toBe(true);
    expect(g.admit({ type: 'cancel', id: 2 })).toBe(true);
    expect(g.open()).toBe(true);
    expect(g.admit({ type: 'run', id: 3 })).toBe(false);
    expect(g.open()).toBe(false);
    expect(g.admit({ type: 'cancel', id: 3 })).toBe(false);
  });
});
