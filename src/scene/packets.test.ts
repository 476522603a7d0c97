import { describe, expect, it } from 'vitest';
import fanOut from '../../models/presets/fan-out-under-load.json';
import pods400 from '../../models/presets/pods-400.json';
import { overviewView, presetScene } from '../test/sceneScale';
import type { TraceEvent } from '../machines/simulate/buffer';
import { TraceSession } from '../worker/trace/session';
import { computeLayout, type Vec3 } from './layout';
import {
  MIN_PACKET_PX,
  PACKET_BASE_SPAN,
  packetPosition,
  packetScaleForSpan,
  packetState,
  writePackets,
  type PacketScreen,
} from './packets';
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
} from './palette';

const layout = new TraceSession(fanOut, 'sidecar-envoy', 'trace').layout;
const scene = computeLayout(layout);

/** Events on every hop, in every state, at t = 100: queued, part-way, finished, zero service, failed. */
function events(): TraceEvent[] {
  const out: TraceEvent[] = [];
  const kinds: Array<[number, number, number, TraceEvent['outcome']]> = [
    [120, 0, 50, 'forwarded'],
    [90, 20, 40, 'queued'],
    [60, 10, 70, 'forwarded'],
    [80, 0, 10, 'forwarded'],
    [95, 0, 0, 'forwarded'],
    [70, 5, 30, 'dropped'],
    [99, 30, 10, 'timed out'],
    [40, 0, 55, 'retried'],
  ];
  layout.hops.forEach((_, hop) =>
    kinds.forEach(([enter, queueWait, service, outcome], k) => {
      out.push({
        key: `${hop}-${k}`,
        request: k,
        hop,
        enter: enter - 20,
        queueWait,
        service,
        cpu: service,
        leave: enter - 20 + queueWait + service,
        outcome,
      });
    }),
  );
  return out;
}

describe('writePackets', () => {
  it('writes each packet where packetPosition puts it, scaled and coloured by leg and state', () => {
    const list = events();
    const t = 100;
    const lift = 0.6;
    const size = 1.7;
    const matrix = new Float32Array(list.length * 16);
    const color = new Float32Array(list.length * 3);
    const keys: TraceEvent[] = [];
    expect(scene.paths.some((p) => p.length > 2)).toBe(true); // multi-segment paths are covered
    const n = writePackets(list, t, layout.hops, scene, matrix, color, keys, list.length, size, lift);
    expect(n).toBe(list.length);
    const p: Vec3 = [0, 0, 0];
    list.forEach((e, i) => {
      packetPosition(e, t, scene, p);
      const o = i * 16;
      expect(matrix[o + 12]).toBeCloseTo(p[0], 4);
      expect(matrix[o + 13]).toBeCloseTo(p[1] + lift, 4);
      expect(matrix[o + 14]).toBeCloseTo(p[2], 4);
      const state = packetState(e, t);
      const leg = layout.hops[e.hop].leg as Leg;
      const k = size * (state === 'queued' ? QUEUED_SCALE : state === 'service' ? 1 : FAILED_SCALE);
      expect([matrix[o], matrix[o + 5], matrix[o + 10]].map((v) => +v.toFixed(4))).toEqual(
        LEG_SCALE[leg].map((v) => +Math.fround(v * k).toFixed(4)),
      );
      const rgb =
        state === 'service' || state === 'queued' ? hexToRgb(LEG_COLOR[leg]) : hexToRgb(STATE_COLOR[state]);
      const dim = state === 'queued' ? QUEUED_DIM : 1;
      for (let c = 0; c < 3; c++) expect(color[i * 3 + c]).toBeCloseTo(rgb[c] * dim, 5);
      expect(keys[i]).toBe(e);
    });
  });

  it('writes no more than max packets', () => {
    const list = events();
    const keys: TraceEvent[] = [];
    expect(
      writePackets(list, 100, layout.hops, scene, new Float32Array(5 * 16), new Float32Array(5 * 3), keys, 5),
    ).toBe(5);
    expect(keys).toHaveLength(5);
  });
});

