// Test support (not a test): a Compare session with the real analysis and assembly on the page and
// shards the test finishes by hand (with the real engine's runs), as a worker would.
import { fromCallback, fromPromise } from 'xstate';
import { assembleOnPage } from '../app/compare/engineActors';
import { analyseSteps, analysisFailure } from '../engine';
import { ComparisonSession } from '../engine';
import { createCompareSession, type CompareSession } from '../machines/compare/session';
import type { AnalyseOutcome, CompareProgress, ShardEvent, ShardInput } from '../machines/compare/types';
import type { ValidScenario } from '../model/valid';

export interface HandShard {
  input: ShardInput;
  stopped: boolean;
  progress(p: CompareProgress): void;
  /** Runs the shard's runs on the real engine and answers with them; settles once the session has assembled them. */
  finish(): Promise<void>;
  fail(message: string): void;
}

export function handShards() {
  const shards: HandShard[] = [];
  const shard = fromCallback<ShardEvent, ShardInput>(({ input, sendBack }) => {
    const { job, index } = input;
    const s: HandShard = {
      input,
      stopped: false,
      progress: (progress) => sendBack({ type: 'SHARD_PROGRESS', job, index, progress }),
      async finish() {
        const session = new ComparisonSession(input.seed, input.designs, {
          replications: input.replications,
          from: input.from,
          shard: { index, count: input.count },
        });
        while (!session.step(1e9));
        sendBack({
          type: 'SHARD_DONE',
          job,
          index,
          outcome: { status: 'runs', runs: [...session.summariesByRun] },
        });
        // The assembly is an actor's promise: a macrotask later it has settled, whatever the load.
        await new Promise((resolve) => setTimeout(resolve, 0));
      },
      fail: (message) => sendBack({ type: 'SHARD_DONE', job, index, outcome: { status: 'error', message } }),
    };
    shards.push(s);
    return () => (s.stopped = true);
  });
  return { shard, shards };
}

/**
 * A session on `scenario` with one hand-finished worker; `analysed` lists each scenario analysed.
 * A fixed number of replications unless a precision target is given (then each round is a shard to finish).
 */
export function testCompareSession(
  scenario: ValidScenario,
  replications: number,
  precision: number | null = null,
) {
  const hand = handShards();
  const analysed: ValidScenario[] = [];
  const analyse = fromPromise<AnalyseOutcome, { scenario: ValidScenario }>(async ({ input }) => {
    analysed.push(input.scenario);
    try {
      const steps = analyseSteps(input.scenario);
      for (;;) {
        const next = steps.next();
        if (next.done) return { status: 'done', ...next.value };
      }
    } catch (e) {
      return { status: 'error', message: analysisFailure(e) };
    }
  });
  const session: CompareSession = createCompareSession({
    scenario,
    replications,
    precision,
    workers: 1,
    actors: {
      analyse,
      shard: hand.shard,
      // Its steps yield to microtasks here, so it settles within the macrotask `finish` waits for.
      assemble: assembleOnPage(undefined, () => Promise.resolve()),
    },
  });
  return { session, analysed, runs: hand.shards };
}
