import { describe, expect, it, vi } from 'vitest';
import { FakeClock } from '../test/fakeClock';
import { manualSpawner } from '../test/manualPort';
import { SupersededError, WorkerClosedError, WorkerLostError } from '../model/errors';
import { ALIVE } from './heartbeat';
import { DEFAULT_SILENCE_MS, RpcClient } from './rpc';

/** A toy protocol: 'work' requests, 'done' replies carrying a value, 'tick' progress. */
type Req = { type: 'work'; id: number } | { type: 'cancel'; id: number };
type Rep = { type: 'done' | 'tick'; id: number; value: number };
const parse = (d: unknown): Rep | null => {
  const r = d as Rep;
  return typeof r === 'object' && r !== null && (r.type === 'done' || r.type === 'tick') ? r : null;
};

function setup(opts: { silenceMs?: number; maxRestarts?: number } = {}) {
  const clock = new FakeClock();
  const workers = manualSpawner();
  const onLost = vi.fn();
  const rpc = new RpcClient<Req, Rep>({
    worker: 'trace',
    spawn: workers.spawn,
    parse,
    clock,
    onLost,
    ...opts,
  });
  const ask = () =>
    rpc.call<number>(
      (id) => ({ type: 'work', id }),
      (r, s) => r.type === 'done' && s.resolve(r.value),
    );
  return { clock, workers, onLost, rpc, ask };
}

/** The promise's outcome once pending callbacks have run: its value, its error, or 'pending'. */
async function outcome<T>(p: Promise<T>): Promise<T | Error | 'pending'> {
  let out: T | Error | 'pending' = 'pending';
  p.then(
    (v) => (out = v),
    (e: Error) => (out = e),
  );
  for (let i = 0; i < 5; i++) await Promise.resolve();
  return out;
}

