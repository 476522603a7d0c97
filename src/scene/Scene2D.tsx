import { useEffect, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { simUsPerMs } from '../machines/simulate/playback';
import { labelCounts, writeLabels } from './labelDom';
import { placeLabels } from './labelPlacement';
import type { Vec3 } from './layout';
import {
  filterLinks,
  hopLinks,
  LINK_HOLD_MS,
  linkEmphasis,
  markActiveLinks,
  selectedNode,
} from './linkFilter';
import { Nodes2D } from './Nodes2D';
import { EMPHASIS_COLOR, PRESENTATION_LABEL_SIZE, PROTECTION_COLOR } from './palette';
import { redrawOnChange } from './redraw';
import { RouteLines2D } from './RouteLines2D';
import { labelSize, pathOverlayBox } from './sceneLabels';
import type { SceneProps } from './sceneProps';
import { usePackets2D } from './usePackets2D';
import { useRenderCount } from './renderCount';
import { useRouteShown, useRouteView, type RouteStore } from './useRoute';
import { Emphasis2D } from './Emphasis2D';
import { fitScene2d, labels2d, project2d } from './view2d';

export { project2d } from './view2d';

/**
 * The same topology and packets without WebGL: an SVG seen from above, each node's kernel drawn as a
 * band along its front edge, fitted to what is drawn so it stands centred in its box. Packets are a
 * fixed pool of SVG shapes whose attributes are written on each playback change — no React state per
 * frame; labels are placed over it in pixels, as in 3D, so none overlap.
 */

export type Scene2DProps = SceneProps;

/** The SVG's size in CSS pixels, followed as the page resizes (state changes only on a resize). */
function useSize(ref: RefObject<Element | null>): { w: number; h: number } {
  const [size, setSize] = useState({ w: 0, h: 0 });
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const read = () => {
      const r = el.getBoundingClientRect();
      setSize((s) => (s.w === r.width && s.h === r.height ? s : { w: r.width, h: r.height }));
    };
    read();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(read);
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
  return size;
}

/** The route's lines, rendering again with the route (the rest of the view does not). */
function Route2D({ store, scene }: { store: RouteStore | undefined; scene: Scene2DProps['scene'] }) {
  const route = useRouteView(store);
  return route && <RouteLines2D route={route} project={(v) => project2d(scene, v)} />;
}

export function Scene2D(p: Scene2DProps) {
  useRenderCount('scene2d');
  const { scene, layout, onSelect, actor, buffer, probe } = p;
  const svgRef = useRef<SVGSVGElement>(null);
  const overlay = useRef<HTMLDivElement>(null);
  const size = useSize(svgRef);
  const labelScale = p.presentation ? PRESENTATION_LABEL_SIZE : 1;
  const fit = useMemo(
    () =>
      fitScene2d(
        scene,
        size.w,
        size.h,
        labelSize('node', 'node', labelScale).h,
        pathOverlayBox(size.w, size.h, p.presentation).h,
      ),
    [scene, size, labelScale],
  );
  const box = fit.box;
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
  const keys = usePackets2D(p, paths2d, packetLayer, loadLayer, size.w > 0 ? fit.scale : 0);

  // Labels: placed in the SVG's pixels whenever its size or the scene changes.
  const pool = useMemo(() => new Map<string, HTMLElement>(), []);
  const pathShown = useRouteShown(p.routeStore);
  useLayoutEffect(() => {
    const el = overlay.current;
    if (!el || size.w <= 0 || size.h <= 0) return;
    const plan = labels2d(scene, fit, size.w, size.h, labelScale);
    const obstacles = pathShown
      ? [...plan.obstacles, pathOverlayBox(size.w, size.h, p.presentation)]
      : plan.obstacles;
    const placed = placeLabels(plan.requests, { view: plan.view, obstacles, gap: 2 });
    writeLabels(el, pool, plan.labels, placed);
    probe.labels = labelCounts(plan.labels, placed);
  }, [scene, fit, size, labelScale, pool, probe, pathShown]);

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

  const sel = p.selection;
  const selectedPath = sel?.kind === 'event' ? paths2d[sel.event.hop] : null;

  return (
    <>
      <svg
        ref={svgRef}
        viewBox={`${box.x} ${box.y} ${box.w} ${box.h}`}
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
          const n = target.getAttribute('data-node');
          if (n !== null) onSelect({ kind: 'node', index: Number(n) });
        }}
      >
        <g ref={linkLayer} data-testid="links-2d">
          {scene.links.map((l, i) => (
            <line
              key={`${l.a}-${l.b}`}
              data-link={i}
              x1={l.from[0]}
              y1={l.from[2]}
              x2={l.to[0]}
              y2={l.to[2]}
              stroke={PROTECTION_COLOR[l.protection]}
              strokeWidth={0.14}
              strokeDasharray={l.protection === 'plain' ? '0.4 0.3' : undefined}
            >
              <title>{`link node ${l.a} ↔ node ${l.b}: ${l.protection}`}</title>
            </line>
          ))}
        </g>
        <g className={p.emphasis ? 'sim-2d-dimmed' : undefined}>
          <Nodes2D scene={scene} layout={layout} change={p.change} />
        </g>
        {p.emphasis && (
          <Emphasis2D emphasis={p.emphasis} scene={scene} actor={actor} buffer={buffer} probe={probe} />
        )}
        <g ref={loadLayer} />
        <Route2D store={p.routeStore} scene={scene} />
        {selectedPath && (
          <polyline
            points={selectedPath.map((v) => `${v[0]},${v[2]}`).join(' ')}
            fill="none"
            stroke={EMPHASIS_COLOR}
            strokeWidth={0.08}
          />
        )}
        <g ref={packetLayer} />
      </svg>
      <div ref={overlay} className="sim-labels" aria-hidden="true" data-testid="scene-labels" />
    </>
  );
}
