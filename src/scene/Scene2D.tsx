import { useEffect, useMemo, useRef } from 'react';
import { simUsPerMs } from '../machines/simulate/playback';
import type { TraceEvent } from '../machines/simulate/buffer';
import { CELL, KERNEL_Y, POD, pointAlong, type SceneLayout, type Vec3 } from './layout';
import {
  filterLinks,
  hopLinks,
  LINK_HOLD_MS,
  linkEmphasis,
  markActiveLinks,
  selectedNode,
} from './linkFilter';
import { packetState, progress, visiblePackets } from './packets';
import { RouteLines2D } from './RouteLines2D';
import {
  COMPONENT_COLOR,
  FAILED_SCALE,
  HOOK_COLOR,
  HOOK_LABEL,
  LEG_COLOR,
  PACKET_SIZE,
  PRESENTATION_LABEL_SIZE,
  PRESENTATION_PACKET_SIZE,
  PROTECTION_COLOR,
  QUEUE_COLOR,
  QUEUED_SCALE,
  STATE_COLOR,
  UTIL_HIGH,
  UTIL_LOW,
  type Leg,
} from './palette';
import type { SceneProps } from './sceneProps';

/**
 * The same topology and packets without WebGL: an SVG seen from above, each node's kernel drawn as a
 * band along its front edge. Packets are a fixed pool of SVG shapes whose attributes are written on
 * each playback change — no React state per frame.
 */

const KBAND = 1.6;

export type Scene2DProps = SceneProps;

/** Projects a scene point to the drawing: platform points from above; kernel points into the node's kernel band. */
/**
 * Calls `draw` at most once per animation frame after playback or the buffer changes (by reference,
 * no React state); returns the cleanup for an effect.
 */
function redrawOnChange(
  actor: SceneProps['actor'],
  buffer: SceneProps['buffer'],
  draw: () => void,
): () => void {
  let raf = 0;
  const schedule = () => {
    if (!raf)
      raf = requestAnimationFrame(() => {
        raf = 0;
        draw();
      });
  };
  const sub = actor.subscribe(schedule);
  const unsub = buffer.subscribe(schedule);
  return () => {
    sub.unsubscribe();
    unsub();
    if (raf) cancelAnimationFrame(raf);
  };
}

export function project2d(scene: SceneLayout, v: Vec3): [number, number] {
  if (v[1] > KERNEL_Y + 0.5) return [v[0], v[2]];
  for (const n of scene.nodes) {
    const back = n.center[2] - n.depth / 2;
    if (
      Math.abs(v[0] - n.center[0]) <= n.width / 2 + 0.01 &&
      v[2] >= back - 0.01 &&
      v[2] <= back + n.depth + 0.01
    ) {
      const f = (v[2] - back) / n.depth;
      return [v[0], back + n.depth + 0.3 + f * (KBAND - 0.6)];
    }
  }
  return [v[0], v[2]];
}