describe('RpcClient watchdog', () => {
  it('a worker that never replies is noticed at the deadline, terminated and replaced', async () => {
    const { clock, workers, onLost, ask } = setup();
    const call = ask();
    expect(workers.ports).toHaveLength(1);
    clock.advance(DEFAULT_SILENCE_MS - 1);
    expect(await outcome(call.promise)).toBe('pending');
    clock.advance(1);
    const e = await outcome(call.promise);
    expect(e).toBeInstanceOf(WorkerLostError);
    expect(e).toMatchObject({ worker: 'trace', reason: 'silent', restarted: true });
    expect((e as Error).message).toBe('The trace worker stopped answering; it was restarted.');
    expect(workers.ports[0].terminated).toBe(true);
    expect(workers.ports).toHaveLength(2);
    expect(onLost).toHaveBeenCalledWith(e);
    // The replacement answers the next request.
    const next = ask();
    expect(workers.current.sent).toEqual([{ type: 'work', id: next.id }]);
    workers.current.reply({ type: 'done', id: next.id, value: 7 });
    expect(await outcome(next.promise)).toBe(7);
  });

  it('a slow worker that keeps beating is never killed, however long it works', async () => {
    const { clock, workers, onLost, ask } = setup();
    const call = ask();
    for (let s = 0; s < 600; s++) {
      clock.advance(1_000); // ten simulated minutes of work, a heartbeat a second
      workers.current.reply(ALIVE);
    }
    expect(await outcome(call.promise)).toBe('pending');
    expect(workers.ports).toHaveLength(1);
    expect(workers.ports[0].terminated).toBe(false);
    workers.current.reply({ type: 'done', id: call.id, value: 42 });
    expect(await outcome(call.promise)).toBe(42);
    expect(onLost).not.toHaveBeenCalled();
  });

  it('progress replies count as signs of life too; silence after them is still caught', async () => {
    const { clock, workers, ask } = setup();
    const call = ask();
    clock.advance(4_000);
    workers.current.reply({ type: 'tick', id: call.id, value: 0 });
    clock.advance(4_000);
    expect(await outcome(call.promise)).toBe('pending');
    clock.advance(1_000); // 5 s since the last tick
    expect(await outcome(call.promise)).toBeInstanceOf(WorkerLostError);
  });

  it('an idle worker is not watched: silence with nothing pending is fine', async () => {
    const { clock, workers, ask } = setup();
    const call = ask();
    workers.current.reply({ type: 'done', id: call.id, value: 1 });
    expect(await outcome(call.promise)).toBe(1);
    expect(clock.armed).toBe(0);
    clock.advance(60_000);
    const later = ask(); // its silence is counted from now, not from the last reply a minute ago
    clock.advance(DEFAULT_SILENCE_MS - 1);
    expect(await outcome(later.promise)).toBe('pending');
    expect(workers.ports).toHaveLength(1);
  });

  it('a page that was asleep (timer fired late) measures the silence afresh instead of blaming the worker', async () => {
    const { clock, workers, ask } = setup();
    const call = ask();
    clock.jump(30_000); // the laptop slept; the worker's messages may be queued behind the timer
    clock.advance(0);
    expect(await outcome(call.promise)).toBe('pending');
    workers.current.reply({ type: 'done', id: call.id, value: 3 });
    expect(await outcome(call.promise)).toBe(3);
    // …but a worker that really is silent is still caught within one more deadline.
    const next = ask();
    clock.jump(30_000);
    clock.advance(0);
    clock.advance(DEFAULT_SILENCE_MS);
    expect(await outcome(next.promise)).toBeInstanceOf(WorkerLostError);
  });

  it('a crash rejects what is pending and replaces the worker; one that keeps failing to start is given up', async () => {
    const { workers, ask } = setup({ maxRestarts: 2 });
    const a = ask();
    workers.current.crash('Uncaught Error: boom');
    const e = await outcome(a.promise);
    expect(e).toBeInstanceOf(WorkerLostError);
    expect((e as Error).message).toBe('The trace worker crashed (Uncaught Error: boom); it was restarted.');
    workers.current.crash('Failed to load module script');
    expect(workers.ports).toHaveLength(3);
    workers.current.crash('Failed to load module script');
    expect(workers.ports).toHaveLength(3); // no fourth start
    const b = ask();
    const gaveUp = await outcome(b.promise);
    expect(gaveUp).toBeInstanceOf(WorkerLostError);
    expect(gaveUp).toMatchObject({ restarted: false });
    expect((gaveUp as Error).message).toBe(
      'The trace worker crashed (Failed to load module script) and could not be restarted. Reload the page to try again.',
    );
  });

  it('a reply in between resets the count: a worker lost now and then is always replaced', async () => {
    const { workers, ask } = setup({ maxRestarts: 1 });
    for (let i = 0; i < 4; i++) {
      const c = ask();
      workers.current.reply({ type: 'done', id: c.id, value: i });
      expect(await outcome(c.promise)).toBe(i);
      workers.current.crash('Uncaught Error: again');
    }
    expect(workers.ports).toHaveLength(5);
    expect(await outcome(ask().promise)).toBe('pending');
  });

  it('superseded and disposed requests reject with their own classes; late replies are ignored', async () => {
    const { workers, rpc, ask } = setup();
    const old = ask();
    rpc.rejectAll();
    expect(await outcome(old.promise)).toBeInstanceOf(SupersededError);
    workers.current.reply({ type: 'done', id: old.id, value: 1 }); // too late: nobody waits
    const pending = ask();
    rpc.dispose();
    expect(await outcome(pending.promise)).toBeInstanceOf(WorkerClosedError);
    expect(await outcome(ask().promise)).toBeInstanceOf(WorkerClosedError);
    expect(workers.current.terminated).toBe(true);
  });

  it("a lost worker's late messages are ignored: they cannot settle requests sent to its replacement", async () => {
    const { clock, workers, ask } = setup();
    const lost = ask();
    clock.advance(DEFAULT_SILENCE_MS);
    expect(await outcome(lost.promise)).toBeInstanceOf(WorkerLostError);
    const dead = workers.ports[0];
    const next = ask();
    dead.reply({ type: 'done', id: next.id, value: 99 });
    expect(await outcome(next.promise)).toBe('pending');
  });
});
