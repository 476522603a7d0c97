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

/**
 * `toComparisonView` a step at a time: each design's measured ledger sums every hop of every run, a
 * run per step, so a page assembling a large mesh stays responsive.
 */
export function* toComparisonViewSteps(c: ComparisonResult): Generator<void, ComparisonView, void> {
  const results: ArchitectureView[] = [];
  for (const r of c.results) {
    if (results.length > 0) yield;
    results.push(yield* viewOf(r));
  }
  return {
    scenario: c.scenario,
    replications: c.replications,
    level: c.level,
    results,
    precision: c.precision,
  };
}

function* viewOf(r: ArchitectureResult): Generator<void, ArchitectureView, void> {
  if (r.unsupported) return r;
  const { compiled, runs, ...rest } = r;
  const n = runs.length;
  // Per hop, summed over the runs in their order (each sum adds the same terms in the same order as a
  // pass per hop over the runs would).
  const hops = compiled.hops.length;
  const visitSum = new Float64Array(hops);
  const count = new Float64Array(hops);
  const serviceSum = new Float64Array(hops);
  const waitSum = new Float64Array(hops);
  for (const run of runs) {
    const completed = run.requests.completed || 1;
    for (let h = 0; h < hops; h++) {
      const x = run.hops[h];
      visitSum[h] += x.count / completed;
      count[h] += x.count;
      serviceSum[h] += x.count * x.meanService;
      waitSum[h] += x.count * x.meanQueueWait;
    }
    yield;
  }
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
      visits: (h) => visitSum[h] / n,
      serviceUs: (h) => (count[h] ? serviceSum[h] / count[h] : 0),
      waitUs: (h) => (count[h] ? waitSum[h] / count[h] : 0),
    }),
  };
}
