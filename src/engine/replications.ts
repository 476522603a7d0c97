import type { RunSummary } from '../model/result';
import type { SimSpec, SimSpecInput } from '../model/simSpec';
import { runFraction, type ProgressHook } from './progress';
import { Simulation } from './simulation';
import type { Interval } from '../model/comparison';
import { confidenceInterval } from './stats';
import { summarize } from './summary';

export type { Interval } from '../model/comparison';

export interface ReplicationResult {
  runs: RunSummary[];
  /** Confidence intervals across replications for the headline figures. */
  ci: {
    meanLatency: Interval;
    p50: Interval;
    p90: Interval;
    p99: Interval;
    p999: Interval;
    throughputRps: Interval;
    meanInSystem: Interval;
  };
  level: number;
}

/** Seed of replication k: spread so replications use unrelated streams. */
export function replicationSeed(seed: number, k: number): number {
  return (seed + Math.imul(k, 0x9e3779b1)) >>> 0;
}

/** Runs one simulation to completion and summarises it; `progress` is told how far it has got. */
export function simulate(spec: SimSpecInput | SimSpec, progress?: ProgressHook): RunSummary {
  const sim = new Simulation(spec);
  return summarize(sim.run(progress && (() => progress(0, 1, runFraction(sim)))));
}

/** Independent replications (seed varied per run) with Student-t confidence intervals. */
export function runReplications(
  spec: SimSpecInput,
  replications: number,
  level = 0.99,
  progress?: ProgressHook,
): ReplicationResult {
  const runs: RunSummary[] = [];
  for (let k = 0; k < replications; k++) {
    const hook: ProgressHook | undefined = progress && ((_d, _t, f) => progress(k, replications, f));
    runs.push(simulate({ ...spec, seed: replicationSeed(spec.seed, k) }, hook));
  }
  const ci = (f: (r: RunSummary) => number): Interval => confidenceInterval(runs.map(f), level);
  return {
    runs,
    level,
    ci: {
      meanLatency: ci((r) => r.latency.intended.mean),
      p50: ci((r) => r.latency.intended.p50),
      p90: ci((r) => r.latency.intended.p90),
      p99: ci((r) => r.latency.intended.p99),
      p999: ci((r) => r.latency.intended.p999),
      throughputRps: ci((r) => r.throughputRps),
      meanInSystem: ci((r) => r.meanInSystem),
    },
  };
}
