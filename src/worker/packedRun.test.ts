import { describe, expect, it } from 'vitest';
import pods from '../../models/presets/pods-400.json';
import { compileAll } from '../engine/scenario/compiledSet';
import { specsOf, type SpecEntry } from '../engine/scenario/session';
import { Simulation } from '../engine/simulation';
import { summarize } from '../engine/summary';
import { longRoute } from '../engine/fixtures';
import { SCENARIO_PRESETS } from '../model/presets';
import type { RunSummary } from '../model/result';
import { parseScenario, parseSimSpec, type ValidScenario } from '../model/valid';
import { connectEngineClient, type WorkerPort } from './client';
import { createRequestHandler } from './handler';
import { packRun, pairRun, runLabels, transferablesOf, type PackedRun } from './packedRun';
import type { Request, Response } from './protocol';

/** A preset with short runs: the labels and the packing do not depend on the run's length. */
const short = (preset: unknown): ValidScenario =>
  parseScenario({ ...(preset as object), run: { warmupRequests: 20, measuredRequests: 150 } });

const pods400 = specsOf(compileAll(short(pods)));

/** Strings and objects (arrays included, typed arrays as one object) in a message, as a clone walks it. */
function census(v: unknown, out = { strings: 0, objects: 0 }): { strings: number; objects: number } {
  if (typeof v === 'string') out.strings++;
  else if (ArrayBuffer.isView(v)) out.objects++;
  else if (typeof v === 'object' && v !== null) {
    out.objects++;
    for (const x of Object.values(v)) census(x, out);
  }
  return out;
}

const runOf = (d: SpecEntry): RunSummary => summarize(new Simulation(d.spec).run());

