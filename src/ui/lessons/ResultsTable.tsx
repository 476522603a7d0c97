import { measure, type LessonComparison } from '../../machines/lesson/comparison';
import type { ComparisonState } from '../../machines/lesson/host';
import type { Metric } from '../../model/lesson';
import { formatMetric } from './figures';

/**
 * A Compare step's picture: the comparison of the step's scenario on its architectures, no-mesh first
 * as the baseline, in the figures the lessons talk about. Every figure is simulated (said above the
 * table), memory is the closed-form footprint.
 */

const COLUMNS: { metric: Metric; label: string }[] = [
  { metric: 'latencyP50', label: 'p50' },
  { metric: 'latencyP99', label: 'p99' },
  { metric: 'addedLatencyP99', label: 'added p99' },
  { metric: 'vcpuPer1000rps', label: 'CPU per 1000 rps' },
  { metric: 'vcpuKernelPer1000rps', label: 'of it in the kernel' },
  { metric: 'hopsPerRequest', label: 'hops per request' },
  { metric: 'proxiesPerRequest', label: 'proxies on a call’s path' },
  { metric: 'memoryPerPodMiB', label: 'memory per pod' },
];

export function ResultsTable({
  state,
  name,
  requests,
  label = 'Comparison results',
}: {
  state: ComparisonState;
  name: (architecture: string) => string;
  /** Measured requests per replication in this run (the lesson's cap). */
  requests: number | null;
  /** The table's region name (a page with several tables names each). */
  label?: string;
}) {
  if (state.status === 'idle') return null;
  if (state.status === 'error')
    return (
      <p role="alert" className="notice" data-testid="results-error">
        The comparison could not run: {state.message}
      </p>
    );
  if (state.status === 'running')
    return (
      <p role="status" className="lesson-waiting" data-testid="results-running">
        Running the comparison of {state.plan.architectures.map(name).join(', ')}…
      </p>
    );
  const result: LessonComparison = state.result;
  return (
    // Focusable, so a keyboard can scroll a table wider than the page.
    <div
      className="lesson-results"
      data-testid="lesson-results"
      tabIndex={0}
      role="region"
      aria-label={label}
    >
      <table>
        <caption>
          Simulated on the same seed: {result.replications} replications
          {requests ? ` of ${requests.toLocaleString('en')} measured requests each` : ''} (shorter runs than
          the Compare page). Memory per pod is the modelled footprint.
        </caption>
        <thead>
          <tr>
            <th scope="col">Design</th>
            {COLUMNS.map((c) => (
              <th key={c.metric} scope="col">
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {state.plan.architectures.map((a) => {
            const r = result.results.find((x) => x.architecture === a);
            return (
              <tr key={a} data-architecture={a}>
                <th scope="row">{name(a)}</th>
                {r?.unsupported ? (
                  <td colSpan={COLUMNS.length}>Cannot run this scenario: {r.unsupported.join('; ')}</td>
                ) : (
                  COLUMNS.map((c) => {
                    const v = measure(result, { metric: c.metric, architecture: a });
                    return <td key={c.metric}>{v === null ? '—' : formatMetric(c.metric, v)}</td>;
                  })
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
