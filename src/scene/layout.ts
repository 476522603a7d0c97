import type { HookKind, LayoutHop, TraceLayout } from '../worker/trace/protocol';
import { parseStationId } from '../model/ids';

/**
 * Where everything goes, computed from the topology alone (no three.js here, so it is unit-tested
 * and shared by the 3D scene and the 2D fallback). Units are scene units; y is up.
 *
 * Nodes are platforms on a near-square grid; each node's pods sit on it in a near-square grid of
 * their own, all nodes sized alike so the grid stays tidy from 2 nodes to 30. Under each platform is
 * the node's kernel, a slab with the hooks in use marked on its front edge; the node proxy (if any)
 * stands on a strip at the front of the platform; the NIC is at the back edge, and links join NICs.
 *
 * Node labels grow with the cluster so they stay legible from the overview camera (which backs off
 * as the cluster grows), and the gap between nodes widens so neighbouring labels never touch.
 */

export type Vec3 = [number, number, number];

export const POD = 1.8;
export const CELL = 2.3;
export const PLATFORM_Y = 0;
export const KERNEL_Y = -1.7;
export const KERNEL_THICKNESS = 0.45;
const NODE_PAD = 0.7;
const PROXY_STRIP = 1.6;
const NODE_GAP = 3.5;
/**
 * Gap between rows of nodes. The overview camera looks down at about 33°, so a node's label (over its
 * back edge, NODE_LABEL_Y high) and platform are drawn over the row behind unless the rows stand this
 * far apart (layout.test.ts checks every node's rectangle on screen against every other's).
 */
const ROW_GAP = 9;
const ROW_GAP_PER_LABEL = 4;
/** Gap between rows of a compact cluster (over COMPACT_NODES): room for a row of node labels on screen. */
const COMPACT_ROW_GAP = 6;
/** Node labels ride this high (pod labels at 1.5), over the back edge. */
export const NODE_LABEL_Y = 2.6;
/** Smallest node label height, scene units (what a 2-node scene uses). */
const NODE_LABEL_MIN = 0.55;
/**
 * Node label height per unit of cluster span: the overview camera (overview.ts) stands about 1.3–1.5
 * spans away with a 45° field of view, so this keeps a label ≥ 12 px tall on a 480 px canvas at any size.
 */
const NODE_LABEL_PER_SPAN = 0.036;
/** Clear space between neighbouring node labels, in label heights. */
export const LABEL_GAP = 0.5;
/** Above this many nodes labels are short ("node 12") and per-node kernel labels are left to the legend. */
export const COMPACT_NODES = 10;

/**
 * Width of a label sprite, scene units: the sprite is text at 48 px in a 64 px-tall canvas with 12 px
 * margins; 0.62 em per character bounds system-ui's average advance at weight 600, so real labels are narrower.
 */
export function labelWidth(text: string, height: number): number {
  return (height * (text.length * 0.62 * 48 + 24)) / 64;
}

export interface PodPlace {
  id: string;
  node: number;
  role: 'loadgen' | 'service' | 'waypoint';
  center: Vec3;
  app: Vec3 | null;
  sidecar: Vec3 | null;
  library: Vec3 | null;
  /** The waypoint's proxy (waypoint pods only). */
  proxy: Vec3 | null;
  /** The point in the node kernel under this pod. */
  kernel: Vec3;
}

export interface NodePlace {
  index: number;
  center: Vec3;
  width: number;
  depth: number;
  kernel: Vec3;
  nic: Vec3;
  proxy: Vec3 | null;
  hooks: { kind: HookKind; at: Vec3 }[];
  label: { text: string; at: Vec3; height: number };
}

export interface SceneLayout {
  nodes: NodePlace[];
  pods: PodPlace[];
  podIndex: Map<string, number>;
  /** Per hop: the points a message passes during the hop (first = where the hop starts). */
  paths: Vec3[][];
  /** Per station: where its load bars stand. */
  stationAt: Vec3[];
  links: { a: number; b: number; from: Vec3; to: Vec3; protection: 'mtls' | 'node' | 'plain' }[];
  bounds: { min: Vec3; max: Vec3; center: Vec3; span: number };
  counts: SceneCounts;
  /** Many nodes: short node labels, no per-node kernel labels. */
  compact: boolean;
}

