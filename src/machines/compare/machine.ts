import { assign, enqueueActions, fromCallback, fromPromise, setup } from 'xstate';
import type { ValidScenario } from '../../model/valid';
import { scenarioKey, type CompareContext, type CompareEvent, type CompareInput } from './context';
import {
  aheadRange,
  designsOf,
  foldAhead,
  mainRuns,
  newJob,
  shardInputs,
  sweepJob,
  sweepLength,
  withShardOutcome,
  withShardProgress,
} from './jobs';
import { planSweep } from './loadSweep';
import { roundKept, sweepEnded, sweepPointAdded, sweepStarted } from './sweepSteps';
import type {
  AnalyseInput,
  AnalyseOutcome,
  AssembleInput,
  AssembleOutcome,
  CompareProgress,
  Notice,
  ShardEvent,
  ShardInput,
  ShardOutcome,
  Sweep,
} from './types';

export { scenarioKey } from './context';
export type { CompareContext, CompareEvent, CompareInput, Job } from './context';

/**
 * The Compare page's runs, as an xstate machine inside the session (session.ts). A change of scenario
 * is analysed at once — compiled once per design and estimated, in a cancellable actor — then every
 * design is simulated at once, its runs shared among the workers (one shard actor each); the session
 * assembles the shards' runs into the comparison. A scenario the engine rejects is not kept: the last
 * one it accepted comes back, with the reason. After the main result a load sweep simulates the
 * scenario at a few offered loads in the background; any change or Stop cancels it.
 *
 * No pause before simulating: a pause would charge every change (a select, a checkbox, a preset) its
 * length to spare typing a number from starting runs. Instead each keystroke's run is cancelled by the
 * next change (the workers stop within one slice, a few ms) and only the last one finishes. The
 * machine uses no timers: tests step it on a simulated clock to show that nothing waits on time.
 */

/**
 * Replications of the first round when none is given: the default comparison starts with 5 × 4,000 =
 * 20,000 measured requests per architecture, then adds rounds until the precision target is met.
 */
export const DEFAULT_REPLICATIONS = 5;
/** Events between the sweep's cancel checks: small, so a change stops it within a millisecond or two. */
export const SWEEP_SLICE_EVENTS = 5_000;

const shardId = (job: number, i: number) => `shard-${job}-${i}`;

const notProvided = (name: string) => () => {
  throw new Error(`the compare session's '${name}' actor was not provided`);
};

