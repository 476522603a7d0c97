import v8 from 'node:v8';
import { describe, expect, it, vi } from 'vitest';
import bench from '../../models/presets/istio-benchmark.json';
import { mmc } from '../engine/fixtures';
import { compileAll } from '../engine/scenario/compiledSet';
import { specsOf } from '../engine/scenario/session';
import { SimSpecSchema } from '../model/simSpec';
import { parseScenario, parseSimSpec, vouchSimSpec } from '../model/valid';
import { fakeWorker } from '../test/fakeWorker';
import { connectEngineClient, type DesignSpec, type WorkerPort } from './client';
import { createFaultGate } from './faults';
import { createRequestHandler } from './handler';
import { figuresOf } from '../test/shardFigures';
import { SPEC_CACHE_SIZE, type Response } from './protocol';

const scenario = parseScenario({
  ...bench,
  architectures: ['no-mesh', 'sidecar-envoy'],
  run: { warmupRequests: 100, measuredRequests: 1_000 },
});
const designs = specsOf(compileAll(scenario));
const one = { index: 0, count: 1 };

type Sent = { type: string; key?: string; spec?: unknown; designs?: { key?: string; spec?: unknown }[] };
/** Bytes a structured clone of the messages takes (what postMessage copies). */
const bytes = (ms: unknown[]) => ms.reduce<number>((n, m) => n + v8.serialize(m).length, 0);
/** Specs the messages carry: sent ahead, or inline in a comparison. */
const specsIn = (ms: unknown[]) =>
  (ms as Sent[]).reduce(
    (n, m) => n + (m.type === 'spec' ? 1 : (m.designs ?? []).filter((d) => d.spec !== undefined).length),
    0,
  );
/** The same designs as raw input (no trusted mark, so no key): they travel whole every time. */
const raw = (ds: readonly DesignSpec[]): DesignSpec[] =>
  ds.map((d) => ({ architecture: d.architecture, spec: structuredClone(d.spec) }));

/** Two rounds of a comparison (replications 0–1, then 2–3) on one client, as precision rounds run them. */
async function rounds(client: ReturnType<typeof connectEngineClient>, ds: readonly DesignSpec[]) {
  const r1 = await client.compareShard(ds, scenario.seed, 2, one).promise;
  const r2 = await client.compareShard(ds, scenario.seed, 4, one, undefined, { from: 2 }).promise;
  return figuresOf([r1, r2]);
}

