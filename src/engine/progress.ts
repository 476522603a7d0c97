import type { Simulation } from './simulation';

/**
 * How far one run has got, 0..1, for a progress display. The total event count is unknown in advance,
 * so this uses requests finished against the target (count-based runs) or simulated time against the
 * window's end (time-based runs); open and paced loads also know when their last request is due.
 */
export function runFraction(sim: Simulation): number {
  if (sim.done) return 1;
  const { run, load } = sim.spec;
  let f: number;
  if ('measuredRequests' in run) {
    const total = run.warmupRequests + run.measuredRequests;
    const warmedUp = Number.isNaN(sim.windowStart) ? 0 : run.warmupRequests;
    f = (warmedUp + sim.measuredDone + sim.measuredFailed) / total;
    if (load.kind !== 'closed') f = Math.max(f, sim.now / ((total / load.rps) * 1e6));
  } else f = sim.now / (run.warmupUs + run.durationUs);
  return Math.min(Math.max(f, 0), 0.999);
}

/** Called during a batch of runs: runs finished so far, runs in all, and the current run's fraction. */
export type ProgressHook = (done: number, total: number, fraction: number) => void;
