import type { TraceLayout } from '../../worker/trace/protocol';

/** What an architecture puts in the cluster, counted from its layout. */
export interface Components {
  sidecars: number;
  nodeProxies: number;
  waypoints: number;
  libraries: number;
  ebpfHooks: number;
  netfilterHooks: number;
  encryptedLinks: number;
}

export function componentsOf(l: TraceLayout): Components {
  const hooks = l.nodes.flatMap((n) => n.hooks);
  return {
    sidecars: l.pods.filter((p) => p.sidecar).length,
    nodeProxies: l.nodeProxies.length,
    waypoints: l.pods.filter((p) => p.role === 'waypoint').length,
    libraries: l.pods.filter((p) => p.library).length,
    ebpfHooks: hooks.filter((h) => h.startsWith('ebpf')).length,
    netfilterHooks: hooks.filter((h) => h === 'netfilter').length,
    encryptedLinks: l.links.filter((k) => k.protection !== 'plain').length,
  };
}

const NAMES: Record<keyof Components, [string, string]> = {
  sidecars: ['sidecar proxy', 'sidecar proxies'],
  nodeProxies: ['node proxy', 'node proxies'],
  waypoints: ['waypoint', 'waypoints'],
  libraries: ['in-app library pool', 'in-app library pools'],
  ebpfHooks: ['eBPF hook', 'eBPF hooks'],
  netfilterHooks: ['netfilter hook', 'netfilter hooks'],
  encryptedLinks: ['encrypted link', 'encrypted links'],
};

/** One kind of component whose count changed between two layouts: positive `delta` appeared. */
export interface ComponentDelta {
  kind: keyof Components;
  delta: number;
  /** "2 sidecar proxies" */
  text: string;
}

export function componentDeltas(prev: TraceLayout, next: TraceLayout): ComponentDelta[] {
  const a = componentsOf(prev);
  const b = componentsOf(next);
  const out: ComponentDelta[] = [];
  for (const k of Object.keys(NAMES) as (keyof Components)[]) {
    const d = b[k] - a[k];
    if (d === 0) continue;
    const n = Math.abs(d);
    out.push({ kind: k, delta: d, text: `${n} ${NAMES[k][n === 1 ? 0 : 1]}` });
  }
  return out;
}

/** Sentences naming what appeared and disappeared between two layouts, e.g. "2 sidecar proxies disappear". */
export function describeChange(prev: TraceLayout, next: TraceLayout): string[] {
  const out = componentDeltas(prev, next).map(({ delta, text }) => {
    const one = Math.abs(delta) === 1;
    return delta > 0 ? `${text} appear${one ? 's' : ''}` : `${text} disappear${one ? 's' : ''}`;
  });
  const hopsA = prev.hops.filter((h) => h.leg !== 'handler').length;
  const hopsB = next.hops.filter((h) => h.leg !== 'handler').length;
  if (hopsA !== hopsB) out.push(`hops on the path: ${hopsA} → ${hopsB}`);
  return out;
}

/**
 * The short caption over the picture after a switch: what appeared and what disappeared, by name,
 * e.g. "Appeared: 2 node proxies (ztunnel). Disappeared: 2 sidecar proxies (Envoy), 2 netfilter hooks."
 */
export function changeCaption(
  prev: TraceLayout,
  next: TraceLayout,
): { appeared: string[]; disappeared: string[]; text: string } {
  const named = (d: ComponentDelta, l: TraceLayout) => {
    const product =
      d.kind === 'sidecars'
        ? l.architecture.sidecar
        : d.kind === 'nodeProxies'
          ? l.architecture.nodeproxy
          : d.kind === 'waypoints'
            ? l.architecture.waypoint
            : d.kind === 'libraries'
              ? l.architecture.library
              : null;
    // A product named with its role in brackets ("Envoy (waypoint)") is named without it: the kind says it.
    return product ? `${d.text} (${product.replace(/\s*\([^)]*\)$/, '')})` : d.text;
  };
  const deltas = componentDeltas(prev, next);
  const appeared = deltas.filter((d) => d.delta > 0).map((d) => named(d, next));
  const disappeared = deltas.filter((d) => d.delta < 0).map((d) => named(d, prev));
  const parts = [
    appeared.length ? `Appeared: ${appeared.join(', ')}.` : null,
    disappeared.length ? `Disappeared: ${disappeared.join(', ')}.` : null,
  ].filter(Boolean);
  return { appeared, disappeared, text: parts.length ? parts.join(' ') : 'Nothing appeared or disappeared.' };
}
