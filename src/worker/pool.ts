import type { RunSummary } from '../model/result';
import type { CompareEngine, CompareOutcome, CompareProgress, EngineClient, ShardOutcome } from './client';
import { WorkerLostError } from '../model/errors';

/** The worker was lost and replaced: the same request on the fresh worker may well succeed. */
function lostAndRestarted(o: { status: string; error?: Error }): boolean {
  return o.status === 'error' && o.error instanceof WorkerLostError && o.error.restarted;
}

/** Runs `start()` again once if its worker was lost and replaced; cancel stops whichever attempt runs. */
function retryOnceIfLost<T extends { status: string; error?: Error }>(
  start: () => { promise: Promise<T>; cancel(): void },
): { promise: Promise<T>; cancel(): void } {
  let current = start();
  let cancelled = false;
  const promise = current.promise.then((o) => {
    if (cancelled || !lostAndRestarted(o)) return o;
    current = start();
    return current.promise;
  });
  return {
    promise,
    cancel() {
      cancelled = true;
      current.cancel();
    },
  };
}
const once = <T extends { status: string; error?: Error }>(ask: () => Promise<T>) =>
  retryOnceIfLost(() => ({ promise: ask(), cancel: () => {} })).promise;

/**
 * Shares each comparison among several engine workers: each runs every n-th run (same seeds as
 * runComparison), then the first puts the result together. On a 2-core laptop two workers halve the
 * wait while the page's own thread stays free. Estimates go to the first worker. A request whose
 * worker stopped answering (and was replaced) is asked again once, on the replacement.
 */
export function createComparePool(clients: EngineClient[]): CompareEngine {
  if (clients.length === 0) throw new Error('a compare pool needs at least one engine client');
  const [first] = clients;
  return {
    estimate: (scenario) => once(() => first.estimate(scenario)),
    compare(scenario, replications, onProgress, opts) {
      if (clients.length === 1)
        return retryOnceIfLost(() => first.compare(scenario, replications, onProgress, opts));
      const count = clients.length;
      const seen: CompareProgress[] = clients.map(() => ({
        fraction: 0,
        runsDone: 0,
        runsTotal: 0,
        architecture: null,
      }));
      let best = 0;
      const report = (i: number, p: CompareProgress) => {
        seen[i] = p;
        const total = seen.reduce((s, x) => s + x.runsTotal, 0);
        const weighted = total > 0 ? seen.reduce((s, x) => s + x.fraction * x.runsTotal, 0) / total : 0;
        best = Math.min(Math.max(best, weighted), 0.999); // 1 once the result is assembled
        onProgress?.({
          fraction: best,
          runsDone: seen.reduce((s, x) => s + x.runsDone, 0),
          runsTotal: total,
          architecture: p.architecture,
        });
      };
      const shards = clients.map((c, index) =>
        retryOnceIfLost(() =>
          c.compareShard(
            scenario,
            replications,
            { index, count },
            onProgress && ((p) => report(index, p)),
            opts,
          ),
        ),
      );
      let cancelled = false;
      // One shard failing fails the comparison: stop the others rather than let them run on.
      for (const s of shards)
        void s.promise.then((o) => o.status === 'error' && shards.forEach((x) => x.cancel()));
      const promise = (async (): Promise<CompareOutcome> => {
        const outcomes: ShardOutcome[] = await Promise.all(shards.map((s) => s.promise));
        const failed = outcomes.find((o) => o.status === 'error');
        if (failed && failed.status === 'error') return failed;
        if (cancelled || outcomes.some((o) => o.status === 'cancelled')) return { status: 'cancelled' };
        const runs: (RunSummary | null)[] = [];
        for (const o of outcomes)
          if (o.status === 'runs') o.runs.forEach((r, j) => (runs[j] = r ?? runs[j] ?? null));
        const out = await once(() => first.assemble(scenario, replications, runs));
        if (cancelled) return { status: 'cancelled' };
        if (out.status === 'done')
          onProgress?.({ fraction: 1, runsDone: runs.length, runsTotal: runs.length, architecture: null });
        return out;
      })();
      return {
        promise,
        cancel() {
          cancelled = true;
          for (const s of shards) s.cancel();
        },
      };
    },
  };
}