describe('the workers’ spec cache', () => {
  it('a later round posts no spec, only keys, and gives the same runs as specs sent whole', async () => {
    const w = fakeWorker();
    const client = connectEngineClient(w);
    const r1 = await client.compareShard(designs, scenario.seed, 2, one).promise;
    const first = w.sent.length;
    const r2 = await client.compareShard(designs, scenario.seed, 4, one, undefined, { from: 2 }).promise;
    const round1 = w.sent.slice(0, first);
    const round2 = w.sent.slice(first);
    expect((round1 as Sent[]).map((m) => m.type)).toEqual(['spec', 'spec', 'compare']);
    expect((round2 as Sent[]).map((m) => m.type)).toEqual(['compare']);
    expect(specsIn(round2)).toBe(0);
    // Round 1 copies every spec; round 2 a few hundred bytes of keys and counts, whatever the mesh's size.
    expect(bytes(round1)).toBeGreaterThan(bytes(designs.map((d) => d.spec)));
    expect(bytes(round2)).toBeLessThan(400);

    // Without keys every round carries every spec; the numbers are the same to the byte.
    const w0 = fakeWorker();
    const uncached = await rounds(connectEngineClient(w0), raw(designs));
    expect(specsIn(w0.sent)).toBe(4);
    expect(r1.status).toBe('runs');
    expect(figuresOf([r1, r2])).toBe(uncached);
  });

  it('marks the specs the page compiled, sent ahead or inline, so the worker keeps them as they are; raw specs are not marked', async () => {
    const w = fakeWorker();
    const client = connectEngineClient(w);
    await client.compareShard(designs, scenario.seed, 2, one).promise;
    const specs = (w.sent as (Sent & { compiled?: boolean })[]).filter((m) => m.type === 'spec');
    expect(specs.map((m) => m.compiled)).toEqual([true, true]);
    const wr = fakeWorker();
    await connectEngineClient(wr).compareShard(raw(designs), scenario.seed, 2, one).promise;
    const inline = (wr.sent as { type: string; designs?: { compiled?: boolean; spec?: unknown }[] }[]).find(
      (m) => m.type === 'compare',
    )!.designs!;
    expect(inline.map((x) => [x.spec !== undefined, x.compiled])).toEqual([
      [true, undefined],
      [true, undefined],
    ]);
  });

  it('a replaced worker (crashed) gets the specs again, and the numbers do not change', async () => {
    const started: (ReturnType<typeof fakeWorker> & { crash(): void })[] = [];
    const spawn = (): WorkerPort => {
      const w = fakeWorker();
      const add = w.addEventListener.bind(w) as (t: string, l: (e: never) => void) => void;
      let fail: (e: Event) => void = () => {};
      const port = Object.assign(w, {
        addEventListener: (type: string, l: (e: never) => void) =>
          type === 'error' ? (fail = l as (e: Event) => void) : add(type, l),
        crash: () => fail({ message: 'out of memory' } as unknown as Event),
      });
      started.push(port);
      return port;
    };
    const client = connectEngineClient(spawn);
    const r1 = await client.compareShard(designs, scenario.seed, 2, one).promise;
    started[0].crash();
    expect(started).toHaveLength(2);
    const r2 = await client.compareShard(designs, scenario.seed, 4, one, undefined, { from: 2 }).promise;
    expect((started[1].sent as Sent[]).map((m) => m.type)).toEqual(['spec', 'spec', 'compare']);
    expect(figuresOf([r1, r2])).toBe(await rounds(connectEngineClient(fakeWorker()), raw(designs)));
  });

  it('a worker lacking a key the page thinks it holds answers spec-missing; the page resends it inline', async () => {
    // A worker whose cache is emptied behind the page's back (the page cannot know).
    const listeners: ((e: MessageEvent<unknown>) => void)[] = [];
    const deliver = (m: Response) =>
      setTimeout(() => listeners.forEach((l) => l({ data: m } as MessageEvent)));
    let handle = createRequestHandler(deliver);
    const sent: Sent[] = [];
    const port: WorkerPort = {
      postMessage: (m) => {
        sent.push(m as Sent);
        setTimeout(() => void handle(structuredClone(m)));
      },
      addEventListener: (type: string, l: (e: never) => void) => {
        if (type === 'message') listeners.push(l as (e: MessageEvent<unknown>) => void);
      },
      terminate: () => {},
    };
    const client = connectEngineClient(port);
    const r1 = await client.compareShard(designs, scenario.seed, 2, one).promise;
    handle = createRequestHandler(deliver);
    const first = sent.length;
    const r2 = await client.compareShard(designs, scenario.seed, 4, one, undefined, { from: 2 }).promise;
    const again = sent.slice(first);
    expect(again.map((m) => m.type)).toEqual(['compare', 'compare']);
    expect(specsIn([again[0]])).toBe(0);
    expect(again[1].designs!.map((d) => [d.key, d.spec])).toEqual(
      designs.map((d, i) => [again[0].designs![i].key, d.spec]),
    );
    expect(figuresOf([r1, r2])).toBe(await rounds(connectEngineClient(fakeWorker()), raw(designs)));
  });

  it('evicts the least recently used spec on both sides alike: an evicted one is posted again ahead', async () => {
    const w = fakeWorker();
    const client = connectEngineClient(w);
    const specs = Array.from({ length: SPEC_CACHE_SIZE + 1 }, (_, k) =>
      parseSimSpec(mmc({ lambda: 0.5, mu: 1, servers: 1, warmup: 10, measured: 100, seed: k + 1 })),
    );
    const run = async (k: number) => {
      const from = w.sent.length;
      const out = await client.compareShard([{ architecture: 'no-mesh', spec: specs[k] }], 7, 2, one).promise;
      expect(out.status).toBe('runs');
      return (w.sent.slice(from) as Sent[]).map((m) => m.type);
    };
    for (let k = 0; k <= SPEC_CACHE_SIZE; k++) expect(await run(k)).toEqual(['spec', 'compare']);
    // The first spec went out of both caches: posted ahead again, never asked of the worker by key.
    expect(await run(0)).toEqual(['spec', 'compare']);
    // The most recent ones are still held.
    expect(await run(SPEC_CACHE_SIZE)).toEqual(['compare']);
    expect(await run(SPEC_CACHE_SIZE - 1)).toEqual(['compare']);
  });

  it('a changed spec gets a new key: never served the old one', async () => {
    const w = fakeWorker();
    const client = connectEngineClient(w);
    const before = await client.compareShard(designs, scenario.seed, 2, one).promise;
    // As the load sweep derives a point: a new trusted object with one field replaced.
    const changed = designs.map((d) => ({
      architecture: d.architecture,
      spec: vouchSimSpec({ ...d.spec, run: { warmupRequests: 100, measuredRequests: 1_500 } }),
    }));
    const first = w.sent.length;
    const after = await client.compareShard(changed, scenario.seed, 2, one).promise;
    const posted = w.sent.slice(first) as Sent[];
    expect(posted.map((m) => m.type)).toEqual(['spec', 'spec', 'compare']);
    expect(posted.map((m) => m.key)).not.toContain((w.sent[0] as Sent).key);
    const fresh = await connectEngineClient(fakeWorker()).compareShard(raw(changed), scenario.seed, 2, one)
      .promise;
    expect(figuresOf(after)).toBe(figuresOf(fresh));
    expect(figuresOf(after)).not.toBe(figuresOf(before));
  });

  it('a cancel before the comparison is posted settles at once and posts nothing more', async () => {
    const tasks: (() => void)[] = [];
    const w = fakeWorker();
    const client = connectEngineClient(w, { defer: (f) => tasks.push(f) });
    const handle = client.compareShard(designs, scenario.seed, 2, one);
    expect((w.sent as Sent[]).map((m) => m.type)).toEqual(['spec']); // one spec per task
    handle.cancel();
    expect(await handle.promise).toEqual({ status: 'cancelled' });
    tasks.splice(0).forEach((f) => f());
    expect((w.sent as Sent[]).map((m) => m.type)).toEqual(['spec']);
  });
});

