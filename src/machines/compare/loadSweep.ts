import type { Interval } from '../../model/comparison';
import type { ScenarioEstimate } from '../../model/comparison';
import type { ComparisonView } from '../../model/comparison';
import type { ArchitectureId } from '../../model/architecture';
import type { Scenario } from '../../model/scenario';

/**
 * The load sweep: after the main comparison, the same scenario simulated at a few offered loads so
 * the latency-against-load chart gets simulated points beside the analytic curve. Loads are shares of
 * the saturation load of the most constrained selected design (the analytic estimate's), so every
 * design is below its own saturation at every point. Each point keeps the scenario's seed, so the
 * designs share random numbers at a point, as in the main comparison; it measures fewer requests per
 * replication, so its intervals are wider than the main result's.
 */

/** Shares of the most constrained design's saturation load. */
export const SWEEP_FRACTIONS = [0.2, 0.45, 0.7, 0.9] as const;
/** Measured requests per replication at each sweep point (at most the scenario's own). */
export const SWEEP_REQUESTS = 1_000;

export interface SweepPlan {
  /** The design whose saturation load the points are shares of. */
  architecture: ArchitectureId;
  saturationRps: number;
  /** One scenario per point, lightest load first. */
  points: { fraction: number; rps: number; scenario: Scenario }[];
}

/**
 * The sweep for a scenario, or null when there is none to run: load given by closed-loop connections
 * (no offered rate to set), or no selected design with a finite analytic saturation load.
 */
export function planSweep(scenario: Scenario, estimate: ScenarioEstimate | null): SweepPlan | null {
  const load = scenario.workload.load;
  if (load.kind === 'closed' || !estimate) return null;
  let tightest: { architecture: ArchitectureId; saturationRps: number } | null = null;
  for (const e of estimate.results) {
    if (!scenario.architectures.includes(e.architecture) || e.unsupported) continue;
    const sat = e.saturationRps;
    if (sat === undefined || !Number.isFinite(sat) || sat <= 0) continue;
    if (!tightest || sat < tightest.saturationRps)
      tightest = { architecture: e.architecture, saturationRps: sat };
  }
  if (!tightest) return null;
  const { saturationRps } = tightest;
  return {
    ...tightest,
    points: SWEEP_FRACTIONS.map((fraction) => {
      // Whole requests per second keep the link and the table readable; the chart plots the exact rate used.
      const rps = Math.max(1, Math.round(fraction * saturationRps));
      return { fraction, rps, scenario: atLoad(scenario, rps) };
    }),
  };
}

/** The scenario at another offered load, with the sweep's shorter run. */
export function atLoad(scenario: Scenario, rps: number): Scenario {
  const load = scenario.workload.load;
  if (load.kind === 'closed') throw new Error('a closed-loop load has no offered rate to set');
  const run = scenario.run;
  const shorter =
    'measuredRequests' in run
      ? {
          warmupRequests: run.warmupRequests,
          measuredRequests: Math.min(run.measuredRequests, SWEEP_REQUESTS),
        }
      : { warmupUs: run.warmupUs, durationUs: Math.min(run.durationUs, (SWEEP_REQUESTS / rps) * 1e6) };
  return { ...scenario, workload: { ...scenario.workload, load: { ...load, rps } }, run: shorter };
}

/** One design's simulated latency at one sweep point (µs, from the intended send). */
export interface SweepValue {
  architecture: ArchitectureId;
  mean: Interval;
  p99: Interval;
}

export interface SweepPoint {
  fraction: number;
  rps: number;
  /** Measured requests per replication and replications behind each value. */
  measuredRequests: number | null;
  replications: number;
  values: SweepValue[];
}

/** What the chart needs from a sweep point's comparison: mean and p99 with their intervals. */
export function sweepPointOf(fraction: number, rps: number, view: ComparisonView): SweepPoint {
  const run = view.scenario.run;
  return {
    fraction,
    rps,
    measuredRequests: 'measuredRequests' in run ? run.measuredRequests : null,
    replications: view.replications,
    values: view.results.flatMap((r) =>
      r.unsupported ? [] : [{ architecture: r.architecture, mean: r.latency.mean, p99: r.latency.p99 }],
    ),
  };
}
