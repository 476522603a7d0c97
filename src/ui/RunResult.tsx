import type { Ref } from 'react';
import type { AnalyticEstimate } from '../engine';
import type { RunSummary } from '../model/result';
import { formatCount, formatDecimal, formatDuration, formatRate } from './format';
import { LatencyTable } from './LatencyTable';
import { StationTable } from './StationTable';

interface Props {
  title: string;
  summary: RunSummary;
  analytic: AnalyticEstimate;
  headingRef?: Ref<HTMLHeadingElement>;
}

export function RunResult({ title, summary, analytic, headingRef }: Props) {
  const r = summary.requests;
  return (
    <section className="result" aria-labelledby="result-heading">
      <h2 id="result-heading" ref={headingRef} tabIndex={-1}>
        Result: {title}
      </h2>
      <table className="overview">
        <caption>Overview</caption>
        <tbody>
          <tr>
            <th scope="row">Requests measured</th>
            <td data-stat="requests">{formatCount(r.measured)}</td>
          </tr>
          <tr>
            <th scope="row">Completed / failed</th>
            <td>
              {formatCount(r.completed)} / {formatCount(r.failed)}
            </td>
          </tr>
          <tr>
            <th scope="row">Requests sent per second</th>
            <td data-stat="throughput">{formatRate(summary.throughputRps)}</td>
          </tr>
          <tr>
            <th scope="row">Mean requests in system</th>
            <td data-stat="in-system">{formatDecimal(summary.meanInSystem)}</td>
          </tr>
          <tr>
            <th scope="row">Measured window (simulated)</th>
            <td>{formatDuration(summary.windowUs)}</td>
          </tr>
        </tbody>
      </table>
      <LatencyTable summary={summary} analytic={analytic} />
      <StationTable stations={summary.stations} />
    </section>
  );
}
