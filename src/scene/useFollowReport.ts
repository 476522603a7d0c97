import { useEffect } from 'react';
import type { TraceBuffer, TraceEvent } from '../machines/simulate/buffer';
import type { PlaybackActor } from '../machines/simulate/playback';
import { followedRecord } from './route';
import type { RouteStore } from './useRoute';

/**
 * While the camera follows a request nobody picked, tells the page which record of it to inspect: the
 * route's request (the one the camera and the path overlay follow), at the hop it is crossing — per
 * request while playing (per hop would re-render the inspector every frame), per hop while paused or
 * stepping. Tells null when following stops.
 */
export function useFollowReport(
  onFollow: ((event: TraceEvent | null) => void) | undefined,
  following: boolean,
  routes: RouteStore,
  buffer: TraceBuffer,
  actor: PlaybackActor,
): void {
  useEffect(() => {
    if (!onFollow || !following) return;
    let shown: TraceEvent | null = null;
    const put = () => {
      const route = routes.get();
      if (!route) return;
      const playing = actor.getSnapshot().matches('playing');
      if (playing && shown?.request === route.request) return;
      const next = followedRecord(buffer.requestEvents(route.request), actor.getSnapshot().context.t, shown);
      if (next && next.key !== shown?.key) onFollow((shown = next));
    };
    put();
    const unsub = routes.subscribe(put);
    return () => {
      unsub();
      onFollow(null);
    };
  }, [onFollow, following, routes, buffer, actor]);
}
