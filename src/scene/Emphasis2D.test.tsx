// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { traceFixture } from '../test/traceFixture';
import { SceneView } from './SceneView';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

/** The 2D view (jsdom has no WebGL) emphasises what a lesson's highlight names and dims the rest. */
describe('highlight in the 2D view', () => {
  const view = (highlight: Parameters<typeof SceneView>[0]['highlight']) => {
    const { layout, buffer, actor } = traceFixture('sidecar-envoy');
    return render(
      <SceneView
        layout={layout}
        buffer={buffer}
        actor={actor}
        selection={null}
        onSelect={() => {}}
        force2d
        highlight={highlight}
      />,
    );
  };

  it('no highlight: nothing marked, nothing dimmed', () => {
    view(null);
    expect(screen.queryByTestId('emphasis-2d')).toBeNull();
    expect(screen.getByTestId('scene-2d').querySelector('.sim-2d-dimmed')).toBeNull();
    expect(screen.getByTestId('scene')).not.toHaveAttribute('data-highlight');
    expect(window.__meshpathScene!.highlight).toMatchObject({ marks: 0, hops: 0, packet: null });
  });

  it('sidecars: an outline on each sidecar drawn, over its box; the topology dimmed', () => {
    view({ components: ['sidecar'] });
    const svg = screen.getByTestId('scene-2d');
    const marks = [...screen.getByTestId('emphasis-2d').querySelectorAll('rect[data-mark]')];
    const sidecars = [...svg.querySelectorAll('.sim-2d-dimmed rect[data-pod]')].filter(
      (r) => r.getAttribute('width') === '0.5',
    );
    expect(sidecars.length).toBe(2);
    expect(marks.map((m) => m.getAttribute('data-mark'))).toEqual(
      sidecars.map((r) => `sidecar:${r.getAttribute('data-pod')}`),
    );
    // Each outline surrounds its sidecar's square.
    marks.forEach((m, i) => {
      const x = Number(sidecars[i].getAttribute('x'));
      expect(Number(m.getAttribute('x'))).toBeCloseTo(x - 0.12, 9);
      expect(Number(m.getAttribute('width'))).toBeCloseTo(0.74, 9);
    });
    expect(screen.getByTestId('scene')).toHaveAttribute('data-highlight', 'on');
    expect(window.__meshpathScene!.highlight).toMatchObject({ marks: 2, hops: 0, links: 0 });
  });

  it('hops: one bright path per matching hop, no component marks', () => {
    view({ hops: [{ hopKind: 'proxy.l7' }] });
    const paths = screen.getByTestId('emphasis-2d').querySelectorAll('polyline[data-hop]');
    expect(paths.length).toBeGreaterThan(0);
    expect(paths.length).toBe(window.__meshpathScene!.highlight.hops);
    expect(screen.getByTestId('emphasis-2d').querySelectorAll('rect').length).toBe(0);
  });

  it('the packet: a ring on the named request while it is in flight, none before it is sent', () => {
    vi.spyOn(window, 'requestAnimationFrame').mockImplementation((cb) => {
      cb(0);
      return 1;
    });
    const { layout, buffer, actor } = traceFixture('sidecar-envoy');
    render(
      <SceneView
        layout={layout}
        buffer={buffer}
        actor={actor}
        selection={null}
        onSelect={() => {}}
        force2d
        highlight={{ packet: 1 }}
      />,
    );
    const ring = screen.getByTestId('emphasis-packet');
    expect(ring).toHaveAttribute('visibility', 'hidden');
    expect(window.__meshpathScene!.highlight).toMatchObject({ packet: 0, packetShown: false });
    act(() => actor.send({ type: 'STEP' }));
    expect(ring).toHaveAttribute('visibility', 'visible');
    expect(window.__meshpathScene!.highlight.packetShown).toBe(true);
    // On the drawn packet of request 0 (the first traced request).
    const packet = screen.getByTestId('scene-2d').querySelector('rect[data-index][visibility="visible"]')!;
    const cx = Number(packet.getAttribute('x')) + Number(packet.getAttribute('width')) / 2;
    expect(Number(ring.getAttribute('cx'))).toBeCloseTo(cx, 1);
  });
});
