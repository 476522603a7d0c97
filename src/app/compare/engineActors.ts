// The Compare session's side effects: the analysis and the assembly on the page, the runs in workers.
import { fromCallback, fromPromise } from 'xstate';
import {
  analyseSteps,
  analysisFailure,
  StepBudget,
  STEP_MS,
  STEP_WORK,
  type CompiledEntry,
} from '../../engine';
import { assembleSteps, toComparisonViewSteps } from '../../engine';
import type { CompareActors } from '../../machines/compare/session';
import type {
  AnalyseInput,
  AnalyseOutcome,
  AssembleInput,
  AssembleOutcome,
  ShardEvent,
  ShardInput,
} from '../../machines/compare/types';
import { shippedModelsSteps, type Models } from '../../model/models';
import { precisionRule } from '../../model/precision';
import { WorkerLostError } from '../../model/errors';
import type { EngineClient } from '../../worker/client';

/** Lets the page's event loop run (input, paint) between steps of the analysis. */
export type Yield = () => Promise<void>;

const yieldByTimeout: Yield = () => new Promise((resolve) => setTimeout(resolve, 0));

/** The page's clock, ms: how long a slice of the analysis has run. */
export type Clock = () => number;

/**
 * A slice of the analysis runs steps until this long has passed, then yields: a pods-400 analysis has
 * about 50 steps of 0.5–8 ms, and a yield after each one costs a task (and often a frame) apiece,
 * while 10 ms slices keep every task well under 50 ms.
 */
export const ANALYSIS_SLICE_MS = 10;

const pageClock: Clock = () => performance.now();

/**
 * Compiles the scenario once per design and estimates it on the page, a slice of steps at a time: the
 * compiled designs stay here for the assembly and are what the workers receive. A newer change or
 * Cancel stops the actor, and the steps stop with it; no worker is ever held up by an estimate.
 */
export function analyseOnPage(
  models?: Models,
  yieldToEvents: Yield = yieldByTimeout,
  clock: Clock = pageClock,
  sliceMs = ANALYSIS_SLICE_MS,
  onCompiled?: (entry: CompiledEntry) => void,
  stepMs = STEP_MS,
) {
  return fromPromise<AnalyseOutcome, AnalyseInput>(async ({ input, signal }) => {
    try {
      // The change's own task (the control's event, the page's render) ends before the first slice.
      await yieldToEvents();
      const steps = (function* () {
        // The shipped models' first read parses their catalogs (tens of ms): a catalog per step.
        const m = models ?? (yield* shippedModelsSteps());
        // Steps bounded by the page's clock too: the analysis runs cold here (see StepBudget).
        const budget = new StepBudget(STEP_WORK, clock, stepMs);
        return yield* analyseSteps(input.scenario, m, input.previous, onCompiled, budget);
      })();
      let sliceStart = clock();
      for (;;) {
        if (signal.aborted) return { status: 'error', message: 'superseded' };
        const next = steps.next();
        if (next.done) {
          // The estimate renders in a task of its own, not on top of the last slice.
          await yieldToEvents();
          if (signal.aborted) return { status: 'error', message: 'superseded' };
          return { status: 'done', ...next.value };
        }
        if (clock() - sliceStart >= sliceMs) {
          await yieldToEvents();
          sliceStart = clock();
        }
      }
    } catch (e) {
      return { status: 'error', message: analysisFailure(e) };
    }
  });
}

/**
 * Puts the comparison together on the page from the shards' runs and the compiled designs — each run
 * read in a step (its pass over its hops), then each design's figures and view — in slices of steps
 * like the analysis', so a large mesh's assembly never blocks the page for long. A later round reads
 * only its own runs, on top of what the last round's assembly read (`carry`).
 */
