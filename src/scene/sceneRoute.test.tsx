// @vitest-environment jsdom
import { act, cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { screenMs } from '../model/ids';
import { traceFixture } from '../test/traceFixture';
import { renderCounts } from './renderCount';
import { SceneView } from './SceneView';

// The route (and its meter) changes up to ten times a second while playing. It is a small store read
// by the parts that draw or say it: the view around them — SceneView, the 2D picture with its nodes
// and label placement — must not render again with it, nor with the clock. Counted, not timed.

afterEach(cleanup);

const settle = () => act(() => new Promise((r) => setTimeout(r, 5)));
const count = (part: string) => renderCounts[part] ?? 0;

describe('SceneView and the route', () => {
  it('renders the route’s overlay again as the route changes, and neither the view nor the picture', async () => {
    const { layout, buffer, actor } = traceFixture('sidecar-envoy');
    const raf = vi.spyOn(window, 'requestAnimationFrame').mockImplementation(() => 1);
    render(
      <SceneView
        layout={layout}
        buffer={buffer}
        actor={actor}
        selection={null}
        onSelect={() => {}}
        force2d
      />,
    );
    await settle();
    // The first step puts a route on screen (the picture keeps its labels clear of the route's box).
    act(() => actor.send({ type: 'STEP' }));
    await settle();
    expect(window.__meshpathScene!.path.request).not.toBeNull();
    const before = { view: count('sceneView'), picture: count('scene2d'), overlay: count('pathOverlay') };
    expect(before.view).toBeGreaterThan(0);
    expect(before.picture).toBeGreaterThan(0);
    const seen = new Set<string>();
    for (let i = 0; i < 12; i++) {
      act(() => actor.send({ type: 'STEP' }));
      await settle();
      const p = window.__meshpathScene!.path;
      seen.add(`${p.request}|${p.hop}|${p.latencyUs}`);
    }
    // The route changed at most steps, and its overlay followed it …
    expect(seen.size).toBeGreaterThan(5);
    expect(count('pathOverlay') - before.overlay).toBeGreaterThan(5);
    // … while the view and the picture stayed as they were.
    expect(count('sceneView')).toBe(before.view);
    expect(count('scene2d')).toBe(before.picture);

    // Playing: a hundred clock ticks re-render neither.
    act(() => actor.send({ type: 'PLAY' }));
    await settle();
    const playing = { view: count('sceneView'), picture: count('scene2d') };
    for (let i = 0; i < 100; i++) act(() => actor.send({ type: 'TICK', dtMs: screenMs(16) }));
    await settle();
    expect(actor.getSnapshot().context.t).toBeGreaterThan(0);
    expect(count('sceneView')).toBe(playing.view);
    expect(count('scene2d')).toBe(playing.picture);
    raf.mockRestore();
  });
});

describe('SceneView rendered again with the same props', () => {
  it('leaves the picture as it is', async () => {
    const { layout, buffer, actor } = traceFixture('sidecar-envoy');
    const raf = vi.spyOn(window, 'requestAnimationFrame').mockImplementation(() => 1);
    const onSelect = () => {};
    const props = { layout, buffer, actor, selection: null, onSelect, force2d: true };
    const { rerender } = render(<SceneView {...props} />);
    await settle();
    const before = { view: count('sceneView'), picture: count('scene2d') };
    for (let i = 0; i < 5; i++) rerender(<SceneView {...props} />);
    await settle();
    expect(count('sceneView')).toBe(before.view + 5);
    expect(count('scene2d')).toBe(before.picture);
    raf.mockRestore();
  });
});
