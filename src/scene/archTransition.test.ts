import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { traceFixture } from '../test/traceFixture';
import { changingItems, growth, sceneChange, TRANSITION_MS } from './archTransition';
import { computeLayout } from './layout';

const scene = (arch: string) => computeLayout(traceFixture(arch, 1).layout);

describe('architecture switch, item by item', () => {
  it('sidecar → ambient: node proxies appear, every sidecar and netfilter hook mark fades out beside its pod', () => {
    const before = scene('sidecar-envoy');
    const after = scene('ambient');
    const c = sceneChange(before, after);
    expect([...c.appearing].sort()).toEqual(['nodeproxy:0', 'nodeproxy:1']);
    const gone = c.vanishing.filter((i) => i.kind === 'sidecar');
    expect(gone.map((i) => i.key).sort()).toEqual(
      before.pods
        .filter((p) => p.sidecar)
        .map((p) => `sidecar:${p.id}`)
        .sort(),
    );
    // Each fades out where it stood beside its pod, wherever the pod now is.
    for (const g of gone) {
      const was = before.pods[before.podIndex.get(g.pod!)!];
      const now = after.pods[after.podIndex.get(g.pod!)!];
      for (let k = 0; k < 3; k++)
        expect(g.pos[k] - now.kernel[k]).toBeCloseTo(was.sidecar![k] - was.kernel[k], 9);
    }
  });

  it('gone items fade out on their own node even when the nodes move (six nodes, node proxies come and go)', () => {
    const six = JSON.parse(readFileSync('models/presets/one-request-slowly.json', 'utf8'));
    six.topology = {
      ...six.topology,
      nodes: 6,
      services: [{ ...six.topology.services[0], replicas: 6 }],
      placement: 'spread',
    };
    const big = (arch: string) => computeLayout(traceFixture(arch, 1, six).layout);
    for (const [from, to] of [
      ['ambient', 'sidecar-envoy'],
      ['sidecar-envoy', 'ambient'],
      ['sidecar-envoy', 'cilium-ebpf'],
    ]) {
      const before = big(from);
      const after = big(to);
      // The switch really moves nodes: otherwise this test would not tell old places from carried ones.
      if (from === 'ambient')
        expect(
          after.nodes.some(
            (n, i) => n.center[0] !== before.nodes[i].center[0] || n.center[2] !== before.nodes[i].center[2],
          ),
        ).toBe(true);
      const gone = sceneChange(before, after).vanishing;
      expect(gone.length).toBeGreaterThan(0);
      for (const g of gone) {
        const n = after.nodes[g.node];
        expect(Math.abs(g.pos[0] - n.center[0])).toBeLessThanOrEqual(n.width / 2);
        expect(Math.abs(g.pos[2] - n.center[2])).toBeLessThanOrEqual(n.depth / 2 + 0.5);
      }
    }
  });

  it('ambient → ambient with waypoint: the waypoint appears, nothing goes', () => {
    const c = sceneChange(scene('ambient'), scene('ambient-waypoint'));
    expect([...c.appearing].filter((k) => k.startsWith('waypoint:'))).toHaveLength(1);
    expect(c.vanishing.filter((i) => i.kind !== 'hook')).toEqual([]);
  });

  it('sidecar → Cilium: eBPF hook marks appear, netfilter marks disappear', () => {
    const c = sceneChange(scene('sidecar-envoy'), scene('cilium-ebpf'));
    expect([...c.appearing].some((k) => /^hook:\d+:ebpf/.test(k))).toBe(true);
    expect(c.vanishing.some((i) => i.kind === 'hook' && i.hook === 'netfilter')).toBe(true);
  });

  it('the same architecture changes nothing; every changing item has a unique key', () => {
    const s = scene('ambient-waypoint');
    const c = sceneChange(s, s);
    expect(c.appearing.size).toBe(0);
    expect(c.vanishing).toEqual([]);
    const keys = changingItems(s).map((i) => i.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('grows from 0 to 1 over TRANSITION_MS, eased and monotone; at once with reduced motion', () => {
    expect(TRANSITION_MS).toBe(600);
    expect(growth(0, false)).toBe(0);
    expect(growth(TRANSITION_MS, false)).toBe(1);
    expect(growth(TRANSITION_MS / 2, false)).toBeGreaterThan(0.5); // ease-out: past half-way at half time
    let last = -1;
    for (let ms = 0; ms <= TRANSITION_MS; ms += 50) {
      const g = growth(ms, false);
      expect(g).toBeGreaterThanOrEqual(last);
      last = g;
    }
    expect(growth(0, true)).toBe(1);
  });
});
