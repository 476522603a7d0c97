import type { CompareProgress } from './types';

/**
 * One progress line for a comparison shared among workers: the fraction of all `total` runs done (the
 * job's, known from the start: a shard that has not reported yet counts as none done, so the total
 * never jumps as shards report), weighted by each shard's run count, never going back and held below
 * 1 until the result is assembled.
 */
export function combineProgress(
  shards: readonly (CompareProgress | null)[],
  total: number,
  previous: number,
  architecture: string | null,
): CompareProgress {
  const seen = shards.filter((p): p is CompareProgress => p !== null);
  const weighted = total > 0 ? seen.reduce((s, x) => s + x.fraction * x.runsTotal, 0) / total : 0;
  return {
    fraction: Math.min(Math.max(previous, weighted), 0.999),
    runsDone: seen.reduce((s, x) => s + x.runsDone, 0),
    runsTotal: total,
    architecture,
  };
}
