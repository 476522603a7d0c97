import { formatDuration } from '../model/humanTime';
import type { LayoutHop, Protection, TraceLayout } from '../worker/trace/protocol';
import type { SceneLayout } from './layout';
import { HOOK_LABEL, PROTECTION_LABEL } from './palette';
import type { Leg } from './palette';
import type { RouteView } from './route';

/**
 * The topology as rows, for the table view: read from the scene's own layout (`computeLayout`, what
 * the 3D and 2D views draw), so the table can list nothing the picture does not show. Pure, and
 * unit-tested per design.
 */

export interface PodRow {
  id: string;
  /** "load generator", "service server", "waypoint". */
  role: string;
  /** What runs in the pod, in the order drawn: app, sidecar, library, waypoint proxy. */
  components: string[];
}

export interface NodeRow {
  index: number;
  name: string;
  cores: number;
  /** The node proxy on this node (ztunnel, per-node Envoy), or null. */
  nodeProxy: string | null;
  /** Kernel hooks some hop on this node runs in; empty: TCP/IP only. */
  hooks: string[];
  pods: PodRow[];
}

export function nodeRows(l: TraceLayout, scene: SceneLayout): NodeRow[] {
  const a = l.architecture;
  const rows: NodeRow[] = scene.nodes.map((n) => ({
    index: n.index,
    name: `node ${n.index}`,
    cores: l.nodes[n.index]?.cores ?? 0,
    nodeProxy: n.proxy ? (l.nodeProxies.find((p) => p.node === n.index)?.name ?? a.nodeproxy) : null,
    hooks: n.hooks.map((h) => HOOK_LABEL[h.kind]),
    pods: [],
  }));
  for (const p of scene.pods) {
    const pod = l.pods.find((x) => x.id === p.id);
    const components: string[] = [];
    if (p.app) components.push(p.role === 'loadgen' ? 'load generator (client app)' : 'app container');
    // "kind: name", not "kind (name)": names such as "Envoy (waypoint)" carry brackets of their own.
    if (p.sidecar) components.push(`sidecar proxy: ${a.sidecar ?? 'proxy'}`);
    if (p.library) components.push(`library in the app: ${a.library ?? 'library'}`);
    if (p.proxy) components.push(`waypoint proxy: ${a.waypoint ?? 'Envoy'}`);
    const role =
      p.role === 'loadgen'
        ? 'load generator'
        : p.role === 'waypoint'
          ? 'waypoint'
          : `service ${pod?.service ?? ''}`.trim();
    rows[p.node]?.pods.push({ id: p.id, role, components });
  }
  return rows;
}

/** Links between nodes, counted by what protects them. */
export function linkSummary(l: TraceLayout): { protection: Protection; label: string; count: number }[] {
  const counts = new Map<Protection, number>();
  for (const k of l.links) counts.set(k.protection, (counts.get(k.protection) ?? 0) + 1);
  return [...counts].map(([protection, count]) => ({
    protection,
    label: PROTECTION_LABEL[protection],
    count,
  }));
}

export interface HopRow {
  step: number;
  hop: number;
  leg: Leg;
  /** The hop kind's name and what it does here: "Envoy L7 (HTTP filters): HTTP parse, route…". */
  name: string;
  where: string;
  component: string;
  pod: string;
  /** Mean on-path cost at the scenario's profile, as the overlay shows it. */
  cost: string;
  standing: LayoutHop['standing'];
  sources: string[];
  current: boolean;
}

/** Who does the work of a hop, named for this design. */
export function componentOf(h: LayoutHop, a: TraceLayout['architecture']): string {
  switch (h.actor) {
    case 'app':
      return 'app';
    case 'library':
      return `library in the app: ${a.library ?? 'library'}`;
    case 'sidecar':
      return `sidecar: ${a.sidecar ?? 'proxy'}`;
    case 'nodeproxy':
      return `node proxy: ${a.nodeproxy ?? 'proxy'}`;
    case 'waypoint':
      return `waypoint: ${a.waypoint ?? 'proxy'}`;
    case 'wire':
      return 'NIC and wire';
    default:
      // netfilter, eBPF and crypto are the hooks the designs differ by; the rest is the TCP/IP stack.
      return h.category === 'kernel' ? 'kernel' : `kernel (${h.category === 'ebpf' ? 'eBPF' : h.category})`;
  }
}

/** The followed request's route, hop by hop, in the order crossed (the overlay's route). */
export function routeRows(route: RouteView, l: TraceLayout): HopRow[] {
  return route.order.flatMap((i, k) => {
    const h = l.hops[i];
    if (!h) return [];
    const leg: Leg = h.leg === 'response' ? 'response' : h.leg === 'handler' ? 'handler' : 'request';
    return [
      {
        step: k + 1,
        hop: i,
        leg,
        name: `${h.name}: ${h.label}`,
        where: h.wire ? `node ${h.wire[0]} → node ${h.wire[1]}` : `node ${h.node}`,
        component: componentOf(h, l.architecture),
        pod: h.pod,
        cost: formatDuration(h.onPathUs),
        standing: h.standing,
        sources: h.sources,
        current: route.current?.position === k + 1,
      },
    ];
  });
}
