import { describe, expect, it } from 'vitest';
import { cumulative, soFarAt } from '../model/requestProgress';
import { traceFixture } from '../test/traceFixture';
import { computeLayout } from './layout';
import { followedRecord, hopCaption, pickRequest, routeAt, routeOf } from './route';

describe('the route drawn for one request', () => {
  const { layout, buffer } = traceFixture('sidecar-envoy');
  const scene = computeLayout(layout);
  const first = buffer.events[0];
  const records = buffer.requestEvents(first.request);

  it('crosses every hop of the request, request and response legs apart', () => {
    expect(records.length).toBeGreaterThan(4);
    const r = routeOf(first.request, records, layout.hops, scene, first.enter);
    expect(r.hops).toBe(records.length);
    const wantPoints = records.reduce((s, e) => s + scene.paths[e.hop].length, 0);
    expect(r.points).toBe(wantPoints);
    // Every hop's path is one or two segments, by its leg.
    for (const leg of ['request', 'response', 'handler'] as const) {
      const want = records
        .filter((e) => layout.hops[e.hop].leg === leg)
        .reduce((s, e) => s + scene.paths[e.hop].length - 1, 0);
      expect(r.segments[leg].length).toBe(want);
    }
    expect(r.segments.request.length).toBeGreaterThan(0);
    expect(r.segments.response.length).toBeGreaterThan(0);
  });

  it('names the hop being crossed with its mean cost, and meters latency and CPU so far', () => {
    const mid = records[Math.floor(records.length / 2)];
    const t = (mid.enter + mid.leave) / 2;
    const r = routeOf(first.request, records, layout.hops, scene, t);
    const h = layout.hops[r.current!.hop];
    expect(r.current!.text).toBe(hopCaption(h));
    expect(r.current!.text).toMatch(/ — [\d.]+\u00a0(µs|ms)$/);
    expect(r.current!.text.startsWith(h.label)).toBe(true);
    // The hop crossed at t is one of the request's records spanning t.
    expect(records.some((e) => e.hop === r.current!.hop && e.enter <= t && t < e.leave)).toBe(true);
    // Latency so far: from the request's first hop to t; CPU: of the hops finished by t.
    expect(r.soFar!.latencyUs).toBeCloseTo(t - records[0].enter, 9);
    const doneCpu = records.filter((e) => e.leave <= t).reduce((s, e) => s + e.cpu, 0);
    expect(r.soFar!.cpuUs).toBeCloseTo(doneCpu, 9);
    expect(r.soFar!.cpuUs).toBeGreaterThan(0);
  });

  it('counts as the inspector does: at the end of a hop, the meter equals cumulative() after it', () => {
    const e = records[records.length - 2];
    const at = soFarAt(records, e.leave)!;
    const c = cumulative(records, e)!;
    // Hops finished by e.leave include e; the inspector's figure after e counts the same records
    // unless another record ended at the same instant after starting later.
    expect(at.cpuUs).toBeGreaterThanOrEqual(c.cpuUs);
    expect(at.latencyUs).toBe(c.latencyUs);
  });

  it('draws the selected request, else keeps the one drawn until it ends, else the first in flight', () => {
    const other = buffer.events.find((e) => e.request !== first.request)!;
    expect(pickRequest({ kind: 'event', event: other }, [first], null, first.enter)).toBe(other.request);
    const held = { request: other.request, start: 0, end: 1e12 };
    expect(pickRequest(null, [first], held, 10)).toBe(other.request);
    expect(pickRequest(null, [first], { ...held, end: 5 }, 10)).toBe(first.request);
    expect(pickRequest(null, [], null, 10)).toBeNull();
    const at = routeAt(buffer, scene, null, first.enter, null);
    expect(at.route?.request).toBe(first.request);
    expect(at.held).toEqual({
      request: first.request,
      start: first.enter,
      end: Math.max(...records.map((r) => r.leave)),
    });
  });

  it('draws nothing when no request is in flight', () => {
    const after = Math.max(...buffer.events.map((e) => e.leave)) + 1;
    expect(routeAt(buffer, scene, null, after, null).route).toBeNull();
  });

  it('inspects the followed packet where it is: the hop crossed at t, else the one shown before, else the first', () => {
    // Hop by hop through the request: at each record's midpoint, the record crossed is the latest started.
    for (const e of records) {
      const t = (e.enter + e.leave) / 2;
      const want = records
        .filter((r) => r.outcome !== 'timed out' && r.outcome !== 'retried')
        .filter((r) => r.enter <= t && t < r.leave)
        .reduce((a, b) => (b.enter >= a.enter ? b : a));
      expect(followedRecord(records, t, null)).toBe(want);
    }
    // Before the request starts: its first record; between hops a record shown before of this request stays.
    expect(followedRecord(records, records[0].enter - 1, null)).toBe(records[0]);
    expect(followedRecord(records, records[0].enter - 1, records[2])).toBe(records[2]);
    // A record of another request is not kept.
    const other = buffer.events.find((e) => e.request !== first.request)!;
    expect(followedRecord(records, records[0].enter - 1, other)).toBe(records[0]);
    expect(followedRecord([], 0, other)).toBeNull();
  });

  it('does not follow a packet to a caller’s record of a try', () => {
    const r0 = records[0];
    // Only the caller's span covers t: the packet is at none of the request's hops, so its first is shown.
    const span = {
      ...r0,
      key: 'span',
      outcome: 'timed out' as const,
      enter: r0.enter - 100,
      leave: r0.leave + 1e6,
    };
    const got = followedRecord([span, ...records.slice(1)], r0.enter - 50, null);
    expect(got).toBe(records[1]);
  });
});
