import type { Scenario } from '../../model/scenario';
import { cpuTotal, mib, percent, rate, sentShortfall, type Figures } from './figures';
import { ofLoadGenerator, resourceName } from './stations';
import { withPanelBoundary } from '../PanelBoundary';

/**
 * The load the figures are scaled to: the rate the simulation's callers sent (below the offered rate
 * where they waited for replies: a paced or closed load the design could not keep up with), else the
 * offered rate (open and paced load), else the estimated throughput (closed load).
 */
export function rateOf(f: Figures, scenario: Scenario): number | undefined {
  const load = scenario.workload.load;
  return f.simulated?.throughputRps?.mean ?? (load.kind !== 'closed' ? load.rps : f.estimate?.rps);
}

/** vCPU in use at the rate sent: vCPU per 1000 rps × rps / 1000. */
export function vcpuAtLoad(f: Figures, scenario: Scenario): number | undefined {
  const per1000 = cpuTotal(f);
  const rps = rateOf(f, scenario);
  return per1000 === undefined || rps === undefined ? undefined : (per1000 * rps) / 1000;
}

const cores = (x: number | undefined) =>
  x === undefined || !Number.isFinite(x) ? '—' : x >= 10 ? x.toFixed(1) : x.toFixed(2);

/**
 * Totals at the scenario's own load rather than per 1000 rps: CPU in use, what the pod specs reserve
 * for the whole cluster, and how busy the busiest resource is (so a large queueing share makes sense).
 */
function LoadTotalsSectionView({
  figures,
  scenario,
  simulated,
}: {
  figures: Figures[];
  scenario: Scenario;
  simulated: boolean;
}) {
  const ran = figures.filter((f) => !f.unsupported && f.estimate);
  if (ran.length === 0) return null;
  const load = scenario.workload.load;
  const closed = load.kind === 'closed';
  const offered = load.kind === 'closed' ? undefined : load.rps;
  return (
    <section aria-labelledby="totals-heading" className="result-section">
      <h3 id="totals-heading">Totals at this scenario’s load</h3>
      <p className="hint">
        {closed
          ? 'Rate: the throughput the closed loop’s connections reach'
          : `Rate: ${simulated ? 'what each design’s callers sent, of the offered' : 'the offered'} ${offered!.toLocaleString('en')} req/s`}
        . vCPU in use = vCPU per 1000 rps × rate / 1000 ({simulated ? 'simulated' : 'analytic estimate'});
        reserved cores and memory: the whole cluster (footprint model). Utilisation: the busiest resource’s
        share of its capacity (analytic estimate); near 100 %, requests queue.
      </p>
      <div className="table-scroll">
        <table className="figures" data-testid="totals-table">
          <caption>CPU, reservations and utilisation at the scenario’s load</caption>
          <thead>
            <tr>
              <th scope="col">Architecture</th>
              <th scope="col">rate, req/s</th>
              <th scope="col">vCPU in use</th>
              <th scope="col">reserved cores, cluster</th>
              <th scope="col">memory used / reserved, cluster</th>
              <th scope="col">busiest resource (utilisation)</th>
            </tr>
          </thead>
          <tbody>
            {ran.map((f) => {
              const e = f.estimate!;
              const fp = e.footprint;
              const rps = rateOf(f, scenario);
              const short = sentShortfall(f, load);
              const b = e.bottleneck;
              return (
                <tr key={f.id} data-arch={f.id}>
                  <th scope="row">{f.name}</th>
                  <td data-stat="rate" className={short ? 'bad' : undefined}>
                    {rps === undefined ? '—' : `${rate(rps)}${short ? ` of ${rate(short.offered)}` : ''}`}
                  </td>
                  <td data-stat="vcpu-used">{cores(vcpuAtLoad(f, scenario))}</td>
                  <td data-stat="reserved-cores">{fp ? cores(fp.cluster.reservedCpuMilli / 1000) : '—'}</td>
                  <td data-stat="memory">
                    {fp ? `${mib(fp.cluster.usedMemoryMiB)} / ${mib(fp.cluster.reservedMemoryMiB)}` : '—'}
                  </td>
                  <td data-stat="utilisation" className={b && b.utilization >= 0.8 ? 'bad' : undefined}>
                    {b
                      ? `${resourceName(b, scenario.topology.waypointScope)}${ofLoadGenerator(b.id) ? ' (the load generator’s own)' : ''}: ${b.utilization >= 1 ? 'over 100\u00a0%' : percent(b.utilization)}`
                      : '—'}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** The load totals section in its own error boundary: if it fails to render, its box says so and the page goes on. */
export const LoadTotalsSection = withPanelBoundary('load totals section', LoadTotalsSectionView);