export function Scene2D(p: Scene2DProps) {
  const { scene, layout, onSelect } = p;
  const { min, max } = scene.bounds;
  const pad = 1;
  const viewBox = `${min[0] - pad} ${min[2] - pad - 0.6} ${max[0] - min[0] + 2 * pad} ${max[2] - min[2] + KBAND + 2 * pad + 0.6}`;
  const paths2d = useMemo(
    () =>
      scene.paths.map((path) =>
        path.map((v) => {
          const [x, y] = project2d(scene, v);
          return [x, 0, y] as Vec3;
        }),
      ),
    [scene],
  );
  const packetLayer = useRef<SVGGElement>(null);
  const linkLayer = useRef<SVGGElement>(null);
  const loadLayer = useRef<SVGGElement>(null);
  const keys = useRef<TraceEvent[]>([]);
  const { actor, buffer, probe, maxPackets, showLoad } = p;
  const size = PACKET_SIZE * (p.presentation ? PRESENTATION_PACKET_SIZE : 1);
  const text = p.presentation ? PRESENTATION_LABEL_SIZE : 1;

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
      r.setAttribute('stroke', '#0b0d12');
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
        const [w, h] = leg === 'request' ? [0.32, 0.5] : leg === 'response' ? [0.5, 0.28] : [0.38, 0.38];
        const k = size * (state === 'queued' ? QUEUED_SCALE : state === 'service' ? 1 : FAILED_SCALE);
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
  }, [actor, buffer, layout, scene, paths2d, maxPackets, probe, showLoad, size]);

  // Which links to draw: rewritten on each playback change (attributes, not React state), like the packets.
  const linkFilter = p.linkFilter ?? 'all';
  const node = selectedNode(p.selection, layout);
  const hopLink = useMemo(() => hopLinks(layout.hops, layout.links), [layout]);
  useEffect(() => {
    const g = linkLayer.current;
    if (!g) return;
    const lines = Array.from(g.children) as SVGElement[];
    const active = new Uint8Array(layout.links.length);
    const shown = new Uint8Array(layout.links.length);
    const draw = () => {
      if (linkFilter === 'traffic') {
        const { t, slowdown } = actor.getSnapshot().context;
        markActiveLinks(buffer, t, LINK_HOLD_MS * simUsPerMs(slowdown), hopLink, active);
      }
      const count = filterLinks(linkFilter, layout.links, active, node, shown);
      const { opacity, width } = linkEmphasis(count);
      lines.forEach((el, i) => {
        const vis = shown[i] ? 'visible' : 'hidden';
        if (el.getAttribute('visibility') !== vis) el.setAttribute('visibility', vis);
        el.setAttribute('stroke-opacity', String(opacity));
        el.setAttribute('stroke-width', String(0.14 * width));
      });
      probe.linksDrawn = count;
      probe.linkFilter = linkFilter;
    };
    draw();
    if (linkFilter !== 'traffic') return;
    return redrawOnChange(actor, buffer, draw);
  }, [actor, buffer, layout, hopLink, linkFilter, node, probe]);

  const appear = (key: string) => (p.change?.appearing.has(key) ? 'sim-2d-appear' : undefined);
  const sel = p.selection;
  const selectedPath = sel?.kind === 'event' ? paths2d[sel.event.hop] : null;
  const hooksAll = scene.nodes.flatMap((n) => n.hooks.map((h) => ({ ...h, node: n.index })));

  return (
    <svg
      viewBox={viewBox}
      role="img"
      aria-label={p.label}
      preserveAspectRatio="xMidYMid meet"
      data-testid="scene-2d"
      onClick={(e) => {
        const target = e.target as Element;
        const idx = target.getAttribute('data-index');
        if (idx !== null) {
          const ev = keys.current[Number(idx)];
          if (ev) onSelect({ kind: 'event', event: ev });
          return;
        }
        const pod = target.getAttribute('data-pod');
        if (pod) return onSelect({ kind: 'pod', id: pod });
        const node = target.getAttribute('data-node');
        if (node !== null) onSelect({ kind: 'node', index: Number(node) });
      }}
    >
      <rect x={min[0] - pad} y={min[2] - pad - 0.6} width="100%" height="100%" fill="#11151c" />
      <g ref={linkLayer} data-testid="links-2d">
        {scene.links.map((l, i) => {
          const [x1, y1] = [l.from[0], l.from[2]];
          const [x2, y2] = [l.to[0], l.to[2]];
          return (
            <line
              key={`${l.a}-${l.b}`}
              data-link={i}
              x1={x1}
              y1={y1}
              x2={x2}
              y2={y2}
              stroke={PROTECTION_COLOR[l.protection]}
              strokeWidth={0.14}
              strokeDasharray={l.protection === 'plain' ? '0.4 0.3' : undefined}
            >
              <title>{`link node ${l.a} ↔ node ${l.b}: ${l.protection}`}</title>
            </line>
          );
        })}
      </g>
      {scene.nodes.map((n) => {
        const x = n.center[0] - n.width / 2;
        const y = n.center[2] - n.depth / 2;
        return (
          <g key={n.index}>
            <rect
              x={x}
              y={y}
              width={n.width}
              height={n.depth}
              fill={COMPONENT_COLOR.platform}
              stroke="#8894a6"
              strokeWidth={0.05}
              data-node={n.index}
            />
            <rect
              x={x}
              y={y + n.depth + 0.1}
              width={n.width}
              height={KBAND}
              fill={COMPONENT_COLOR.kernel}
              data-node={n.index}
            />
            {/* Node labels grow with the cluster (as in 3D) so they stay legible when the drawing is scaled to fit. */}
            <text
              x={x + 0.2}
              y={y + 0.9 * Math.max(0.45, 0.6 * n.label.height) * text}
              fontSize={Math.max(0.45, 0.6 * n.label.height) * text}
              fill="#f0f3f7"
            >
              node {n.index}
            </text>
            {!scene.compact && (
              <text x={x + 0.2} y={y + n.depth + KBAND - 0.15} fontSize={0.34 * text} fill="#f0f3f7">
                kernel
              </text>
            )}
            <rect
              x={n.nic[0] - 0.4}
              y={n.nic[2] - 0.15}
              width={0.8}
              height={0.3}
              fill={COMPONENT_COLOR.nic}
            />
            {n.proxy && (
              <rect
                x={n.proxy[0] - 0.9}
                y={n.proxy[2] - 0.45}
                width={1.8}
                height={0.9}
                fill={COMPONENT_COLOR.nodeproxy}
                data-node={n.index}
                className={appear(`nodeproxy:${n.index}`)}
              >
                <title>{`${layout.architecture.nodeproxy ?? 'node proxy'} on node ${n.index}`}</title>
              </rect>
            )}
          </g>
        );
      })}
      {hooksAll.map((h, i) => (
        <rect
          key={i}
          x={h.at[0] - 0.35}
          y={scene.nodes[h.node].center[2] + scene.nodes[h.node].depth / 2 + 0.25}
          width={0.7}
          height={0.3}
          fill={HOOK_COLOR[h.kind]}
          data-node={h.node}
          className={appear(`hook:${h.node}:${h.kind}`)}
        >
          <title>{HOOK_LABEL[h.kind]}</title>
        </rect>
      ))}
      {scene.pods.map((pd) => (
        <g key={pd.id}>
          <rect
            x={pd.center[0] - POD / 2}
            y={pd.center[2] - POD / 2}
            width={POD}
            height={POD}
            fill={pd.role === 'loadgen' ? COMPONENT_COLOR.loadgen : COMPONENT_COLOR.pod}
            fillOpacity={0.55}
            data-pod={pd.id}
          />
          {pd.app && (
            <rect
              x={pd.app[0] - 0.35}
              y={pd.app[2] - 0.35}
              width={0.7}
              height={0.7}
              fill={COMPONENT_COLOR.app}
              data-pod={pd.id}
            />
          )}
          {pd.sidecar && (
            <rect
              x={pd.sidecar[0] - 0.25}
              y={pd.sidecar[2] - 0.25}
              width={0.5}
              height={0.5}
              fill={COMPONENT_COLOR.sidecar}
              data-pod={pd.id}
              className={appear(`sidecar:${pd.id}`)}
            />
          )}
          {pd.library && (
            <rect
              x={pd.library[0] - 0.15}
              y={pd.library[2] - 0.6}
              width={0.3}
              height={0.3}
              fill={COMPONENT_COLOR.library}
              data-pod={pd.id}
              className={appear(`library:${pd.id}`)}
            />
          )}
          {pd.proxy && (
            <rect
              x={pd.proxy[0] - 0.45}
              y={pd.proxy[2] - 0.45}
              width={0.9}
              height={0.9}
              fill={COMPONENT_COLOR.waypoint}
              data-pod={pd.id}
              className={appear(`waypoint:${pd.id}`)}
            />
          )}
          {scene.pods.length <= 8 && (
            <text
              x={pd.center[0] - POD / 2 + 0.05}
              y={pd.center[2] + POD / 2 - 0.1}
              fontSize={Math.min(0.3, CELL / 8) * text}
              fill="#f0f3f7"
            >
              {pd.id}
            </text>
          )}
        </g>
      ))}
      {p.change?.vanishing.map((v) => {
        const node = scene.nodes[v.node];
        const y =
          v.kind === 'hook' && node ? node.center[2] + node.depth / 2 + 0.25 + v.size[1] / 2 : v.pos[2];
        return (
          <rect
            key={`gone-${v.key}`}
            className="sim-2d-vanish"
            data-gone={v.kind}
            x={v.pos[0] - v.size[0] / 2}
            y={y - (v.kind === 'hook' ? v.size[1] : v.size[2]) / 2}
            width={v.size[0]}
            height={v.kind === 'hook' ? v.size[1] : v.size[2]}
            fill={v.kind === 'hook' ? (v.hook ? HOOK_COLOR[v.hook] : '#ffffff') : COMPONENT_COLOR[v.kind]}
          />
        );
      })}
      <g ref={loadLayer} />
      {p.route && <RouteLines2D route={p.route} project={(v) => project2d(scene, v)} />}
      {selectedPath && (
        <polyline
          points={selectedPath.map((v) => `${v[0]},${v[2]}`).join(' ')}
          fill="none"
          stroke="#ffe14d"
          strokeWidth={0.08}
        />
      )}
      <g ref={packetLayer} />
    </svg>
  );
}
