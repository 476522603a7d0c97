import type { Outcome } from './run';
import { P999_MIN_SAMPLES } from './report';

/**
 * The machine-readable report: the engine's summary exactly as `simulate()` returns it (or every
 * replication's summary and the intervals), plus the analytic estimate. JSON has no NaN or Infinity:
 * those print as null (NaN only where nothing was measured; Infinity where the estimate is unbounded,
 * which `analytic.saturated` also says).
 */
export function renderJson(outcome: Outcome): string {
  const scenario = { source: outcome.scenario.source, description: outcome.scenario.description };
  if (outcome.kind === 'single')
    return JSON.stringify({ scenario, summary: outcome.summary, analytic: outcome.analytic }, null, 2);
  const { runs, ci, level } = outcome.result;
  const fewest = Math.min(...runs.map((r) => r.latency.intended.n));
  return JSON.stringify(
    {
      scenario,
      replications: { count: runs.length, level, ci, p999Reliable: fewest >= P999_MIN_SAMPLES, runs },
      analytic: outcome.analytic,
    },
    null,
    2,
  );
}
