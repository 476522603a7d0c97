import type { TraceBuffer, TraceEvent } from '../machines/simulate/buffer';
import type { Selection } from '../machines/simulate/selection';
import { formatDuration } from '../model/humanTime';
import { isCallerSide, soFarAt, type Cumulative } from '../model/requestProgress';
import type { LayoutHop } from '../worker/trace/protocol';
import type { SceneLayout, Vec3 } from './layout';
import type { Leg } from './palette';

/**
 * The path drawn: one request's whole route, the hop it is crossing now and what it has cost so far.
 * Pure (no three.js, no React), so both views and the overlay share it and it is unit-tested.
 *
 * The route is drawn hop by hop as segments (not one polyline), so a handler that fans out to
 * several services draws each branch from where it starts rather than zig-zagging between them.
 */

export interface RouteView {
  request: number;
  /** Segments (pairs of points) per leg; a leg the request has not got to yet is empty. */
  segments: Record<Leg, [Vec3, Vec3][]>;
  /** Points on the route: the points of every hop's path crossed (for tests and the probe). */
  points: number;
  /** Hops on the route (records held for the request, caller-side records left out). */
  hops: number;
  /** Those hops' indexes (into the layout's hops), in the order the request crosses them. */
  order: number[];
  /** The hop being crossed at t (the latest started, not yet left); null between the request's hops. */
  current: {
    hop: number;
    kind: string;
    node: number;
    leg: Leg;
    /** Its place on the route, 1-based (of `hops`). */
    position: number;
    /** "Envoy outbound: route, mTLS — 48 µs": the hop's label and its mean on-path cost. */
    text: string;
  } | null;
  /** Latency and CPU so far at t (model/requestProgress.ts, as the inspector counts them). */
  soFar: Cumulative | null;
  /** Every hop of the request is behind it at t: the reply is back at its caller. */
  done: boolean;
}

/** The hop's label and its mean on-path cost, as shown on the picture. */
export function hopCaption(h: Pick<LayoutHop, 'label' | 'onPathUs'>): string {
  return `${h.label} — ${formatDuration(h.onPathUs)}`;
}

const legOf = (h: LayoutHop | undefined): Leg =>
  h?.leg === 'response' ? 'response' : h?.leg === 'handler' ? 'handler' : 'request';

/**
 * Which request to draw: the selected packet's; otherwise the one drawn before while it is still
 * under way (so the line does not jump to another request at every hop); otherwise the first in
 * flight at t. Null when nothing is in flight.
 */
export function pickRequest(
  selection: Selection,
  inFlight: readonly TraceEvent[],
  held: { request: number; start: number; end: number } | null,
  t: number,
): number | null {
  if (selection?.kind === 'event') return selection.event.request;
  if (held && t >= held.start && t <= held.end) return held.request;
  const first = inFlight.find((e) => !isCallerSide(e));
  return first ? first.request : null;
}

/** The route of one request from its held records (sorted by entry), at time t. */
export function routeOf(
  request: number,
  records: readonly TraceEvent[],
  hops: readonly LayoutHop[],
  scene: SceneLayout,
  t: number,
): RouteView {
  const segments: Record<Leg, [Vec3, Vec3][]> = { request: [], response: [], handler: [] };
  let points = 0;
  let count = 0;
  let current: TraceEvent | null = null;
  let position = 0;
  let end = -Infinity;
  const order: number[] = [];
  for (const r of records) {
    if (isCallerSide(r)) continue;
    end = Math.max(end, r.leave);
    const path = scene.paths[r.hop];
    if (!path) continue;
    count++;
    order.push(r.hop);
    points += path.length;
    const leg = legOf(hops[r.hop]);
    for (let i = 1; i < path.length; i++) segments[leg].push([path[i - 1], path[i]]);
    if (r.enter <= t && t < r.leave && (!current || r.enter >= current.enter)) {
      current = r;
      position = count;
    }
  }
  const h = current ? hops[current.hop] : undefined;
  return {
    request,
    segments,
    points,
    hops: count,
    order,
    current:
      current && h
        ? { hop: current.hop, kind: h.kind, node: h.node, leg: legOf(h), position, text: hopCaption(h) }
        : null,
    soFar: soFarAt(records, t),
    done: count > 0 && t >= end,
  };
}

/**
 * The route at t for what is selected (or the first request in flight), reading the buffer by
 * reference. `held` carries the request drawn last time, with its span, so it stays drawn to its end.
 */
export function routeAt(
  buffer: TraceBuffer,
  scene: SceneLayout,
  selection: Selection,
  t: number,
  held: { request: number; start: number; end: number } | null,
  scratch: TraceEvent[] = [],
): { route: RouteView | null; held: { request: number; start: number; end: number } | null } {
  const request = pickRequest(selection, buffer.inFlight(t, scratch), held, t);
  if (request === null) return { route: null, held: null };
  const records = buffer.requestEvents(request);
  if (!records.length) return { route: null, held: null };
  const start = records[0].enter;
  const end = Math.max(...records.map((r) => r.leave));
  return {
    route: routeOf(request, records, buffer.layout.hops, scene, t),
    held: { request, start, end },
  };
}

/**
 * The record the Inspector shows while the camera follows a request nobody picked: the hop its packet
 * is crossing at t (the latest started, not yet left), else — between hops, or before its first — the
 * record shown before when it is this request's, else its first. Caller-side records (a try's span)
 * are not a place the packet is. Null when the request has no records held.
 */
export function followedRecord(
  records: readonly TraceEvent[],
  t: number,
  before: TraceEvent | null,
): TraceEvent | null {
  let current: TraceEvent | null = null;
  let first: TraceEvent | null = null;
  for (const r of records) {
    if (isCallerSide(r)) continue;
    first ??= r;
    if (r.enter <= t && t < r.leave && (!current || r.enter >= current.enter)) current = r;
  }
  if (current) return current;
  if (before && first && before.request === first.request) return before;
  return first;
}
