import { useCallback, useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { PlaybackActor } from '../machines/simulate/playback';
import type { LayoutHop } from '../worker/trace/protocol';
import { narrate, narrationOf, NARRATION_START, type NarrationInput } from './narration';
import type { RouteView } from './route';

/** Whether playback is running, re-read only when the actor changes state. */
function usePlaying(actor: PlaybackActor): boolean {
  const subscribe = useCallback(
    (cb: () => void) => {
      const s = actor.subscribe(cb);
      return () => s.unsubscribe();
    },
    [actor],
  );
  return useSyncExternalStore(subscribe, () => actor.getSnapshot().matches('playing'));
}

/**
 * The sentence in the live region: the throttle (`narration.ts`) fed with the route and the wall
 * clock. Off, it says nothing and forgets what it said, so turning it on again speaks at once.
 */
export function useNarration(
  route: RouteView | null,
  hops: readonly LayoutHop[],
  actor: PlaybackActor,
  enabled: boolean,
): string {
  const playing = usePlaying(actor);
  const [said, setSaid] = useState('');
  const state = useRef(NARRATION_START);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const apply = useCallback((input: NarrationInput) => {
    const r = narrate(state.current, input);
    state.current = r.state;
    if (r.say !== null) setSaid(r.say);
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
    if (r.wakeAt !== null)
      timer.current = setTimeout(
        () => apply({ type: 'wake', now: performance.now() }),
        Math.max(0, r.wakeAt - performance.now()),
      );
  }, []);

  useEffect(() => {
    if (!enabled) {
      if (timer.current !== null) clearTimeout(timer.current);
      timer.current = null;
      state.current = NARRATION_START;
      setSaid('');
      return;
    }
    const n = narrationOf(route, hops);
    if (n) apply({ type: 'hop', narration: n, now: performance.now(), immediate: !playing });
  }, [route, hops, playing, enabled, apply]);

  // The window runs from when a sentence reaches the live region, not from when it was chosen: on a busy
  // page the render between the two can take tens of milliseconds, and a listener hears the region.
  useLayoutEffect(() => {
    if (said !== '') state.current = { ...state.current, lastAt: performance.now() };
  }, [said]);

  useEffect(
    () => () => {
      if (timer.current !== null) clearTimeout(timer.current);
    },
    [],
  );
  return said;
}

/**
 * The narration switch and the polite live region it speaks through (visually hidden: the overlay
 * already shows the same words on the picture).
 */
export function Narrator(props: {
  route: RouteView | null;
  hops: readonly LayoutHop[];
  actor: PlaybackActor;
  enabled: boolean;
  onEnabled: (on: boolean) => void;
}) {
  const said = useNarration(props.route, props.hops, props.actor, props.enabled);
  return (
    <>
      <label className="sim-narrate">
        <input
          type="checkbox"
          checked={props.enabled}
          onChange={(e) => props.onEnabled(e.target.checked)}
          data-testid="narrate"
        />{' '}
        Narrate for screen readers
      </label>
      <p className="sr-only" role="status" aria-live="polite" data-testid="narration">
        {said}
      </p>
    </>
  );
}
