import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
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
    a.done === b.done &&
    a.soFar?.latencyUs === b.soFar?.latencyUs &&
    a.soFar?.cpuUs === b.soFar?.cpuUs);

/**
 * The route drawn now, as a small store: it changes up to ten times a second while playing, and only
 * the parts that draw or say it read it (`useRouteView`), so the picture around them does not render
 * again with it.
 */
export interface RouteStore {
  get(): RouteView | null;
  subscribe(listener: () => void): () => void;
}

function createRouteStore(): RouteStore & { set(r: RouteView | null): void } {
  let route: RouteView | null = null;
  const listeners = new Set<() => void>();
  return {
    get: () => route,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(r) {
      if (sameRoute(route, r)) return;
      route = r;
      for (const l of [...listeners]) l();
    },
  };
}

/** No route, ever (a view given no store). */
const NO_ROUTE: RouteStore = { get: () => null, subscribe: () => () => {} };

/** The route now, rendering again when it changes. */
export function useRouteView(store: RouteStore | undefined): RouteView | null {
  const s = store ?? NO_ROUTE;
  return useSyncExternalStore(s.subscribe, s.get, s.get);
}

/** Whether a route is drawn, rendering again only when that changes (labels keep clear of its box). */
export function useRouteShown(store: RouteStore | undefined): boolean {
  const s = store ?? NO_ROUTE;
  const shown = () => s.get() !== null;
  return useSyncExternalStore(s.subscribe, shown, shown);
}

/**
 * The route drawn now, following playback and the buffer: recomputed at most every EVERY_MS while
 * playing (one request's records, never the whole buffer per frame), and at once when paused. The
 * store is the same object for the view's life.
 */
export function useRoute(
  buffer: TraceBuffer,
  actor: PlaybackActor,
  scene: SceneLayout,
  selection: Selection,
): RouteStore {
  const [store] = useState(createRouteStore);
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
      store.set(r.route);
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
  }, [buffer, actor, scene, selection, store]);
  return store;
}
