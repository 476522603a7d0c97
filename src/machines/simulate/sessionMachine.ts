import { assign, createActor, fromPromise, setup, type AnyActorLogic } from 'xstate';
import { SupersededError, UnsupportedArchitectureError } from '../../model/errors';
import type { Highlight, ScenarioChanges } from '../../model/lesson';
import { SCENARIO_PRESETS, type ScenarioPresetId } from '../../model/presets';
import { applyScenarioChanges, sameChanges } from '../../model/scenarioChanges';
import type { TraceClient } from '../../worker/trace/client';
import type { TraceLayout, View } from '../../worker/trace/protocol';
import { benchRun, BENCH_PERIOD_US } from './bench';
import { TraceBuffer } from './buffer';
import { playbackMachine, type PlaybackActor, type PlaybackInput } from './playback';
import type { Selection } from './selection';
import { DEFAULT_STREAMER, streamerLogic } from './streamer';
import { timelineOf } from './timeline';

/**
 * The Simulate page's state machine: which scenario, architecture and view are open, the trace
 * worker's answer for them (loading → ready | unsupported | error), and, once ready, the buffer and
 * the playback actor (a child, with the streamer as its own child). Choices re-open the trace;
 * playback time and speed carry over an architecture or view switch. The worker comes in as the
 * `openTrace` actor and the real clock as `ticker`, both through provide(...).
 */

export type Protocol = 'http1' | 'http2' | 'grpc';

export interface SimulateChoices {
  presetId: ScenarioPresetId;
  /** The scenario's seed, when not the preset's own. */
  seed: number | null;
  /** The scenario's protocol, when not the preset's own. */
  protocol: Protocol | null;
  arch: string;
  view: View;
  /**
   * Changes a lesson makes on top of the preset (features, placement, load, mesh size, protocol);
   * absent or null: the preset as it is.
   */
  changes?: ScenarioChanges | null;
}

/** What the scene area shows: the drawn picture (3D or 2D) or the topology as tables. */
export type ShownAs = 'picture' | 'table';

/** Where the camera looks: the whole cluster, the packet picked, or into one node's kernel. */
export type CameraTarget = { kind: 'overview' } | { kind: 'follow' } | { kind: 'kernel'; node: number };

export type SessionView =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  /** The architecture cannot run the scenario: the feature matrix's reasons, one per setting. */
  | { status: 'unsupported'; architecture: string; reasons: string[] }
  | { status: 'ready'; layout: TraceLayout; buffer: TraceBuffer; actor: PlaybackActor };

/** Real seconds per simulated second each view opens at. */
export const DEFAULT_SLOWDOWN: Record<View, number> = { trace: 10_000, load: 1_000 };

export interface SimulateContext {
  choices: SimulateChoices;
  view: SessionView;
  /** The last ready layout: the header keeps its choices while the next one loads. */
  lastLayout: TraceLayout | null;
  /** An architecture switch under way (the layout switched from), then what it changed. */
  switchingFrom: TraceLayout | null;
  change: { previous: TraceLayout; next: TraceLayout } | null;
  selection: Selection;
  camera: CameraTarget;
  /** Where playback starts once the trace is open (kept across a switch). */
  start: { t: number; slowdown: number };
  /** Benchmark mode: this many synthetic packets instead of the trace (null: a real run). */
  bench: number | null;
  /** Things said about the address the page was opened with, each naming its parameter. */
  notices: Notice[];
  /** Presentation mode (projector): the scene fills most of the viewport. */
  presentation: boolean;
  /** The picture or the topology as tables (link: `show=table`). */
  shownAs: ShownAs;
  /** Spoken narration of the followed request (kept across choices, so turning it off sticks). */
  narrate: boolean;
  /**
   * What a lesson's narration points at (hops, components, one packet); the scene emphasises it.
   * Kept across choice changes: it names kinds of things, which the scene finds on whatever layout is open.
   */
  highlight: Highlight | null;
}

/** A URL parameter that could not be used: which, and what is shown instead. */
export interface Notice {
  param: 'preset' | 'arch' | 'view' | 'proto' | 'seed' | 't' | 'show' | 'ch' | 'other';
  text: string;
}

/** The URL parameter each choice comes from: a valid choice of it answers its notice. */
const PARAM_OF: Record<keyof SimulateChoices, Notice['param']> = {
  presetId: 'preset',
  seed: 'seed',
  protocol: 'proto',
  arch: 'arch',
  view: 'view',
  changes: 'ch',
};

export interface SimulateInput {
  choices: SimulateChoices;
  t?: number;
  bench?: number | null;
  notices?: Notice[];
  presentation?: boolean;
  shownAs?: ShownAs;
}

