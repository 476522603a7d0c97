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

/** Sentences naming what appeared and disappeared between two layouts, e.g. "2 sidecar proxies disappear". */
export function describeChange(prev: TraceLayout, next: TraceLayout): string[] {
  const a = componentsOf(prev);
  const b = componentsOf(next);
  const out: string[] = [];
  for (const k of Object.keys(NAMES) as (keyof Components)[]) {
    const d = b[k] - a[k];
    if (d === 0) continue;
    const n = Math.abs(d);
    const name = NAMES[k][n === 1 ? 0 : 1];
    out.push(d > 0 ? `${n} ${name} appear${n === 1 ? 's' : ''}` : `${n} ${name} disappear${n === 1 ? 's' : ''}`);
  }
  const hopsA = prev.hops.filter((h) => h.leg !== 'handler').length;
  const hopsB = next.hops.filter((h) => h.leg !== 'handler').length;
  if (hopsA !== hopsB) out.push(`hops on the path: ${hopsA} → ${hopsB}`);
  return out;
}
