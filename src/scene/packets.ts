import type { TraceBuffer, TraceEvent } from '../machines/simulate/buffer';
import type { LayoutHop } from '../worker/trace/protocol';
import { pointAlong, type SceneLayout, type Vec3 } from './layout';
import {
  FAILED_SCALE,
  hexToRgb,
  LEG_COLOR,
  LEG_SCALE,
  PACKET_SIZE,
  QUEUED_DIM,
  QUEUED_SCALE,
  STATE_COLOR,
  type Leg,
  type PacketState,
} from './palette';

/**
 * Packets on screen: one per hop record in flight at the playback time. A packet waits at the start
 * of its hop while queued, then moves along the hop's path while in service; failures (dropped,
 * timed out, retried) flash at the hop where they ended for a short while. Everything here writes
 * into preallocated arrays, so the per-frame update allocates nothing and touches no React state.
 */

export function packetState(e: TraceEvent, t: number): PacketState {
  if (e.outcome === 'dropped' || e.outcome === 'timed out' || e.outcome === 'retried') return e.outcome;
  return t < e.enter + e.queueWait ? 'queued' : 'service';
}

/** Fraction of the hop's path covered at t (0 while queued). */
export function progress(e: TraceEvent, t: number): number {
  const start = e.enter + e.queueWait;
  if (t <= start) return 0;
  if (e.service <= 0) return 1;
  return Math.min(1, (t - start) / e.service);
}

export function packetPosition(e: TraceEvent, t: number, scene: SceneLayout, out: Vec3 = [0, 0, 0]): Vec3 {
  const path = scene.paths[e.hop];
  if (!path) {
    out[0] = 0;
    out[1] = 0;
    out[2] = 0;
    return out;
  }
  pointAlong(path, progress(e, t), out);
  if (t < e.enter + e.queueWait) out[1] += 0.35; // waiting: lifted above the spot
  return out;
}

const LEG_RGB: Record<Leg, [number, number, number]> = {
  request: hexToRgb(LEG_COLOR.request),
  response: hexToRgb(LEG_COLOR.response),
  handler: hexToRgb(LEG_COLOR.handler),
};
const FAIL_RGB = {
  dropped: hexToRgb(STATE_COLOR.dropped),
  'timed out': hexToRgb(STATE_COLOR['timed out']),
  retried: hexToRgb(STATE_COLOR.retried),
};

/** Visible packets at t: hops in flight, plus failures that ended within `flashUs` before t. */
export function visiblePackets(
  buffer: TraceBuffer,
  t: number,
  flashUs: number,
  out: TraceEvent[],
  scratch: TraceEvent[] = [],
): TraceEvent[] {
  buffer.inFlight(t, out);
  if (flashUs > 0) {
    scratch.length = 0;
    const events = buffer.events;
    let i = buffer.countUpTo(t) - 1;
    const from = t - buffer.maxDuration - flashUs;
    for (; i >= 0; i--) {
      const e = events[i];
      if (e.enter < from) break;
      if (
        e.outcome !== 'forwarded' &&
        e.outcome !== 'queued' &&
        e.leave <= t &&
        e.leave > t - flashUs &&
        !(e.leave === e.enter && e.enter === t)
      )
        scratch.push(e);
    }
    for (let k = scratch.length - 1; k >= 0; k--) out.push(scratch[k]);
  }
  return out;
}

const LEGS: readonly Leg[] = ['request', 'response', 'handler'];
const LEG_RGB_BY_INDEX = LEGS.map((l) => LEG_RGB[l]);
const LEG_SCALE_BY_INDEX = LEGS.map((l) => LEG_SCALE[l]);

/**
 * Per-scene tables the per-frame writer reads by number instead of by string key (keyed lookups by
 * leg and state were most of its time): each hop's leg index, and each path's cumulative lengths.
 */
interface PathTables {
  leg: Uint8Array;
  /** Cumulative length at each point of each hop's path; cum[hop][0] = 0. */
  cum: Float64Array[];
}
const tablesCache = new WeakMap<SceneLayout, WeakMap<readonly LayoutHop[], PathTables>>();

function tablesOf(scene: SceneLayout, hops: readonly LayoutHop[]): PathTables {
  let byHops = tablesCache.get(scene);
  if (!byHops) tablesCache.set(scene, (byHops = new WeakMap()));
  let tab = byHops.get(hops);
  if (tab) return tab;
  const leg = new Uint8Array(Math.max(hops.length, scene.paths.length));
  hops.forEach((h, i) => (leg[i] = Math.max(0, LEGS.indexOf(h.leg as Leg))));
  const cum = scene.paths.map((p) => {
    const c = new Float64Array(p.length);
    for (let i = 1; i < p.length; i++)
      c[i] =
        c[i - 1] +
        Math.sqrt((p[i][0] - p[i - 1][0]) ** 2 + (p[i][1] - p[i - 1][1]) ** 2 + (p[i][2] - p[i - 1][2]) ** 2);
    return c;
  });
  tab = { leg, cum };
  byHops.set(hops, tab);
  return tab;
}

