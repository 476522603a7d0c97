import type { TraceBuffer, TraceEvent } from '../machines/trace/buffer';
import type { LayoutHop } from '../worker/trace/protocol';
import { pointAlong, type SceneLayout, type Vec3 } from './layout';
import {
  FAILED_SCALE, hexToRgb, LEG_COLOR, LEG_SCALE, PACKET_SIZE, QUEUED_DIM, QUEUED_SCALE, STATE_COLOR, type Leg, type PacketState,
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
    out[0] = 0; out[1] = 0; out[2] = 0;
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
export function visiblePackets(buffer: TraceBuffer, t: number, flashUs: number, out: TraceEvent[], scratch: TraceEvent[] = []): TraceEvent[] {
  buffer.inFlight(t, out);
  if (flashUs > 0) {
    scratch.length = 0;
    const events = buffer.events;
    let i = buffer.countUpTo(t) - 1;
    const from = t - buffer.maxDuration - flashUs;
    for (; i >= 0; i--) {
      const e = events[i];
      if (e.enter < from) break;
      if (e.outcome !== 'forwarded' && e.outcome !== 'queued' && e.leave <= t && e.leave > t - flashUs && !(e.leave === e.enter && e.enter === t))
        scratch.push(e);
    }
    for (let k = scratch.length - 1; k >= 0; k--) out.push(scratch[k]);
  }
  return out;
}

/**
 * Writes position (x, y, z), scale (sx, sy, sz, times `size`) (sx, sy, sz) and colour (r, g, b) of up to `max` packets into
 * `pos`, `scale` and `color` (3 floats each), and the event of each into `keys`. Returns the count.
 */
export function writePackets(
  packets: readonly TraceEvent[], t: number, hops: readonly LayoutHop[], scene: SceneLayout,
  pos: Float32Array, scale: Float32Array, color: Float32Array, keys: TraceEvent[], max: number, size = PACKET_SIZE,
): number {
  const n = Math.min(packets.length, max);
  const p: Vec3 = [0, 0, 0];
  for (let i = 0; i < n; i++) {
    const e = packets[i];
    const leg = (hops[e.hop]?.leg ?? 'request') as Leg;
    const state = packetState(e, t);
    packetPosition(e, t, scene, p);
    const o = i * 3;
    pos[o] = p[0]; pos[o + 1] = p[1]; pos[o + 2] = p[2];
    const s = LEG_SCALE[leg];
    const k = size * (state === 'queued' ? QUEUED_SCALE : state === 'service' ? 1 : FAILED_SCALE);
    scale[o] = s[0] * k; scale[o + 1] = s[1] * k; scale[o + 2] = s[2] * k;
    const c = state === 'service' || state === 'queued' ? LEG_RGB[leg] : FAIL_RGB[state];
    const dim = state === 'queued' ? QUEUED_DIM : 1;
    color[o] = c[0] * dim; color[o + 1] = c[1] * dim; color[o + 2] = c[2] * dim;
    keys[i] = e;
  }
  keys.length = n;
  return n;
}
