// @vitest-environment jsdom
import { act, cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { traceFixture } from '../test/traceFixture';
import { renderCounts } from './renderCount';
import { SceneView } from './SceneView';

// While playing, the drawn route (and its meter) changes up to ten times a second and SceneView
// re-renders with it; the parts that do not draw the route must not re-render each time. Counted,
// not timed.

afterEach(cleanup);

const settle = () => act(() => new Promise((r) => setTimeout(r, 5)));

describe('SceneView re-renders only what draws the route', () => {
  it('keeps the keyboard picker and the legend as they are while the route changes', async () => {
    const { layout, buffer, actor } = traceFixture('sidecar-envoy');
    const raf = vi.spyOn(window, 'requestAnimationFrame').mockImplementation(() => 1);
    const onSelect = () => {};
    render(
      <SceneView
        layout={layout}
        buffer={buffer}
        actor={actor}
        selection={null}
        onSelect={onSelect}
        force2d
      />,
    );
    await settle();
    const before = { picker: renderCounts.picker ?? 0, legend: renderCounts.legend ?? 0 };
    expect(before.picker).toBeGreaterThan(0);
    expect(before.legend).toBeGreaterThan(0);
    // Step through the first request's hops: the route's current hop and meter change at each.
    const seen = new Set<string>();
    for (let i = 0; i < 12; i++) {
      act(() => actor.send({ type: 'STEP' }));
      await settle();
      const p = window.__meshpathScene!.path;
      seen.add(`${p.request}|${p.hop}|${p.latencyUs}`);
    }
    // The route did change (so SceneView rendered again) …
    expect(seen.size).toBeGreaterThan(5);
    // … and neither part rendered again with it.
    expect(renderCounts.picker).toBe(before.picker);
    expect(renderCounts.legend).toBe(before.legend);
    raf.mockRestore();
  });
});
