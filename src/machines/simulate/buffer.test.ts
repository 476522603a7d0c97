import { describe, expect, it } from 'vitest';
import type { TraceLayout, TraceRecord } from '../../worker/trace/protocol';
import { TraceBuffer, type ChunkInput } from './buffer';

const layout = {
  stations: [{ id: 'cpu:n0' }, { id: 'app:a' }],
  run: { endUs: 1000 },
} as unknown as TraceLayout;

const rec = (request: number, hop: number, enter: number, leave: number, queueWait = 0): TraceRecord => ({
  request,
  hop,
  enter,
  queueWait,
  service: leave - enter - queueWait,
  cpu: 0,
  leave,
  outcome: queueWait > 0 ? 'queued' : 'forwarded',
});

const none = { times: new Float64Array(0), busy: new Int32Array(0), queue: new Int32Array(0) };
const chunk = (
  from: number,
  to: number,
  records: TraceRecord[],
  extra: Partial<ChunkInput> = {},
): ChunkInput => ({
  mode: 'stream',
  from,
  to,
  idleFrom: null,
  records,
  samples: none,
  done: false,
  ...extra,
});

describe('trace buffer: large batches', () => {
  it('takes a batch of 200,000 records in one chunk (a spread into push() overflowed the stack)', () => {
    const b = new TraceBuffer(layout);
    b.addChunk(chunk(0, 10, [rec(0, 0, 0, 1)]));
    const many: TraceRecord[] = [];
    for (let i = 0; i < 200_000; i++) many.push(rec(i + 1, 0, 10 + i * 0.001, 11 + i * 0.001));
    expect(() => b.addChunk(chunk(10, 400, many))).not.toThrow();
    expect(b.events.length).toBe(200_001);
    expect(b.events[200_000].request).toBe(200_000);
  });
});

