import type { TraceEvent } from '../machines/simulate/buffer';
import type { Selection } from '../machines/simulate/selection';
import type { LayoutHop, LayoutLink, TraceLayout } from '../worker/trace/protocol';

/**
 * Which links between nodes to draw. With a handful of nodes every link is worth seeing; with thirty
 * nodes and a fan-out call graph there are hundreds and they become a web, so the picture draws only
 * the links that matter: those carrying traffic at the playback time, or those of the selected node.
 * Pure functions on plain data: the 3D scene and the 2D view both call them (per frame, by reference,
 * writing into preallocated masks), and they are unit-tested without a browser.
 */

export type LinkFilter = 'all' | 'traffic' | 'selected';

export const LINK_FILTERS: readonly LinkFilter[] = ['all', 'traffic', 'selected'];

export const LINK_FILTER_LABEL: Record<LinkFilter, string> = {
  all: 'All',
  traffic: 'Carrying traffic now',
  selected: 'Of the selected node',
};

/** Above this many nodes the picture starts with only the links carrying traffic. */
export const MANY_NODES = 8;
/** Above this many links drawn at once, links are drawn faded and thinner so nodes and packets stay readable. */
export const MANY_LINKS = 16;

/** A link stays lit this long (wall-clock ms at the current slowdown) after its last message left it. */
export const LINK_HOLD_MS = 400;

export function defaultLinkFilter(nodes: number): LinkFilter {
  return nodes > MANY_NODES ? 'traffic' : 'all';
}

/** For each hop: the index of the link between nodes it crosses (a wire hop joining two nodes), or -1. */
export function hopLinks(hops: readonly LayoutHop[], links: readonly LayoutLink[]): Int32Array {
  const byPair = new Map<string, number>();
  links.forEach((l, i) => byPair.set(`${Math.min(l.a, l.b)}-${Math.max(l.a, l.b)}`, i));
  const out = new Int32Array(hops.length).fill(-1);
  hops.forEach((h, i) => {
    if (!h.wire || h.wire[0] === h.wire[1]) return;
    out[i] = byPair.get(`${Math.min(h.wire[0], h.wire[1])}-${Math.max(h.wire[0], h.wire[1])}`) ?? -1;
  });
  return out;
}

/** The node the selection belongs to (a node, a pod's node, a resource's node, an event's hop's node), or null. */
export function selectedNode(selection: Selection, layout: TraceLayout): number | null {
  if (!selection) return null;
  switch (selection.kind) {
    case 'node':
      return selection.index;
    case 'pod':
      return layout.pods.find((p) => p.id === selection.id)?.node ?? null;
    case 'station':
      return layout.stations[selection.index]?.node ?? null;
    case 'event':
      return layout.hops[selection.event.hop]?.node ?? null;
  }
}

/** What the active-link search reads from the trace buffer (a TraceBuffer satisfies it). */
export interface EventSource {
  readonly events: readonly TraceEvent[];
  readonly maxDuration: number;
  countUpTo(t: number): number;
}

/**
 * Marks in `out` (one byte per link) the links with a hop on them in flight at t, or that ended
 * within `holdUs` before t — so a link does not blink off between two messages that follow closely.
 * Allocates nothing. Returns how many links are marked.
 */
export function markActiveLinks(
  source: EventSource,
  t: number,
  holdUs: number,
  hopLink: Int32Array,
  out: Uint8Array,
): number {
  out.fill(0);
  const events = source.events;
  const from = t - source.maxDuration - holdUs;
  let marked = 0;
  for (let i = source.countUpTo(t) - 1; i >= 0; i--) {
    const e = events[i];
    if (e.enter < from) break;
    const link = hopLink[e.hop] ?? -1;
    if (link < 0 || out[link]) continue;
    if (e.leave >= t - holdUs) {
      out[link] = 1;
      marked++;
    }
  }
  return marked;
}

/**
 * Writes into `shown` which links to draw under `filter`: all of them; those marked in `active`;
 * or those touching `node` (none when no node is selected). Returns how many are shown.
 */
export function filterLinks(
  filter: LinkFilter,
  links: readonly LayoutLink[],
  active: Uint8Array,
  node: number | null,
  shown: Uint8Array,
): number {
  let n = 0;
  for (let i = 0; i < links.length; i++) {
    const l = links[i];
    const on =
      filter === 'all'
        ? true
        : filter === 'traffic'
          ? active[i] === 1
          : node !== null && (l.a === node || l.b === node);
    shown[i] = on ? 1 : 0;
    if (on) n++;
  }
  return n;
}

/** How links are drawn when `count` are on screen: faded and thinner once they would crowd the picture. */
export function linkEmphasis(count: number): { opacity: number; width: number } {
  return count > MANY_LINKS ? { opacity: 0.35, width: 0.5 } : { opacity: 1, width: 1 };
}
