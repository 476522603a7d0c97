import {
  assembleComparison,
  compileAll,
  ComparisonSession,
  runFraction,
  specsOf,
  type ComparisonResult,
  type SpecEntry,
} from '../engine';
import type { Models } from '../model/models';
import type { PrecisionRule } from '../model/precision';
import type { RunSummary } from '../model/result';
import { joinRounds } from '../model/rounds';
import type { ValidScenario } from '../model/valid';
import { startThreads, type RoundProgress, type ThreadPool } from './threads';

/**
 * A comparison as the CLI runs it: compiled once per design, then rounds of replications (until the
 * precision rule is met, or one round for a fixed count), each round's runs shared among worker
 * threads as the page shares them among its workers, and assembled from the runs. The same seeds and
 * the same rounds as runComparison, so the same numbers (tested), on any number of threads.
 */
export interface RoundsOptions {
  replications: number;
  precision: PrecisionRule | null;
  models?: Models;
  /** Worker threads to share each round among; 1 runs in this thread. */
  threads: number;
  progress?: RoundProgress;
  /** Called when threads were asked for but could not start (the run goes on in this thread). */
  onNoThreads?: () => void;
}

export function compareInRounds(scenario: ValidScenario, opts: RoundsOptions): ComparisonResult {
  const set = compileAll(scenario, opts.models);
  const designs = specsOf(set);
  let pool: ThreadPool | null = null;
  if (opts.threads > 1 && designs.length > 0) {
    pool = startThreads(opts.threads);
    if (!pool) opts.onNoThreads?.();
  }
  try {
    let before: { replications: number; runs: RunSummary[] } | null = null;
    let to = opts.replications;
    for (;;) {
      const from: number = before?.replications ?? 0;
      const round = pool
        ? pool.runRound(scenario.seed, designs, from, to, opts.progress)
        : inProcess(scenario.seed, designs, from, to, opts.progress);
      before = { replications: to, runs: joinRounds(designs.length, before, { from, to, runs: round }) };
      const result = assembleComparison(scenario, set, to, before.runs, {
        models: opts.models,
        precision: opts.precision,
      });
      if (opts.precision === null || result.precision.next === null) return result;
      to = result.precision.next;
    }
  } finally {
    pool?.close();
  }
}

function inProcess(
  seed: number,
  designs: readonly SpecEntry[],
  from: number,
  to: number,
  progress?: RoundProgress,
): RunSummary[] {
  const session = new ComparisonSession(seed, designs, { replications: to, from });
  while (!session.step(200_000))
    progress?.(session.jobsDone, session.jobsTotal, session.current ? runFraction(session.current) : 0);
  return session.summariesByRun as RunSummary[];
}
