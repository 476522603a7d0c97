import type { AnalyticEstimate } from '../engine';
import type { LatencySummary, RunSummary } from '../model/result';
import { formatCount, formatDuration } from './format';

/** Below this many samples fewer than ten lie beyond p99.9, so it is a guess, not a measurement. */
const P999_MIN_SAMPLES = 10_000;

const ROWS: { key: keyof LatencySummary; label: string }[] = [
  { key: 'p50', label: 'p50 (median)' },
  { key: 'p90', label: 'p90' },
  { key: 'p99', label: 'p99' },
  { key: 'p999', label: 'p99.9' },
  { key: 'max', label: 'max' },
];

function analyticText(a: AnalyticEstimate): string {
  if (!a.applicable) return `not available: ${a.reason}`;
  if (a.saturated) return 'unbounded: a resource is saturated (utilisation ≥ 100 %)';
  return formatDuration(a.meanLatencyUs);
}

export function LatencyTable({ summary, analytic }: { summary: RunSummary; analytic: AnalyticEstimate }) {
  const { intended, actual } = summary.latency;
  const fewSamples = intended.n < P999_MIN_SAMPLES;
  return (
    <table className="latency">
      <caption>Latency per request</caption>
      <thead>
        <tr>
          <th scope="col">Statistic</th>
          <th scope="col">From intended send</th>
          <th scope="col">From actual send</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <th scope="row">mean</th>
          <td data-stat="mean">{formatDuration(intended.mean)}</td>
          <td>{formatDuration(actual.mean)}</td>
        </tr>
        <tr className="analytic">
          <th scope="row">mean, analytic estimate (approximate)</th>
          <td colSpan={2} data-stat="analytic-mean">
            {analyticText(analytic)}
          </td>
        </tr>
        {ROWS.map(({ key, label }) => (
          <tr key={key}>
            <th scope="row">{label}</th>
            <td data-stat={key}>
              {formatDuration(intended[key])}
              {key === 'p999' && fewSamples && ' (few samples: unreliable)'}
            </td>
            <td>{formatDuration(actual[key])}</td>
          </tr>
        ))}
        <tr>
          <th scope="row">samples</th>
          <td>{formatCount(intended.n)}</td>
          <td>{formatCount(actual.n)}</td>
        </tr>
      </tbody>
    </table>
  );
}
