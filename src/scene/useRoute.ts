import { useEffect, useRef, useState } from 'react';
import type { PlaybackActor } from '../machines/simulate/playback';
import type { TraceBuffer, TraceEvent } from '../machines/simulate/buffer';
import type { Selection } from '../machines/simulate/selection';
import type { SceneLayout } from './layout';
import { routeAt, type RouteView } from './route';

/** How often the route and its meter are recomputed while playing, ms: text that reads, not flickers. */
const EVERY_MS = 100;

const sameRoute = (a: RouteView | null, b: RouteView | null) =>
  a === b ||
  (!!a &&
    !!b &&
    a.request === b.request &&
    a.points === b.points &&
    a.hops === b.hops &&
    a.current?.hop === b.current?.hop &&
    a.soFar?.latencyUs === b.soFar?.latencyUs &&
    a.soFar?.cpuUs === b.soFar?.cpuUs);

/**
 * The route drawn now, following playback and the buffer: recomputed at most every EVERY_MS while
 * playing (one request's records, never the whole buffer per frame), and at once when paused.
 */
export function useRoute(
  buffer: TraceBuffer,
  actor: PlaybackActor,
  scene: SceneLayout,
  selection: Selection,
): RouteView | null {
  const [route, setRoute] = useState<RouteView | null>(null);
  const held = useRef<{ request: number; start: number; end: number } | null>(null);
  useEffect(() => {
    const scratch: TraceEvent[] = [];
    let timer: ReturnType<typeof setTimeout> | null = null;
    let last = 0;
    let live = true;
    const compute = () => {
      timer = null;
      if (!live) return;
      last = performance.now();
      const r = routeAt(buffer, scene, selection, actor.getSnapshot().context.t, held.current, scratch);
      held.current = r.held;
      setRoute((prev) => (sameRoute(prev, r.route) ? prev : r.route));
    };
    const schedule = () => {
      if (timer !== null) return;
      const playing = actor.getSnapshot().matches('playing');
      const wait = playing ? Math.max(0, EVERY_MS - (performance.now() - last)) : 0;
      timer = setTimeout(compute, wait);
    };
    compute();
    const sub = actor.subscribe(schedule);
    const unsub = buffer.subscribe(schedule);
    return () => {
      live = false;
      if (timer !== null) clearTimeout(timer);
      sub.unsubscribe();
      unsub();
    };
  }, [buffer, actor, scene, selection]);
  return route;
}