export type SimulateEvent =
  | { type: 'CHOOSE'; choices: Partial<SimulateChoices> }
  | { type: 'SELECT'; selection: Selection }
  | { type: 'CAMERA'; camera: CameraTarget }
  | { type: 'PRESENT'; on: boolean }
  | { type: 'SHOW_AS'; shownAs: ShownAs }
  | { type: 'NARRATE'; on: boolean }
  | { type: 'HIGHLIGHT'; highlight: Highlight | null }
  | { type: 'DISMISS_NOTICES' }
  | { type: 'RETRY' }
  | { type: 'STREAM_ERROR'; message: string };

/**
 * The scenario the choices name: the preset with a lesson's changes applied, then the seed and
 * protocol changed when chosen (a protocol picked on the page wins over the changes' one).
 */
export function scenarioOf(c: SimulateChoices): unknown {
  const base = applyScenarioChanges(
    SCENARIO_PRESETS[c.presetId] as unknown as Record<string, unknown>,
    c.changes ?? null,
  ) as (typeof SCENARIO_PRESETS)[ScenarioPresetId];
  const seeded = c.seed === null ? base : { ...base, seed: c.seed };
  return c.protocol === null ? seeded : { ...seeded, workload: { ...seeded.workload, protocol: c.protocol } };
}

/** Whether two choices name different scenarios (a new scenario starts playback from 0). */
export function differentScenario(a: SimulateChoices, b: SimulateChoices): boolean {
  return (
    a.presetId !== b.presetId ||
    a.seed !== b.seed ||
    a.protocol !== b.protocol ||
    !sameChanges(a.changes ?? null, b.changes ?? null)
  );
}

type OpenInput = { scenario: unknown; arch: string; view: View };

/** What a choice change does to playback: a new scenario starts from 0, a switch keeps t and speed. */
function nextStart(ctx: SimulateContext, next: SimulateChoices): SimulateContext['start'] {
  const prev = ctx.choices;
  const newScenario = differentScenario(prev, next);
  const playing = ctx.view.status === 'ready' ? ctx.view.actor.getSnapshot().context : null;
  const t = newScenario ? 0 : (playing?.t ?? ctx.start.t);
  const slowdown =
    next.view !== prev.view ? DEFAULT_SLOWDOWN[next.view] : (playing?.slowdown ?? ctx.start.slowdown);
  return { t, slowdown };
}

