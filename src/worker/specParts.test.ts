import v8 from 'node:v8';
import { describe, expect, it } from 'vitest';
import large from '../../models/presets/large-mesh.json';
import pods400 from '../../models/presets/pods-400.json';
import { compileAll } from '../engine/scenario/compiledSet';
import { specsOf } from '../engine/scenario/session';
import { parseScenario } from '../model/valid';
import { fakeWorker } from '../test/fakeWorker';
import { connectEngineClient, type DesignSpec } from './client';
import { SPEC_PART_ITEMS } from './protocol';
import { createSpecStore } from './specStore';
import { figuresOf } from '../test/shardFigures';
import { specMessages } from './specKeys';

type Sent = { type: string; key?: string; field?: string; items?: unknown[]; parts?: string[] };

/** Bytes a structured clone of a message takes (what postMessage copies on the page's thread). */
const bytes = (m: unknown) => v8.serialize(m).length;
/** Lets the client's deferred posts (one per task) all go out: until nothing more is posted for 50 ms. */
async function drain(w: { sent: unknown[] }) {
  for (let n = -1; n !== w.sent.length;) {
    n = w.sent.length;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('a large spec goes to the workers in parts, one task each', () => {
  it('large-mesh (2,000 pods): no message the page posts copies more than 1 MB (a design was 2–3.7 MB in one)', async () => {
    const designs = specsOf(compileAll(parseScenario(large)));
    const whole = Math.max(...designs.map((d) => bytes(d.spec)));
    expect(whole).toBeGreaterThan(3_000_000);
    const w = fakeWorker();
    connectEngineClient(w).prepare(designs);
    await drain(w);
    const sent = w.sent as Sent[];
    expect(sent.filter((m) => m.type === 'spec')).toHaveLength(designs.length);
    expect(sent.filter((m) => m.type === 'spec-part').length).toBeGreaterThan(designs.length);
    for (const m of sent) expect(bytes(m)).toBeLessThan(1_000_000);
    for (const m of sent)
      if (m.type === 'spec-part') expect(m.items!.length).toBeLessThanOrEqual(SPEC_PART_ITEMS);
  }, 60_000);

  it('the worker joins the parts into the spec the page compiled, key order aside', () => {
    const [, sidecar] = specsOf(compileAll(parseScenario(pods400)));
    const messages = specMessages('sidecar-envoy#1', sidecar.architecture, sidecar.spec, 1_000);
    expect(messages.map((m) => m.type)).toEqual([
      ...Array.from({ length: Math.ceil(sidecar.spec.hops.length / 1_000) }, () => 'spec-part'),
      'spec',
    ]);
    const store = createSpecStore();
    for (const m of structuredClone(messages))
      if (m.type === 'spec-part') store.part(m.key, m.field, m.items);
      else store.put(m.key, m.architecture, m.spec, m.parts);
    // The same spec sent whole, for comparison: both parsed alike (zod orders the keys).
    store.put('whole', sidecar.architecture, structuredClone(sidecar.spec));
    const got = store.resolve([
      { architecture: 'sidecar-envoy', key: 'sidecar-envoy#1' },
      { architecture: 'sidecar-envoy', key: 'whole' },
    ]);
    expect(got.status).toBe('ok');
    const [parted, whole] = (got as { designs: DesignSpec[] }).designs.map((d) => d.spec);
    expect(JSON.stringify(parted)).toBe(JSON.stringify(whole));
    expect(parted).toEqual(sidecar.spec);
  });

  it('a small spec is still one message', () => {
    const [noMesh] = specsOf(compileAll(parseScenario({ ...pods400, architectures: ['no-mesh'] })));
    expect(noMesh.spec.hops.length).toBeGreaterThan(0);
    expect(specMessages('k', 'no-mesh', noMesh.spec, 1e6).map((m) => m.type)).toEqual(['spec']);
  });

  it('pods-400 in parts gives the same runs, to the byte, as its specs sent whole', async () => {
    const scenario = parseScenario({ ...pods400, run: { warmupRequests: 20, measuredRequests: 100 } });
    const designs = specsOf(compileAll(scenario));
    expect(Math.max(...designs.map((d) => d.spec.hops.length))).toBeGreaterThan(SPEC_PART_ITEMS);
    const w = fakeWorker();
    const parted = await connectEngineClient(w).compareShard(designs, scenario.seed, 2, {
      index: 0,
      count: 1,
    }).promise;
    expect((w.sent as Sent[]).some((m) => m.type === 'spec-part')).toBe(true);
    // Raw copies carry no key: they travel inline in the comparison, whole.
    const raw = designs.map((d) => ({ architecture: d.architecture, spec: structuredClone(d.spec) }));
    const inline = await connectEngineClient(fakeWorker()).compareShard(raw, scenario.seed, 2, {
      index: 0,
      count: 1,
    }).promise;
    expect(parted.status).toBe('runs');
    expect(figuresOf(parted)).toBe(figuresOf(inline));
  }, 120_000);
});
