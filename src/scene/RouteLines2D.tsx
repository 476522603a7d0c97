import type { Vec3 } from './layout';
import { LEG_COLOR } from './palette';
import type { RouteView } from './route';

/** Legs of the route, drawn in this order (the response over the request where they share a path). */
const ROUTE_LEGS = ['request', 'handler', 'response'] as const;

/** The 2D view's drawing of the route: a line per segment in its leg's colour, the response dashed. */
export function RouteLines2D({
  route,
  project,
}: {
  route: RouteView;
  /** The 2D view's projection of a scene point (Scene2D's project2d; passed in, so no import cycle). */
  project: (v: Vec3) => [number, number];
}) {
  return (
    <g data-testid="route-2d" data-request={route.request}>
      {ROUTE_LEGS.map((leg) =>
        route.segments[leg].map(([a, b], i) => {
          const [x1, y1] = project(a);
          const [x2, y2] = project(b);
          return (
            <line
              key={`${leg}${i}`}
              data-leg={leg}
              x1={x1}
              y1={y1}
              x2={x2}
              y2={y2}
              stroke={LEG_COLOR[leg]}
              strokeWidth={0.14}
              strokeLinecap="round"
              // Responses dashed: legs told apart without colour too.
              strokeDasharray={leg === 'response' ? '0.3 0.2' : undefined}
            />
          );
        }),
      )}
    </g>
  );
}
