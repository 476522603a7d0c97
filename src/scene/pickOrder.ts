import type { TraceEvent } from '../machines/simulate/buffer';
import type { TraceLayout } from '../worker/trace/protocol';

/**
 * Keyboard picking: the scene's mouse targets as ordered lists, so a person without a pointer can reach
 * every packet in flight and every component the picture draws.
 */

/** The packet after (dir 1) or before (dir −1) the current one among those in flight, wrapping; null if none fly. */
export function stepPacket(
  inFlight: readonly TraceEvent[],
  currentKey: string | null,
  dir: 1 | -1,
): TraceEvent | null {
  if (inFlight.length === 0) return null;
  const at = currentKey === null ? -1 : inFlight.findIndex((e) => e.key === currentKey);
  if (at < 0) return dir === 1 ? inFlight[0] : inFlight[inFlight.length - 1];
  return inFlight[(at + dir + inFlight.length) % inFlight.length];
}

export type ComponentChoice =
  | { value: string; label: string; group: 'Nodes'; pick: { kind: 'node'; index: number } }
  | { value: string; label: string; group: 'Pods'; pick: { kind: 'pod'; id: string } }
  | { value: string; label: string; group: 'Resources'; pick: { kind: 'station'; index: number } };

/** Every pickable component, grouped as the picture groups them: nodes, then pods, then resources. */
export function componentChoices(l: TraceLayout): ComponentChoice[] {
  const out: ComponentChoice[] = [];
  for (const n of l.nodes)
    out.push({
      value: `node:${n.index}`,
      label: `node ${n.index} (${n.cores} cores)`,
      group: 'Nodes',
      pick: { kind: 'node', index: n.index },
    });
  for (const p of l.pods) {
    const extra = [
      p.role === 'service' ? p.service : p.role,
      p.sidecar ? 'with sidecar' : null,
      p.library ? 'with mesh library' : null,
    ]
      .filter(Boolean)
      .join(', ');
    out.push({
      value: `pod:${p.id}`,
      label: `${p.id} on node ${p.node}${extra ? ` — ${extra}` : ''}`,
      group: 'Pods',
      pick: { kind: 'pod', id: p.id },
    });
  }
  l.stations.forEach((s, index) => {
    out.push({
      value: `station:${index}`,
      label: `${s.label} (${s.servers} ${s.kind === 'cpu' ? 'core' : 'thread'}${s.servers === 1 ? '' : 's'})`,
      group: 'Resources',
      pick: { kind: 'station', index },
    });
  });
  return out;
}
