import type { TraceLayout } from '../worker/trace/protocol';
import type { SceneCounts } from './layout';

/** Sentence for screen readers: what the picture shows, in counts. */
export function describeScene(l: TraceLayout, c: SceneCounts, mode: '3d' | '2d'): string {
  const parts = [
    `${c.nodes} ${c.nodes === 1 ? 'node' : 'nodes'}`,
    `${c.pods} pods`,
    c.sidecars ? `${c.sidecars} sidecar proxies` : 'no sidecars',
    c.nodeProxies ? `${c.nodeProxies} node proxies (${l.architecture.nodeproxy})` : null,
    c.waypoints ? `${c.waypoints} waypoint${c.waypoints === 1 ? '' : 's'}` : null,
    c.libraries ? `${c.libraries} in-app library pools` : null,
    c.hooks
      ? `${c.hooks} kernel hooks marked (${c.netfilterHooks} netfilter, ${c.ebpfHooks} eBPF)`
      : 'no kernel hooks beyond TCP/IP',
    `${c.links} ${c.links === 1 ? 'link' : 'links'} between nodes`,
  ].filter(Boolean);
  return `${mode === '3d' ? '3D' : '2D'} view of ${l.architecture.name}: ${parts.join(', ')}. Packets move along their hops; the event list gives the same events by keyboard.`;
}
