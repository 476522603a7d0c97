import * as THREE from 'three';
import { describe, expect, it } from 'vitest';
import failures from '../../models/presets/failures-and-retries.json';
import nodes30 from '../../models/presets/nodes-30.json';
import oneRequest from '../../models/presets/one-request-slowly.json';
import pods400 from '../../models/presets/pods-400.json';
import { TraceSession } from '../worker/trace/session';
import type { TraceLayout } from '../worker/trace/protocol';
import {
  CELL,
  computeLayout,
  gridSize,
  KERNEL_THICKNESS,
  KERNEL_Y,
  LABEL_GAP,
  labelWidth,
  pointAlong,
  type SceneLayout,
  type Vec3,
} from './layout';
import { overviewPose } from './overview';

const layoutOf = (scenario: unknown, arch: string) => new TraceSession(scenario, arch, 'trace').layout;

/** A synthetic topology of n nodes with `pods` pods each, to check the layout at scale without running it. */
function synthetic(n: number, pods: number, nodeProxy = false): TraceLayout {
  return {
    architecture: { nodeproxy: nodeProxy ? 'ztunnel' : null },
    nodes: Array.from({ length: n }, (_, i) => ({ index: i, id: `n${i}`, cores: 4, hooks: ['netfilter'] })),
    pods: Array.from({ length: n * pods }, (_, i) => ({
      id: `p${i}`,
      service: 's',
      node: i % n,
      role: 'service',
      sidecar: !nodeProxy,
      library: false,
    })),
    nodeProxies: nodeProxy ? Array.from({ length: n }, (_, i) => ({ node: i, name: 'ztunnel' })) : [],
    stations: [],
    hops: [],
    links: [],
  } as unknown as TraceLayout;
}

/** The overview camera as CameraRig places it (overviewPose, 45° field of view). */
function overviewCamera(s: SceneLayout, aspect: number): THREE.PerspectiveCamera {
  const pose = overviewPose(s.bounds, aspect);
  const cam = new THREE.PerspectiveCamera(45, aspect, 0.1, s.bounds.span * 20 + 100);
  cam.position.set(...pose.position);
  cam.lookAt(...pose.target);
  cam.updateMatrixWorld();
  cam.updateProjectionMatrix();
  return cam;
}

/** Canvas height the readability checks assume, px (the Simulate page's scene is at least 20 rem tall). */
const CANVAS_PX = 480;
/** Smallest legible node label on that canvas, px. */
const MIN_LABEL_PX = 12;

/** A node label's rectangle on screen, px (a sprite faces the camera, so it is its projected centre ± its size at that depth). */
function labelRect(cam: THREE.PerspectiveCamera, n: SceneLayout['nodes'][number]) {
  const at = new THREE.Vector3(...n.label.at);
  const depth = at.clone().applyMatrix4(cam.matrixWorldInverse).z * -1;
  const pxPerUnit = CANVAS_PX / (2 * Math.tan((cam.fov / 2) * (Math.PI / 180)) * depth);
  const p = at.clone().project(cam);
  const cx = ((p.x + 1) / 2) * CANVAS_PX * cam.aspect;
  const cy = ((1 - p.y) / 2) * CANVAS_PX;
  const w = labelWidth(n.label.text, n.label.height) * pxPerUnit;
  const h = n.label.height * pxPerUnit;
  return { x0: cx - w / 2, x1: cx + w / 2, y0: cy - h / 2, y1: cy + h / 2, h };
}

/** A node's rectangle on screen, px: its platform, kernel slab and label (what a viewer reads as that node). */
function nodeRect(cam: THREE.PerspectiveCamera, n: SceneLayout['nodes'][number]) {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const dx of [-0.5, 0.5])
    for (const dz of [-0.5, 0.5])
      for (const y of [0, KERNEL_Y - KERNEL_THICKNESS]) {
        const p = new THREE.Vector3(n.center[0] + dx * n.width, y, n.center[2] + dz * n.depth).project(cam);
        xs.push(((p.x + 1) / 2) * CANVAS_PX * cam.aspect);
        ys.push(((1 - p.y) / 2) * CANVAS_PX);
      }
  const l = labelRect(cam, n);
  return {
    x0: Math.min(...xs, l.x0),
    x1: Math.max(...xs, l.x1),
    y0: Math.min(...ys, l.y0),
    y1: Math.max(...ys, l.y1),
  };
}

