import { describe, expect, it } from 'vitest';
import pods from '../../models/presets/pods-400.json';
import { compileAll } from '../engine/scenario/compiledSet';
import { specsOf, type SpecEntry } from '../engine/scenario/session';
import { Simulation } from '../engine/simulation';
import { summarize } from '../engine/summary';
import { longRoute } from '../engine/fixtures';
import { SCENARIO_PRESETS } from '../model/presets';
import { parseScenario, parseSimSpec, type ValidScenario } from '../model/valid';
import { connectEngineClient, type WorkerPort } from './client';
import { createRequestHandler } from './handler';
import type { HopSummary, RunSummary, StationSummary } from '../model/result';
import { packRun, runLabels, transferablesOf, type PackedRun, type RunLabels } from './packedRun';
import type { Request, Response } from './protocol';

const HOP_FIELDS = 8;
const STATION_FIELDS = 3;

/**
 * The summary the worker packed, rebuilt with its spec's labels: equal to `summarize`'s object, key
 * order included (so its JSON is the same). The caller checks the run first (packedRunProblem).
 */
function pairRun(run: PackedRun, labels: RunLabels): RunSummary {
  const { head, columns: c } = run;
  const hops: HopSummary[] = new Array(labels.hops.length);
  let k = 0;
  for (let i = 0; i < hops.length; i++, k += HOP_FIELDS) {
    const l = labels.hops[i];
    hops[i] = {
      id: l.id,
      kind: l.kind,
      category: l.category,
      component: l.component,
      count: c[k],
      queued: c[k + 1],
      dropped: c[k + 2],
      meanQueueWait: c[k + 3],
      meanService: c[k + 4],
      maxQueueWait: c[k + 5],
      cpuUsContainer: c[k + 6],
      cpuUsKernel: c[k + 7],
    };
  }
  const stations: StationSummary[] = new Array(labels.stations.length);
  for (let i = 0; i < stations.length; i++, k += STATION_FIELDS) {
    const l = labels.stations[i];
    stations[i] = {
      id: l.id,
      kind: l.kind,
      node: l.node,
      component: l.component,
      servers: c[k],
      utilization: c[k + 1],
      meanQueueLength: c[k + 2],
    };
  }
  return {
    seed: head.seed,
    endUs: head.endUs,
    windowUs: head.windowUs,
    events: head.events,
    requests: head.requests,
    latency: head.latency,
    throughputRps: head.throughputRps,
    meanInSystem: head.meanInSystem,
    perRequest: head.perRequest,
    stations,
    hops,
    cpu: head.cpu,
  };
}

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

  it('the client hands a shard’s packed runs over as they came (no object per hop), refuses runs that do not fit their spec, and a cancel stops it', async () => {
    const designs = pods400.slice(0, 2);
    const runs = [runOf(designs[0]), runOf(designs[1])];
    /** A worker that answers every comparison with `reply(id)`. */
    const answering = (reply: (id: number) => Response, onReply = () => {}): WorkerPort => {
      const listeners: ((e: MessageEvent<unknown>) => void)[] = [];
      return {
        postMessage: (msg) => {
          const req = msg as Request;
          if (req.type !== 'compare') return;
          setTimeout(() => {
            onReply();
            listeners.forEach((l) => l({ data: reply(req.id) } as MessageEvent));
          }, 0);
        },
        addEventListener: (type: string, l: (e: MessageEvent<unknown>) => void) => {
          if (type === 'message') listeners.push(l);
        },
        terminate: () => {},
      };
    };
    const packed = runs.map(packRun);
    const client = connectEngineClient(answering((id) => ({ type: 'compare-packed', id, runs: packed })));
    const out = await client.compareShard(designs, 1, 2, { index: 0, count: 2 }, undefined, { from: 1 })
      .promise;
    // The very runs that arrived: figures in one Float64Array each, no summary rebuilt on the page.
    expect(out.status).toBe('runs');
    if (out.status === 'runs') {
      expect(out.runs).toHaveLength(2);
      out.runs.forEach((r, j) => expect(r).toBe(packed[j]));
      expect(out.runs.every((r) => r !== null && 'columns' in r && !('hops' in r))).toBe(true);
    }

    // Figures that do not fit the spec they were run from: a malformed reply, said so.
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

    // Cancelled just as its runs arrive: cancelled, and no runs come out.
    const stopping = connectEngineClient(
      answering(
        (id) => ({ type: 'compare-packed', id, runs: runs.map(packRun) }),
        () => handle.cancel(),
      ),
    );
    const handle = stopping.compareShard(designs, 1, 2, { index: 0, count: 1 }, undefined, { from: 1 });
    expect(await handle.promise).toEqual({ status: 'cancelled' });
  });
});
