import { describe, expect, it } from 'vitest';
import { formatDuration } from '../model/humanTime';
import { traceFixture } from '../test/traceFixture';
import { computeLayout } from './layout';
import {
  narrate,
  narrationOf,
  NARRATION_START,
  NARRATION_WINDOW_MS,
  type Narration,
  type NarrationState,
} from './narration';
import { routeOf } from './route';

describe('the sentence said about the followed request', () => {
  const { layout, buffer } = traceFixture('sidecar-envoy');
  const scene = computeLayout(layout);
  const first = buffer.events[0];
  const records = buffer.requestEvents(first.request);

  it('names the request, leg, hop, node, mean cost with its standing, place on the route and latency so far', () => {
    // The client sidecar's Envoy: the fifth hop of "one request, slowly" on the sidecar design.
    const envoy = records.find(
      (r) => layout.hops[r.hop].label === 'HTTP parse, route, load-balance, filters',
    )!;
    const t = (envoy.enter + envoy.leave) / 2;
    const route = routeOf(first.request, records, layout.hops, scene, t);
    const n = narrationOf(route, layout.hops)!;
    expect(route.current!.position).toBe(5);
    expect(route.hops).toBe(42);
    expect(n.key).toBe(`${first.request}:${envoy.hop}`);
    expect(n.text).toBe(
      `Request ${first.request}, request leg: Envoy L7 (HTTP filters) on node 0 — HTTP parse, route, ` +
        `load-balance, filters, 40\u00a0µs (derived); 5 of 42 hops, ${formatDuration(t - records[0].enter)} so far.`,
    );
  });

  it('says where a wire hop goes, and that a hop is an estimate when it is one', () => {
    const wire = records.find((r) => layout.hops[r.hop].wire)!;
    const route = routeOf(first.request, records, layout.hops, scene, wire.enter);
    const text = narrationOf(route, layout.hops)!.text;
    expect(text).toContain('NIC and wire (node to node) on node 0 to node 1 — NIC, link and switch, ');
    expect(text).toContain('(estimate)');
  });

  it('between hops says so, once done says the reply is back, and with no request followed says nothing', () => {
    // Before its first hop: nothing crossed at t, nothing spent yet.
    const before = routeOf(first.request, records, layout.hops, scene, records[0].enter - 1);
    expect(before.current).toBeNull();
    expect(before.done).toBe(false);
    expect(narrationOf(before, layout.hops)).toEqual({
      key: `${first.request}:-`,
      text: `Request ${first.request}: between hops.`,
    });
    // After the last record of the request: its reply is back (it said "between hops" here).
    const end = Math.max(...records.map((r) => r.leave));
    const route = routeOf(first.request, records, layout.hops, scene, end);
    expect(route.current).toBeNull();
    expect(route.done).toBe(true);
    expect(narrationOf(route, layout.hops)).toEqual({
      key: `${first.request}:done`,
      text: `Request ${first.request}: done, the reply is back at its caller; ${formatDuration(end - records[0].enter)} in all.`,
    });
    // Mid-way it is not done.
    const mid = records[Math.floor(records.length / 2)];
    expect(routeOf(first.request, records, layout.hops, scene, mid.enter).done).toBe(false);
    expect(narrationOf(null, layout.hops)).toBeNull();
  });
});

/** Drives the throttle on a fake clock: hop changes at given times, wake-ups when asked. */
function run(
  hops: { at: number; key: string; immediate?: boolean }[],
  until: number,
  windowMs = NARRATION_WINDOW_MS,
): { at: number; text: string }[] {
  const said: { at: number; text: string }[] = [];
  let s: NarrationState = NARRATION_START;
  let wakeAt: number | null = null;
  const apply = (r: ReturnType<typeof narrate>, now: number) => {
    s = r.state;
    if (r.say !== null) said.push({ at: now, text: r.say });
    wakeAt = r.wakeAt;
  };
  for (const h of [...hops, { at: until, key: '' }]) {
    while (wakeAt !== null && wakeAt <= h.at) {
      const now: number = wakeAt;
      apply(narrate(s, { type: 'wake', now }, windowMs), now);
    }
    if (h.at >= until) break;
    const n: Narration = { key: h.key, text: `said ${h.key}` };
    apply(
      narrate(s, { type: 'hop', narration: n, now: h.at, immediate: h.immediate ?? false }, windowMs),
      h.at,
    );
  }
  return said;
}

