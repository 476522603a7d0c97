import { createActor, type AnyActorLogic } from 'xstate';
import { SupersededError } from '../../model/errors';
import type { Highlight, ScenarioChanges } from '../../model/lesson';
import type { ScenarioPresetId } from '../../model/presets';
import type { StationStateData, TraceClient } from '../../worker/trace/client';
import type { TraceLayout, TraceRecord, View } from '../../worker/trace/protocol';
import type { PlaybackEvent } from './playback';
import type { Selection } from './selection';
import {
  createSimulateMachine,
  type CameraTarget,
  type Notice,
  type Protocol,
  type SimulateChoices,
  type SimulateContext,
  type SimulateInput,
  type ShownAs,
} from './sessionMachine';

/**
 * Everything the Simulate page knows, in one headless object: the choices (scenario, architecture,
 * view), the trace worker's layout, the buffer and playback, selection, camera, notices and
 * presentation mode. React renders `page()` and the playback actor; tests and lessons drive it with
 * commands and read `snapshot()`. The trace worker and the real clock are passed in.
 */

export interface SimulateDeps {
  trace: Pick<TraceClient, 'open' | 'chunk' | 'state' | 'request'>;
  /** Sends TICK { dtMs } while playing (requestAnimationFrame in the page, a test clock in tests). */
  ticker: AnyActorLogic;
}

/** What the page renders: changes only when the session's own state does (not on every frame). */
export type SimulatePageState = Pick<
  SimulateContext,
  | 'choices'
  | 'view'
  | 'lastLayout'
  | 'change'
  | 'selection'
  | 'camera'
  | 'notices'
  | 'presentation'
  | 'shownAs'
  | 'narrate'
  | 'bench'
  | 'highlight'
>;

/** The page state plus where playback stands now: for tests and lessons. */
export interface SimulateSnapshot extends SimulatePageState {
  status: SimulatePageState['view']['status'];
  t: number;
  slowdown: number;
  playing: boolean;
}

export type SimulateSession = ReturnType<typeof createSimulateSession>;

/** What a lesson's set step asks of the Simulate page, applied in one go (see `configure`). */
export interface SimulateSetup {
  choices: Partial<SimulateChoices>;
  /** Slow-down factor once the trace is open (null: the view's own or the one kept). */
  slowdown?: number | null;
  /** Where the camera looks once the trace is open; a function gets the layout (e.g. the client's node). */
  camera?: CameraTarget | ((layout: TraceLayout) => CameraTarget) | null;
  /** Start the run again from its seed: playback back to t = 0, paused. */
  restart?: boolean;
}