/** What the scene draws, counted (exposed to tests and screen readers). */
export interface SceneCounts {
  nodes: number;
  pods: number;
  appContainers: number;
  sidecars: number;
  libraries: number;
  nodeProxies: number;
  waypoints: number;
  kernelLayers: number;
  hooks: number;
  ebpfHooks: number;
  netfilterHooks: number;
  links: number;
}

export function gridSize(n: number): { cols: number; rows: number } {
  const cols = Math.max(1, Math.ceil(Math.sqrt(n)));
  return { cols, rows: Math.max(1, Math.ceil(n / cols)) };
}

const add = (a: Vec3, b: Vec3): Vec3 => [a[0] + b[0], a[1] + b[1], a[2] + b[2]];

const KERNEL_OFFSET: Record<string, Vec3> = {
  netfilter: [-0.45, 0, 0.35],
  ebpf: [0.45, 0, 0.35],
  crypto: [0, 0, 0.55],
};

export function computeLayout(l: TraceLayout): SceneLayout {
  const hasProxy = l.nodeProxies.length > 0;
  const podsByNode: number[][] = l.nodes.map(() => []);
  l.pods.forEach((p, i) => podsByNode[p.node]?.push(i));
  const maxPods = Math.max(1, ...podsByNode.map((list) => list.length));
  const podGrid = gridSize(maxPods);
  const width = podGrid.cols * CELL + 2 * NODE_PAD;
  const depth = podGrid.rows * CELL + 2 * NODE_PAD + (hasProxy ? PROXY_STRIP : 0);
  const nodeGrid = gridSize(l.nodes.length);
  const compact = l.nodes.length > COMPACT_NODES;
  const labelText = (i: number) =>
    `node ${i}${!compact && l.nodeProxies.length ? ` · ${l.architecture.nodeproxy}` : ''}`;
  // Larger labels (bigger clusters) stand higher over the back edge, so the rows part further, which
  // widens the span the labels are sized from: settle both together (it converges: 0.036 × rows × 4 < 1).
  // A compact cluster keeps the usual gap: its rows are many and its nodes small, and parting them
  // would shrink every node to a speck behind its label.
  const rowGap = (lh: number) =>
    compact ? COMPACT_ROW_GAP : ROW_GAP + ROW_GAP_PER_LABEL * (lh - NODE_LABEL_MIN);
  let labelHeight = NODE_LABEL_MIN;
  for (let k = 0; k < 30; k++) {
    const roughSpan = Math.max(
      nodeGrid.cols * (width + NODE_GAP),
      nodeGrid.rows * (depth + rowGap(labelHeight)),
      4,
    );
    labelHeight = Math.max(NODE_LABEL_MIN, NODE_LABEL_PER_SPAN * roughSpan);
  }
  const pitchZ = depth + rowGap(labelHeight);
  const widest = Math.max(...l.nodes.map((n) => labelWidth(labelText(n.index), labelHeight)), 0);
  // The gap between columns widened to fit labels.
  const pitchX = Math.max(width + NODE_GAP, widest + LABEL_GAP * labelHeight);

  const nodes: NodePlace[] = l.nodes.map((n, k) => {
    const col = k % nodeGrid.cols;
    const row = Math.floor(k / nodeGrid.cols);
    const center: Vec3 = [col * pitchX, PLATFORM_Y, row * pitchZ];
    const front = center[2] + depth / 2;
    const hooks = n.hooks.map((kind, i) => ({
      kind,
      at: [center[0] - width / 2 + 0.6 + i * 0.9, KERNEL_Y, front + 0.05] as Vec3,
    }));
    return {
      index: n.index,
      center,
      width,
      depth,
      kernel: [center[0], KERNEL_Y, center[2]],
      nic: [center[0], KERNEL_Y, center[2] - depth / 2 - 0.35],
      proxy: hasProxy ? [center[0], PLATFORM_Y + 0.45, front - PROXY_STRIP / 2] : null,
      hooks,
      // Above the node's back edge and higher than the pod labels, so it never sits on a pod's own label.
      label: {
        text: labelText(n.index),
        at: [center[0], NODE_LABEL_Y, center[2] - depth / 2 + 0.2],
        height: labelHeight,
      },
    };
  });

  const pods: PodPlace[] = new Array(l.pods.length);
  const podIndex = new Map<string, number>();
  podsByNode.forEach((list, n) => {
    const node = nodes[n];
    const x0 = node.center[0] - width / 2 + NODE_PAD + CELL / 2;
    const z0 = node.center[2] - depth / 2 + NODE_PAD + CELL / 2;
    list.forEach((pi, j) => {
      const p = l.pods[pi];
      const c: Vec3 = [x0 + (j % podGrid.cols) * CELL, PLATFORM_Y, z0 + Math.floor(j / podGrid.cols) * CELL];
      const waypoint = p.role === 'waypoint';
      pods[pi] = {
        id: p.id,
        node: n,
        role: p.role,
        center: c,
        app: waypoint ? null : add(c, [p.sidecar ? -0.38 : 0, 0.4, 0]),
        sidecar: p.sidecar ? add(c, [0.5, 0.3, 0]) : null,
        library: p.library ? add(c, [-0.38, 0.95, 0]) : null,
        proxy: waypoint ? add(c, [0, 0.45, 0]) : null,
        kernel: [c[0], KERNEL_Y, c[2]],
      };
      podIndex.set(p.id, pi);
    });
  });

  const podOf = (id: string) => pods[podIndex.get(id) ?? 0];
  const appOf = (id: string): Vec3 => {
    const p = podOf(id);
    return p.app ?? p.proxy ?? p.center;
  };

  const anchor = (h: LayoutHop): Vec3 => {
    const pod = podIndex.has(h.pod) ? podOf(h.pod) : pods[0];
    switch (h.actor) {
      case 'app':
        return pod.app ?? pod.center;
      case 'library':
        return pod.library ?? pod.app ?? pod.center;
      case 'sidecar':
        return pod.sidecar ?? pod.app ?? pod.center;
      case 'nodeproxy':
        return nodes[h.node].proxy ?? nodes[h.node].kernel;
      case 'waypoint':
        return pod.proxy ?? pod.center;
      case 'wire':
        return nodes[h.wire ? h.wire[1] : h.node].nic;
      default:
        return add(pod.kernel, KERNEL_OFFSET[h.category] ?? [0, 0, 0]);
    }
  };
  const ends = l.hops.map(anchor);
  const paths = l.hops.map((h, i) => {
    const start = h.prev >= 0 ? ends[h.prev] : appOf(h.fromPod);
    if (h.actor === 'wire' && h.wire) return [start, nodes[h.wire[0]].nic, ends[i]];
    return [start, ends[i]];
  });

  const stationAt = l.stations.map((s) => {
    const prefix = parseStationId(s.id)?.kind;
    const node = nodes[s.node] ?? nodes[0];
    const pod = s.pod && podIndex.has(s.pod) ? podOf(s.pod) : null;
    switch (prefix) {
      case 'cpu':
        return [
          node.center[0] + node.width / 2 - 0.5,
          KERNEL_Y,
          node.center[2] + node.depth / 2 - 0.5,
        ] as Vec3;
      case 'nodeproxy':
        return add(node.proxy ?? node.kernel, [1.1, 0, 0]);
      case 'sidecar':
        return add(pod?.sidecar ?? node.center, [0.3, 0.2, -0.55]);
      case 'library':
        return add(pod?.library ?? node.center, [-0.35, 0, -0.55]);
      case 'waypoint':
        return add(pod?.proxy ?? node.center, [0.6, 0, -0.55]);
      default:
        return add(pod?.app ?? node.center, [-0.35, 0.2, -0.55]);
    }
  });

  const links = l.links.map((k) => ({ ...k, from: nodes[k.a].nic, to: nodes[k.b].nic }));

  const min: Vec3 = [Infinity, KERNEL_Y - KERNEL_THICKNESS, Infinity];
  const max: Vec3 = [-Infinity, NODE_LABEL_Y + labelHeight / 2, -Infinity];
  for (const n of nodes) {
    const half = Math.max(n.width, labelWidth(n.label.text, n.label.height)) / 2;
    min[0] = Math.min(min[0], n.center[0] - half);
    max[0] = Math.max(max[0], n.center[0] + half);
    min[2] = Math.min(min[2], n.center[2] - n.depth / 2 - 0.5);
    max[2] = Math.max(max[2], n.center[2] + n.depth / 2);
  }
  const center: Vec3 = [(min[0] + max[0]) / 2, 0, (min[2] + max[2]) / 2];
  const span = Math.max(max[0] - min[0], max[2] - min[2], 4);

  const hooks = nodes.flatMap((n) => n.hooks);
  return {
    nodes,
    pods,
    podIndex,
    paths,
    stationAt,
    links,
    bounds: { min, max, center, span },
    compact,
    counts: {
      nodes: nodes.length,
      pods: l.pods.length,
      appContainers: pods.filter((p) => p.app).length,
      sidecars: pods.filter((p) => p.sidecar).length,
      libraries: pods.filter((p) => p.library).length,
      nodeProxies: nodes.filter((n) => n.proxy).length,
      waypoints: pods.filter((p) => p.role === 'waypoint').length,
      kernelLayers: nodes.length,
      hooks: hooks.length,
      ebpfHooks: hooks.filter((h) => h.kind.startsWith('ebpf')).length,
      netfilterHooks: hooks.filter((h) => h.kind === 'netfilter').length,
      links: links.length,
    },
  };
}