export function createSimulateMachine(trace: Pick<TraceClient, 'open' | 'chunk'>, ticker: AnyActorLogic) {
  return setup({
    types: {
      context: {} as SimulateContext,
      events: {} as SimulateEvent,
      input: {} as SimulateInput,
    },
    actors: {
      openTrace: fromPromise<TraceLayout, OpenInput>(({ input }) =>
        trace.open(input.scenario, input.arch, input.view),
      ),
    },
    actions: {
      choose: assign(({ context, event }) => {
        if (event.type !== 'CHOOSE') return {};
        const choices = { ...context.choices, ...event.choices };
        const newScenario = differentScenario(context.choices, choices);
        const current = context.view.status === 'ready' ? context.view.layout : context.lastLayout;
        const chosen = new Set(Object.keys(event.choices).map((k) => PARAM_OF[k as keyof SimulateChoices]));
        return {
          choices,
          notices: context.notices.filter((n) => !chosen.has(n.param)),
          start: nextStart(context, choices),
          selection: null,
          change: newScenario ? null : context.change,
          switchingFrom: choices.arch !== context.choices.arch && !newScenario ? current : null,
        };
      }),
      stopPlayback: ({ context }) => {
        if (context.view.status === 'ready') context.view.actor.stop();
      },
    },
    guards: {
      changes: ({ context, event }) =>
        event.type === 'CHOOSE' &&
        Object.entries(event.choices).some(([k, v]) =>
          k === 'changes'
            ? !sameChanges(context.choices.changes ?? null, (v as ScenarioChanges | null) ?? null)
            : context.choices[k as keyof SimulateChoices] !== v,
        ),
    },
  }).createMachine({
    id: 'simulate',
    context: ({ input }) => ({
      choices: input.choices,
      view: { status: 'loading' },
      lastLayout: null,
      switchingFrom: null,
      change: null,
      selection: null,
      camera: { kind: 'overview' },
      start: { t: input.t ?? 0, slowdown: DEFAULT_SLOWDOWN[input.choices.view] },
      bench: input.bench ?? null,
      notices: input.notices ?? [],
      presentation: input.presentation ?? false,
      shownAs: input.shownAs ?? 'picture',
      narrate: true,
      highlight: null,
    }),
    initial: 'loading',
    on: {
      CHOOSE: {
        guard: 'changes',
        target: '.loading',
        reenter: true,
        actions: ['choose', 'stopPlayback'],
      },
      // Open the same choices again (a lost worker was replaced), from where playback stands.
      RETRY: {
        target: '.loading',
        reenter: true,
        actions: [assign({ start: ({ context }) => nextStart(context, context.choices) }), 'stopPlayback'],
      },
      SELECT: { actions: assign({ selection: ({ event }) => event.selection }) },
      PRESENT: { actions: assign({ presentation: ({ event }) => event.on }) },
      // A choice made on the page answers what was said about the address's show=.
      SHOW_AS: {
        actions: assign({
          shownAs: ({ event }) => event.shownAs,
          notices: ({ context }) =>
            context.notices.some((n) => n.param === 'show')
              ? context.notices.filter((n) => n.param !== 'show')
              : context.notices,
        }),
      },
      NARRATE: { actions: assign({ narrate: ({ event }) => event.on }) },
      HIGHLIGHT: { actions: assign({ highlight: ({ event }) => event.highlight }) },
      DISMISS_NOTICES: { actions: assign({ notices: [] }) },
      CAMERA: { actions: assign({ camera: ({ event }) => event.camera }) },
    },
    states: {
      loading: {
        entry: assign({ view: { status: 'loading' } }),
        invoke: {
          src: 'openTrace',
          input: ({ context }) => ({
            scenario: scenarioOf(context.choices),
            arch: context.choices.arch,
            // Benchmark mode draws synthetic packets over the trace view's layout.
            view: context.bench === null ? context.choices.view : 'trace',
          }),
          onDone: {
            target: 'ready',
            actions: assign(({ context, event, self }) => {
              const view = openPlayback(context, event.output, trace, ticker, (message) =>
                self.send({ type: 'STREAM_ERROR', message }),
              );
              const prev = context.switchingFrom;
              const change =
                prev && prev.architecture.id !== view.layout.architecture.id
                  ? { previous: prev, next: view.layout }
                  : context.change;
              return {
                view,
                lastLayout: view.layout,
                switchingFrom: null,
                change,
                camera: { kind: 'overview' as const },
              };
            }),
          },
          onError: [
            { guard: ({ event }) => event.error instanceof SupersededError },
            {
              guard: ({ event }) => event.error instanceof UnsupportedArchitectureError,
              target: 'unsupported',
              actions: assign(({ event }) => {
                const e = event.error as UnsupportedArchitectureError;
                return { view: { status: 'unsupported', architecture: e.architecture, reasons: e.reasons } };
              }),
            },
            {
              target: 'failed',
              actions: assign(({ event }) => ({
                view: { status: 'error', message: (event.error as Error).message ?? String(event.error) },
              })),
            },
          ],
        },
      },
      ready: {
        on: {
          STREAM_ERROR: {
            target: 'failed',
            actions: [
              'stopPlayback',
              assign(({ event }) => ({
                view: { status: 'error' as const, message: event.message },
              })),
            ],
          },
        },
      },
      unsupported: {},
      failed: {},
    },
  });
}

/** The buffer and playback actor for a freshly opened layout (or benchmark mode's synthetic run). */
function openPlayback(
  ctx: SimulateContext,
  opened: TraceLayout,
  trace: Pick<TraceClient, 'chunk'>,
  ticker: AnyActorLogic,
  onError: (message: string) => void,
): Extract<SessionView, { status: 'ready' }> {
  if (ctx.bench !== null) {
    const { layout, chunk } = benchRun(opened, ctx.bench);
    const buffer = new TraceBuffer(layout);
    buffer.addChunk(chunk);
    const actor = spawnPlayback(buffer, ticker, null, { t: BENCH_PERIOD_US, slowdown: 1, skipIdle: false });
    actor.send({ type: 'PLAY' });
    return { status: 'ready', layout, buffer, actor };
  }
  const buffer = new TraceBuffer(opened);
  const streamer = streamerLogic(trace, buffer, { ...DEFAULT_STREAMER, onError });
  const actor = spawnPlayback(buffer, ticker, streamer, ctx.start);
  return { status: 'ready', layout: opened, buffer, actor };
}

function spawnPlayback(
  buffer: TraceBuffer,
  ticker: AnyActorLogic,
  streamer: AnyActorLogic | null,
  start: Omit<PlaybackInput, 'timeline'>,
): PlaybackActor {
  const logic = playbackMachine.provide({ actors: streamer ? { ticker, streamer } : { ticker } });
  // A plain actor, not a child: the page reads it by reference every frame, and the session stops it.
  const actor = createActor(logic, { input: { timeline: timelineOf(buffer), ...start } });
  actor.start();
  return actor;
}
