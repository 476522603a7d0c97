import { Fold } from './Fold';
import type { Sweep } from '../../machines/compare/types';
import { halfWidth, msDecimals, ms, type Figures } from './figures';
import { analyticMeanAt, simulatedPoints, type SimulatedAt } from './loadSweep';
import { ScrollBox } from './ScrollBox';

/** The load chart's numbers: each simulated point beside the analytic mean at the same load. */
export function LoadSweepTable({
  figures,
  sweep,
  simulated,
  level,
}: {
  figures: Figures[];
  sweep: Sweep | null;
  simulated: boolean;
  level: number;
}) {
  const rows = figures.flatMap((f) => simulatedPoints(f, sweep, simulated).map((p) => ({ f, p })));
  const pct = `${Math.round(level * 100)} %`;
  const running = sweep?.status === 'running';
  const analytic = (f: Figures, p: SimulatedAt): string => {
    if (p.source === 'scenario') return ms(f.estimate?.meanLatencyUs ?? NaN);
    const a = analyticMeanAt(f, p.rps);
    return a.atMost ? `≤ ${ms(a.us)} (below the curve’s lightest load)` : `${ms(a.us)} (read off the curve)`;
  };
  // No successful request at that load leaves no latency (the mean is not a number): say so, not "— ± ∞".
  const ci = (v: SimulatedAt['mean']) =>
    Number.isFinite(v.mean)
      ? `${ms(v.mean)} ± ${halfWidth(v.halfWidth, msDecimals(v.mean))}`
      : 'no successful requests';
  return (
    <Fold summary="Table: latency against offered load">
      <ScrollBox label="Latency against offered load, table">
        <table className="figures" data-testid="load-sweep-table" data-sweep={sweep?.status ?? 'none'}>
          <caption>
            Latency against offered load: simulated points ({pct} confidence intervals) and the analytic mean
            at the same load
            {running ? ' (the load sweep is still running)' : ''}
          </caption>
          <thead>
            <tr>
              <th scope="col">Architecture</th>
              <th scope="col">offered load</th>
              <th scope="col">source</th>
              <th scope="col">mean, analytic</th>
              <th scope="col">mean, simulated</th>
              <th scope="col">p99, simulated</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr>
                <td colSpan={6}>
                  {simulated
                    ? 'No simulated points.'
                    : 'Simulated points appear once the simulation finishes; the chart shows the analytic estimate.'}
                </td>
              </tr>
            )}
            {rows.map(({ f, p }) => (
              <tr
                key={`${f.id}-${p.rps}-${p.source}`}
                data-arch={f.id}
                data-source={p.source}
                data-rps={p.rps}
              >
                <th scope="row">{f.name}</th>
                <td>
                  {Math.round(p.rps).toLocaleString('en')} req/s
                  {p.fraction !== null
                    ? ` (${Math.round(p.fraction * 100)} % of the sweep’s saturation load)`
                    : ' (the scenario’s)'}
                </td>
                <td>
                  {p.source === 'scenario'
                    ? 'simulated (main run)'
                    : `simulated (load sweep${sweepRuns(sweep)})`}
                </td>
                <td data-stat="analytic-mean">{analytic(f, p)}</td>
                <td data-stat="mean">{ci(p.mean)}</td>
                <td data-stat="p99">{ci(p.p99)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
    </Fold>
  );
}

function sweepRuns(sweep: Sweep | null): string {
  const p = sweep?.points[0];
  if (!p) return '';
  return `, ${p.replications} × ${p.measuredRequests !== null ? `${p.measuredRequests.toLocaleString('en')} requests` : 'a shorter run'}`;
}
