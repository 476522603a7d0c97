import type { Emphasis } from './emphasis';
import type { SceneLayout } from './layout';
import { EMPHASIS_COLOR } from './palette';
import { project2d } from './view2d';

/**
 * The 2D view's highlight: an outline and a light glow on each named component, the matching hops'
 * paths and the links as bright lines. Drawn over the dimmed topology (see `.sim-2d-dimmed`).
 */
export function Emphasis2D({ emphasis, scene }: { emphasis: Emphasis; scene: SceneLayout }) {
  return (
    <g data-testid="emphasis-2d" pointerEvents="none">
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
