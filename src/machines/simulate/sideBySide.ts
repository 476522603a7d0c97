import { createActor, fromCallback, type AnyActorLogic, type AnyActorRef } from 'xstate';
import { UnsupportedArchitectureError } from '../../model/errors';
import type { TraceClient } from '../../worker/trace/client';
import type { TraceLayout, View } from '../../worker/trace/protocol';
import { TraceBuffer } from './buffer';
import { playbackMachine, type PlaybackActor, type PlaybackEvent, type Timeline } from './playback';
import { scenarioOf, DEFAULT_SLOWDOWN, type SimulateChoices } from './sessionMachine';
import { createStreamer, DEFAULT_STREAMER } from './streamer';

/**
 * Two or three designs side by side on the same scenario and seed: one trace worker and buffer per
 * design, and ONE playback clock over all of them, so their packets step together — the first
 * request leaves every load generator at the same instant (common random numbers) and the extra
 * hops of a sidecar or a node proxy are seen, not read. A step goes to the next event in any pane;
 * playing waits for the pane whose data arrives last.
 */

export type Pane =
  | { arch: string; status: 'loading' }
  | { arch: string; status: 'ready'; layout: TraceLayout; buffer: TraceBuffer }
  | { arch: string; status: 'unsupported'; reasons: string[] }
  | { arch: string; status: 'error'; message: string };

export interface SideBySideState {
  panes: Pane[];
  /** The shared clock, once every pane that can run is ready. */
  actor: PlaybackActor | null;
}

/** The panes' timelines as one: events of any pane, covered only as far as every pane is. */
export function groupTimeline(buffers: readonly TraceBuffer[]): Timeline {
  return {
    coveredUntil: () => {
      const open = buffers.filter((b) => !b.done);
      return open.length
        ? Math.min(...open.map((b) => b.coverEnd))
        : Math.max(...buffers.map((b) => b.endTime));
    },
    nextEventAfter: (t) => {
      let best: number | null = null;
      for (const b of buffers) {
        const n = b.nextEventAfter(t);
        if (n !== null && (best === null || n < best)) best = n;
      }
      return best;
    },
    prevEventBefore: (t) => {
      let best: number | null = null;
      for (const b of buffers) {
        const p = b.prevEventBefore(t);
        if (p === 'unknown') return 'unknown';
        if (p !== null && (best === null || p > best)) best = p;
      }
      return best;
    },
    idleAt: (t) => buffers.every((b) => b.idleAt(t)),
    endTime: () => Math.max(...buffers.map((b) => b.endTime)),
  };
}

export interface SideBySideDeps {
  /** One trace worker per pane (each compiles and runs its own design). */
  traces: Pick<TraceClient, 'open' | 'chunk'>[];
  ticker: AnyActorLogic;
}

export function createSideBySideSession(
  deps: SideBySideDeps,
  input: { choices: Omit<SimulateChoices, 'arch'>; archs: string[] },
) {
  const listeners = new Set<() => void>();
  let state: SideBySideState = {
    panes: input.archs.map((arch) => ({ arch, status: 'loading' })),
    actor: null,
  };
  let stopped = false;
  const set = (next: SideBySideState) => {
    state = next;
    for (const fn of listeners) fn();
  };
  const setPane = (i: number, pane: Pane) => {
    const panes = state.panes.slice();
    panes[i] = pane;
    set({ ...state, panes });
  };

  const scenario = scenarioOf({ ...input.choices, arch: input.archs[0] });
  const view: View = input.choices.view;
  void Promise.all(
    input.archs.map((arch, i) =>
      deps.traces[i].open(scenario, arch, view).then(
        (layout) => {
          if (!stopped) setPane(i, { arch, status: 'ready', layout, buffer: new TraceBuffer(layout) });
        },
        (e: unknown) => {
          if (stopped) return;
          if (e instanceof UnsupportedArchitectureError)
            setPane(i, { arch, status: 'unsupported', reasons: e.reasons });
          else setPane(i, { arch, status: 'error', message: e instanceof Error ? e.message : String(e) });
        },
      ),
    ),
  ).then(() => {
    if (stopped) return;
    const ready = state.panes.flatMap((p, i) => (p.status === 'ready' ? [{ p, i }] : []));
    if (!ready.length) return;
    // Every ready pane's streamer keeps its own buffer filled around the one clock.
    const streamers = fromCallback<PlaybackEvent, { playback: AnyActorRef }>(({ input: inp }) => {
      const list: ReturnType<typeof createStreamer>[] = [];
      let off = false;
      queueMicrotask(() => {
        if (off) return;
        for (const { p, i } of ready)
          list.push(
            createStreamer(deps.traces[i], p.buffer, inp.playback as PlaybackActor, {
              ...DEFAULT_STREAMER,
              onError: (message) => setPane(i, { arch: p.arch, status: 'error', message }),
            }),
          );
      });
      return () => {
        off = true;
        for (const s of list) s.stop();
      };
    });
    const actor = createActor(
      playbackMachine.provide({ actors: { ticker: deps.ticker, streamer: streamers } }),
      {
        input: { timeline: groupTimeline(ready.map(({ p }) => p.buffer)), slowdown: DEFAULT_SLOWDOWN[view] },
      },
    );
    actor.start();
    set({ ...state, actor });
  });

  const send = (e: PlaybackEvent) => state.actor?.send(e);
  return {
    state: () => state,
    subscribe(fn: () => void): () => void {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    play: () => send({ type: 'PLAY' }),
    pause: () => send({ type: 'PAUSE' }),
    step: () => send({ type: 'STEP' }),
    stepBack: () => send({ type: 'STEP_BACK' }),
    seek: (t: number) => send({ type: 'SEEK', t }),
    /** Where the shared clock stands, µs. */
    t: () => state.actor?.getSnapshot().context.t ?? 0,
    dispose() {
      stopped = true;
      state.actor?.stop();
    },
  };
}

export type SideBySideSession = ReturnType<typeof createSideBySideSession>;
