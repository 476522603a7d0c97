import type { ArchitectureView, ComparisonView } from '../../model/comparison';
import type { ArchitectureResult, ComparisonResult } from '../compare';
import { buildLedger } from './ledger';
import { drain } from './stepBudget';

export type { ArchitectureView, ComparisonView, SimulatedView } from '../../model/comparison';

/**
 * A finished comparison as plain, structured-clone-safe data for the page: each simulated design
 * without its compiled spec and raw runs, plus the measured hop ledger (the hops behind every number)
 * and the extremes SMP-shaped exports need.
 */

export function toComparisonView(c: ComparisonResult): ComparisonView {
  return drain(toComparisonViewSteps(c));
}

/**
 * `toComparisonView` a step at a time: a step per design (the ledger's sums were made as each run was
 * read, runDigest.ts), so a page assembling a large mesh stays responsive.
 */
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
  const { compiled, digests, ledger: sums, ...rest } = r;
  const heads = digests.map((d) => d.head);
  const n = sums.runs;
  const { visitSum, count, serviceSum, waitSum } = sums;
  return {
    ...rest,
    extremes: {
      min: Math.min(...heads.map((x) => x.latency.intended.min)),
      max: Math.max(...heads.map((x) => x.latency.intended.max)),
    },
    requests: {
      completed: heads.reduce((s, x) => s + x.requests.completed, 0),
      failed: heads.reduce((s, x) => s + x.requests.failed, 0),
    },
    ledger: buildLedger(compiled, {
      visits: (h) => visitSum[h] / n,
      serviceUs: (h) => (count[h] ? serviceSum[h] / count[h] : 0),
      waitUs: (h) => (count[h] ? waitSum[h] / count[h] : 0),
    }),
  };
}
