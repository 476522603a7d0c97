import { describe, expect, it } from 'vitest';
import { simulate } from '../engine';
import { mmc } from '../engine/fixtures';
import { connectEngineClient, WorkerLostError, type WorkerPort } from './client';
import { fakeWorker } from '../test/fakeWorker';
import { createRequestHandler } from './handler';
import type { Response } from './protocol';

const spec = mmc({ lambda: 0.5, mu: 1, servers: 1, warmup: 1_000, measured: 20_000, seed: 11 });

describe('engine client over the protocol', () => {
  it('resolves with the same summary as simulate(), after progress', async () => {
    const client = connectEngineClient(fakeWorker());
    const fractions: number[] = [];
    const out = await client.run(spec, (p) => fractions.push(p.fraction), 2_000).promise;
    expect(out.status).toBe('done');
    if (out.status === 'done') expect(JSON.stringify(out.summary)).toBe(JSON.stringify(simulate(spec)));
    expect(fractions.length).toBeGreaterThan(5);
    expect(fractions.at(-1)).toBe(1);
  });

  it('cancel settles at once and tells the worker', async () => {
    const worker = fakeWorker();
    const client = connectEngineClient(worker);
    const handle = client.run(spec, undefined, 500);
    handle.cancel();
    expect(await handle.promise).toEqual({ status: 'cancelled' });
    expect(worker.sent).toEqual([expect.objectContaining({ type: 'run' }), { type: 'cancel', id: 1 }]);
  });

  it('reports a bad spec as a message naming the field', async () => {
    const client = connectEngineClient(fakeWorker());
    const out = await client.run({ ...spec, seed: -1 }).promise;
    expect(out).toEqual({ status: 'error', message: expect.stringMatching(/seed: /) });
  });

  it('a worker that fails fails its pending and later runs with a message, not a hang', async () => {
    let fail!: (e: Event) => void;
    const worker: WorkerPort = {
      postMessage: () => {},
      addEventListener: (type: string, l: (e: never) => void) => {
        if (type === 'error') fail = l as (e: Event) => void;
      },
      terminate: () => {},
    };
    // A single port, not a way to start another: it cannot be replaced.
    const client = connectEngineClient(worker);
    const pendingRun = client.run(spec).promise;
    fail({ message: 'Failed to load module script' } as unknown as Event);
    const expected = {
      status: 'error',
      message:
        'The engine worker crashed (Failed to load module script) and could not be restarted. Reload the page to try again.',
      error: expect.any(WorkerLostError),
    };
    expect(await pendingRun).toEqual(expected);
    expect(await client.run(spec).promise).toEqual(expected);
  });

  it("the worker stops a run on 'cancel' and answers 'cancelled' instead of a result", async () => {
    const replies: Response[] = [];
    const handle = createRequestHandler((m) => replies.push(m));
    const done = handle({ type: 'run', id: 9, spec, progressEvery: 500 });
    await new Promise((r) => setTimeout(r, 0)); // let a slice or two run
    await handle({ type: 'cancel', id: 9 });
    await done;
    const last = replies.at(-1)!;
    expect(last).toEqual({ type: 'cancelled', id: 9 });
    expect(replies.filter((m) => m.type === 'progress').length).toBeLessThan(10);
    expect(replies.some((m) => m.type === 'result')).toBe(false);
  });

  it('the worker answers a malformed message with an error instead of ignoring it', async () => {
    const replies: Response[] = [];
    const handle = createRequestHandler((m) => replies.push(m));
    await handle({ type: 'run', id: 4, progressEvery: -1, spec });
    await handle('nonsense');
    expect(replies).toEqual([
      { type: 'error', id: 4, message: expect.stringMatching(/progressEvery: /) },
      { type: 'error', id: 0, message: expect.stringMatching(/^Malformed message/) },
    ]);
  });
});
