import {
  assign,
  emit,
  enqueueActions,
  fromCallback,
  setup,
  type ActorRefFrom,
  type AnyActorRef,
  type SnapshotFrom,
} from 'xstate';

import { screenMs, simUs, type ScreenMs, type SimUs } from '../../model/ids';
/**
 * Playback of a simulated run: play, pause, step to the next event, step back, seek, restart and
 * speed. Simulated time `t` (µs) moves at `1 / slowdown` of real time while playing; real time comes
 * in as TICK events from an injected `ticker` actor (requestAnimationFrame in the page, a simulated
 * clock in tests), so the machine never reads a wall clock. What happens when is answered by an
 * injected timeline (the page's trace buffer); when the answer lies outside what the page holds, the
 * machine emits `needHistory` and waits for DATA — the page then replays in the worker.
 */

/** The questions playback asks about the run. */
export interface Timeline {
  /** Every record overlapping [?, coveredUntil) is held: playback may not run past it. */
  coveredUntil(): number;
  nextEventAfter(t: number): number | null;
  prevEventBefore(t: number): number | 'unknown' | null;
  idleAt(t: number): boolean;
  /** When the run ends, µs. */
  endTime(): number;
}

/** Slow-down factors offered (real seconds per simulated second), slowest first. */
export const SLOWDOWNS = [
  1_000_000, 300_000, 100_000, 30_000, 10_000, 3_000, 1_000, 300, 100, 30, 10, 3, 1,
] as const;
/** An idle stretch longer than this much real time is skipped while playing (when skipping is on). */
export const IDLE_SKIP_MS = 1_500;
/** …landing this much real time before the next event, so the viewer sees it coming. */
export const IDLE_LEAD_MS = 300;

/** Simulated µs per real millisecond at a slow-down factor. */
export const simUsPerMs = (slowdown: number) => 1000 / slowdown;

/** The one conversion from time on screen to simulated time, at a slow-down factor. */
export const screenToSim = (ms: ScreenMs, slowdown: number): SimUs => simUs(ms * simUsPerMs(slowdown));

export function nextSlowdown(current: number, dir: 'faster' | 'slower'): number {
  const list: readonly number[] = SLOWDOWNS;
  if (dir === 'faster') return list.find((s) => s < current) ?? list[list.length - 1];
  for (let i = list.length - 1; i >= 0; i--) if (list[i] > current) return list[i];
  return list[0];
}

export interface Advance {
  t: SimUs;
  /** An idle stretch jumped over, if any. */
  skipped: { from: number; to: number } | null;
  /** Held back by the data the page holds (waiting for the worker). */
  stalled: boolean;
  ended: boolean;
}

/** Where the clock goes after `dtMs` of real time: pure, so tests can check every rule. */
export function advanceClock(
  t: SimUs,
  dtMs: ScreenMs,
  slowdown: number,
  skipIdle: boolean,
  tl: Timeline,
): Advance {
  const rate = simUsPerMs(slowdown);
  const end = simUs(tl.endTime());
  let target = simUs(t + screenToSim(screenMs(Math.max(0, dtMs)), slowdown));
  let skipped: Advance['skipped'] = null;
  if (skipIdle && tl.idleAt(t)) {
    const next = tl.nextEventAfter(t);
    if (next !== null && next - t > IDLE_SKIP_MS * rate) {
      const to = simUs(next - IDLE_LEAD_MS * rate);
      if (to > target) {
        skipped = { from: t, to };
        target = to;
      }
    }
  }
  const cover = tl.coveredUntil();
  let stalled = false;
  if (target > cover && cover < end) {
    target = simUs(Math.max(t, cover));
    stalled = true;
  }
  if (target >= end) return { t: end, skipped, stalled: false, ended: true };
  return { t: target, skipped, stalled, ended: false };
}

export interface PlaybackContext {
  t: SimUs;
  slowdown: number;
  skipIdle: boolean;
  timeline: Timeline;
  /** The last idle stretch skipped while playing (shown to the viewer), if any. */
  lastSkip: { from: number; to: number } | null;
  /** Idle time skipped while playing since the last restart or seek, µs. */
  skippedTotal: number;
  stalled: boolean;
  /** A step forward or back is waiting for data. */
  pending: 'step' | 'back' | null;
}

export interface PlaybackInput {
  timeline: Timeline;
  t?: number;
  slowdown?: number;
  skipIdle?: boolean;
}

export type PlaybackEvent =
  | { type: 'PLAY' }
  | { type: 'PAUSE' }
  | { type: 'TOGGLE' }
  | { type: 'TICK'; dtMs: ScreenMs }
  | { type: 'STEP' }
  | { type: 'STEP_BACK' }
  | { type: 'SEEK'; t: number }
  | { type: 'RESTART' }
  | { type: 'SET_SLOWDOWN'; slowdown: number }
  | { type: 'FASTER' }
  | { type: 'SLOWER' }
  | { type: 'SET_SKIP_IDLE'; on: boolean }
  | { type: 'DATA' };

export type PlaybackEmitted = { type: 'needHistory'; before: number } | { type: 'seeked'; t: number };

const clampTime = (t: number, tl: Timeline): SimUs =>
  simUs(Math.min(Math.max(0, Number.isFinite(t) ? t : 0), tl.endTime()));

/** The result of a step forward from t: the next event, or a reason to wait. */
export function stepForward(t: number, tl: Timeline): { t: number } | 'wait' | 'end' {
  const next = tl.nextEventAfter(t);
  if (next !== null) return { t: Math.min(next, tl.endTime()) };
  if (t >= tl.endTime()) return 'end';
  const cover = tl.coveredUntil();
  return cover >= tl.endTime() ? { t: tl.endTime() } : 'wait';
}

