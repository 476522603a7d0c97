import { useEffect, useRef, type RefObject } from 'react';
import { simUsPerMs } from '../machines/simulate/playback';
import type { TraceEvent } from '../machines/simulate/buffer';
import { pointAlong, type Vec3 } from './layout';
import { MIN_PACKET_PX, packetState, progress, visiblePackets } from './packets';
import {
  FAILED_SCALE,
  LEG_COLOR,
  PACKET_SIZE,
  PRESENTATION_PACKET_SIZE,
  QUEUE_COLOR,
  QUEUED_SCALE,
  STATE_COLOR,
  UTIL_HIGH,
  UTIL_LOW,
  type Leg,
  PACKET_EDGE,
} from './palette';
import { redrawOnChange } from './redraw';
import type { SceneProps } from './sceneProps';
import { project2d } from './view2d';

/** Packet rectangles by leg, drawing units (w, h): requests upright, responses wide, handler work square. */
const SHAPE: Record<Leg, [number, number]> = {
  request: [0.32, 0.5],
  response: [0.5, 0.28],
  handler: [0.38, 0.38],
};

/**
 * The 2D view's moving parts: packets as a fixed pool of SVG rectangles and the load view's bars,
 * their attributes written on each playback change — no React state per frame. `pxPerUnit` is the
 * drawing's current scale, so a packet's shortest side stays MIN_PACKET_PX on screen.
 */
export function usePackets2D(
  p: SceneProps,
  paths2d: Vec3[][],
  packetLayer: RefObject<SVGGElement | null>,
  loadLayer: RefObject<SVGGElement | null>,
  pxPerUnit: number,
): RefObject<TraceEvent[]> {
  const keys = useRef<TraceEvent[]>([]);
  const { actor, buffer, probe, maxPackets, showLoad, layout, scene } = p;
  const size = PACKET_SIZE * (p.presentation ? PRESENTATION_PACKET_SIZE : 1);
  useEffect(() => {
    const g = packetLayer.current;
    if (!g) return;
    const NS = 'http://www.w3.org/2000/svg';
    g.replaceChildren();
    const shapes: SVGRectElement[] = [];
    for (let i = 0; i < maxPackets; i++) {
      const r = document.createElementNS(NS, 'rect');
      r.setAttribute('visibility', 'hidden');
      r.setAttribute('data-index', String(i));
      r.setAttribute('stroke', PACKET_EDGE);
      r.setAttribute('stroke-width', '0.04');
      g.appendChild(r);
      shapes.push(r);
    }
    const bars: SVGRectElement[] = [];
    const lg = loadLayer.current;
    if (lg) {
      lg.replaceChildren();
      for (let i = 0; i < layout.stations.length * 2; i++) {
        const r = document.createElementNS(NS, 'rect');
        r.setAttribute('width', '0.25');
        lg.appendChild(r);
        bars.push(r);
      }
    }
    const list: TraceEvent[] = [];
    const scratch: TraceEvent[] = [];
    const pt: Vec3 = [0, 0, 0];
    const draw = () => {
      const started = performance.now();
      const { t, slowdown } = actor.getSnapshot().context;
      visiblePackets(buffer, t, 400 * simUsPerMs(slowdown), list, scratch);
      const n = Math.min(list.length, maxPackets);
      keys.current = list.slice(0, n);
      let minPx = Infinity;
      for (let i = 0; i < maxPackets; i++) {
        const r = shapes[i];
        if (i >= n) {
          if (r.getAttribute('visibility') !== 'hidden') r.setAttribute('visibility', 'hidden');
          continue;
        }
        const e = list[i];
        const leg = (layout.hops[e.hop]?.leg ?? 'request') as Leg;
        const state = packetState(e, t);
        pointAlong(paths2d[e.hop] ?? [[0, 0, 0]], progress(e, t), pt);
        const [w, h] = SHAPE[leg] ?? SHAPE.request;
        let k = size * (state === 'queued' ? QUEUED_SCALE : state === 'service' ? 1 : FAILED_SCALE);
        if (pxPerUnit > 0) {
          k = Math.max(k, MIN_PACKET_PX / (Math.min(w, h) * pxPerUnit));
          minPx = Math.min(minPx, Math.min(w, h) * k * pxPerUnit);
        }
        const y = pt[2] - (state === 'queued' ? 0.35 : 0);
        r.setAttribute('x', String(pt[0] - (w * k) / 2));
        r.setAttribute('y', String(y - (h * k) / 2));
        r.setAttribute('width', String(w * k));
        r.setAttribute('height', String(h * k));
        r.setAttribute(
          'fill',
          state === 'service' || state === 'queued' ? LEG_COLOR[leg] : STATE_COLOR[state],
        );
        r.setAttribute('fill-opacity', state === 'queued' ? '0.5' : '1');
        r.setAttribute('visibility', 'visible');
      }
      probe.packets = n;
      probe.packetMinPx = n > 0 && Number.isFinite(minPx) ? minPx : null;
      probe.frames++;
      probe.updates++;
      probe.updateMs += performance.now() - started;
      if (showLoad && bars.length) {
        const mean = buffer.meanBusy(t, 1000 * simUsPerMs(slowdown));
        const now = buffer.sampleAt(t);
        layout.stations.forEach((s, i) => {
          const [x, y] = project2d(scene, scene.stationAt[i]);
          const f = mean ? Math.min(1, mean[i] / s.servers) : 0;
          const uh = 0.05 + 1.2 * f;
          const u = bars[2 * i];
          u.setAttribute('x', String(x - 0.13));
          u.setAttribute('y', String(y - uh));
          u.setAttribute('height', String(uh));
          u.setAttribute('fill', f > 0.75 ? UTIL_HIGH : UTIL_LOW);
          const q = now ? now.queue[i] : 0;
          const qh = q > 0 ? 0.35 * Math.log2(1 + q) : 0;
          const qb = bars[2 * i + 1];
          qb.setAttribute('x', String(x + 0.15));
          qb.setAttribute('y', String(y - qh));
          qb.setAttribute('height', String(qh));
          qb.setAttribute('fill', QUEUE_COLOR);
        });
      }
    };
    draw();
    return redrawOnChange(actor, buffer, draw);
  }, [
    actor,
    buffer,
    layout,
    scene,
    paths2d,
    maxPackets,
    probe,
    showLoad,
    size,
    pxPerUnit,
    packetLayer,
    loadLayer,
  ]);
  return keys;
}
