import { assign, fromCallback, fromPromise, setup, type ActorRefFrom, type SnapshotFrom } from 'xstate';
import type { ScenarioEstimate } from '../engine/scenario/estimate';
import { planSweep, sweepPointOf, type SweepPoint } from './loadSweep';
import type { ComparisonView } from '../engine/scenario/view';
import type { Scenario } from '../model/scenario';
import type { CompareEngine, CompareOutcome, CompareProgress, EstimateOutcome } from '../worker/client';

/**
 * The Compare page's runs. Any change of scenario asks the engine for the analytic estimate at once
 * (milliseconds), then simulates every architecture in the workers at once, with progress, until it
 * finishes or is cancelled. A scenario the engine rejects is not kept: the last one it accepted comes
 * back, with the reason. After the main result, a load sweep (loadSweep.ts) simulates the scenario at a
 * few offered loads in the background; any change or Stop cancels it, and it never holds up a main run.
 *
 * No pause before simulating: a pause would charge every change (a select, a checkbox, a preset) its
 * length to spare typing a number from starting runs. Instead each keystroke's run is cancelled by
 * the next change (the workers stop within one slice, a few ms) and only the last one finishes; the
 * wasted work runs on worker cores that would otherwise sit idle while someone types. The machine
 * uses no timers: the tests step it on a SimulatedClock to show that nothing waits on time.
 */
/** Replications when none is given: the default comparison is 5 × 4,000 = 20,000 measured requests per architecture. */
export const DEFAULT_REPLICATIONS = 5;

export interface Notice {
  kind: 'info' | 'error';
  text: string;
}

export interface CompareInput {
  engine: CompareEngine;
  scenario: Scenario;
  replications?: number;
  /** Shown at start (e.g. why a link could not be opened). */
  notice?: Notice | null;
}

export interface CompareContext {
  engine: CompareEngine;
  scenario: Scenario;
  replications: number;
  /** The last scenario the engine accepted; a rejected change falls back to it. */
  accepted: { scenario: Scenario; replications: number } | null;
  estimate: ScenarioEstimate | null;
  /** The simulation result, and the scenario key it belongs to (stale when it differs from the current one). */
  result: ComparisonView | null;
  resultKey: string | null;
  progress: CompareProgress | null;
  notice: Notice | null;
  /** The load sweep of the current result: its points so far (lightest load first). */
  sweep: Sweep | null;
}

export interface Sweep {
  /** scenarioKey of the main comparison it belongs to. */
  key: string;
  /** Offered loads it runs, req/s. */
  loads: number[];
  points: SweepPoint[];
  status: 'running' | 'done' | 'stopped' | 'failed';
}

export type CompareEvent =
  | { type: 'SET_SCENARIO'; scenario: Scenario; replications?: number }
  | { type: 'RUN' }
  | { type: 'CANCEL' }
  | { type: 'NOTICE'; notice: Notice | null }
  | { type: 'PROGRESS'; progress: CompareProgress }
  | { type: 'COMPARE_DONE'; outcome: CompareOutcome }
  | { type: 'SWEEP_POINT'; point: SweepPoint }
  | { type: 'SWEEP_DONE'; status: 'done' | 'failed' };

/** Events between the sweep's cancel checks: small, so a change stops it within a millisecond or two. */
export const SWEEP_SLICE_EVENTS = 5_000;

/** Identity of what a result was computed for: the scenario and the replication count. */
export function scenarioKey(s: Scenario, replications: number): string {
  return `${replications}|${JSON.stringify(s)}`;
}

/** Whether the shown simulation result belongs to the current scenario. */
export function resultIsCurrent(
  c: Pick<CompareContext, 'scenario' | 'replications' | 'resultKey' | 'result'>,
): boolean {
  return c.result !== null && c.resultKey === scenarioKey(c.scenario, c.replications);
}

const estimateActor = fromPromise<EstimateOutcome, { engine: CompareEngine; scenario: Scenario }>(
  ({ input }) => input.engine.estimate(input.scenario),
);

const compareActor = fromCallback<
  CompareEvent,
  { engine: CompareEngine; scenario: Scenario; replications: number }