export const playbackMachine = setup({
  types: {
    context: {} as PlaybackContext,
    events: {} as PlaybackEvent,
    input: {} as PlaybackInput,
    emitted: {} as PlaybackEmitted,
  },
  actors: {
    /** Sends TICK { dtMs } while playing. Provided by the host (requestAnimationFrame, or a test clock). */
    ticker: fromCallback<PlaybackEvent>(() => () => {}),
    /**
     * Keeps the timeline's data filled around `t` for as long as playback lives, and sends DATA when
     * more arrives (see streamer.ts). Provided by the session; none by default (a timeline held whole).
     */
    streamer: fromCallback<PlaybackEvent, { playback: AnyActorRef }>(() => () => {}),
  },
  guards: {
    atEnd: ({ context }) => context.t >= context.timeline.endTime(),
    pendingStep: ({ context }) => context.pending === 'step',
    pendingBack: ({ context }) => context.pending === 'back',
  },
  actions: {
    tick: assign(({ context, event }) => {
      if (event.type !== 'TICK') return {};
      const a = advanceClock(context.t, event.dtMs, context.slowdown, context.skipIdle, context.timeline);
      return {
        t: a.t,
        stalled: a.stalled,
        lastSkip: a.skipped ?? context.lastSkip,
        skippedTotal: context.skippedTotal + (a.skipped ? a.skipped.to - a.skipped.from : 0),
      };
    }),
    stepForward: assign(({ context }) => {
      const r = stepForward(context.t, context.timeline);
      if (r === 'wait') return { pending: 'step' as const };
      if (r === 'end') return { pending: null };
      return { t: simUs(r.t), pending: null, lastSkip: null };
    }),
    /** To the previous event; when it lies before what the page holds, ask for a replay and wait. */
    stepBack: enqueueActions(({ context, enqueue }) => {
      const prev = context.timeline.prevEventBefore(context.t);
      if (prev === 'unknown') {
        enqueue.assign({ pending: 'back' as const });
        enqueue.emit({ type: 'needHistory' as const, before: context.t });
      } else enqueue.assign({ t: simUs(prev ?? 0), pending: null, lastSkip: null });
    }),
    seek: assign(({ context, event }) =>
      event.type === 'SEEK'
        ? { t: clampTime(event.t, context.timeline), pending: null, lastSkip: null, skippedTotal: 0 }
        : {},
    ),
    announceSeek: emit(({ context }) => ({ type: 'seeked' as const, t: context.t })),
    restart: assign({ t: simUs(0), pending: null, lastSkip: null, skippedTotal: 0 }),
    setSlowdown: assign(({ context, event }) => {
      if (event.type === 'SET_SLOWDOWN') return { slowdown: Math.min(1e7, Math.max(1, event.slowdown)) };
      if (event.type === 'FASTER') return { slowdown: nextSlowdown(context.slowdown, 'faster') };
      if (event.type === 'SLOWER') return { slowdown: nextSlowdown(context.slowdown, 'slower') };
      return {};
    }),
    setSkipIdle: assign(({ event }) => (event.type === 'SET_SKIP_IDLE' ? { skipIdle: event.on } : {})),
    clearStall: assign({ stalled: false }),
  },
}).createMachine({
  id: 'playback',
  context: ({ input }) => ({
    t: clampTime(input.t ?? 0, input.timeline),
    slowdown: input.slowdown ?? 10_000,
    skipIdle: input.skipIdle ?? true,
    timeline: input.timeline,
    lastSkip: null,
    skippedTotal: 0,
    stalled: false,
    pending: null,
  }),
  initial: 'paused',
  invoke: { id: 'streamer', src: 'streamer', input: ({ self }) => ({ playback: self }) },
  on: {
    SEEK: { target: '.paused', actions: ['seek', 'announceSeek'] },
    RESTART: { target: '.paused', actions: ['restart', 'announceSeek'] },
    SET_SLOWDOWN: { actions: 'setSlowdown' },
    FASTER: { actions: 'setSlowdown' },
    SLOWER: { actions: 'setSlowdown' },
    SET_SKIP_IDLE: { actions: 'setSkipIdle' },
    STEP: { target: '.paused', actions: 'stepForward' },
    STEP_BACK: { target: '.paused', actions: 'stepBack' },
    DATA: [
      { guard: 'pendingStep', actions: 'stepForward' },
      { guard: 'pendingBack', actions: 'stepBack' },
    ],
  },
  states: {
    paused: {
      entry: 'clearStall',
      on: {
        PLAY: [
          { guard: 'atEnd', target: 'playing', actions: ['restart', 'announceSeek'] },
          { target: 'playing' },
        ],
        TOGGLE: [
          { guard: 'atEnd', target: 'playing', actions: ['restart', 'announceSeek'] },
          { target: 'playing' },
        ],
      },
    },
    playing: {
      invoke: { src: 'ticker' },
      on: {
        PAUSE: 'paused',
        TOGGLE: 'paused',
        // The clock is advanced once per frame; reaching the end pauses (checked after every event).
        TICK: { actions: 'tick' },
      },
      always: { guard: 'atEnd', target: 'paused' },
    },
  },
});

export type PlaybackActor = ActorRefFrom<typeof playbackMachine>;
export type PlaybackSnapshot = SnapshotFrom<typeof playbackMachine>;
