import { useRenderCount } from './renderCount';
import { formatDuration } from '../model/humanTime';
import { LEG_COLOR } from './palette';
import type { RouteView } from './route';

/**
 * On the picture, over the canvas (HTML, so the text is crisp at any size): the hop the drawn request
 * is crossing, with its mean cost, and a running meter of its latency and CPU so far.
 */
export function PathOverlay({ route }: { route: RouteView | null }) {
  useRenderCount('pathOverlay');
  if (!route) return null;
  const c = route.current;
  return (
    <div className="sim-path-overlay" data-testid="path-overlay" aria-live="off">
      <p className="sim-path-hop" data-testid="path-hop">
        {c ? (
          <>
            <span className="sim-path-swatch" style={{ background: LEG_COLOR[c.leg] }} aria-hidden="true" />
            {c.text}
          </>
        ) : route.done ? (
          <>Request #{route.request}: done, the reply is back at its caller</>
        ) : (
          <>Request #{route.request}: between hops</>
        )}
      </p>
      <p className="sim-path-meter" data-testid="path-meter">
        Request #{route.request} {route.done ? 'in all' : 'so far'}: latency{' '}
        <strong>{route.soFar ? formatDuration(route.soFar.latencyUs) : '—'}</strong> · CPU{' '}
        <strong>{route.soFar ? formatDuration(route.soFar.cpuUs) : '—'}</strong>
      </p>
    </div>
  );
}