>(({ input, sendBack }) => {
  const handle = input.engine.compare(input.scenario, input.replications, (progress) =>
    sendBack({ type: 'PROGRESS', progress }),
  );
  let live = true;
  void handle.promise.then((outcome) => {
    if (live) sendBack({ type: 'COMPARE_DONE', outcome });
  });
  return () => {
    live = false;
    handle.cancel();
  };
});

/** Simulates the sweep's points one after another, each over all workers; stopping cancels the one running. */
const sweepActor = fromCallback<
  CompareEvent,
  { engine: CompareEngine; scenario: Scenario; replications: number; estimate: ScenarioEstimate | null }
>(({ input, sendBack }) => {
  const plan = planSweep(input.scenario, input.estimate);
  let live = true;
  let cancel = () => {};
  void (async () => {
    for (const p of plan?.points ?? []) {
      const handle = input.engine.compare(p.scenario, input.replications, undefined, {
        sliceEvents: SWEEP_SLICE_EVENTS,
      });
      cancel = handle.cancel;
      const outcome = await handle.promise;
      if (!live) return;
      if (outcome.status !== 'done') return sendBack({ type: 'SWEEP_DONE', status: 'failed' });
      sendBack({ type: 'SWEEP_POINT', point: sweepPointOf(p.fraction, p.rps, outcome.result) });
    }
    if (live) sendBack({ type: 'SWEEP_DONE', status: 'done' });
  })();
  return () => {
    live = false;
    cancel();
  };
});