describe('the worker’s side: keys validated at its entry', () => {
  const run = async (...messages: unknown[]) => {
    const replies: Response[] = [];
    const handle = createRequestHandler((m) => replies.push(m));
    for (const m of messages) await handle(m);
    return replies;
  };
  const [d] = designs;

  it('a key it does not hold, or holds for another design, is missing, not served', async () => {
    expect(
      await run({
        type: 'compare',
        id: 4,
        seed: 1,
        replications: 2,
        designs: [{ ...d, spec: undefined, key: 'k' }],
      }),
    ).toEqual([{ type: 'spec-missing', id: 4, keys: ['k'] }]);
    const put = { type: 'spec', key: 'k', architecture: 'no-mesh', spec: d.spec };
    const asAmbient = {
      type: 'compare',
      id: 5,
      seed: 1,
      replications: 2,
      designs: [{ architecture: 'ambient', key: 'k' }],
    };
    expect(await run(put, asAmbient)).toEqual([{ type: 'spec-missing', id: 5, keys: ['k'] }]);
  });

  it('a bad spec sent ahead is reported by the comparison naming its field; a design with neither spec nor key is malformed', async () => {
    const put = { type: 'spec', key: 'k', architecture: 'no-mesh', spec: { ...d.spec, stations: 'x' } };
    const compare = {
      type: 'compare',
      id: 6,
      seed: 1,
      replications: 2,
      designs: [{ architecture: 'no-mesh', key: 'k' }],
    };
    expect(await run(put, compare)).toEqual([
      { type: 'error', id: 6, message: expect.stringMatching(/^Invalid spec for no-mesh\. stations: /) },
    ]);
    const neither = {
      type: 'compare',
      id: 7,
      seed: 1,
      replications: 2,
      designs: [{ architecture: 'no-mesh' }],
    };
    expect(await run(neither)).toEqual([
      { type: 'error', id: 7, message: expect.stringMatching(/designs\[0\]\.spec: a design needs its spec/) },
    ]);
    expect(await run({ type: 'spec', key: '', architecture: 'no-mesh', spec: d.spec })).toEqual([
      { type: 'error', id: 0, message: expect.stringMatching(/key: /) },
    ]);
  });

  it('a spec the page compiled is kept as it is; any other is parsed; the runs are the same', async () => {
    const parse = vi.spyOn(SimSpecSchema, 'safeParse');
    const compare = (id: number) => ({
      type: 'compare',
      id,
      seed: scenario.seed,
      replications: 2,
      designs: [{ architecture: d.architecture, key: 'k' }],
    });
    const runsOf = (replies: Response[]) => JSON.stringify(replies.filter((m) => m.type === 'compare-runs'));
    const compiled = await run(
      { type: 'spec', key: 'k', architecture: d.architecture, spec: d.spec, compiled: true },
      compare(8),
    );
    expect(parse).not.toHaveBeenCalled();
    const parsed = await run(
      { type: 'spec', key: 'k', architecture: d.architecture, spec: d.spec },
      compare(8),
    );
    expect(parse).toHaveBeenCalledTimes(1);
    expect(runsOf(compiled)).toBe(runsOf(parsed));
    expect(runsOf(compiled)).toContain('compare-runs');
    // Inline in a comparison, likewise.
    parse.mockClear();
    await run({ ...compare(9), designs: [{ architecture: d.architecture, spec: d.spec, compiled: true }] });
    expect(parse).not.toHaveBeenCalled();
    parse.mockRestore();
  });

  it('the test fault counts a spec sent ahead as no request of its own, like a cancel', () => {
    const gate = createFaultGate();
    expect(gate.admit({ type: 'fault', fault: 'silent', after: 1 })).toBe(false);
    expect(gate.admit({ type: 'spec', key: 'k' })).toBe(true);
    expect(gate.admit({ type: 'compare', id: 1 })).toBe(true);
    expect(gate.admit({ type: 'spec', key: 'j' })).toBe(true);
    expect(gate.admit({ type: 'compare', id: 2 })).toBe(false);
  });
});
