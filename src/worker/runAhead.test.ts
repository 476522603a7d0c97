import { describe, expect, it } from 'vitest';
import bench from '../../models/presets/istio-benchmark.json';
import { compileAll } from '../engine/scenario/compiledSet';
import { specsOf } from '../engine/scenario/session';
import { parseScenario } from '../model/valid';
import { fakeWorker } from '../test/fakeWorker';
import { connectEngineClient, type CompareProgress } from './client';

const scenario = parseScenario({
  ...bench,
  architectures: ['no-mesh', 'sidecar-envoy', 'ambient'],
  run: { warmupRequests: 100, measuredRequests: 2_000 },
});
const designs = specsOf(compileAll(scenario));
const shard = { index: 0, count: 1 };
const sentOf = (w: ReturnType<typeof fakeWorker>, type: string) =>
  (w.sent as { type: string; id?: number }[]).filter((m) => m.type === type);
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Until the worker has been asked for `n` shards (the specs go first, each in a task of its own). */
async function asked(w: ReturnType<typeof fakeWorker>, n: number) {
  while (sentOf(w, 'compare').length < n) await pause(1);
}

/** The runs a shard gives when asked for in the ordinary way. */
async function plainRuns(replications: number) {
  const out = await connectEngineClient(fakeWorker()).compareShard(
    designs,
    scenario.seed,
    replications,
    shard,
  ).promise;
  return JSON.stringify(out);
}

describe('a shard started ahead (runAhead)', () => {
  it('is handed over to the comparison that asks for it: one request, its progress so far, the same runs', async () => {
    const w = fakeWorker();
    const client = connectEngineClient(w);
    client.runAhead(designs, scenario.seed, 3, shard);
    await pause(30); // runs under way before the comparison asks
    const seen: CompareProgress[] = [];
    const out = await client.compareShard(designs, scenario.seed, 3, shard, (p) => seen.push(p)).promise;
    expect(out.status).toBe('runs');
    expect(JSON.stringify(out)).toBe(await plainRuns(3));
    expect(sentOf(w, 'compare')).toHaveLength(1);
    expect(sentOf(w, 'cancel')).toHaveLength(0);
    // The progress it had made is told at once, and what follows; it ends with every run done.
    expect(seen.length).toBeGreaterThan(0);
    for (let i = 1; i < seen.length; i++)
      expect(seen[i].fraction).toBeGreaterThanOrEqual(seen[i - 1].fraction);
    expect(seen.at(-1)).toMatchObject({ fraction: 1, runsDone: 9, runsTotal: 9 });
  });

  it('is cancelled by a request for another shard, and the other shard runs as asked', async () => {
    const w = fakeWorker();
    const client = connectEngineClient(w);
    client.runAhead(designs, scenario.seed, 3, shard);
    await asked(w, 1);
    const [ahead] = sentOf(w, 'compare');
    // Fewer replications: not the shard started ahead.
    const out = await client.compareShard(designs, scenario.seed, 2, shard, () => {}).promise;
    expect(sentOf(w, 'cancel')).toEqual([{ type: 'cancel', id: ahead.id }]);
    expect(sentOf(w, 'compare')).toHaveLength(2);
    expect(JSON.stringify(out)).toBe(await plainRuns(2));
  });

  it('is not taken over by a shard that reports no progress (a sweep point), or by other specs', async () => {
    for (const ask of [
      (c: ReturnType<typeof connectEngineClient>) => c.compareShard(designs, scenario.seed, 3, shard),
      (c: ReturnType<typeof connectEngineClient>) =>
        c.compareShard(
          designs.map((d) => ({ ...d, spec: { ...d.spec } })),
          scenario.seed,
          3,
          shard,
          () => {},
        ),
      (c: ReturnType<typeof connectEngineClient>) =>
        c.compareShard(designs, scenario.seed + 1, 3, shard, () => {}),
      (c: ReturnType<typeof connectEngineClient>) =>
        c.compareShard(designs, scenario.seed, 3, { index: 0, count: 2 }, () => {}),
    ]) {
      const w = fakeWorker();
      const client = connectEngineClient(w);
      client.runAhead(designs, scenario.seed, 3, shard);
      await asked(w, 1);
      const handle = ask(client);
      await asked(w, 2);
      expect(sentOf(w, 'cancel')).toHaveLength(1);
      expect(sentOf(w, 'compare')).toHaveLength(2);
      handle.cancel();
    }
  });

  it('is cancelled by its withdrawal or by withdraw(), unless a comparison has taken it over', async () => {
    const w = fakeWorker();
    const client = connectEngineClient(w);
    const withdraw = client.runAhead(designs, scenario.seed, 3, shard);
    await asked(w, 1);
    withdraw();
    expect(sentOf(w, 'cancel')).toHaveLength(1);

    client.runAhead(designs, scenario.seed, 3, shard);
    await asked(w, 2);
    client.withdraw();
    expect(sentOf(w, 'cancel')).toHaveLength(2);

    // Taken over: neither stops it.
    const late = client.runAhead(designs, scenario.seed, 3, shard);
    const handle = client.compareShard(designs, scenario.seed, 3, shard, () => {});
    late();
    client.withdraw();
    expect(sentOf(w, 'cancel')).toHaveLength(2);
    expect((await handle.promise).status).toBe('runs');

    // A second shard ahead replaces the first, which is cancelled; withdrawing the first then does nothing.
    const first = client.runAhead(designs, scenario.seed, 3, shard);
    await asked(w, 4);
    client.runAhead(designs, scenario.seed, 4, shard);
    expect(sentOf(w, 'cancel')).toHaveLength(3);
    first();
    expect(sentOf(w, 'cancel')).toHaveLength(3);
    client.withdraw();
    expect(sentOf(w, 'cancel')).toHaveLength(4);
  });
});
