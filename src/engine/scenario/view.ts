import type { ArchitectureView, ComparisonView } from '../../model/comparison';
import type { ArchitectureResult, ComparisonResult } from '../compare';
import { buildLedger } from './ledger';

export type { ArchitectureView, ComparisonView, SimulatedView } from '../../model/comparison';

/**
 * A finished comparison as plain, structured-clone-safe data for the page: each simulated design
 * without its compiled spec and raw runs, plus the measured hop ledger (the hops behind every number)
 * and the extremes SMP-shaped exports need.
 */

export function toComparisonView(c: ComparisonResult): ComparisonView {
  const steps = toComparisonViewSteps(c);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** `toComparisonView` a design at a time (each design's measured ledger walks every hop of every run). */
export function* toComparisonViewSteps(c: ComparisonResult): Generator<void, ComparisonView, void> {
  const results: ArchitectureView[] = [];
  for (const r of c.results) {
    if (results.length > 0) yield;
    results.push(viewOf(r));
  }
  return {
    scenario: c.scenario,
    replications: c.replications,
    level: c.level,
    results,
    precision: c.precision,
  };
}

function viewOf(r: ArchitectureResult): ArchitectureView {
  if (r.unsupported) return r;
  const { compiled, runs, ...rest } = r;
  const n = runs.length;
  const visits = (h: number) =>
    runs.reduce((s, run) => s + run.hops[h].count / (run.requests.completed || 1), 0) / n;
  const weighted = (h: number, f: 'meanService' | 'meanQueueWait') => {
    let sum = 0;
    let count = 0;
    for (const run of runs) {
      sum += run.hops[h].count * run.hops[h][f];
      count += run.hops[h].count;
    }
    return count ? sum / count : 0;
  };
  return {
    ...rest,
    extremes: {
      min: Math.min(...runs.map((x) => x.latency.intended.min)),
      max: Math.max(...runs.map((x) => x.latency.intended.max)),
    },
    requests: {
      completed: runs.reduce((s, x) => s + x.requests.completed, 0),
      failed: runs.reduce((s, x) => s + x.requests.failed, 0),
    },
    ledger: buildLedger(compiled, {
      visits,
      serviceUs: (h) => weighted(h, 'meanService'),
      waitUs: (h) => weighted(h, 'meanQueueWait'),
    }),
  };
}
