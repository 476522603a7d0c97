// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { formatDuration } from '../model/humanTime';
import { traceFixture } from '../test/traceFixture';
import { computeLayout } from './layout';
import { LEG_COLOR } from './palette';
import { SceneView } from './SceneView';

afterEach(cleanup);

describe('the path on the picture (2D view)', () => {
  it('draws the first request’s route in leg colours, names the hop crossed and meters the request', async () => {
    const { layout, buffer, actor } = traceFixture('sidecar-envoy');
    render(<SceneView layout={layout} buffer={buffer} actor={actor} selection={null} onSelect={() => {}} />);
    // Nothing in flight at t = 0 before the first step: no route.
    expect(screen.queryByTestId('route-2d')).toBeNull();
    expect(screen.queryByTestId('path-overlay')).toBeNull();
    await act(async () => {
      actor.send({ type: 'STEP' });
      await new Promise((r) => setTimeout(r, 5));
    });
    const first = buffer.events[0];
    const records = buffer.requestEvents(first.request);
    const g = screen.getByTestId('route-2d');
    expect(g.getAttribute('data-request')).toBe(String(first.request));
    const req = g.querySelectorAll('line[data-leg="request"]');
    const resp = g.querySelectorAll('line[data-leg="response"]');
    expect(req.length).toBeGreaterThan(0);
    expect(resp.length).toBeGreaterThan(0);
    expect(req[0].getAttribute('stroke')).toBe(LEG_COLOR.request);
    expect(resp[0].getAttribute('stroke')).toBe(LEG_COLOR.response);
    const probe = window.__meshpathScene!.path;
    expect(probe.request).toBe(first.request);
    expect(probe.segments.request + probe.segments.response + probe.segments.handler).toBe(
      g.querySelectorAll('line').length,
    );
    // Two points a hop, three for a wire hop (NIC to NIC): every hop of the request.
    const paths = computeLayout(layout).paths;
    expect(probe.points).toBe(records.reduce((s, e) => s + paths[e.hop].length, 0));
    expect(records.some((e) => paths[e.hop].length === 3)).toBe(true);
    // The hop crossed now: the first hop, its label and mean cost.
    const h = layout.hops[first.hop];
    const t = actor.getSnapshot().context.t;
    const crossing = records.filter((e) => e.enter <= t && t < e.leave);
    expect(crossing.length).toBeGreaterThan(0);
    const now = layout.hops[crossing[crossing.length - 1].hop];
    expect(screen.getByTestId('path-hop').textContent).toBe(`${now.label} — ${formatDuration(now.onPathUs)}`);
    expect(probe.hop).toBe(`${now.label} — ${formatDuration(now.onPathUs)}`);
    expect(h.label.length).toBeGreaterThan(0);
    expect(screen.getByTestId('path-meter').textContent).toContain(
      `Request #${first.request} so far: latency ${formatDuration(t - first.enter)} · CPU`,
    );
  });
});
