import type { Simulation } from '../engine';

/**
 * How far a run has got, 0..1. The engine does not know its total event count in advance, so this
 * estimates from what it does know: requests finished against the target (count-based runs), and
 * simulated time against the expected end (time-based runs, or open/paced load whose arrival rate
 * fixes when the last request is sent). It stays below 1 until the run is done.
 */
export function progressFraction(sim: Simulation): number {
  if (sim.done) return 1;
  const { run, load } = sim.spec;
  let f: number;
  if ('measuredRequests' in run) {
    const total = run.warmupRequests + run.measuredRequests;
    const warmedUp = Number.isNaN(sim.windowStart) ? 0 : run.warmupRequests;
    f = (warmedUp + sim.measuredDone + sim.measuredFailed) / total;
    if (load.kind !== 'closed') f = Math.max(f, sim.now / ((total / load.rps) * 1e6));
  } else {
    f = sim.now / (run.warmupUs + run.durationUs);
  }
  return Math.min(Math.max(f, 0), MAX_UNFINISHED);
}

/** Reported while the last requests drain, so 1 always means "finished". */
const MAX_UNFINISHED = 0.999;