export function createSimulateSession(deps: SimulateDeps, input: SimulateInput) {
  const actor = createActor(createSimulateMachine(deps.trace, deps.ticker), { input });
  actor.start();

  let cachedFrom: unknown = null;
  let cached: SimulatePageState | null = null;
  const page = (): SimulatePageState => {
    const s = actor.getSnapshot();
    if (s !== cachedFrom || !cached) {
      const c = s.context;
      cachedFrom = s;
      const same =
        cached &&
        cached.choices === c.choices &&
        cached.view === c.view &&
        cached.lastLayout === c.lastLayout &&
        cached.change === c.change &&
        cached.selection === c.selection &&
        cached.camera === c.camera &&
        cached.notices === c.notices &&
        cached.presentation === c.presentation &&
        cached.shownAs === c.shownAs &&
        cached.narrate === c.narrate &&
        cached.highlight === c.highlight;
      if (!same)
        cached = {
          choices: c.choices,
          view: c.view,
          lastLayout: c.lastLayout,
          change: c.change,
          selection: c.selection,
          camera: c.camera,
          notices: c.notices,
          presentation: c.presentation,
          shownAs: c.shownAs,
          narrate: c.narrate,
          bench: c.bench,
          highlight: c.highlight,
        };
    }
    return cached!;
  };

  const playback = () => {
    const v = actor.getSnapshot().context.view;
    return v.status === 'ready' ? v.actor : null;
  };
  const send = (e: PlaybackEvent) => playback()?.send(e);
  const choose = (choices: Partial<SimulateChoices>) => actor.send({ type: 'CHOOSE', choices });

  const snapshot = (): SimulateSnapshot => {
    const p = page();
    const pb = playback()?.getSnapshot();
    const ctx = actor.getSnapshot().context;
    return {
      ...p,
      status: p.view.status,
      t: pb?.context.t ?? ctx.start.t,
      slowdown: pb?.context.slowdown ?? ctx.start.slowdown,
      playing: pb?.value === 'playing',
    };
  };

  /** Resolves once the trace worker has answered the current choices (ready, unsupported or failed). */
  const settled = () =>
    new Promise<SimulateSnapshot>((resolve) => {
      const done = () => actor.getSnapshot().context.view.status !== 'loading';
      if (done()) return resolve(snapshot());
      const sub = actor.subscribe(() => {
        if (!done()) return;
        sub.unsubscribe();
        resolve(snapshot());
      });
    });

  return {
    page,
    snapshot,
    settled,
    /**
     * Applies a lesson's setting: the choices (re-opening the trace when they change), then, once the
     * worker has answered, the slow-down, the camera and — on restart — playback back to t = 0,
     * paused, so the run replays exactly from its seed. Resolves with the state reached.
     */
    async configure(setup: SimulateSetup): Promise<SimulateSnapshot> {
      choose(setup.choices);
      if (setup.restart && actor.getSnapshot().context.view.status === 'error') actor.send({ type: 'RETRY' });
      const s = await settled();
      const view = actor.getSnapshot().context.view;
      if (view.status !== 'ready') return s;
      if (setup.restart) view.actor.send({ type: 'RESTART' });
      if (setup.slowdown) view.actor.send({ type: 'SET_SLOWDOWN', slowdown: setup.slowdown });
      if (setup.camera)
        actor.send({
          type: 'CAMERA',
          camera: typeof setup.camera === 'function' ? setup.camera(view.layout) : setup.camera,
        });
      return snapshot();
    },
    /** Called when the page state changes (not on playback ticks: read the playback actor for those). */
    subscribe(fn: () => void): () => void {
      const sub = actor.subscribe(fn);
      return () => sub.unsubscribe();
    },
    // Choices.
    choose,
    setPreset: (presetId: ScenarioPresetId) => choose({ presetId, protocol: null }),
    setArchitecture: (arch: string) => choose({ arch }),
    setView: (view: View) => choose({ view }),
    setProtocol: (protocol: Protocol | null) => choose({ protocol }),
    setChanges: (changes: ScenarioChanges | null) => choose({ changes }),
    retry: () => actor.send({ type: 'RETRY' }),
    // Playback.
    play: () => send({ type: 'PLAY' }),
    pause: () => send({ type: 'PAUSE' }),
    toggle: () => send({ type: 'TOGGLE' }),
    step: () => send({ type: 'STEP' }),
    stepBack: () => send({ type: 'STEP_BACK' }),
    seek: (t: number) => send({ type: 'SEEK', t }),
    restart: () => send({ type: 'RESTART' }),
    setSlowdown: (slowdown: number) => send({ type: 'SET_SLOWDOWN', slowdown }),
    faster: () => send({ type: 'FASTER' }),
    slower: () => send({ type: 'SLOWER' }),
    setSkipIdle: (on: boolean) => send({ type: 'SET_SKIP_IDLE', on }),
    // What is looked at.
    select: (selection: Selection) => actor.send({ type: 'SELECT', selection }),
    setCamera: (camera: CameraTarget) => actor.send({ type: 'CAMERA', camera }),
    setPresentation: (on: boolean) => actor.send({ type: 'PRESENT', on }),
    /** The picture or the topology as tables. */
    showAs: (shownAs: ShownAs) => actor.send({ type: 'SHOW_AS', shownAs }),
    /** Spoken narration of the followed request on or off. */
    setNarration: (on: boolean) => actor.send({ type: 'NARRATE', on }),
    /** What a lesson's narration points at, emphasised in the scene (null: nothing). */
    highlight: (highlight: Highlight | null) => actor.send({ type: 'HIGHLIGHT', highlight }),
    dismissNotices: () => actor.send({ type: 'DISMISS_NOTICES' }),
    // Exact answers by replay in the worker.
    /** Null when the question was superseded (the scenario changed meanwhile): nothing to show. */
    stateAt: (t: number): Promise<StationStateData | null> =>
      deps.trace.state(t).catch((e: unknown) => {
        if (e instanceof SupersededError) return null;
        throw e;
      }),
    requestRecords: (seq: number): Promise<TraceRecord[]> => deps.trace.request(seq),
    dispose() {
      playback()?.stop();
      actor.stop();
    },
  };
}

export type { CameraTarget, Notice, Protocol, ShownAs, SimulateChoices };
