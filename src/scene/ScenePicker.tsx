import { memo, useMemo, useRef, useState } from 'react';
import type { PlaybackActor } from '../machines/simulate/playback';
import type { TraceBuffer, TraceEvent } from '../machines/simulate/buffer';
import type { Selection } from '../machines/simulate/selection';
import type { TraceLayout } from '../worker/trace/protocol';
import { componentChoices, pickerChoices, scopeNode, stepPacket } from './pickOrder';
import { useRenderCount } from './renderCount';

interface Props {
  layout: TraceLayout;
  buffer: TraceBuffer;
  actor: PlaybackActor;
  selection: Selection;
  onSelect: (s: Selection) => void;
}

/** One line a screen reader can say about the packet just picked. */
export function describePacket(e: TraceEvent, l: TraceLayout, at: number, of: number): string {
  const hop = l.hops[e.hop];
  const where = hop ? `${hop.name} (${hop.leg} leg) at ${hop.label}` : `hop ${e.hop}`;
  return `Packet ${at} of ${of} in flight: request #${e.request}, ${where}, ${e.outcome}.`;
}

/**
 * Keyboard picking for the picture: the canvas's targets are mouse-only, so the same choices — the
 * packets in flight now and every component drawn — are offered as buttons and a list, and picking
 * one opens it in the inspector and marks it in the scene, as a click would.
 */
export const ScenePicker = memo(function ScenePicker({ layout, buffer, actor, selection, onSelect }: Props) {
  useRenderCount('picker');
  const all = useMemo(() => componentChoices(layout), [layout]);
  // A large mesh's list offers one node's pods and resources at a time: the selection's node.
  const [scope, setScope] = useState(0);
  const node = scopeNode(layout, selection, scope);
  if (node !== scope) setScope(node); // kept when the selection moves to a packet
  const { choices, scoped } = useMemo(() => pickerChoices(all, node), [all, node]);
  const [said, setSaid] = useState('');
  const scratch = useRef<TraceEvent[]>([]);
  const currentKey = selection?.kind === 'event' ? selection.event.key : null;
  const selectedValue =
    selection?.kind === 'node'
      ? `node:${selection.index}`
      : selection?.kind === 'pod'
        ? `pod:${selection.id}`
        : selection?.kind === 'station'
          ? `station:${selection.index}`
          : '';

  const step = (dir: 1 | -1) => {
    const t = actor.getSnapshot().context.t;
    const flying = buffer.inFlight(t, scratch.current);
    const next = stepPacket(flying, currentKey, dir);
    if (!next) {
      setSaid('No packet is in flight at this moment: step or play to the next event.');
      return;
    }
    onSelect({ kind: 'event', event: next });
    setSaid(describePacket(next, layout, flying.indexOf(next) + 1, flying.length));
  };

  const groups = ['Nodes', 'Pods', 'Resources'] as const;
  return (
    <div
      className="sim-scene-tools"
      role="group"
      aria-label="Pick in the picture by keyboard"
      data-testid="scene-picker"
    >
      <span>Pick:</span>
      <button type="button" onClick={() => step(-1)} aria-label="Previous packet in flight">
        ‹ Packet
      </button>
      <button type="button" onClick={() => step(1)} aria-label="Next packet in flight">
        Packet ›
      </button>
      <label>
        <span className="sr-only">Component to inspect</span>
        <select
          value={selectedValue}
          data-testid="component-pick"
          onChange={(e) => {
            const c = choices.find((x) => x.value === e.target.value);
            if (c) onSelect(c.pick);
          }}
        >
          <option value="">Component…</option>
          {groups.map((g) => (
            <optgroup key={g} label={scoped === null || g === 'Nodes' ? g : `${g} on node ${scoped}`}>
              {choices
                .filter((c) => c.group === g)
                .map((c) => (
                  <option key={c.value} value={c.value}>
                    {c.label}
                  </option>
                ))}
            </optgroup>
          ))}
        </select>
      </label>
      {scoped !== null && (
        <span className="hint" data-testid="picker-scope">
          Lists the pods and resources of node {scoped}; choose a node to list its own.
        </span>
      )}
      <span className="hint" role="status" aria-live="polite" data-testid="picker-status">
        {said}
      </span>
    </div>
  );
});
