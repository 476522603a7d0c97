// One run of a comparison — a design's spec at one replication's seed — stepped a slice at a time, the
// same way in the main thread and in a worker thread (as ComparisonSession runs it on the page).
import { replicationSeed, runFraction, Simulation, summarize } from '../engine';
import type { RunSummary } from '../model/result';
import { vouchSimSpec, type ValidSimSpec } from '../model/valid';

/** Events between two looks at the other threads (and progress): about a tenth of a second. */
export const SLICE_EVENTS = 200_000;

export class OneRun {
  private readonly sim: Simulation;

  constructor(seed: number, spec: ValidSimSpec, replication: number) {
    // The replication's seed is a uint32 like the scenario's: the spec stays trusted.
    this.sim = new Simulation(vouchSimSpec({ ...spec, seed: replicationSeed(seed, replication) }));
  }

  /** Processes up to `events` events; true once the run has finished. */
  step(events: number): boolean {
    const sim = this.sim;
    for (let n = events; n > 0 && sim.step(); n--);
    return sim.done;
  }

  /** How far the run has got, 0..1. */
  get fraction(): number {
    return runFraction(this.sim);
  }

  summary(): RunSummary {
    return summarize(this.sim);
  }
}
