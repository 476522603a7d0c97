import { describe, expect, it } from 'vitest';
import type { TraceLayout, TraceRecord } from '../../worker/trace/protocol';
import { TraceBuffer } from './buffer';

// The scene's route asks for one request's records ten times a second while playing; with ~64,000
// records held, a scan of the whole buffer per question was the page's largest JavaScript cost in the
// trace view at real time. These tests count records read, not time.

const layout = { stations: [], run: { endUs: 1e9 } } as unknown as TraceLayout;
const none = { times: new Float64Array(0), busy: new Int32Array(0), queue: new Int32Array(0) };
const rec = (request: number, hop: number, enter: number, leave: number): TraceRecord => ({
  request,
  hop,
  enter,
  queueWait: 0,
  service: leave - enter,
  cpu: 0,
  leave,
  outcome: 'forwarded',
});

/** 5,000 requests of 10 hops each, interleaved in time; `order` shuffles how they arrive. */
function fill(b: TraceBuffer, from = 0, requests = 5000) {
  const records: TraceRecord[] = [];
  for (let r = from; r < from + requests; r++)
    for (let h = 0; h < 10; h++) records.push(rec(r, h, r * 10 + h * 3, r * 10 + h * 3 + 2));
  // Arrive in reverse, as history does (newest first): the index must still be in time order.
  records.reverse();
  b.addChunk({
    mode: 'stream',
    from: from * 10,
    to: (from + requests) * 10 + 40,
    idleFrom: null,
    records,
    samples: none,
    done: false,
  });
}

/** Counts reads of the buffer's held records (index access on `events`). */
function countReads(b: TraceBuffer): { reads: number } {
  const counter = { reads: 0 };
  b.events = new Proxy(b.events, {
    get(target, p, recv) {
      if (typeof p === 'string' && /^\d+$/.test(p)) counter.reads++;
      return Reflect.get(target, p, recv);
    },
  });
  return counter;
}

const byFilter = (b: TraceBuffer, request: number) => b.events.filter((e) => e.request === request);

describe('trace buffer: one request’s records', () => {
  it('answers without reading the whole buffer (it read all 50,000 records per question)', () => {
    const b = new TraceBuffer(layout);
    fill(b);
    const expected = byFilter(b, 2500);
    const counter = countReads(b);
    const got = b.requestEvents(2500);
    expect(got.map((e) => e.key)).toEqual(expected.map((e) => e.key));
    expect(got).toHaveLength(10);
    // At most the request's own records; a scan reads 50,000.
    expect(counter.reads).toBeLessThanOrEqual(10);
  });

  it('stays equal to a scan, in time order, through chunks, pruning and a reset', () => {
    const b = new TraceBuffer(layout);
    fill(b, 0, 300);
    fill(b, 290, 300); // overlaps: duplicates are dropped
    for (const r of [0, 5, 299, 300, 589]) expect(b.requestEvents(r)).toEqual(byFilter(b, r));
    b.prune(3000);
    for (const r of [0, 299, 300, 589]) expect(b.requestEvents(r)).toEqual(byFilter(b, r));
    expect(b.requestEvents(10)).toEqual([]);
    b.reset();
    expect(b.requestEvents(300)).toEqual([]);
    fill(b, 1000, 10);
    expect(b.requestEvents(1005)).toEqual(byFilter(b, 1005));
    expect(b.requestEvents(1005)).toHaveLength(10);
  });

  it('keeps a request’s records in time order when a later chunk brings an earlier hop', () => {
    const b = new TraceBuffer(layout);
    const chunk = (records: TraceRecord[], from: number, to: number, mode: 'stream' | 'history') =>
      b.addChunk({ mode, from, to, idleFrom: null, records, samples: none, done: false });
    chunk([rec(7, 2, 50, 60), rec(7, 3, 60, 70)], 40, 100, 'stream');
    chunk([rec(7, 0, 10, 20), rec(7, 1, 20, 50)], 0, 40, 'history');
    expect(b.requestEvents(7).map((e) => e.hop)).toEqual([0, 1, 2, 3]);
    expect(b.requestEvents(7)).toEqual(byFilter(b, 7));
  });
});
