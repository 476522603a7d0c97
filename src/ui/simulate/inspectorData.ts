import type { TraceEvent } from '../../machines/simulate/buffer';
import type { Citation } from '../../model/citation';
import type { HopKind } from '../../model/hopKind';
import { hopLayerView, layerText, type HopLayerView } from '../../model/hopLayerWalk';
import {
  LAYER_IDS,
  LAYER_SHORT,
  LAYER_TITLES,
  type HopLayerEntry,
  type LayerAction,
  type LayerId,
} from '../../model/hopLayers';
import type { LayoutHop, TraceLayout } from '../../worker/trace/protocol';
import { placeOf } from './eventFilter';

/** What the inspector shows about a hop: the catalog entry, its sources, and its neighbours on the route. */
export interface HopDetails {
  index: number;
  hop: LayoutHop;
  kind: HopKind | null;
  citations: Citation[];
  /** Source ids the registry does not know (shown, never hidden). */
  unknownSources: string[];
  place: string;
  prev: { hop: LayoutHop; place: string } | null;
  next: { hop: LayoutHop; place: string } | null;
}

export interface Catalogs {
  hopKinds: ReadonlyMap<string, HopKind>;
  citations: readonly Citation[];
  /** What each hop kind does to the message's headers (models/hop-layers.json). */
  hopLayers: ReadonlyMap<string, HopLayerEntry>;
}

export function hopDetails(l: TraceLayout, index: number, cat: Catalogs): HopDetails {
  const hop = l.hops[index];
  const byId = new Map(cat.citations.map((c) => [c.id, c]));
  const nextIndex = l.hops.findIndex((h) => h.prev === index);
  return {
    index,
    hop,
    kind: cat.hopKinds.get(hop.kind) ?? null,
    citations: hop.sources.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : [])),
    unknownSources: hop.sources.filter((id) => !byId.has(id)),
    place: placeOf(hop, l),
    prev: hop.prev >= 0 ? { hop: l.hops[hop.prev], place: placeOf(l.hops[hop.prev], l) } : null,
    next: nextIndex >= 0 ? { hop: l.hops[nextIndex], place: placeOf(l.hops[nextIndex], l) } : null,
  };
}

/** Where a hop runs (the hop kind's layer). */
export const LAYER_NAMES: Record<HopKind['layer'], string> = {
  app: 'application',
  user: 'user-space proxy / library',
  kernel: 'kernel',
  wire: 'NIC and wire',
};

export { cumulative, type Cumulative } from '../../model/requestProgress';

/** The waterfall rows of one request: offset and width as fractions of the request's span. */
export interface WaterfallRow {
  event: TraceEvent;
  hop: LayoutHop;
  offset: number;
  width: number;
  waitWidth: number;
  /** This hop's share of the request's end-to-end time. */
  share: number;
}

export function waterfall(
  request: readonly TraceEvent[],
  l: TraceLayout,
): { rows: WaterfallRow[]; start: number; total: number } {
  if (!request.length) return { rows: [], start: 0, total: 0 };
  const start = Math.min(...request.map((r) => r.enter));
  const end = Math.max(...request.map((r) => r.leave));
  const total = end - start;
  const span = total > 0 ? total : 1;
  const rows = [...request]
    .sort((a, b) => a.enter - b.enter || a.leave - b.leave)
    .map((event) => ({
      event,
      hop: l.hops[event.hop],
      offset: (event.enter - start) / span,
      width: (event.leave - event.enter) / span,
      waitWidth: event.queueWait / span,
      share: total > 0 ? (event.leave - event.enter) / total : 0,
    }));
  return { rows, start, total };
}

/** One row of the inspector's layer table: a layer of the message, going in and coming out. */
export interface LayerRow {
  layer: LayerId;
  /** Short name (HTTP, TLS, IP …) and the full title. */
  name: string;
  title: string;
  /** The header going in / coming out; null when the message does not have that layer there. */
  in: string | null;
  out: string | null;
  /** What the hop does to it; 'passed' when it goes through untouched. */
  action: LayerAction | 'passed';
}

export interface LayerTable {
  view: HopLayerView;
  rows: LayerRow[];
  citations: Citation[];
  unknownSources: string[];
}

const textOf = (stack: HopLayerView['in'], layer: LayerId) => {
  const l = stack.find((x) => x.layer === layer);
  return l ? layerText(l) : null;
};

/** The hop's layer view as table rows (innermost layer first), with the description's sources. Null without an entry. */
export function layerTable(l: TraceLayout, index: number, cat: Catalogs): LayerTable | null {
  const view = hopLayerView(l.hops, index, cat.hopLayers);
  if (!view) return null;
  const byId = new Map(cat.citations.map((c) => [c.id, c]));
  const present = new Set(
    [...view.in, ...view.out].map((x) => x.layer).concat(view.variant.layers.map((c) => c.layer)),
  );
  const rows = LAYER_IDS.filter((id) => present.has(id)).map((layer): LayerRow => ({
    layer,
    name: LAYER_SHORT[layer],
    title: LAYER_TITLES[layer],
    in: textOf(view.in, layer),
    out: textOf(view.out, layer),
    action: view.variant.layers.find((c) => c.layer === layer)?.action ?? 'passed',
  }));
  return {
    view,
    rows,
    citations: view.entry.sources.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : [])),
    unknownSources: view.entry.sources.filter((id) => !byId.has(id)),
  };
}

export { CALLER_SIDE_OUTCOMES, isCallerSide } from '../../model/requestProgress';

/** What a caller-side record says, in words and with its length; null for a traversal of the hop. */
export function callerSideSpan(
  e: Pick<TraceEvent, 'outcome' | 'enter' | 'leave'>,
  fmt: (us: number) => string,
): { short: string; long: string } | null {
  const d = fmt(e.leave - e.enter);
  if (e.outcome === 'timed out')
    return {
      short: `gave up after ${d}`,
      long: `the caller gave up after ${d} (its per-try timeout) and stopped waiting for this try’s reply`,
    };
  if (e.outcome === 'retried')
    return { short: `try lasted ${d}`, long: `the try lasted ${d} before it was retried` };
  return null;
}
