import { describe, expect, it } from 'vitest';
import { cumulative, soFarAt } from '../model/requestProgress';
import { traceFixture } from '../test/traceFixture';
import { computeLayout } from './layout';
import { hopCaption, pickRequest, routeAt, routeOf } from './route';

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
});