function overlap(a: { center: Vec3; width: number; depth: number }, b: typeof a): boolean {
  return (
    Math.abs(a.center[0] - b.center[0]) < (a.width + b.width) / 2 &&
    Math.abs(a.center[2] - b.center[2]) < (a.depth + b.depth) / 2
  );
}

describe('scene layout', () => {
  it('grids are near-square', () => {
    expect(gridSize(1)).toEqual({ cols: 1, rows: 1 });
    expect(gridSize(2)).toEqual({ cols: 2, rows: 1 });
    expect(gridSize(30)).toEqual({ cols: 6, rows: 5 });
  });

  it('counts what each architecture draws: sidecars, node proxies, waypoints, hooks', () => {
    const c = (arch: string) => computeLayout(layoutOf(oneRequest, arch)).counts;
    expect(c('no-mesh')).toMatchObject({
      nodes: 2,
      pods: 2,
      appContainers: 2,
      sidecars: 0,
      nodeProxies: 0,
      waypoints: 0,
      kernelLayers: 2,
      links: 1,
    });
    expect(c('sidecar-envoy')).toMatchObject({
      sidecars: 2,
      nodeProxies: 0,
      netfilterHooks: 2,
      ebpfHooks: 0,
    });
    expect(c('ambient')).toMatchObject({ sidecars: 0, nodeProxies: 2, waypoints: 0 });
    expect(c('ambient-waypoint')).toMatchObject({ sidecars: 0, nodeProxies: 2, waypoints: 1, pods: 3 });
    expect(c('cilium-ebpf').ebpfHooks).toBeGreaterThan(0);
    expect(c('library')).toMatchObject({ libraries: 2, sidecars: 0 });
  });

  it('places pods on their node, kernels beneath them, and no two nodes overlap (3 and 30 nodes)', () => {
    for (const [n, pods] of [
      [3, 2],
      [30, 14],
    ]) {
      const s = computeLayout(synthetic(n, pods));
      expect(s.nodes).toHaveLength(n);
      for (let i = 0; i < n; i++)
        for (let j = i + 1; j < n; j++) expect(overlap(s.nodes[i], s.nodes[j])).toBe(false);
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

  describe.each([
    [3, 2],
    [10, 3],
    [30, 3],
  ])('readable at %i nodes (%i pods each)', (n, pods) => {
    const layouts = [computeLayout(synthetic(n, pods)), computeLayout(synthetic(n, pods, true))];

    it('no two platforms overlap, and the grid is near-square', () => {
      for (const s of layouts) {
        for (let i = 0; i < n; i++)
          for (let j = i + 1; j < n; j++) expect(overlap(s.nodes[i], s.nodes[j])).toBe(false);
        const w = s.bounds.max[0] - s.bounds.min[0];
        const d = s.bounds.max[2] - s.bounds.min[2];
        expect(Math.max(w / d, d / w)).toBeLessThan(2.5);
      }
    });

    it.each([1, 1.5, 2.2])(
      'every platform, kernel and node label is inside the overview camera’s view (aspect %f)',
      (aspect) => {
        for (const s of layouts) {
          const cam = overviewCamera(s, aspect);
          const frustum = new THREE.Frustum().setFromProjectionMatrix(
            new THREE.Matrix4().multiplyMatrices(cam.projectionMatrix, cam.matrixWorldInverse),
          );
          for (const node of s.nodes) {
            const corners: Vec3[] = [];
            for (const dx of [-0.5, 0.5])
              for (const dz of [-0.5, 0.5]) {
                corners.push([node.center[0] + dx * node.width, 0, node.center[2] + dz * node.depth]);
                corners.push([
                  node.center[0] + dx * node.width,
                  KERNEL_Y - KERNEL_THICKNESS,
                  node.center[2] + dz * node.depth,
                ]);
              }
            const lw = labelWidth(node.label.text, node.label.height);
            for (const dx of [-0.5, 0.5])
              corners.push([
                node.label.at[0] + dx * lw,
                node.label.at[1] + node.label.height / 2,
                node.label.at[2],
              ]);
            for (const c of corners)
              expect(
                frustum.containsPoint(new THREE.Vector3(...c)),
                `node ${node.index} corner ${c.join(',')}`,
              ).toBe(true);
          }
        }
      },
    );

    it(`node labels are at least ${MIN_LABEL_PX} px tall on a ${CANVAS_PX} px canvas, and never within 4 px of each other`, () => {
      for (const s of layouts) {
        const cam = overviewCamera(s, 1.5);
        const rects = s.nodes.map((node) => labelRect(cam, node));
        for (const r of rects) expect(r.h).toBeGreaterThanOrEqual(MIN_LABEL_PX);
        for (let i = 0; i < rects.length; i++) {
          for (let j = i + 1; j < rects.length; j++) {
            const a = rects[i];
            const b = rects[j];
            const apart = a.x1 + 4 <= b.x0 || b.x1 + 4 <= a.x0 || a.y1 + 4 <= b.y0 || b.y1 + 4 <= a.y0;
            expect(apart, `labels of nodes ${i} and ${j}`).toBe(true);
          }
        }
        // In the scene itself: labels in a row keep LABEL_GAP label heights of clear space between them.
        for (let i = 0; i + 1 < n; i++) {
          const a = s.nodes[i].label;
          const b = s.nodes[i + 1].label;
          if (a.at[2] !== b.at[2]) continue;
          const gap =
            Math.abs(b.at[0] - a.at[0]) - (labelWidth(a.text, a.height) + labelWidth(b.text, b.height)) / 2;
          expect(gap).toBeGreaterThanOrEqual(LABEL_GAP * a.height - 1e-9);
        }
      }
    });
  });

  // The failures preset puts two pods on node 0 and one on each other node, so the cluster is one row
  // of two nodes and node 2 alone in front: the synthetic layouts above never check one node against
  // the node behind it on screen, only labels against labels (and the rows stood too close for that).
  it.each([
    ['failures-and-retries, 3 nodes', () => computeLayout(layoutOf(failures, 'sidecar-envoy'))],
    ['failures-and-retries with node proxies', () => computeLayout(layoutOf(failures, 'ambient'))],
    ['3 nodes', () => computeLayout(synthetic(3, 2))],
    ['10 nodes', () => computeLayout(synthetic(10, 3, true))],
    // Above COMPACT_NODES the rows keep the usual gap (parted, 30 nodes shrink to specks); labels are checked above.
  ])('from the overview camera no node (platform, kernel, label) covers another on screen: %s', (_, make) => {
    const s = make();
    for (const aspect of [1, 1.5, 2.2]) {
      const cam = overviewCamera(s, aspect);
      const rects = s.nodes.map((n) => nodeRect(cam, n));
      for (let i = 0; i < rects.length; i++) {
        for (let j = i + 1; j < rects.length; j++) {
          const a = rects[i];
          const b = rects[j];
          const apart = a.x1 <= b.x0 || b.x1 <= a.x0 || a.y1 <= b.y0 || b.y1 <= a.y0;
          expect(apart, `nodes ${i} and ${j} at aspect ${aspect}: ${JSON.stringify([a, b])}`).toBe(true);
        }
      }
    }
  });

  it('the 30-node preset: short labels, no per-node kernel labels, every pod on a platform', () => {
    const s = computeLayout(
      new TraceSession({ ...nodes30, run: { warmupRequests: 0, measuredRequests: 50 } }, 'ambient', 'trace')
        .layout,
    );
    expect(s.counts).toMatchObject({ nodes: 30, pods: 91, nodeProxies: 30 });
    expect(s.compact).toBe(true);
    expect(s.nodes[12].label.text).toBe('node 12');
    expect(computeLayout(layoutOf(oneRequest, 'ambient')).nodes[1].label.text).toBe('node 1 · ztunnel');
    for (const p of s.pods) {
      const node = s.nodes[p.node];
      expect(Math.abs(p.center[0] - node.center[0])).toBeLessThan(node.width / 2);
      expect(Math.abs(p.center[2] - node.center[2])).toBeLessThan(node.depth / 2);
    }
  });

  it('lays out a real 20-node, 400-pod scenario', () => {
    const s = computeLayout(
      new TraceSession(
        { ...pods400, run: { warmupRequests: 0, measuredRequests: 50 } },
        'sidecar-envoy',
        'load',
      ).layout,
    );
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
    const p: Vec3[] = [
      [0, 0, 0],
      [3, 0, 0],
      [3, 4, 0],
    ];
    expect(pointAlong(p, 0)).toEqual([0, 0, 0]);
    expect(pointAlong(p, 3 / 7)).toEqual([3, 0, 0]);
    expect(pointAlong(p, 5 / 7)[1]).toBeCloseTo(2, 12);
    expect(pointAlong(p, 2)).toEqual([3, 4, 0]);
    expect(
      pointAlong(
        [
          [1, 1, 1],
          [1, 1, 1],
        ],
        0.5,
      ),
    ).toEqual([1, 1, 1]);
  });
});