describe('packetScaleForSpan', () => {
  it('keeps small clusters at the base size and grows packets with √span, so their size on screen falls only as 1/√span', () => {
    expect(packetScaleForSpan(10.9)).toBe(1); // two nodes
    expect(packetScaleForSpan(PACKET_BASE_SPAN)).toBe(1);
    expect(packetScaleForSpan(4 * PACKET_BASE_SPAN)).toBeCloseTo(2, 12);
    // 30 nodes (span ≈ 55): more than twice the base size, so a packet stays several pixels wide.
    expect(packetScaleForSpan(54.9)).toBeGreaterThan(2.1);
    expect(packetScaleForSpan(54.9)).toBeLessThan(2.2);
  });
});

describe('packets keep a minimum size on screen', () => {
  /** Each packet's shortest side on screen, px, from the written matrices and the camera. */
  function shortestSides(matrix: Float32Array, n: number, v: ReturnType<typeof overviewView>): number[] {
    const out: number[] = [];
    const p: [number, number, number] = [0, 0, 0];
    for (let i = 0; i < n; i++) {
      const o = i * 16;
      const depth = v.project([matrix[o + 12], matrix[o + 13], matrix[o + 14]], p)[2];
      out.push(Math.min(matrix[o], matrix[o + 5], matrix[o + 10]) * v.pxPerUnit(depth));
    }
    return out;
  }

  it.each([
    ['a 1280×800 page', 798, 496],
    ['a side-by-side pane', 390, 260],
  ])('pods-400 from the overview on %s: every packet’s shortest side ≥ MIN_PACKET_PX', (_, w, h) => {
    const s = presetScene('pods-400', 'sidecar-envoy');
    const big = new TraceSession(
      { ...pods400, run: { warmupRequests: 0, measuredRequests: 20 } },
      'sidecar-envoy',
      'trace',
    ).layout;
    const v = overviewView(s, w, h);
    const list: TraceEvent[] = big.hops.map((_, hop) => ({
      key: `${hop}`,
      request: 0,
      hop,
      enter: 0,
      queueWait: 0,
      service: 100,
      leave: 100,
      outcome: 'forwarded',
    })) as TraceEvent[];
    const matrix = new Float32Array(list.length * 16);
    const color = new Float32Array(list.length * 3);
    const size = PACKET_SIZE * packetScaleForSpan(s.bounds.span);
    const cam = v.cam;
    const len = Math.hypot(...cam.target.map((x, i) => x - cam.position[i]));
    const screen: PacketScreen = {
      pos: cam.position,
      fwd: cam.target.map((x, i) => (x - cam.position[i]) / len) as Vec3,
      k: v.pxPerUnit(1),
      minPx: MIN_PACKET_PX,
      minPxDrawn: Infinity,
    };
    // Without the floor, far packets on a small canvas fall below the minimum (the defect)…
    const plain = writePackets(list, 50, big.hops, s, matrix, color, [], list.length, size, 0.6);
    const before = shortestSides(matrix, plain, v);
    if (w < 500) expect(Math.min(...before)).toBeLessThan(MIN_PACKET_PX);
    // …with it, none does, and the probe's figure is the smallest drawn.
    const n = writePackets(list, 50, big.hops, s, matrix, color, [], list.length, size, 0.6, screen);
    const sides = shortestSides(matrix, n, v);
    expect(Math.min(...sides)).toBeGreaterThanOrEqual(MIN_PACKET_PX - 1e-6);
    expect(screen.minPxDrawn).toBeCloseTo(Math.min(...sides), 6);
    // Packets already large enough keep their size.
    before.forEach((b, i) => {
      if (b >= MIN_PACKET_PX) expect(sides[i]).toBeCloseTo(b, 6);
    });
  });
});