export const compareMachine = setup({
  types: {
    context: {} as CompareContext,
    events: {} as CompareEvent,
    input: {} as CompareInput,
  },
  actors: { estimate: estimateActor, compare: compareActor, sweep: sweepActor },
  guards: {
    estimateOk: (_, out: EstimateOutcome) => out.status === 'done',
    canRun: ({ context }) => context.accepted !== null && context.estimate !== null,
    finished: (_, out: CompareOutcome) => out.status === 'done',
    failed: (_, out: CompareOutcome) => out.status === 'error',
    /** Finished, and the scenario has a load sweep to run. */
    finishedWithSweep: ({ context }, out: CompareOutcome) =>
      out.status === 'done' && planSweep(context.scenario, context.estimate) !== null,
  },
  actions: {
    setScenario: assign(({ context }, e: { scenario: Scenario; replications?: number }) => ({
      scenario: e.scenario,
      replications: e.replications ?? context.replications,
      progress: null,
      sweep: null,
    })),
    accept: assign(({ context }, out: EstimateOutcome) => ({
      estimate: out.status === 'done' ? out.estimate : context.estimate,
      accepted: { scenario: context.scenario, replications: context.replications },
    })),
    reject: assign(({ context }, out: EstimateOutcome) => {
      const message = out.status === 'error' ? out.message : '';
      const back = context.accepted;
      return {
        scenario: back?.scenario ?? context.scenario,
        replications: back?.replications ?? context.replications,
        notice: {
          kind: 'error' as const,
          text: back ? `${message} The previous scenario is kept.` : message,
        },
      };
    }),
    keepResult: assign(({ context }, out: CompareOutcome) => ({
      result: out.status === 'done' ? out.result : context.result,
      resultKey:
        out.status === 'done' ? scenarioKey(context.scenario, context.replications) : context.resultKey,
      progress: null,
    })),
    failRun: assign((_, out: CompareOutcome) => ({
      progress: null,
      notice: {
        kind: 'error' as const,
        text: `The simulation failed. ${out.status === 'error' ? out.message : ''}`,
      },
    })),
    setProgress: assign((_, progress: CompareProgress) => ({ progress })),
    clearProgress: assign({ progress: null }),
    noteCancelled: assign({
      progress: null,
      notice: {
        kind: 'info' as const,
        text: 'Simulation cancelled. The analytic estimate is shown; Run simulates again.',
      },
    }),
    setNotice: assign((_, notice: Notice | null) => ({ notice })),
    startSweep: assign(({ context }) => ({
      sweep: {
        key: scenarioKey(context.scenario, context.replications),
        loads: planSweep(context.scenario, context.estimate)?.points.map((p) => p.rps) ?? [],
        points: [],
        status: 'running' as const,
      },
    })),
    addSweepPoint: assign(({ context }, point: SweepPoint) => ({
      sweep: context.sweep && { ...context.sweep, points: [...context.sweep.points, point] },
    })),
    endSweep: assign(({ context }, status: Sweep['status']) => ({
      sweep: context.sweep && { ...context.sweep, status },
    })),
  },
}).createMachine({
  id: 'compare',
  context: ({ input }) => ({
    engine: input.engine,
    scenario: input.scenario,
    replications: input.replications ?? DEFAULT_REPLICATIONS,
    accepted: null,
    estimate: null,
    result: null,
    resultKey: null,
    progress: null,
    notice: input.notice ?? null,
    sweep: null,
  }),
  initial: 'estimating',
  on: {
    SET_SCENARIO: {
      target: '.estimating',
      reenter: true,
      actions: [
        { type: 'setScenario', params: ({ event }) => event },
        { type: 'setNotice', params: null },
      ],
    },
    NOTICE: { actions: { type: 'setNotice', params: ({ event }) => event.notice } },
  },
  states: {
    estimating: {
      invoke: {
        src: 'estimate',
        input: ({ context }) => ({ engine: context.engine, scenario: context.scenario }),
        onDone: [
          {
            guard: { type: 'estimateOk', params: ({ event }) => event.output },
            target: 'running',
            actions: { type: 'accept', params: ({ event }) => event.output },
          },
          { target: 'idle', actions: { type: 'reject', params: ({ event }) => event.output } },
        ],
        onError: {
          target: 'idle',
          actions: {
            type: 'reject',
            params: ({ event }) => ({
              status: 'error' as const,
              message: `The engine failed: ${String(event.error)}`,
            }),
          },
        },
      },
    },
    running: {
      invoke: {
        src: 'compare',
        input: ({ context }) => ({
          engine: context.engine,
          scenario: context.scenario,
          replications: context.replications,
        }),
      },
      on: {
        PROGRESS: { actions: { type: 'setProgress', params: ({ event }) => event.progress } },
        COMPARE_DONE: [
          {
            guard: { type: 'finishedWithSweep', params: ({ event }) => event.outcome },
            target: 'sweeping',
            actions: { type: 'keepResult', params: ({ event }) => event.outcome },
          },
          {
            guard: { type: 'finished', params: ({ event }) => event.outcome },
            target: 'idle',
            actions: { type: 'keepResult', params: ({ event }) => event.outcome },
          },
          {
            guard: { type: 'failed', params: ({ event }) => event.outcome },
            target: 'idle',
            actions: { type: 'failRun', params: ({ event }) => event.outcome },
          },
          { target: 'idle', actions: 'clearProgress' },
        ],
        CANCEL: { target: 'idle', actions: 'noteCancelled' },
      },
    },
    // Low priority by construction: it starts only once the main result is in, and SET_SCENARIO leaves
    // the state (cancelling it) before the next main run is asked for.
    sweeping: {
      entry: 'startSweep',
      invoke: {
        src: 'sweep',
        input: ({ context }) => ({
          engine: context.engine,
          scenario: context.scenario,
          replications: context.replications,
          estimate: context.estimate,
        }),
      },
      on: {
        SWEEP_POINT: { actions: { type: 'addSweepPoint', params: ({ event }) => event.point } },
        SWEEP_DONE: { target: 'idle', actions: { type: 'endSweep', params: ({ event }) => event.status } },
        CANCEL: { target: 'idle', actions: { type: 'endSweep', params: 'stopped' } },
      },
    },
    idle: {
      on: { RUN: { guard: 'canRun', target: 'running', actions: { type: 'setNotice', params: null } } },
    },
  },
});

export type CompareActor = ActorRefFrom<typeof compareMachine>;
export type CompareSnapshot = SnapshotFrom<typeof compareMachine>;

/** What the page shows about the run, from a snapshot: pure, for the view and tests. */
export type RunPhase = 'estimating' | 'running' | 'sweeping' | 'idle';

export function runPhase(s: Pick<CompareSnapshot, 'value'>): RunPhase {
  return s.value as RunPhase;
}

/** The sweep of the shown result, if it belongs to the current scenario. */
export function currentSweep(c: Pick<CompareContext, 'scenario' | 'replications' | 'sweep'>): Sweep | null {
  return c.sweep && c.sweep.key === scenarioKey(c.scenario, c.replications) ? c.sweep : null;
}
