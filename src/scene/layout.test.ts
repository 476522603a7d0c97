import { describe, expect, it } from 'vitest';
import oneRequest from '../../models/presets/one-request-slowly.json';
import pods400 from '../../models/presets/pods-400.json';
import { TraceSession } from '../worker/trace/session';
import type { TraceLayout } from '../worker/trace/protocol';
import { CELL, computeLayout, gridSize, KERNEL_Y, pointAlong, type Vec3 } from './layout';

const layoutOf = (scenario: unknown, arch: string) => new TraceSession(scenario, arch, 'trace').layout;

/** A synthetic topology of n nodes with `pods` pods each, to check the layout at scale without running it. */
function synthetic(n: number, pods: number): TraceLayout {
  return {
    nodes: Array.from({ length: n }, (_, i) => ({ index: i, id: `n${i}`, cores: 4, hooks: ['netfilter'] })),
    pods: Array.from({ length: n * pods }, (_, i) => ({ id: `p${i}`, service: 's', node: i % n, role: 'service', sidecar: true, library: false })),
    nodeProxies: [], stations: [], hops: [], links: [],
  } as unknown as TraceLayout;
}

function overlap(a: { center: Vec3; width: number; depth: number }, b: typeof a): boolean {
  return Math.abs(a.center[0] - b.center[0]) < (a.width + b.width) / 2 && Math.abs(a.center[2] - b.center[2]) < (a.depth + b.depth) / 2;
}

describe('scene layout', () => {
  it('grids are near-square', () => {
    expect(gridSize(1)).toEqual({ cols: 1, rows: 1 });
    expect(gridSize(2)).toEqual({ cols: 2, rows: 1 });
    expect(gridSize(30)).toEqual({ cols: 6, rows: 5 });
  });

  it('counts what each architecture draws: sidecars, node proxies, waypoints, hooks', () => {
    const c = (arch: string) => computeLayout(layoutOf(oneRequest, arch)).counts;
    expect(c('no-mesh')).toMatchObject({ nodes: 2, pods: 2, appContainers: 2, sidecars: 0, nodeProxies: 0, waypoints: 0, kernelLayers: 2, links: 1 });
    expect(c('sidecar-envoy')).toMatchObject({ sidecars: 2, nodeProxies: 0, netfilterHooks: 2, ebpfHooks: 0 });
    expect(c('ambient')).toMatchObject({ sidecars: 0, nodeProxies: 2, waypoints: 0 });
    expect(c('ambient-waypoint')).toMatchObject({ sidecars: 0, nodeProxies: 2, waypoints: 1, pods: 3 });
    expect(c('cilium-ebpf').ebpfHooks).toBeGreaterThan(0);
    expect(c('library')).toMatchObject({ libraries: 2, sidecars: 0 });
  });

  it('places pods on their node, kernels beneath them, and no two nodes overlap (3 and 30 nodes)', () => {
    for (const [n, pods] of [[3, 2], [30, 14]]) {
      const s = computeLayout(synthetic(n, pods));
      expect(s.nodes).toHaveLength(n);
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) expect(overlap(s.nodes[i], s.nodes[j])).toBe(false);
      for (const p of s.pods) {
        const node = s.nodes[p.node];
        expect(Math.abs(p.center[0] - node.center[0])).toBeLessThanOrEqual(node.width / 2 - CELL / 2 + 1e-9);
        expect(Math.abs(p.center[2] - node.center[2])).toBeLessThanOrEqual(node.depth / 2 - CELL / 2 + 1e-9);
        expect(p.kernel[1]).toBe(KERNEL_Y);
      }
      // pods on one node do not overlap
      const seen = new Set(s.pods.map((p) => p.center.join(',')));
      expect(seen.size).toBe(s.pods.length);
      // readable: the whole cluster is no wider than it is deep by more than about 2:1
      const w = s.bounds.max[0] - s.bounds.min[0];
      const d = s.bounds.max[2] - s.bounds.min[2];
      expect(w / d).toBeLessThan(2.5);
      expect(d / w).toBeLessThan(2.5);
    }
  });

  it('lays out a real 20-node, 400-pod scenario', () => {
    const s = computeLayout(new TraceSession({ ...pods400, run: { warmupRequests: 0, measuredRequests: 50 } }, 'sidecar-envoy', 'load').layout);
    expect(s.counts).toMatchObject({ nodes: 20, pods: 401, sidecars: 401 });
    expect(s.paths.every((p) => p.every((v) => v.every(Number.isFinite)))).toBe(true);
  });

  it('each hop path starts where the previous hop ended; wires run NIC to NIC', () => {
    const l = layoutOf(oneRequest, 'sidecar-envoy');
    const s = computeLayout(l);
    l.hops.forEach((h, i) => {
      if (h.prev >= 0) expect(s.paths[i][0]).toEqual(s.paths[h.prev].at(-1));
    });
    const wire = l.hops.findIndex((h) => h.actor === 'wire' && h.leg === 'request');
    expect(s.paths[wire].slice(1)).toEqual([s.nodes[0].nic, s.nodes[1].nic]);
    const first = l.hops.findIndex((h) => h.prev === -1 && h.leg === 'request');
    expect(s.paths[first][0]).toEqual(s.pods[s.podIndex.get('loadgen')!].app);
    const sidecarHop = l.hops.findIndex((h) => h.actor === 'sidecar' && h.pod === 'server-0');
    expect(s.paths[sidecarHop].at(-1)).toEqual(s.pods[s.podIndex.get('server-0')!].sidecar);
  });

  it('places a load bar for every station', () => {
    const l = layoutOf(oneRequest, 'ambient');
    const s = computeLayout(l);
    expect(s.stationAt).toHaveLength(l.stations.length);
    expect(s.stationAt.every((v) => v.every(Number.isFinite))).toBe(true);
  });

  it('pointAlong interpolates by length along a polyline', () => {
    const p: Vec3[] = [[0, 0, 0], [3, 0, 0], [3, 4, 0]];
    expect(pointAlong(p, 0)).toEqual([0, 0, 0]);
    expect(pointAlong(p, 3 / 7)).toEqual([3, 0, 0]);
    expect(pointAlong(p, 5 / 7)[1]).toBeCloseTo(2, 12);
    expect(pointAlong(p, 2)).toEqual([3, 4, 0]);
    expect(pointAlong([[1, 1, 1], [1, 1, 1]], 0.5)).toEqual([1, 1, 1]);
  });
});
