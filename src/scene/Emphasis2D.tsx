import { useEffect, useRef } from 'react';
import type { TraceEvent } from '../machines/simulate/buffer';
import type { Emphasis } from './emphasis';
import type { SceneLayout, Vec3 } from './layout';
import { packetPosition } from './packets';
import { EMPHASIS_COLOR } from './palette';
import { redrawOnChange } from './redraw';
import type { SceneProps } from './sceneProps';
import { project2d } from './view2d';

/**
 * The 2D view's highlight: an outline and a light glow on each named component, the matching hops'
 * paths and the links as bright lines, and a ring on the named packet while it is in flight (moved
 * by reference on playback changes, as the packets are). Drawn over the dimmed topology (see
 * `.sim-2d-dimmed`).
 */
export function Emphasis2D({
  emphasis,
  scene,
  actor,
  buffer,
  probe,
}: { emphasis: Emphasis; scene: SceneLayout } & Pick<SceneProps, 'actor' | 'buffer' | 'probe'>) {
  const ring = useRef<SVGCircleElement>(null);
  useEffect(() => {
    const el = ring.current;
    if (!el || emphasis.packet === null) return;
    const list: TraceEvent[] = [];
    const at: Vec3 = [0, 0, 0];
    const draw = () => {
      const t = actor.getSnapshot().context.t;
      const e = buffer.inFlight(t, list).find((x) => x.request === emphasis.packet);
      if (e) {
        const [x, y] = project2d(scene, packetPosition(e, t, scene, at));
        el.setAttribute('cx', String(x));
        el.setAttribute('cy', String(y));
      }
      el.setAttribute('visibility', e ? 'visible' : 'hidden');
      probe.highlight.packetShown = !!e;
    };
    draw();
    return redrawOnChange(actor, buffer, draw);
  }, [emphasis, scene, actor, buffer, probe]);
  return (
    <g data-testid="emphasis-2d" pointerEvents="none">
      {emphasis.packet !== null && (
        <circle
          ref={ring}
          data-testid="emphasis-packet"
          r={0.5}
          fill="none"
          stroke={EMPHASIS_COLOR}
          strokeWidth={0.1}
          visibility="hidden"
        />
      )}
      {emphasis.links.map((i) => {
        const l = scene.links[i];
        return (
          <line
            key={`link-${i}`}
            x1={l.from[0]}
            y1={l.from[2]}
            x2={l.to[0]}
            y2={l.to[2]}
            stroke={EMPHASIS_COLOR}
            strokeWidth={0.2}
          />
        );
      })}
      {emphasis.hops.map((h) => (
        <polyline
          key={`hop-${h}`}
          data-hop={h}
          points={scene.paths[h].map((v) => project2d(scene, v).join(',')).join(' ')}
          fill="none"
          stroke={EMPHASIS_COLOR}
          strokeWidth={0.12}
        />
      ))}
      {emphasis.marks.map((m) => (
        <rect
          key={m.key}
          data-mark={m.key}
          x={m.rect.x - 0.12}
          y={m.rect.y - 0.12}
          width={m.rect.w + 0.24}
          height={m.rect.h + 0.24}
          fill={EMPHASIS_COLOR}
          fillOpacity={0.3}
          stroke={EMPHASIS_COLOR}
          strokeWidth={0.1}
        />
      ))}
    </g>
  );
}