describe('packed runs', () => {
  it('a 400-pod shard’s reply carries each run’s figures in one transferred Float64Array, no object or string per hop', async () => {
    const posts: { m: Response; transfer?: Transferable[] }[] = [];
    const handle = createRequestHandler(
      (m, transfer) => posts.push({ m, transfer }),
      () => Promise.resolve(),
    );
    await handle({ type: 'compare', id: 1, seed: 1, designs: pods400, replications: 2, packed: true });
    const { m, transfer } = posts.at(-1)!;
    expect(m.type).toBe('compare-packed');
    if (m.type !== 'compare-packed') return;
    expect(m.runs).toHaveLength(pods400.length * 2);
    const hops = pods400.reduce((s, d) => s + 2 * d.spec.hops.length, 0);
    expect(hops).toBeGreaterThan(35_000);
    // A run's head: its latency, requests and a few components' CPU, a few dozen objects and strings.
    const { strings, objects } = census(m);
    expect(strings).toBeLessThan(10 * m.runs.length);
    expect(objects).toBeLessThan(20 * m.runs.length);
    const runs = m.runs as PackedRun[];
    runs.forEach((r, j) => {
      const spec = pods400[Math.floor(j / 2)].spec;
      expect(r.columns).toBeInstanceOf(Float64Array);
      expect(r.columns.length).toBe(spec.hops.length * 8 + spec.stations.length * 3);
    });
    // Handed over, not copied: every run's buffer is in the transfer list, once.
    expect(transfer).toEqual(runs.map((r) => r.columns.buffer));
    // Unpacked, a summary has an object and four strings per hop: what no longer travels.
    const whole: Response[] = [];
    await createRequestHandler(
      (x) => whole.push(x),
      () => Promise.resolve(),
    )({ type: 'compare', id: 2, seed: 1, designs: pods400.slice(1, 2), replications: 2 });
    expect(whole.at(-1)!.type).toBe('compare-runs');
    expect(census(whole.at(-1)).strings).toBeGreaterThan(8 * pods400[1].spec.hops.length);
  });

  it('paired with its spec’s labels, a run equals the engine’s summary exactly (every preset, every design)', () => {
    let designs = 0;
    for (const [id, preset] of Object.entries(SCENARIO_PRESETS)) {
      const specs = id === 'pods-400' ? pods400 : specsOf(compileAll(short(preset)));
      for (const d of specs) {
        const summary = runOf(d);
        const packed = packRun(summary);
        // As it crosses to the page: cloned, its buffer moved.
        const arrived = structuredClone(packed, { transfer: transferablesOf([packed]) });
        expect(packed.columns.length).toBe(0); // detached: it was moved, not copied
        const paired = pairRun(arrived, runLabels(d.spec));
        expect(paired, `${id} ${d.architecture}`).toEqual(summary);
        // Key order too, so exports and hashes of the JSON are unchanged.
        expect(JSON.stringify(paired)).toBe(JSON.stringify(summary));
        designs++;
      }
    }
    expect(designs).toBeGreaterThan(20);
    // No preset leaves a label to its default; a spec that leaves them all gets the engine's defaults.
    const route = longRoute({ hops: 12, rps: 100, warmup: 20, measured: 200, seed: 3 });
    const bare = parseSimSpec({
      ...route,
      stations: route.stations.map((st) => ({ id: st.id, kind: st.kind, servers: st.servers })),
      hops: route.hops.map(({ kind: _k, category: _c, component: _p, ...h }) => h),
    });
    const summary = runOf({ architecture: 'no-mesh', spec: bare });
    expect(summary.stations.map((st) => [st.node, st.component])).toEqual([
      ['', 'node'],
      ['', 'node'],
      ['', 'app'],
      ['', 'app'],
    ]);
    expect(JSON.stringify(pairRun(packRun(summary), runLabels(bare)))).toBe(JSON.stringify(summary));
  });

  it('the client pairs a shard’s runs a slice at a time, refuses runs that do not fit their spec, and a cancel stops the pairing', async () => {
    const designs = pods400.slice(0, 2);
    const runs = [runOf(designs[0]), runOf(designs[1])];
    /** A worker that answers every comparison with `reply(id)`; `replied` once it has. */
    let replied = false;
    const answering = (reply: (id: number) => Response): WorkerPort => {
      const listeners: ((e: MessageEvent<unknown>) => void)[] = [];
      return {
        postMessage: (msg) => {
          const req = msg as Request;
          if (req.type !== 'compare') return;
          setTimeout(() => {
            replied = true;
            listeners.forEach((l) => l({ data: reply(req.id) } as MessageEvent));
          }, 0);
        },
        addEventListener: (type: string, l: (e: MessageEvent<unknown>) => void) => {
          if (type === 'message') listeners.push(l);
        },
        terminate: () => {},
      };
    };
    const packedReply = (id: number): Response => ({ type: 'compare-packed', id, runs: runs.map(packRun) });
    // A clock that moves 5 ms per reading: a slice pairs about one run, then defers the rest.
    let t = 0;
    const clock = { now: () => (t += 5), setTimeout, clearTimeout };
    // Tasks deferred once the runs arrived: the pairing's.
    let pairingTasks = 0;
    const defer = (f: () => void) => {
      if (replied) pairingTasks++;
      setTimeout(f, 0);
    };
    const client = connectEngineClient(answering(packedReply), { clock, defer });
    const sliced = client.compareShard(designs, 1, 2, { index: 0, count: 2 }, undefined, { from: 1 });
    expect(await sliced.promise).toEqual({ status: 'runs', runs });
    expect(pairingTasks).toBeGreaterThanOrEqual(1);

    // Figures that do not fit the spec they are paired with: a malformed reply, said so.
    const wrong = connectEngineClient(
      answering((id) => ({ type: 'compare-packed', id, runs: [runs[1], runs[0]].map(packRun) })),
    );
    expect(
      await wrong.compareShard(designs, 1, 2, { index: 0, count: 1 }, undefined, { from: 1 }).promise,
    ).toEqual({
      status: 'error',
      message: expect.stringMatching(
        /^The engine worker sent a malformed reply\. run 0: \d+ figures where the spec needs \d+\.$/,
      ),
      error: expect.any(Error),
    });

    // Cancelled while its runs are being paired: cancelled, and no runs come out.
    replied = false;
    const stopping = connectEngineClient(answering(packedReply), {
      clock,
      defer: (f) => {
        setTimeout(f, 0);
        if (replied) handle.cancel();
      },
    });
    const handle = stopping.compareShard(designs, 1, 2, { index: 0, count: 1 }, undefined, { from: 1 });
    expect(await handle.promise).toEqual({ status: 'cancelled' });
    expect(replied).toBe(true);
  });
});
