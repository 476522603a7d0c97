import type { ArchitectureId } from '../../model/architecture';
import type { ComparisonView, Interval } from '../../model/comparison';
import type { Scenario } from '../../model/scenario';
import { SWEEP_REQUESTS } from './loadSweep';

/**
 * The connections sweep: on demand, the scenario again at 1, 2, 4 … 64 client connections at its own
 * rate, so the page can draw added latency against connections as Istio's benchmark charts do (its
 * runner sweeps 2–64). Like the load sweep it keeps the seed (common random numbers at a point),
 * reuses the compiled specs with only the load and the run length replaced, and measures fewer
 * requests per replication than the main run.
 */

export const CONNECTION_COUNTS = [1, 2, 4, 8, 16, 32, 64] as const;

/** The scenario with `connections` client connections and the sweep's shorter run. */
export function atConnections(scenario: Scenario, connections: number): Scenario {
  const load = scenario.workload.load;
  const run = scenario.run;
  // A closed loop's rate follows from its connections: a time window keeps its length there.
  const rps = load.kind === 'closed' ? null : load.rps;
  const shorter =
    'measuredRequests' in run
      ? {
          warmupRequests: run.warmupRequests,
          measuredRequests: Math.min(run.measuredRequests, SWEEP_REQUESTS),
        }
      : rps === null
        ? run
        : { warmupUs: run.warmupUs, durationUs: Math.min(run.durationUs, (SWEEP_REQUESTS / rps) * 1e6) };
  return { ...scenario, workload: { ...scenario.workload, load: { ...load, connections } }, run: shorter };
}

/** One design's added latency over no mesh at one connection count (µs), with its interval. */
export interface ConnectionsValue {
  architecture: ArchitectureId;
  p50: Interval;
  p99: Interval;
}

export interface ConnectionsPoint {
  connections: number;
  measuredRequests: number | null;
  replications: number;
  values: ConnectionsValue[];
}

export interface ConnectionsSweep {
  /** scenarioKey of the scenario it belongs to. */
  key: string;
  counts: number[];
  points: ConnectionsPoint[];
  status: 'running' | 'done' | 'stopped' | 'failed';
}

/** What the chart needs from a point's comparison: each design's added p50 and p99 (the baseline has none). */
export function connectionsPointOf(connections: number, view: ComparisonView): ConnectionsPoint {
  const run = view.scenario.run;
  return {
    connections,
    measuredRequests: 'measuredRequests' in run ? run.measuredRequests : null,
    replications: view.replications,
    values: view.results.flatMap((r) =>
      r.unsupported || !r.added ? [] : [{ architecture: r.architecture, p50: r.added.p50, p99: r.added.p99 }],
    ),
  };
}