/** As `pointAlong`, with the path's cumulative lengths known: no square roots per frame. */
function alongPath(p: Vec3[], cum: Float64Array, f: number, out: Vec3): void {
  const total = cum[cum.length - 1];
  if (f <= 0 || p.length === 1 || total === 0) {
    out[0] = p[0][0];
    out[1] = p[0][1];
    out[2] = p[0][2];
    return;
  }
  const want = (f >= 1 ? 1 : f) * total;
  let i = 1;
  while (i < p.length - 1 && cum[i] < want) i++;
  const seg = cum[i] - cum[i - 1];
  const k = seg === 0 ? 1 : Math.min(1, (want - cum[i - 1]) / seg);
  const a = p[i - 1];
  const b = p[i];
  out[0] = a[0] + (b[0] - a[0]) * k;
  out[1] = a[1] + (b[1] - a[1]) * k;
  out[2] = a[2] + (b[2] - a[2]) * k;
}

/** Every packet's shortest side is drawn at least this many pixels on screen, however far the camera. */
export const MIN_PACKET_PX = 6;

/**
 * The camera, for keeping packets a minimum size on screen: its position, unit viewing direction,
 * pixels per scene unit at depth 1 (canvas height / (2 tan(fov/2))), and the minimum size in px.
 * `minPxDrawn` is written back: the smallest shortest side drawn (Infinity when none).
 */
export interface PacketScreen {
  pos: Vec3;
  fwd: Vec3;
  k: number;
  minPx: number;
  minPxDrawn: number;
}

/** Each leg's shortest side at scale 1. */
const LEG_MIN_DIM = LEGS.map((l) => Math.min(...LEG_SCALE[l]));

/**
 * Writes up to `max` packets straight into instance buffers: a 4×4 matrix each into `matrix` (scale by
 * leg and state, times `size`; position on the hop's path, raised by `lift`) and a colour each into
 * `color` (r, g, b); the event of each into `keys`. Returns the count.
 */
export function writePackets(
  packets: readonly TraceEvent[],
  t: number,
  hops: readonly LayoutHop[],
  scene: SceneLayout,
  matrix: Float32Array,
  color: Float32Array,
  keys: TraceEvent[],
  max: number,
  size = PACKET_SIZE,
  lift = 0,
  screen: PacketScreen | null = null,
): number {
  const n = Math.min(packets.length, max);
  if (screen) screen.minPxDrawn = Infinity;
  const { leg, cum } = tablesOf(scene, hops);
  const p: Vec3 = [0, 0, 0];
  for (let i = 0; i < n; i++) {
    const e = packets[i];
    const li = leg[e.hop];
    const start = e.enter + e.queueWait;
    const failed = e.outcome === 'dropped' || e.outcome === 'timed out' || e.outcome === 'retried';
    const queued = !failed && t < start;
    const path = scene.paths[e.hop];
    if (path) alongPath(path, cum[e.hop], t <= start ? 0 : e.service <= 0 ? 1 : (t - start) / e.service, p);
    else {
      p[0] = 0;
      p[1] = 0;
      p[2] = 0;
    }
    const s = LEG_SCALE_BY_INDEX[li];
    let k = size * (queued ? QUEUED_SCALE : failed ? FAILED_SCALE : 1);
    if (screen) {
      // Far from the camera a packet grows so that its shortest side stays MIN_PACKET_PX on screen.
      const y = p[1] + lift;
      const depth =
        (p[0] - screen.pos[0]) * screen.fwd[0] +
        (y - screen.pos[1]) * screen.fwd[1] +
        (p[2] - screen.pos[2]) * screen.fwd[2];
      if (depth > 0) {
        const perUnit = screen.k / depth;
        k = Math.max(k, screen.minPx / (perUnit * LEG_MIN_DIM[li]));
        const px = k * LEG_MIN_DIM[li] * perUnit;
        if (px < screen.minPxDrawn) screen.minPxDrawn = px;
      }
    }
    const o = i * 16;
    matrix[o] = s[0] * k;
    matrix[o + 1] = 0;
    matrix[o + 2] = 0;
    matrix[o + 3] = 0;
    matrix[o + 4] = 0;
    matrix[o + 5] = s[1] * k;
    matrix[o + 6] = 0;
    matrix[o + 7] = 0;
    matrix[o + 8] = 0;
    matrix[o + 9] = 0;
    matrix[o + 10] = s[2] * k;
    matrix[o + 11] = 0;
    // Waiting packets are lifted above their spot (as packetPosition does).
    matrix[o + 12] = p[0];
    matrix[o + 13] = p[1] + lift + (path && t < start ? 0.35 : 0);
    matrix[o + 14] = p[2];
    matrix[o + 15] = 1;
    const c = failed ? FAIL_RGB[e.outcome as keyof typeof FAIL_RGB] : LEG_RGB_BY_INDEX[li];
    const dim = queued ? QUEUED_DIM : 1;
    const q = i * 3;
    color[q] = c[0] * dim;
    color[q + 1] = c[1] * dim;
    color[q + 2] = c[2] * dim;
    keys[i] = e;
  }
  keys.length = n;
  return n;
}

/** Cluster span (scene units) at which packets are drawn at their base size: about two or three nodes. */
export const PACKET_BASE_SPAN = 12;

/**
 * How much larger packets are drawn in a larger cluster. The overview camera stands back in proportion
 * to the span, so a packet of fixed size shrinks on screen as 1/span and vanishes at 30 nodes; growing
 * it with √span keeps it visible there without burying the components in a node's close-up.
 */
export function packetScaleForSpan(span: number): number {
  return Math.max(1, Math.sqrt(span / PACKET_BASE_SPAN));
}
