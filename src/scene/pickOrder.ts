import type { TraceEvent } from '../machines/simulate/buffer';
import type { Selection } from '../machines/simulate/selection';
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

/** A pickable component and the node it is on. */
export type ComponentChoice = { value: string; label: string; node: number } & (
  | { group: 'Nodes'; pick: { kind: 'node'; index: number } }
  | { group: 'Pods'; pick: { kind: 'pod'; id: string } }
  | { group: 'Resources'; pick: { kind: 'station'; index: number } }
);

/** Every pickable component, grouped as the picture groups them: nodes, then pods, then resources. */
export function componentChoices(l: TraceLayout): ComponentChoice[] {
  const out: ComponentChoice[] = [];
  for (const n of l.nodes)
    out.push({
      value: `node:${n.index}`,
      label: `node ${n.index} (${n.cores} cores)`,
      group: 'Nodes',
      node: n.index,
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
      node: p.node,
      pick: { kind: 'pod', id: p.id },
    });
  }
  l.stations.forEach((s, index) => {
    out.push({
      value: `station:${index}`,
      label: `${s.label} (${s.servers} ${s.kind === 'cpu' ? 'core' : 'thread'}${s.servers === 1 ? '' : 's'})`,
      group: 'Resources',
      node: s.node,
      pick: { kind: 'station', index },
    });
  });
  return out;
}

/**
 * Options one list offers at most. Chromium lays a <select> out by measuring every option's text, again
 * whenever one is added: 1,250 options (400 pods) cost ~35 ms, 6,200 (large mesh) ~160 ms, in one task.
 */
export const PICKER_MAX_OPTIONS = 300;

/** The node whose pods and resources a long list offers: the selection's, else `previous`. */
export function scopeNode(l: TraceLayout, selection: Selection, previous: number): number {
  if (selection?.kind === 'node') return selection.index;
  if (selection?.kind === 'pod') return l.pods.find((p) => p.id === selection.id)?.node ?? previous;
  if (selection?.kind === 'station') return l.stations[selection.index]?.node ?? previous;
  return previous;
}

/**
 * What the list offers: every choice while they fit in PICKER_MAX_OPTIONS; beyond, every node and the
 * pods and resources of one node (`scoped`), so picking a node lists its own.
 */
export function pickerChoices(
  all: readonly ComponentChoice[],
  node: number,
): { choices: readonly ComponentChoice[]; scoped: number | null } {
  if (all.length <= PICKER_MAX_OPTIONS) return { choices: all, scoped: null };
  return { choices: all.filter((c) => c.group === 'Nodes' || c.node === node), scoped: node };
}
