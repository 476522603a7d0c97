import { assign, fromCallback, fromPromise, setup, type ActorRefFrom, type SnapshotFrom } from 'xstate';
import type { ScenarioEstimate } from '../engine/scenario/estimate';
import type { ComparisonView } from '../engine/scenario/view';
import type { Scenario } from '../model/scenario';
import type { CompareEngine, CompareOutcome, CompareProgress, EstimateOutcome } from '../worker/client';

/**
 * The Compare page's runs. Any change of scenario asks the engine for the analytic estimate at once
 * (milliseconds), then — after a short pause, so typing a number does not start and cancel a run per
 * keystroke — simulates every architecture in the worker, with progress, until it finishes or is
 * cancelled. A scenario the engine rejects is not kept: the last one it accepted comes back, with the
 * reason. Delays run on the actor's clock (xstate's, or a SimulatedClock in tests).
 */

/** Pause between the last change and the start of the simulation, ms. */
export const SIMULATION_DELAY_MS = 250;
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
}

export type CompareEvent =
  | { type: 'SET_SCENARIO'; scenario: Scenario; replications?: number }
  | { type: 'RUN' }
  | { type: 'CANCEL' }
  | { type: 'NOTICE'; notice: Notice | null }
  | { type: 'PROGRESS'; progress: CompareProgress }
  | { type: 'COMPARE_DONE'; outcome: CompareOutcome };

/** Identity of what a result was computed for: the scenario and the replication count. */
export function scenarioKey(s: Scenario, replications: number): string {
  return `${replications}|${JSON.stringify(s)}`;
}

/** Whether the shown simulation result belongs to the current scenario. */
export function resultIsCurrent(c: Pick<CompareContext, 'scenario' | 'replications' | 'resultKey' | 'result'>): boolean {
  return c.result !== null && c.resultKey === scenarioKey(c.scenario, c.replications);
}

const estimateActor = fromPromise<EstimateOutcome, { engine: CompareEngine; scenario: Scenario }>(({ input }) =>
  input.engine.estimate(input.scenario),
);

const compareActor = fromCallback<CompareEvent, { engine: CompareEngine; scenario: Scenario; replications: number }>(({ input, sendBack }) => {
  const handle = input.engine.compare(input.scenario, input.replications, (progress) => sendBack({ type: 'PROGRESS', progress }));
  let live = true;
  void handle.promise.then((outcome) => {
    if (live) sendBack({ type: 'COMPARE_DONE', outcome });
  });
  return () => {
    live = false;
    handle.cancel();
  };
});

export const compareMachine = setup({
  types: {
    context: {} as CompareContext,
    events: {} as CompareEvent,
    input: {} as CompareInput,
  },
  actors: { estimate: estimateActor, compare: compareActor },
  delays: { simulationDelay: SIMULATION_DELAY_MS },
  guards: {
    estimateOk: (_, out: EstimateOutcome) => out.status === 'done',
    canRun: ({ context }) => context.accepted !== null && context.estimate !== null,
    finished: (_, out: CompareOutcome) => out.status === 'done',
    failed: (_, out: CompareOutcome) => out.status === 'error',
  },
  actions: {
    setScenario: assign(({ context }, e: { scenario: Scenario; replications?: number }) => ({
      scenario: e.scenario,
      replications: e.replications ?? context.replications,
      progress: null,
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
        notice: { kind: 'error' as const, text: back ? `${message} The previous scenario is kept.` : message },
      };
    }),
    keepResult: assign(({ context }, out: CompareOutcome) => ({
      result: out.status === 'done' ? out.result : context.result,
      resultKey: out.status === 'done' ? scenarioKey(context.scenario, context.replications) : context.resultKey,
      progress: null,
    })),
    failRun: assign((_, out: CompareOutcome) => ({
      progress: null,
      notice: { kind: 'error' as const, text: `The simulation failed. ${out.status === 'error' ? out.message : ''}` },
    })),
    setProgress: assign((_, progress: CompareProgress) => ({ progress })),
    clearProgress: assign({ progress: null }),
    noteCancelled: assign({
      progress: null,
      notice: { kind: 'info' as const, text: 'Simulation cancelled. The analytic estimate is shown; Run simulates again.' },
    }),
    setNotice: assign((_, notice: Notice | null) => ({ notice })),
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
  }),
  initial: 'estimating',
  on: {
    SET_SCENARIO: {
      target: '.estimating',
      reenter: true,
      actions: [{ type: 'setScenario', params: ({ event }) => event }, { type: 'setNotice', params: null }],
    },
    NOTICE: { actions: { type: 'setNotice', params: ({ event }) => event.notice } },
  },
  states: {
    estimating: {
      invoke: {
        src: 'estimate',
        input: ({ context }) => ({ engine: context.engine, scenario: context.scenario }),
        onDone: [
          { guard: { type: 'estimateOk', params: ({ event }) => event.output }, target: 'waiting', actions: { type: 'accept', params: ({ event }) => event.output } },
          { target: 'idle', actions: { type: 'reject', params: ({ event }) => event.output } },
        ],
        onError: {
          target: 'idle',
          actions: { type: 'reject', params: ({ event }) => ({ status: 'error' as const, message: `The engine failed: ${String(event.error)}` }) },
        },
      },
    },
    waiting: {
      after: { simulationDelay: 'running' },
      on: { RUN: 'running', CANCEL: { target: 'idle', actions: 'noteCancelled' } },
    },
    running: {
      invoke: {
        src: 'compare',
        input: ({ context }) => ({ engine: context.engine, scenario: context.scenario, replications: context.replications }),
      },
      on: {
        PROGRESS: { actions: { type: 'setProgress', params: ({ event }) => event.progress } },
        COMPARE_DONE: [
          { guard: { type: 'finished', params: ({ event }) => event.outcome }, target: 'idle', actions: { type: 'keepResult', params: ({ event }) => event.outcome } },
          { guard: { type: 'failed', params: ({ event }) => event.outcome }, target: 'idle', actions: { type: 'failRun', params: ({ event }) => event.outcome } },
          { target: 'idle', actions: 'clearProgress' },
        ],
        CANCEL: { target: 'idle', actions: 'noteCancelled' },
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
export function runPhase(s: Pick<CompareSnapshot, 'value'>): 'estimating' | 'waiting' | 'running' | 'idle' {
  return s.value as 'estimating' | 'waiting' | 'running' | 'idle';
}
