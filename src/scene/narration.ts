import { formatDuration } from '../model/humanTime';
import type { LayoutHop } from '../worker/trace/protocol';
import type { RouteView } from './route';

/**
 * What a screen reader hears about the followed request: one sentence per hop, and a throttle so a
 * playing simulation does not talk over itself. Pure (time comes in as an argument), so the rules are
 * unit-tested with a fake clock; `useNarration` feeds it the route and the wall clock.
 */

/** Wall time between two announcements while playing, ms: about what a screen reader needs to say one. */
export const NARRATION_WINDOW_MS = 2000;

export interface Narration {
  /** Same key, same hop of the same request: not said again. */
  key: string;
  text: string;
}

const LEG_WORDS = { request: 'request leg', response: 'response leg', handler: 'server handler' } as const;

/** "node 0", or "node 0 to node 1" for the wire between them. */
const whereOf = (h: LayoutHop) => (h.wire ? `node ${h.wire[0]} to node ${h.wire[1]}` : `node ${h.node}`);

/**
 * The sentence for the route at one moment: "Request 3, request leg: Envoy L7 (HTTP filters) on node 0 —
 * HTTP parse, route, 40 µs (derived); 5 of 41 hops, 210 µs so far." The cost is the hop's mean at the
 * scenario's profile, as the overlay shows it, with its standing (measured, derived or estimate) so
 * the number is never heard without where it comes from. Null when no request is followed.
 */
export function narrationOf(route: RouteView | null, hops: readonly LayoutHop[]): Narration | null {
  if (!route) return null;
  const soFar = route.soFar ? `, ${formatDuration(route.soFar.latencyUs)} so far` : '';
  const c = route.current;
  const h = c ? hops[c.hop] : undefined;
  if (!c || !h) {
    if (route.done)
      return {
        key: `${route.request}:done`,
        text: `Request ${route.request}: done, the reply is back at its caller${
          route.soFar ? `; ${formatDuration(route.soFar.latencyUs)} in all` : ''
        }.`,
      };
    return {
      key: `${route.request}:-`,
      text: `Request ${route.request}: between hops${soFar}.`,
    };
  }
  return {
    key: `${route.request}:${c.hop}`,
    text:
      `Request ${route.request}, ${LEG_WORDS[c.leg]}: ${h.name} on ${whereOf(h)} — ${h.label}, ` +
      `${formatDuration(h.onPathUs)} (${h.standing}); ${c.position} of ${route.hops} hops${soFar}.`,
  };
}

export interface NarrationState {
  /** Key of the last sentence said (null: nothing yet). */
  lastKey: string | null;
  /** Wall time it was said, ms. */
  lastAt: number;
  /** The newest sentence held back by the window, said when it ends. */
  pending: Narration | null;
}

export const NARRATION_START: NarrationState = { lastKey: null, lastAt: -Infinity, pending: null };

export type NarrationInput =
  /** The followed request's hop, at wall time `now`; `immediate` when paused or stepped by hand. */
  | { type: 'hop'; narration: Narration; now: number; immediate: boolean }
  /** The wake-up asked for by an earlier step. */
  | { type: 'wake'; now: number };

export interface NarrationStep {
  state: NarrationState;
  /** What to put in the live region now (null: leave it). */
  say: string | null;
  /** Wall time at which to send `wake` (null: no wake-up needed). */
  wakeAt: number | null;
}

/**
 * One step of the throttle. A hop already said is not said again. Paused or stepped, a new hop is
 * said at once. Playing, at most one sentence per window: a hop inside the window is held, replaced
 * by any newer one, and the newest is said when the window ends (so the last hop reached is heard,
 * not a stale one).
 */
export function narrate(
  s: NarrationState,
  input: NarrationInput,
  windowMs = NARRATION_WINDOW_MS,
): NarrationStep {
  const next = s.lastAt + windowMs;
  if (input.type === 'wake') {
    if (!s.pending) return { state: s, say: null, wakeAt: null };
    if (input.now < next) return { state: s, say: null, wakeAt: next };
    return {
      state: { lastKey: s.pending.key, lastAt: input.now, pending: null },
      say: s.pending.text,
      wakeAt: null,
    };
  }
  const n = input.narration;
  if (n.key === s.lastKey) return { state: { ...s, pending: null }, say: null, wakeAt: null };
  if (input.immediate || input.now >= next)
    return { state: { lastKey: n.key, lastAt: input.now, pending: null }, say: n.text, wakeAt: null };
  return { state: { ...s, pending: n }, say: null, wakeAt: next };
}
