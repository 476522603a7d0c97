// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import oneRequest from '../../models/presets/one-request-slowly.json';
import { traceFixture } from '../test/traceFixture';
import { computeLayout } from './layout';
import { describeScene } from './describeScene';
import { SceneView } from './SceneView';
import { project2d } from './Scene2D';

afterEach(cleanup);

describe('SceneView without WebGL (jsdom has none)', () => {
  it('falls back to the 2D view, says why, and draws the same topology', () => {
    const { layout, buffer, actor } = traceFixture('ambient');
    render(<SceneView layout={layout} buffer={buffer} actor={actor} selection={null} onSelect={() => {}} />);
    expect(screen.getByTestId('no-webgl')).toHaveTextContent('could not start WebGL');
    const scene = screen.getByTestId('scene');
    expect(scene).toHaveAttribute('data-mode', '2d');
    expect(scene).toHaveAttribute('data-node-proxies', '2');
    expect(scene).toHaveAttribute('data-sidecars', '0');
    expect(window.__meshpathScene).toMatchObject({
      mode: '2d',
      arch: 'ambient',
      counts: { nodes: 2, nodeProxies: 2 },
    });
    expect(screen.getByRole('img', { name: /^2D view of Istio ambient/ })).toBeInTheDocument();
    expect(screen.getByTestId('legend')).toHaveTextContent('node proxy (ztunnel / per-node Envoy)');
    // The 2D view's legend names the shapes it draws, not the 3D boxes.
    const legend = screen.getByTestId('legend').textContent ?? '';
    expect(legend).toContain('request leg (upright rectangle)');
    expect(legend).toContain('server handler (square)');
    expect(legend).not.toMatch(/\(tall\)|\(cube\)|\(flat\)|lifted/);
  });

  it('draws packets on playback changes without React state, and picks pods and nodes', () => {
    const { layout, buffer, actor } = traceFixture('sidecar-envoy');
    const onSelect = vi.fn();
    const raf = vi.spyOn(window, 'requestAnimationFrame').mockImplementation((cb) => {
      cb(0);
      return 1;
    });
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
    expect(screen.getByTestId('no-webgl')).toHaveTextContent('gl=0');
    const svg = screen.getByTestId('scene-2d');
    const visible = () => svg.querySelectorAll('rect[data-index][visibility="visible"]').length;
    expect(visible()).toBe(0);
    act(() => actor.send({ type: 'STEP' }));
    expect(visible()).toBe(1);
    expect(window.__meshpathScene!.packets).toBe(1);
    fireEvent.click(svg.querySelector('rect[data-index="0"]')!);
    expect(onSelect).toHaveBeenLastCalledWith({ kind: 'event', event: buffer.events[0] });
    fireEvent.click(svg.querySelector('rect[data-pod="server-0"]')!);
    expect(onSelect).toHaveBeenLastCalledWith({ kind: 'pod', id: 'server-0' });
    raf.mockRestore();
  });

  it('projects kernel points into the node’s kernel band, below its pods', () => {
    const { layout } = traceFixture('sidecar-envoy', 1);
    const s = computeLayout(layout);
    const pod = s.pods[0];
    const [, yPod] = project2d(s, pod.app!);
    const [, yKernel] = project2d(s, pod.kernel);
    const n = s.nodes[pod.node];
    expect(yKernel).toBeGreaterThan(n.center[2] + n.depth / 2);
    expect(yPod).toBeLessThan(n.center[2] + n.depth / 2);
  });

  it('describes the picture in words', () => {
    const { layout } = traceFixture('ambient-waypoint', 1);
    const text = describeScene(layout, computeLayout(layout).counts, '3d');
    expect(text).toMatch(
      /^3D view of Istio ambient \+ waypoint \(L7\): 2 nodes, 3 pods, no sidecars, 2 node proxies \(ztunnel\), 1 waypoint/,
    );
  });

  it('draws every load-generator client on the clients’ node and counts them in the legend', () => {
    const withClients = {
      ...oneRequest,
      workload: { ...oneRequest.workload, clients: 3, load: { ...oneRequest.workload.load, connections: 3 } },
    };
    const { layout, buffer, actor } = traceFixture('sidecar-envoy', 2, withClients);
    const clients = layout.pods.filter((p) => p.role === 'loadgen');
    expect(clients.map((p) => [p.id, p.node, p.sidecar])).toEqual([
      ['loadgen', 0, true],
      ['loadgen-1', 0, true],
      ['loadgen-2', 0, true],
    ]);
    render(<SceneView layout={layout} buffer={buffer} actor={actor} selection={null} onSelect={() => {}} />);
    expect(screen.getByTestId('legend')).toHaveTextContent('load generator pods (3 clients)');
    cleanup();
    const one = traceFixture('sidecar-envoy', 2);
    render(
      <SceneView
        layout={one.layout}
        buffer={one.buffer}
        actor={one.actor}
        selection={null}
        onSelect={() => {}}
      />,
    );
    expect(screen.getByTestId('legend')).toHaveTextContent('load generator pod');
    expect(screen.getByTestId('legend')).not.toHaveTextContent('clients)');
  });
});
