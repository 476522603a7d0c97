import { describe, expect, it } from 'vitest';
import type { Job } from './context';
import { newJob, withShardProgress } from './jobs';

/** A job of two designs over replications `from`…`to`, on two workers (only its shape matters here). */
const job = (from: number, to: number): Job =>
  newJob(
    1,
    { scenario: {} as never, designs: [{ architecture: 'no-mesh' }, { architecture: 'ambient' }] as never },
    { from, to },
    2,
  );

const report = (fraction: number, runsDone: number, runsTotal: number) => ({
  fraction,
  runsDone,
  runsTotal,
  architecture: 'no-mesh',
});

describe('the comparison’s progress line across rounds', () => {
  it('a later round goes on from the share of the larger plan already run, not from zero', () => {
    // Replications 10 to 13 of two designs: 20 runs done before this round, 26 in all.
    const r = job(10, 13);
    expect(r.runs).toHaveLength(6);
    const start = withShardProgress(r, 0, report(0, 0, 3));
    expect(start.progress).toEqual({
      fraction: 20 / 26,
      runsDone: 20,
      runsTotal: 26,
      architecture: 'no-mesh',
    });
    // Half of one shard's three runs: 1.5 of the round's 6.
    const half = withShardProgress(start.job, 0, report(0.5, 1, 3));
    expect(half.progress.fraction).toBeCloseTo((20 + 1.5) / 26, 12);
    expect(half.progress.runsDone).toBe(21);
    // Both shards done: short of 1 until the round is assembled.
    const a = withShardProgress(half.job, 0, report(1, 3, 3));
    expect(withShardProgress(a.job, 1, report(1, 3, 3)).progress.fraction).toBe(0.999);
  });

  it('the first round reads as before: its own runs, from zero', () => {
    const first = withShardProgress(job(0, 5), 1, report(0.4, 2, 5));
    expect(first.progress).toEqual({ fraction: 0.2, runsDone: 2, runsTotal: 10, architecture: 'no-mesh' });
  });
});
