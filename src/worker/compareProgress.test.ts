import { describe, expect, it } from 'vitest';
import bench from '../../models/presets/istio-benchmark.json';
import { compileAll } from '../engine/scenario/compiledSet';
import { specsOf } from '../engine/scenario/session';
import { parseScenario } from '../model/valid';
import { compareInSlices, PROGRESS_MS, SLICE_MS, type CompareProgress } from './compareRunner';

const designs = specsOf(
  compileAll(
    parseScenario({
      ...bench,
      architectures: ['no-mesh', 'sidecar-envoy'],
      run: { warmupRequests: 50, measuredRequests: 1_000 },
    }),
  ),
);

/** A shard run with a clock that moves `msPerSlice` per slice; the progress reports it sends. */
async function reports(progressMs?: number, msPerSlice = 10) {
  let t = 0;
  let slices = 0;
  const seen: CompareProgress[] = [];
  const out = await compareInSlices(designs, {
    seed: 1,
    replications: 3,
    sliceEvents: 500,
    progressMs,
    now: () => t,
    yieldToEvents: async () => {
      slices++;
      t += msPerSlice;
    },
    onProgress: (p) => seen.push(p),
  });
  expect(out.status).toBe('runs');
  return { seen, slices, elapsed: t };
}

describe('compare progress', () => {
  it(`goes out at most every ${PROGRESS_MS} ms of the worker's time, and always at the end`, async () => {
    const { seen, slices, elapsed } = await reports();
    expect(slices).toBeGreaterThan(100);
    // One at the start, one per PROGRESS_MS, the last at the end.
    expect(seen.length).toBeLessThanOrEqual(Math.floor(elapsed / PROGRESS_MS) + 2);
    expect(seen.length).toBeGreaterThanOrEqual(Math.floor(elapsed / PROGRESS_MS));
    for (let i = 1; i < seen.length; i++)
      expect(seen[i].fraction).toBeGreaterThanOrEqual(seen[i - 1].fraction);
    expect(seen.at(-1)).toEqual({ fraction: 1, runsDone: 6, runsTotal: 6, architecture: null });
    // Without the limit, a report per slice (what kept the page's thread busy).
    const each = await reports(0);
    expect(each.seen.length).toBe(each.slices + 1);
  });

  it(`a slice yields after ${SLICE_MS} ms of the worker's clock, however many events it may run`, async () => {
    /** Slices (yields) of a shard of 6 runs allowed 10⁹ events a slice, on a clock moving `msPerRead` a reading. */
    async function sliced(msPerRead: number) {
      let t = 0;
      let slices = 0;
      const out = await compareInSlices(designs, {
        seed: 1,
        replications: 3,
        sliceEvents: 1e9,
        now: () => (t += msPerRead),
        yieldToEvents: async () => void slices++,
      });
      if (out.status !== 'runs') throw new Error(out.status);
      return { slices, events: out.runs.reduce((a, r) => a + r!.events, 0) };
    }
    // A clock that stands still: each run is a slice to start it, one for all its events, one to read it.
    const still = await sliced(0);
    expect(still.slices).toBe(6 * 3 - 1); // no yield after the last piece
    // 3 ms a reading: a slice reads the clock at its start and after each 5,000 events, so it ends after
    // the third piece at most (9 ms ≥ 8): every run's events take ⌈events / 15,000⌉ slices or more.
    const moving = await sliced(3);
    expect(still.events).toBe(moving.events);
    expect(moving.events).toBeGreaterThan(6 * 15_000);
    expect(moving.slices).toBeGreaterThanOrEqual(6 * 2 - 1 + Math.ceil(moving.events / 15_000));
  });
});
