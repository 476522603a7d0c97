import type { TraceEvent } from '../../machines/simulate/buffer';
import type { OutcomeName } from '../../worker/trace/protocol';
import type { LayoutHop, TraceLayout } from '../../worker/trace/protocol';

/** Event-list filters, as in Packet Tracer's simulation mode: by hop kind, component, node and outcome ('' = all). */
export interface EventFilter {
  kind: string;
  component: string;
  node: string;
  /** An outcome name, 'failed' (dropped, timed out or retried), or '' for all. */
  outcome?: string;
}

export const NO_FILTER: EventFilter = { kind: '', component: '', node: '', outcome: '' };

/** Every outcome a hop record can have, in the engine's order (a test keeps this in step with the engine). */
export const OUTCOMES: readonly OutcomeName[] = ['forwarded', 'queued', 'dropped', 'timed out', 'retried'];

/** Outcomes that end a try badly: drawn in their own colours and offered together as a filter. */
export const FAILED_OUTCOMES: readonly OutcomeName[] = ['dropped', 'timed out', 'retried'];

export function outcomeMatches(outcome: OutcomeName, f: EventFilter): boolean {
  if (!f.outcome) return true;
  if (f.outcome === 'failed') return FAILED_OUTCOMES.includes(outcome);
  return outcome === f.outcome;
}

export function matches(hop: LayoutHop | undefined, f: EventFilter): boolean {
  if (!hop) return false;
  if (f.kind && hop.kind !== f.kind) return false;
  if (f.component && hop.component !== f.component) return false;
  if (f.node && String(hop.node) !== f.node) return false;
  return true;
}

/**
 * The events to list at playback time t: those that have started (entered at or before t), matching
 * the filter, the most recent `limit` of them, oldest first. `upTo` is the buffer's count at t.
 */
export function visibleEvents(
  events: readonly TraceEvent[],
  upTo: number,
  hops: readonly LayoutHop[],
  f: EventFilter,
  limit: number,
): TraceEvent[] {
  const out: TraceEvent[] = [];
  const all = !f.kind && !f.component && !f.node && !f.outcome;
  for (let i = Math.min(upTo, events.length) - 1; i >= 0 && out.length < limit; i--) {
    const e = events[i];
    if (all || (matches(hops[e.hop], f) && outcomeMatches(e.outcome, f))) out.push(e);
  }
  return out.reverse();
}

/** The options each filter offers: the values present in this layout, with counts of hops. */
export function filterOptions(l: TraceLayout): {
  kinds: [string, string][];
  components: string[];
  nodes: string[];
} {
  const kinds = new Map<string, string>();
  const components = new Set<string>();
  for (const h of l.hops) {
    kinds.set(h.kind, h.name);
    components.add(h.component);
  }
  return {
    kinds: [...kinds.entries()].sort((a, b) => a[0].localeCompare(b[0])),
    components: [...components].sort(),
    nodes: l.nodes.map((n) => String(n.index)),
  };
}

export const COMPONENT_NAMES: Record<string, string> = {
  app: 'app',
  library: 'in-app library',
  sidecar: 'sidecar',
  nodeproxy: 'node proxy',
  waypoint: 'waypoint',
  kernel: 'kernel',
  wire: 'wire',
};

/** "node 1 · server-0 · sidecar": where a hop runs. */
export function placeOf(h: LayoutHop, l: TraceLayout): string {
  const comp =
    h.component === 'nodeproxy' && l.architecture.nodeproxy
      ? l.architecture.nodeproxy
      : h.component === 'sidecar' && l.architecture.sidecar
        ? `${l.architecture.sidecar} sidecar`
        : h.component === 'waypoint' && l.architecture.waypoint
          ? l.architecture.waypoint
          : (COMPONENT_NAMES[h.component] ?? h.component);
  if (h.actor === 'wire' && h.wire) return `link node ${h.wire[0]} → node ${h.wire[1]}`;
  if (h.actor === 'nodeproxy') return `node ${h.node} · ${comp}`;
  return `node ${h.node} · ${h.pod} · ${comp}`;
}

/**
 * The line above the event list: how many hop events have started since counting began (the start of
 * the run, or where playback jumped to) and which of them the list shows. After a seek the list also
 * shows events from before the seek point (fetched for it), which the count leaves out.
 */
export function eventCountText(
  total: number,
  since: number,
  shown: number,
  filtered: boolean,
  fmt: (t: number) => string,
): string {
  if (total === 0 && since === 0 && shown === 0) return 'No hop has started yet: press Play or Step.';
  const counted = `${total === 0 ? 'No' : total.toLocaleString('en')} hop event${total === 1 ? '' : 's'} ${since > 0 ? `since ${fmt(since)} (where playback jumped to)` : 'since the start of the run'}, counting every hop of every traced request`;
  let tail = '';
  if (filtered)
    tail =
      shown === 0
        ? '; none of the events held match the filters'
        : `; showing the last ${shown.toLocaleString('en')} that match`;
  else if (shown < total) tail = `; showing the last ${shown.toLocaleString('en')}`;
  else if (shown > total)
    tail = `; the list also shows the ${(shown - total).toLocaleString('en')} before ${since > 0 ? 'it' : 'them'}`;
  return `${counted}${tail}.`;
}
