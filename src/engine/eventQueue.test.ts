import { describe, expect, it } from 'vitest';
import { EventQueue } from './eventQueue';
import { createStream } from './rng';

interface Ev {
  time: number;
  priority: number;
  kind: number;
  arg: number;
  seq: number;
}

const byOrder = (a: Ev, b: Ev) => a.time - b.time || a.priority - b.priority || a.seq - b.seq;

describe('EventQueue', () => {
  it('pops in (time, priority, insertion) order, interleaved with pushes, through growth', () => {
    // Few distinct times and priorities, so ties are common; seeded, so the case is fixed.
    const s = createStream(42, 'event-queue-test');
    const q = new EventQueue(2);
    const pending: Ev[] = [];
    let seq = 0;
    let now = 0;
    const popped: Ev[] = [];
    const want: Ev[] = [];
    for (let step = 0; step < 20_000; step++) {
      if (pending.length === 0 || s.next01() < 0.55) {
        const e: Ev = {
          time: now + Math.floor(s.next01() * 6) * 0.5,
          priority: Math.floor(s.next01() * 4),
          kind: Math.floor(s.next01() * 7),
          arg: Math.floor(s.next01() * 2 ** 31) - 2 ** 30,
          seq: seq++,
        };
        pending.push(e);
        q.push(e.time, e.priority, e.kind, e.arg);
      } else {
        pending.sort(byOrder);
        want.push(pending.shift()!);
        const top = { time: 0, kind: 0, arg: 0 };
        expect(q.popInto(top)).toBe(true);
        popped.push({ ...top, priority: -1, seq: -1 });
        now = top.time;
      }
      expect(q.size).toBe(pending.length);
    }
    expect(want.length).toBeGreaterThan(5000);
    expect(popped.map((e) => [e.time, e.kind, e.arg])).toEqual(want.map((e) => [e.time, e.kind, e.arg]));
  });

  it('reports Infinity and pops nothing when empty', () => {
    const q = new EventQueue(1);
    expect(q.peekTime()).toBe(Infinity);
    expect(q.popInto({ time: 0, kind: 0, arg: 0 })).toBe(false);
    q.push(3, 1, 6, 9);
    q.push(3, 0, 5, 7);
    expect(q.peekTime()).toBe(3);
    const out = { time: 0, kind: 0, arg: 0 };
    expect(q.popInto(out)).toBe(true);
    expect(out).toEqual({ time: 3, kind: 5, arg: 7 });
    expect(q.popInto(out)).toBe(true);
    expect(out).toEqual({ time: 3, kind: 6, arg: 9 });
    expect(q.popInto(out)).toBe(false);
  });
});
