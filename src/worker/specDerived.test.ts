import v8 from 'node:v8';
import { describe, expect, it } from 'vitest';
import bench from '../../models/presets/istio-benchmark.json';
import { compileAll } from '../engine/scenario/compiledSet';
import { specsOf } from '../engine/scenario/session';
import { atLoad } from '../machines/compare/loadSweep';
import { engineLoad } from '../model/engineLoad';
import { derivedScenario, deriveSimSpec, parseScenario } from '../model/valid';
import { fakeWorker } from '../test/fakeWorker';
import { connectEngineClient, type DesignSpec } from './client';
import { createRequestHandler } from './handler';
import { figuresOf } from '../test/shardFigures';
import type { Response } from './protocol';

const scenario = parseScenario({
  ...bench,
  architectures: ['no-mesh', 'sidecar-envoy'],
  run: { warmupRequests: 100, measuredRequests: 1_000 },
});
const designs = specsOf(compileAll(scenario));
const one = { index: 0, count: 1 };
/** A load sweep's point, as the session derives it: the compiled specs at another load. */
const point = (rps: number): DesignSpec[] => {
  const at = derivedScenario(scenario, (s) => atLoad(s, rps));
  return designs.map((d) => ({
    architecture: d.architecture,
    spec: deriveSimSpec(d.spec, { load: engineLoad(at), run: at.run }),
  }));
};
const raw = (ds: readonly DesignSpec[]): DesignSpec[] =>
  ds.map((d) => ({ architecture: d.architecture, spec: structuredClone(d.spec) }));
type Sent = { type: string; key?: string; spec?: unknown; base?: { key: string; patch: unknown } };

describe('a sweep point’s specs, derived from specs a worker holds', () => {
  it('travel as their base’s key and the new load and run only, and give the same runs as whole specs', async () => {
    const w = fakeWorker();
    const client = connectEngineClient(w);
    await client.compareShard(designs, scenario.seed, 2, one).promise;
    const bases = (w.sent as Sent[]).filter((m) => m.type === 'spec').map((m) => m.key);
    const from = w.sent.length;
    const at = point(600);
    const out = await client.compareShard(at, scenario.seed, 2, one).promise;
    const posted = w.sent.slice(from) as Sent[];
    expect(posted.map((m) => m.type)).toEqual(['spec', 'spec', 'compare']);
    expect(posted.slice(0, 2).map((m) => [m.spec, m.base?.key])).toEqual(bases.map((k) => [undefined, k]));
    // A few hundred bytes for the point, against the whole specs' tens of kilobytes.
    expect(posted.reduce((n, m) => n + v8.serialize(m).length, 0)).toBeLessThan(1_000);
    expect(v8.serialize(at.map((d) => d.spec)).length).toBeGreaterThan(10_000);

    const whole = await connectEngineClient(fakeWorker()).compareShard(raw(at), scenario.seed, 2, one)
      .promise;
    expect(out.status).toBe('runs');
    expect(figuresOf(out)).toBe(figuresOf(whole));
    // The point's load is what ran: not the base's numbers.
    const base = await connectEngineClient(fakeWorker()).compareShard(raw(designs), scenario.seed, 2, one)
      .promise;
    expect(figuresOf(out)).not.toBe(figuresOf(base));
  });

  it('a worker without the base sends the page back for the whole spec; a bad patch is named', async () => {
    const [d] = designs;
    const replies: Response[] = [];
    const handle = createRequestHandler((m) => replies.push(m));
    const patch = { load: d.spec.load, run: d.spec.run };
    await handle({ type: 'spec', key: 'p', architecture: 'no-mesh', base: { key: 'b', patch } });
    await handle({
      type: 'compare',
      id: 1,
      seed: 1,
      replications: 2,
      designs: [{ architecture: 'no-mesh', key: 'p' }],
    });
    expect(replies).toEqual([{ type: 'spec-missing', id: 1, keys: ['p'] }]);

    replies.length = 0;
    const badRun = { load: d.spec.load, run: { warmupRequests: -1, measuredRequests: 10 } };
    await handle({ type: 'spec', key: 'b', architecture: 'no-mesh', spec: d.spec });
    await handle({ type: 'spec', key: 'q', architecture: 'no-mesh', base: { key: 'b', patch: badRun } });
    await handle({
      type: 'compare',
      id: 2,
      seed: 1,
      replications: 2,
      designs: [{ architecture: 'no-mesh', key: 'q' }],
    });
    expect(replies).toEqual([
      { type: 'error', id: 2, message: expect.stringMatching(/^Invalid spec for no-mesh\. run/) },
    ]);

    replies.length = 0;
    await handle({
      type: 'spec',
      key: 'r',
      architecture: 'no-mesh',
      spec: d.spec,
      base: { key: 'b', patch },
    });
    expect(replies).toEqual([
      {
        type: 'error',
        id: 0,
        message: expect.stringMatching(/spec: a spec message carries its spec or a base/),
      },
    ]);
  });
});