/** Distance between two points (Math.hypot is several times slower in V8, and this runs per packet per frame). */
function dist(a: Vec3, b: Vec3): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const dz = b[2] - a[2];
  return Math.sqrt(dx * dx + dy * dy + dz * dz);
}

/** Length of a polyline. */
function pathLength(p: Vec3[]): number {
  let d = 0;
  for (let i = 1; i < p.length; i++) d += dist(p[i - 1], p[i]);
  return d;
}

/** The point a fraction f (0..1) along a polyline, by length; written into `out`. */
export function pointAlong(p: Vec3[], f: number, out: Vec3 = [0, 0, 0]): Vec3 {
  const g = f <= 0 ? 0 : f >= 1 ? 1 : f;
  if (p.length === 1 || g === 0) {
    out[0] = p[0][0];
    out[1] = p[0][1];
    out[2] = p[0][2];
    return out;
  }
  if (p.length === 2) {
    out[0] = p[0][0] + (p[1][0] - p[0][0]) * g;
    out[1] = p[0][1] + (p[1][1] - p[0][1]) * g;
    out[2] = p[0][2] + (p[1][2] - p[0][2]) * g;
    return out;
  }
  const total = pathLength(p);
  if (total === 0) {
    out[0] = p[0][0];
    out[1] = p[0][1];
    out[2] = p[0][2];
    return out;
  }
  let want = g * total;
  for (let i = 1; i < p.length; i++) {
    const a = p[i - 1];
    const b = p[i];
    const seg = dist(a, b);
    if (want <= seg || i === p.length - 1) {
      const k = seg === 0 ? 1 : Math.min(1, want / seg);
      out[0] = a[0] + (b[0] - a[0]) * k;
      out[1] = a[1] + (b[1] - a[1]) * k;
      out[2] = a[2] + (b[2] - a[2]) * k;
      return out;
    }
    want -= seg;
  }
  return out;
}
