import { describe, expect, it } from 'vitest';
import oneRequest from '../../models/presets/one-request-slowly.json';
import { TraceSession } from '../worker/trace/session';
import { boxEdges, emphasisOf, MAX_HOPS } from './emphasis';
import { computeLayout } from './layout';
import pods400 from '../../models/presets/pods-400.json';

/** What a lesson's highlight emphasises on the picture, found on real compiled layouts. */

const open = (scenario: unknown, arch: string) => {
  const layout = new TraceSession(scenario, arch, 'trace').layout;
  return { layout, scene: computeLayout(layout) };
};

describe('highlight emphasis', () => {
  it('nothing highlighted: nothing emphasised', () => {
    const { layout, scene } = open(oneRequest, 'sidecar-envoy');
    expect(emphasisOf(null, layout, scene)).toBeNull();
  });

  it('components: every sidecar of a sidecar mesh, at the boxes the views draw; none on ambient', () => {
    const { layout, scene } = open(oneRequest, 'sidecar-envoy');
    const e = emphasisOf({ components: ['sidecar'] }, layout, scene)!;
    const withSidecar = scene.pods.filter((p) => p.sidecar);
    expect(withSidecar.length).toBe(2);
    expect(e.marks.map((m) => m.key)).toEqual(withSidecar.map((p) => `sidecar:${p.id}`));
    expect(e.marks[0].pos).toEqual(withSidecar[0].sidecar);
    expect(e.marks[0].size).toEqual([0.5, 0.5, 0.5]);
    expect(e.marks[0].rect).toEqual({
      x: withSidecar[0].sidecar![0] - 0.25,
      y: withSidecar[0].sidecar![2] - 0.25,
      w: 0.5,
      h: 0.5,
    });
    expect(e).toMatchObject({ hops: [], links: [], packet: null });
    const amb = open(oneRequest, 'ambient');
    const a = emphasisOf({ components: ['sidecar', 'nodeproxy'] }, amb.layout, amb.scene)!;
    // Ambient has no sidecars; its node proxies (ztunnel) are one per node.
    expect(a.marks.map((m) => m.component)).toEqual(amb.scene.nodes.map(() => 'nodeproxy'));
    expect(a.marks.length).toBe(2);
  });

  it('kernel and wire: one slab per node, every link between nodes', () => {
    const { layout, scene } = open(oneRequest, 'no-mesh');
    const e = emphasisOf({ components: ['app', 'kernel', 'wire'] }, layout, scene)!;
    expect(e.marks.filter((m) => m.component === 'kernel').length).toBe(scene.nodes.length);
    expect(e.marks.filter((m) => m.component === 'app').length).toBe(scene.pods.filter((p) => p.app).length);
    expect(e.links).toEqual(scene.links.map((_, i) => i));
    expect(e.links.length).toBeGreaterThan(0);
  });

  it('hops: exactly the hops matching a selector, which the route really crosses', () => {
    const { layout, scene } = open(oneRequest, 'sidecar-envoy');
    const e = emphasisOf({ hops: [{ hopKind: 'proxy.l7', side: 'server' }] }, layout, scene)!;
    const want = layout.hops.flatMap((h, i) => (h.kind === 'proxy.l7' && h.side === 'server' ? [i] : []));
    expect(want.length).toBeGreaterThan(0);
    expect(e.hops).toEqual(want);
    expect(e.hopsMatched).toBe(want.length);
    expect(e.marks).toEqual([]);
    // A hop no architecture here has: nothing, and no error.
    expect(emphasisOf({ hops: [{ hopKind: 'ebpf.sock' }] }, layout, scene)!.hops).toEqual([]);
  });

  it('many matching hops are capped, the count kept', () => {
    const { layout, scene } = open(pods400, 'sidecar-envoy');
    const e = emphasisOf({ hops: [{ actor: 'sidecar' }] }, layout, scene)!;
    expect(e.hopsMatched).toBeGreaterThan(MAX_HOPS);
    expect(e.hops.length).toBe(MAX_HOPS);
  });

  it('the packet: the n-th traced request’s sequence number', () => {
    const { layout, scene } = open(oneRequest, 'sidecar-envoy');
    expect(emphasisOf({ packet: 1 }, layout, scene)!.packet).toBe(0);
    expect(emphasisOf({ packet: 3 }, layout, scene)!.packet).toBe(2 * Math.max(1, layout.run.sampleEvery));
  });

  it('box edges: 12 edges around the box, grown by the margin', () => {
    const out: number[] = [];
    boxEdges([1, 2, 3], [2, 4, 6], 0.5, out);
    expect(out.length).toBe(12 * 2 * 3);
    const xs = out.filter((_, i) => i % 3 === 0);
    const ys = out.filter((_, i) => i % 3 === 1);
    expect([Math.min(...xs), Math.max(...xs)]).toEqual([-0.5, 2.5]);
    expect([Math.min(...ys), Math.max(...ys)]).toEqual([-0.5, 4.5]);
  });
});