describe('the narration throttle (fake clock)', () => {
  it('playing: a new hop every 300 ms for 5 s gives exactly three sentences, 2 s apart, each the newest hop', () => {
    const hops = Array.from({ length: 17 }, (_, i) => ({ at: i * 300, key: `h${i}` }));
    expect(run(hops, 5000)).toEqual([
      { at: 0, text: 'said h0' },
      // h1..h6 arrived inside the first window; the newest (h6, at 1800 ms) is said when it ends.
      { at: 2000, text: 'said h6' },
      { at: 4000, text: 'said h13' },
    ]);
  });

  it('never says two sentences less than the window apart while playing, however fast hops change', () => {
    const hops = Array.from({ length: 500 }, (_, i) => ({ at: i * 20, key: `h${i}` }));
    const said = run(hops, 10_000);
    expect(said.map((s) => s.at)).toEqual([0, 2000, 4000, 6000, 8000, 10_000]);
    for (let i = 1; i < said.length; i++) expect(said[i].at - said[i - 1].at).toBeGreaterThanOrEqual(2000);
  });

  it('a hop already said is not said again', () => {
    expect(
      run(
        [
          { at: 0, key: 'a' },
          { at: 2500, key: 'a' },
          { at: 9000, key: 'a', immediate: true },
        ],
        10_000,
      ),
    ).toEqual([{ at: 0, text: 'said a' }]);
  });

  it('paused or stepped: a new hop is said at once, inside the window too', () => {
    expect(
      run(
        [
          { at: 0, key: 'a' },
          { at: 100, key: 'b', immediate: true },
          { at: 150, key: 'c', immediate: true },
        ],
        1000,
      ),
    ).toEqual([
      { at: 0, text: 'said a' },
      { at: 100, text: 'said b' },
      { at: 150, text: 'said c' },
    ]);
  });

  it('a step while a sentence is held says the stepped-to hop and drops the held one', () => {
    expect(
      run(
        [
          { at: 0, key: 'a' },
          { at: 500, key: 'b' },
          { at: 800, key: 'c', immediate: true },
        ],
        5000,
      ),
    ).toEqual([
      { at: 0, text: 'said a' },
      { at: 800, text: 'said c' },
    ]);
  });

  it('back on the hop last said before the window ends: nothing held, nothing said', () => {
    expect(
      run(
        [
          { at: 0, key: 'a' },
          { at: 500, key: 'b' },
          { at: 700, key: 'a' },
        ],
        5000,
      ),
    ).toEqual([{ at: 0, text: 'said a' }]);
  });

  it('an early wake-up says nothing and asks again for the end of the window', () => {
    const first = narrate(NARRATION_START, {
      type: 'hop',
      narration: { key: 'a', text: 'A' },
      now: 0,
      immediate: false,
    });
    const held = narrate(first.state, {
      type: 'hop',
      narration: { key: 'b', text: 'B' },
      now: 100,
      immediate: false,
    });
    expect(held).toMatchObject({ say: null, wakeAt: 2000 });
    expect(narrate(held.state, { type: 'wake', now: 1500 })).toMatchObject({ say: null, wakeAt: 2000 });
    expect(narrate(held.state, { type: 'wake', now: 2000 })).toMatchObject({ say: 'B', wakeAt: null });
    expect(narrate(first.state, { type: 'wake', now: 5000 })).toEqual({
      state: first.state,
      say: null,
      wakeAt: null,
    });
  });
});
