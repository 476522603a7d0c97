// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { traceFixture } from '../test/traceFixture';
import { SceneView } from './SceneView';

afterEach(cleanup);

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
});