export const compareMachine = setup({
  types: {
    context: {} as CompareContext,
    events: {} as CompareEvent,
    input: {} as CompareInput,
  },
  actors: {
    /** Compiles the scenario once per design and estimates it (app: on the page, in steps; stops when stopped). */
    analyse: fromPromise<AnalyseOutcome, AnalyseInput>(notProvided('analyse')),
    /** One worker's share of a comparison's runs (app: a worker; tests: a fake). */
    shard: fromCallback<ShardEvent, ShardInput>(notProvided('shard')),
    /** The comparison from every shard's runs and the compiled designs. */
    assemble: fromPromise<AssembleOutcome, AssembleInput>(notProvided('assemble')),
  },
  guards: {
    analysed: (_, out: AnalyseOutcome) => out.status === 'done',
    canRun: ({ context }) => context.accepted !== null && context.estimate !== null,
    jobFailed: ({ context }) => context.job?.failed != null,
    jobCancelled: ({ context }) => context.job?.cancelled === true,
    jobDone: ({ context }) => context.job !== null && context.job.shardsDone === context.workers,
    /** A main round is done: its job's runs (if it has a job) and the replication run ahead (if any). */
    roundDone: ({ context }) =>
      (context.job === null || context.job.shardsDone === context.workers) &&
      (context.ahead === null || context.ahead.shardsDone === context.workers),
    roundFailed: ({ context }) => context.job?.failed != null || context.ahead?.failed != null,
    roundCancelled: ({ context }) => context.job?.cancelled === true || context.ahead?.cancelled === true,
    assembled: (_, out: AssembleOutcome) => out.status === 'done',
    /** The figures are not yet as precise as asked: another round of replications follows. */
    needsRound: ({ context }, out: AssembleOutcome) =>
      context.accepted?.precision != null &&
      out.status === 'done' &&
      (out.result.precision?.next ?? null) !== null,
    hasSweep: ({ context }) =>
      context.sweepKind === 'connections'
        ? context.accepted !== null
        : planSweep(context.scenario, context.estimate) !== null,
  },
  actions: {
    setScenario: assign(
      ({ context }, e: { scenario: ValidScenario; replications?: number; precision?: number | null }) => ({
        scenario: e.scenario,
        replications: e.replications ?? context.replications,
        precision: e.precision === undefined ? context.precision : e.precision,
        progress: null,
        sweep: null,
        connections: null,
      }),
    ),
    accept: assign(({ context }, out: AnalyseOutcome) =>
      out.status === 'done'
        ? {
            estimate: out.estimate,
            accepted: {
              scenario: context.scenario,
              replications: context.replications,
              precision: context.precision,
              compiled: out.compiled,
            },
            rounds: null,
            roundTo: context.replications,
          }
        : {},
    ),
    reject: assign(({ context }, message: string) => {
      const back = context.accepted;
      return {
        scenario: back?.scenario ?? context.scenario,
        replications: back?.replications ?? context.replications,
        precision: back ? back.precision : context.precision,
        notice: {
          kind: 'error' as const,
          text: back ? `${message} The previous scenario is kept.` : message,
        },
      };
    }),
    cancelAnalysis: assign(({ context }) => {
      const back = context.accepted;
      return {
        scenario: back?.scenario ?? context.scenario,
        replications: back?.replications ?? context.replications,
        precision: back ? back.precision : context.precision,
        notice: {
          kind: 'info' as const,
          text: back ? 'Estimate cancelled. The previous scenario is kept.' : 'Estimate cancelled.',
        },
      };
    }),
    /** Starts a job (the main run, or the current sweep point) on every worker. */
    startJob: enqueueActions(({ context, enqueue }, kind: 'main' | 'sweep') => {
      const accepted = context.accepted;
      if (!accepted) return;
      const work =
        kind === 'main'
          ? { scenario: accepted.scenario, designs: designsOf(accepted.compiled) }
          : sweepJob(context);
      if (!work) return;
      // The main comparison runs in rounds (replications from the last round's end, after the one run
      // ahead while the last round was assembled); a sweep point in one.
      const range =
        kind === 'main'
          ? { from: context.ahead?.to ?? context.rounds?.replications ?? 0, to: context.roundTo }
          : { from: 0, to: accepted.replications };
      // A round of one replication, run ahead already: no job of its own.
      if (range.from >= range.to) return void enqueue.assign({ job: null });
      const job = newJob(context.jobs + 1, work, range, context.workers);
      enqueue.assign({ jobs: job.id, job });
      const opts = {
        sliceEvents: kind === 'sweep' ? SWEEP_SLICE_EVENTS : undefined,
        progress: kind === 'main',
      };
      for (const input of shardInputs(job, context.workers, opts))
        enqueue.spawnChild('shard', { id: shardId(job.id, input.index), input });
    }),
    /**
     * Stops every shard of the job and of the replication run ahead (a cancel reaches the workers; they
     * stop within one slice). Finished shards are stopped already; the runs they gave are kept.
     */
    stopJob: enqueueActions(({ context, enqueue }) => {
      for (const job of [context.job, context.ahead])
        if (job)
          for (let index = 0; index < context.workers; index++) enqueue.stopChild(shardId(job.id, index));
    }),
    /**
     * Starts the replication the next round is sure to need on every worker, while the page assembles
     * this round (each run's seed comes from its replication, so who runs it and when changes nothing).
     */
    startAhead: enqueueActions(({ context, enqueue }) => {
      const range = aheadRange(context);
      const accepted = context.accepted;
      if (!range || !accepted || context.ahead) return;
      const work = { scenario: accepted.scenario, designs: designsOf(accepted.compiled) };
      const ahead = newJob(context.jobs + 1, work, range, context.workers);
      enqueue.assign({ jobs: ahead.id, ahead });
      for (const input of shardInputs(ahead, context.workers, { progress: false }))
        enqueue.spawnChild('shard', { id: shardId(ahead.id, input.index), input });
    }),
    /** No round follows (or the work is cancelled): the replication run ahead is stopped and dropped. */
    stopAhead: enqueueActions(({ context, enqueue }) => {
      const ahead = context.ahead;
      if (!ahead) return;
      for (let index = 0; index < context.workers; index++) enqueue.stopChild(shardId(ahead.id, index));
      enqueue.assign({ ahead: null });
    }),
    aheadDone: assign(({ context }, e: { outcome: ShardOutcome }) => ({
      ahead: withShardOutcome(context.ahead!, e.outcome),
    })),
    foldAhead: assign(({ context }) => foldAhead(context)),
    shardProgress: assign(({ context }, e: { index: number; progress: CompareProgress }) =>
      withShardProgress(context.job!, e.index, e.progress),
    ),
    shardDone: assign(({ context }, e: { outcome: ShardOutcome }) => ({
      job: withShardOutcome(context.job!, e.outcome),
    })),
    keepResult: assign(({ context }, out: AssembleOutcome) => ({
      result: out.status === 'done' ? out.result : context.result,
      resultKey:
        out.status === 'done'
          ? scenarioKey(context.scenario, context.replications, context.precision)
          : context.resultKey,
      progress: null,
      job: null,
      rounds: null,
      ahead: null,
    })),
    /** A round's result is shown while the next round runs; its runs are kept for the next assembly. */
    keepRound: assign(({ context }, out: AssembleOutcome) => roundKept(context, out)),
    /** Run again from the first round. */
    restartRounds: assign(({ context }) => ({ rounds: null, roundTo: context.replications })),
    failRun: assign((_, message: string) => ({
      progress: null,
      job: null,
      notice: { kind: 'error' as const, text: `The simulation failed. ${message}` },
    })),
    clearProgress: assign({ progress: null, job: null }),
    noteCancelled: assign({
      progress: null,
      job: null,
      notice: {
        kind: 'info' as const,
        text: 'Simulation cancelled. The analytic estimate is shown; Run simulates again.',
      },
    }),
    setNotice: assign((_, notice: Notice | null) => ({ notice })),
    setSweepKind: assign((_, sweepKind: CompareContext['sweepKind']) => ({ sweepKind })),
    startSweep: assign(({ context }) => sweepStarted(context)),
    addSweepPoint: assign(({ context }, out: AssembleOutcome) => sweepPointAdded(context, out)),
    nextPoint: assign(({ context }) => ({ sweepIndex: context.sweepIndex + 1 })),
    endSweep: assign(({ context }, status: Sweep['status']) => sweepEnded(context, status)),
  },
}).createMachine({
  id: 'compare',
  context: ({ input }) => ({
    scenario: input.scenario,
    replications: input.replications,
    precision: input.precision,
    rounds: null,
    roundTo: input.replications,
    workers: Math.max(1, input.workers),
    accepted: null,
    estimate: null,
    result: null,
    resultKey: null,
    progress: null,
    notice: input.notice,
    sweep: null,
    job: null,
    ahead: null,
    jobs: 0,
    sweepIndex: 0,
    sweepKind: 'load',
    connections: null,
  }),
  initial: 'estimating',
  on: {
    SET_SCENARIO: {
      target: '.estimating',
      reenter: true,
      actions: [
        'stopAhead',
        { type: 'setScenario', params: ({ event }) => event },
        { type: 'setNotice', params: null },
      ],
    },
    NOTICE: { actions: { type: 'setNotice', params: ({ event }) => event.notice } },
  },
  states: {
    estimating: {
      invoke: {
        src: 'analyse',
        input: ({ context }) => ({ scenario: context.scenario, previous: context.accepted?.compiled }),
        onDone: [
          {
            guard: { type: 'analysed', params: ({ event }) => event.output },
            target: 'running',
            actions: { type: 'accept', params: ({ event }) => event.output },
          },
          {
            target: 'idle',
            actions: {
              type: 'reject',
              params: ({ event }) => (event.output.status === 'error' ? event.output.message : ''),
            },
          },
        ],
        onError: {
          target: 'idle',
          actions: { type: 'reject', params: ({ event }) => `The engine failed: ${String(event.error)}` },
        },
      },
      // Stops the analysis (a large scenario's estimate takes a while): the previous scenario comes back.
      on: { CANCEL: { target: 'idle', actions: 'cancelAnalysis' } },
    },
    running: {
      entry: { type: 'startJob', params: 'main' },
      exit: 'stopJob',
      on: {
        SHARD_PROGRESS: {
          guard: ({ context, event }) => event.job === context.job?.id,
          actions: { type: 'shardProgress', params: ({ event }) => event },
        },
        SHARD_DONE: [
          {
            guard: ({ context, event }) => event.job === context.job?.id,
            actions: { type: 'shardDone', params: ({ event }) => event },
          },
          {
            guard: ({ context, event }) => event.job === context.ahead?.id,
            actions: { type: 'aheadDone', params: ({ event }) => event },
          },
        ],
        CANCEL: { target: 'idle', actions: ['noteCancelled', 'stopAhead'] },
      },
      always: [
        {
          guard: 'roundFailed',
          target: 'idle',
          actions: [
            {
              type: 'failRun',
              params: ({ context }) => context.job?.failed ?? context.ahead?.failed ?? '',
            },
            'stopAhead',
          ],
        },
        { guard: 'roundCancelled', target: 'idle', actions: ['clearProgress', 'stopAhead'] },
        { guard: 'roundDone', target: 'assembling', actions: 'foldAhead' },
      ],
    },
    assembling: {
      // The workers need not wait for the assembly: the next round's first replication starts now.
      entry: 'startAhead',
      invoke: {
        src: 'assemble',
        input: ({ context }) => ({
          scenario: context.accepted!.scenario,
          compiled: context.accepted!.compiled,
          replications: context.roundTo,
          runs: mainRuns(context),
          carry: context.rounds?.carry ?? null,
          precision: context.accepted!.precision,
        }),
        onDone: [
          {
            guard: { type: 'needsRound', params: ({ event }) => event.output },
            target: 'running',
            actions: { type: 'keepRound', params: ({ event }) => event.output },
          },
          {
            guard: { type: 'assembled', params: ({ event }) => event.output },
            target: 'sweeping',
            actions: [
              'stopAhead',
              { type: 'keepResult', params: ({ event }) => event.output },
              { type: 'setSweepKind', params: 'load' },
            ],
          },
          {
            target: 'idle',
            actions: [
              'stopAhead',
              {
                type: 'failRun',
                params: ({ event }) => (event.output.status === 'error' ? event.output.message : ''),
              },
            ],
          },
        ],
        onError: {
          target: 'idle',
          actions: [
            'stopAhead',
            { type: 'failRun', params: ({ event }) => `The engine failed: ${String(event.error)}` },
          ],
        },
      },
      on: {
        SHARD_DONE: {
          guard: ({ context, event }) => event.job === context.ahead?.id,
          actions: { type: 'aheadDone', params: ({ event }) => event },
        },
        CANCEL: { target: 'idle', actions: ['stopAhead', 'noteCancelled'] },
      },
    },
    // Low priority by construction: it starts only once the main result is in, and SET_SCENARIO leaves
    // the state (cancelling it) before the next main run is asked for.
    sweeping: {
      initial: 'deciding',
      on: {
        CANCEL: { target: 'idle', actions: { type: 'endSweep', params: 'stopped' } },
        // Asked for while the load sweep runs: the load sweep stops (its points kept) and this one starts.
        SWEEP_CONNECTIONS: {
          guard: ({ context }) => context.sweepKind === 'load',
          target: 'sweeping',
          reenter: true,
          actions: [
            { type: 'endSweep', params: 'stopped' },
            { type: 'setSweepKind', params: 'connections' },
          ],
        },
      },
      states: {
        deciding: {
          always: [
            { guard: 'hasSweep', target: 'point', actions: 'startSweep' },
            { target: '#compare.idle' },
          ],
        },
        point: {
          entry: { type: 'startJob', params: 'sweep' },
          exit: 'stopJob',
          on: {
            SHARD_DONE: {
              guard: ({ context, event }) => event.job === context.job?.id,
              actions: { type: 'shardDone', params: ({ event }) => event },
            },
          },
          always: [
            {
              guard: ({ context }) =>
                context.job === null || context.job.failed !== null || context.job.cancelled,
              target: '#compare.idle',
              actions: { type: 'endSweep', params: 'failed' },
            },
            { guard: 'jobDone', target: 'assembling' },
          ],
        },
        assembling: {
          invoke: {
            src: 'assemble',
            input: ({ context }) => ({
              scenario: context.job!.scenario,
              compiled: context.accepted!.compiled,
              replications: context.accepted!.replications,
              runs: context.job!.runs,
              precision: null,
            }),
            onDone: [
              {
                guard: ({ context, event }) =>
                  event.output.status === 'done' && context.sweepIndex + 1 < sweepLength(context),
                target: 'point',
                actions: [{ type: 'addSweepPoint', params: ({ event }) => event.output }, 'nextPoint'],
              },
              {
                guard: { type: 'assembled', params: ({ event }) => event.output },
                target: '#compare.idle',
                actions: [
                  { type: 'addSweepPoint', params: ({ event }) => event.output },
                  { type: 'endSweep', params: 'done' },
                ],
              },
              { target: '#compare.idle', actions: { type: 'endSweep', params: 'failed' } },
            ],
            onError: { target: '#compare.idle', actions: { type: 'endSweep', params: 'failed' } },
          },
        },
      },
    },
    idle: {
      on: {
        SWEEP_CONNECTIONS: {
          guard: 'canRun',
          target: 'sweeping',
          actions: [
            { type: 'setNotice', params: null },
            { type: 'setSweepKind', params: 'connections' },
          ],
        },
        RUN: {
          guard: 'canRun',
          target: 'running',
          actions: [{ type: 'setNotice', params: null }, 'restartRounds'],
        },
      },
    },
  },
});