export function assembleOnPage(
  models?: Models,
  yieldToEvents: Yield = yieldByTimeout,
  clock: Clock = pageClock,
  sliceMs = ANALYSIS_SLICE_MS,
) {
  return fromPromise<AssembleOutcome, AssembleInput>(async ({ input, signal }) => {
    try {
      const summary = assembleSteps(input.scenario, input.compiled, input.replications, input.runs, {
        models,
        precision: precisionRule(input.precision),
        carry: input.carry,
      });
      const drain = async <T>(steps: Generator<void, T, void>): Promise<T | null> => {
        let sliceStart = clock();
        for (;;) {
          const next = steps.next();
          if (next.done) return next.value;
          if (clock() - sliceStart >= sliceMs) {
            await yieldToEvents();
            if (signal.aborted) return null;
            sliceStart = clock();
          }
        }
      };
      // The shards' last reply (and its pairing) ends its own task before the first slice.
      await yieldToEvents();
      if (signal.aborted) return { status: 'error', message: 'superseded' };
      const assembled = await drain(summary);
      const view = assembled && (await drain(toComparisonViewSteps(assembled.result)));
      if (!view) return { status: 'error', message: 'superseded' };
      // The result renders in a task of its own (a large mesh's takes tens of ms), not on top of the last slice.
      await yieldToEvents();
      if (signal.aborted) return { status: 'error', message: 'superseded' };
      return { status: 'done', result: view, carry: assembled!.carry };
    } catch (e) {
      return { status: 'error', message: analysisFailure(e) };
    }
  });
}

/** Runs `f` in a task of its own. */
export type Defer = (f: () => void) => void;

const deferByTimeout: Defer = (f) => void setTimeout(f, 0);

/**
 * Shard `index` runs on worker `index`: the compiled specs go out, the runs come back; stopping cancels
 * it. A shard whose worker was lost and replaced is asked once more, on the new worker (the client
 * sends that worker the specs again). Each shard starts in a task of its own, since every shard starts
 * in the same transition; the client then posts each spec its worker lacks in a task of its own too
 * (a 400-pod design is about 1.5 MB to copy), and none in later rounds.
 */
export function shardOnWorkers(clients: readonly EngineClient[], defer: Defer = deferByTimeout) {
  return fromCallback<ShardEvent, ShardInput>(({ input, sendBack }) => {
    const client = clients[input.index % clients.length];
    const { job, index } = input;
    let live = true;
    let cancel = () => {};
    const start = (retries: number) => {
      const handle = client.compareShard(
        input.designs,
        input.seed,
        input.replications,
        { index, count: input.count },
        input.progress ? (progress) => sendBack({ type: 'SHARD_PROGRESS', job, index, progress }) : undefined,
        { sliceEvents: input.sliceEvents, from: input.from },
      );
      cancel = handle.cancel;
      void handle.promise.then((outcome) => {
        if (!live) return;
        const lost = outcome.status === 'error' && outcome.error instanceof WorkerLostError;
        if (lost && (outcome.error as WorkerLostError).restarted && retries > 0) return start(retries - 1);
        sendBack({ type: 'SHARD_DONE', job, index, outcome });
      });
    };
    defer(() => {
      if (live) start(1);
    });
    return () => {
      live = false;
      cancel();
    };
  });
}

/**
 * Each design's spec goes to every worker as soon as it is compiled, while the page still estimates:
 * the workers copy and parse a large mesh's specs (~0.2 s each for pods-400's five) during the estimate
 * instead of after it, and the runs that follow name them by key.
 */
export function specsAhead(clients: readonly EngineClient[]): (entry: CompiledEntry) => void {
  return (entry) => {
    if (entry.status !== 'compiled') return;
    for (const c of clients) c.prepare([{ architecture: entry.architecture, spec: entry.compiled.spec }]);
  };
}

/** Every side effect of the page's session; `yieldToEvents` lets the page breathe between analysis steps. */
export function engineActors(
  clients: readonly EngineClient[],
  yieldToEvents?: Yield,
  models?: Models,
): CompareActors {
  return {
    analyse: analyseOnPage(models, yieldToEvents, undefined, undefined, specsAhead(clients)),
    shard: shardOnWorkers(clients),
    assemble: assembleOnPage(models, yieldToEvents),
  };
}