describe('trace buffer', () => {
  it('holds records sorted by entry, merges late and history records, and drops duplicates', () => {
    const b = new TraceBuffer(layout);
    b.addChunk(chunk(100, 200, [rec(1, 1, 110, 150), rec(1, 0, 100, 110)]));
    expect(b.events.map((e) => e.enter)).toEqual([100, 110]);
    expect([b.coverStart, b.coverEnd]).toEqual([100, 200]);
    // a late record (entered in an earlier window) and a duplicate
    b.addChunk(chunk(200, 300, [rec(2, 0, 90, 250), rec(1, 1, 110, 150), rec(1, 2, 210, 220)]));
    expect(b.events.map((e) => e.enter)).toEqual([90, 100, 110, 210]);
    expect(b.coverEnd).toBe(300);
    b.addChunk(chunk(40, 100, [rec(0, 0, 50, 60), rec(2, 0, 90, 250)], { mode: 'history' }));
    expect(b.events.map((e) => e.enter)).toEqual([50, 90, 100, 110, 210]);
    expect(b.coverStart).toBe(40);
  });

  it('answers next and previous event, and says when the previous one needs a replay', () => {
    const b = new TraceBuffer(layout);
    b.addChunk(chunk(100, 300, [rec(1, 0, 120, 130), rec(1, 1, 130, 160), rec(2, 0, 200, 240)]));
    expect(b.nextEventAfter(100)).toBe(120);
    expect(b.nextEventAfter(120)).toBe(130);
    expect(b.nextEventAfter(240)).toBeNull();
    expect(b.prevEventBefore(200)).toBe(130);
    expect(b.prevEventBefore(130)).toBe(120);
    expect(b.prevEventBefore(120)).toBe('unknown'); // before the coverage, which does not start at 0
    const fromZero = new TraceBuffer(layout);
    fromZero.addChunk(chunk(0, 300, [rec(1, 0, 120, 130)]));
    expect(fromZero.prevEventBefore(120)).toBeNull();
  });

  it('an idle stretch ends at the next hop, which counts as the next event before it arrives', () => {
    const b = new TraceBuffer(layout);
    b.addChunk(chunk(0, 900, [rec(1, 0, 10, 20)], { idleFrom: 50 }));
    expect(b.nextEventAfter(20)).toBe(900);
    expect(b.idleAt(30)).toBe(true);
    expect(b.idleAt(15)).toBe(false);
  });

  it('finds what is in flight at t, zero-length hops at their instant', () => {
    const b = new TraceBuffer(layout);
    b.addChunk(
      chunk(0, 500, [rec(1, 0, 0, 100), rec(1, 1, 100, 100), rec(1, 2, 100, 180, 30), rec(2, 0, 50, 400)]),
    );
    const at = (t: number) => b.inFlight(t).map((e) => `${e.request}.${e.hop}`);
    expect(at(60)).toEqual(['1.0', '2.0']);
    expect(at(100)).toEqual(['2.0', '1.1', '1.2']);
    expect(at(180)).toEqual(['2.0']);
    expect(at(400)).toEqual([]);
    expect(b.countUpTo(100)).toBe(4);
  });

  it('keeps resource samples and averages them over a window', () => {
    const b = new TraceBuffer(layout);
    b.addChunk(
      chunk(0, 40, [], {
        samples: {
          times: Float64Array.of(0, 10, 20, 30),
          busy: Int32Array.of(0, 1, 2, 1, 4, 1, 2, 3),
          queue: Int32Array.of(0, 0, 1, 0, 3, 0, 0, 0),
        },
      }),
    );
    expect(b.sampleAt(25)).toMatchObject({ time: 20 });
    expect(Array.from(b.sampleAt(25)!.queue)).toEqual([3, 0]);
    expect(b.sampleAt(-1)).toBeNull();
    expect(Array.from(b.meanBusy(30, 20)!)).toEqual([3, 2]); // samples at 20 and 30
  });

  it('prunes what ended before a time, moving the coverage start', () => {
    const b = new TraceBuffer(layout);
    b.addChunk(chunk(0, 500, [rec(1, 0, 0, 100), rec(1, 1, 100, 300), rec(2, 0, 350, 400)]));
    b.prune(200);
    expect(b.events.map((e) => e.enter)).toEqual([100, 350]);
    expect(b.coverStart).toBe(200);
    expect(b.prevEventBefore(350)).toBe('unknown'); // 100 is held but earlier than the coverage
    expect(b.find(`1|1|100`)).toBeDefined();
    expect(b.find(`1|0|0`)).toBeUndefined();
  });

  it('keeps a running total of events across pruning, from where it started counting', () => {
    const b = new TraceBuffer(layout);
    b.addChunk(chunk(0, 500, [rec(1, 0, 0, 100), rec(1, 1, 100, 300), rec(2, 0, 350, 400)]));
    expect(b.countedSince).toBe(0);
    expect(b.totalUpTo(400)).toBe(3);
    b.prune(200);
    expect(b.countUpTo(400)).toBe(2);
    expect(b.totalUpTo(400)).toBe(3); // the pruned one still counts
    b.reset();
    expect(b.countedSince).toBeNull();
    b.addChunk(chunk(300, 500, [rec(2, 0, 350, 400)]));
    expect(b.countedSince).toBe(300);
    expect(b.totalUpTo(400)).toBe(1);
  });

  it('after a seek, history fetched for the list is held but not counted: the count starts at the seek point', () => {
    const b = new TraceBuffer(layout);
    // Seek to 500: the stream starts at 450; a hop already in flight there entered at 440.
    b.addChunk(chunk(450, 700, [rec(3, 0, 440, 460), rec(3, 1, 460, 480), rec(4, 0, 600, 650)]));
    expect(b.countedSince).toBe(450);
    expect(b.totalUpTo(500)).toBe(1); // the hop entered at 460; not the one in flight since 440
    b.addChunk(
      chunk(100, 450, [rec(1, 0, 120, 150), rec(2, 0, 300, 330)], { mode: 'history', backfill: true }),
    );
    expect(b.coverStart).toBe(100);
    expect(b.countUpTo(500)).toBe(4); // listed: everything held up to the seek point
    expect(b.countedSince).toBe(450);
    expect(b.totalUpTo(500)).toBe(1);
    b.addChunk(chunk(700, 900, [rec(5, 0, 800, 820)])); // the stream goes on: still counting from 450
    expect(b.countedSince).toBe(450);
    expect(b.totalUpTo(900)).toBe(3);
    b.prune(200); // drops the backfilled hop at 120: not a counted one
    expect(b.totalUpTo(900)).toBe(3);
    b.prune(490); // drops the hop at 460, which was counted (and the uncounted ones before it)
    expect(b.countUpTo(900)).toBe(2);
    expect(b.totalUpTo(900)).toBe(3);
  });

  it('a reset bumps the epoch, so a stale answer can be recognised', () => {
    const b = new TraceBuffer(layout);
    const e = b.epoch;
    b.reset();
    expect(b.epoch).toBe(e + 1);
  });
});
