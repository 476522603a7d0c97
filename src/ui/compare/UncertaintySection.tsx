import { BarChart } from './charts/BarChart';
import { ms, vcpu, type Figures } from './figures';
import { NumButton, type Select } from './NumButton';
import { withPanelBoundary } from '../PanelBoundary';

/**
 * What the cost data's uncertainty does to the answer: every hop at its low and at its high cost
 * (analytic estimate), and the hops whose range moves the latency most.
 */
/** Mean latency, or "saturates" where a resource is over 100 % busy at that cost profile. */
const latencyText = (us: number | undefined) => (us === Infinity ? 'saturates' : ms(us ?? NaN));

function UncertaintySectionView({ figures, onSelect }: { figures: Figures[]; onSelect: Select }) {
  const ran = figures.filter((f) => !f.unsupported && f.estimate?.band);
  if (ran.length === 0) return null;
  return (
    <section aria-labelledby="uncertainty-heading" className="result-section">
      <h3 id="uncertainty-heading">Uncertainty from the cost data</h3>
      <p className="hint">
        Each hop kind has a low, default and high cost from its sources. Bars: mean latency at the scenario’s
        profile; whiskers: every hop at its low and at its high cost (analytic estimate). The last column
        names the hops whose range moves the latency most. “Saturates” means a resource is over 100 % busy at
        that cost, so the mean is unbounded.
      </p>
      <div className="chart-and-table">
        <BarChart
          title="Mean latency with the low-to-high cost band (analytic estimate)"
          description="One bar per architecture with a whisker from the all-low to the all-high cost profile; the table gives the numbers."
          series={[{ key: 'mean', label: 'mean; whiskers: low–high cost', color: 2 }]}
          rows={figures.map((f) => {
            const e = f.estimate;
            return {
              id: f.id,
              label: f.name,
              note: f.unsupported ? 'cannot run this scenario' : undefined,
              values:
                e?.band && e.meanLatencyUs !== undefined
                  ? {
                      mean: {
                        value: e.meanLatencyUs,
                        low: e.band.low.meanLatencyUs,
                        high: e.band.high.meanLatencyUs,
                      },
                    }
                  : {},
            };
          })}
          format={(v) => ms(v).replace('\u00a0ms', '')}
          unit="ms"
        />
        <table className="figures" data-testid="uncertainty-table">
          <caption>Low, scenario and high cost profiles (analytic estimate)</caption>
          <thead>
            <tr>
              <th scope="col">Architecture</th>
              <th scope="col">mean latency</th>
              <th scope="col">vCPU per 1000 rps</th>
              <th scope="col">most sensitive hops (µs of spread)</th>
            </tr>
          </thead>
          <tbody>
            {ran.map((f) => {
              const e = f.estimate!;
              const cpu = e.cpuTotal ? e.cpuTotal.container + e.cpuTotal.kernel : NaN;
              return (
                <tr key={f.id} data-arch={f.id}>
                  <th scope="row">{f.name}</th>
                  <td data-stat="band-latency">
                    {latencyText(e.band!.low.meanLatencyUs)} · <strong>{latencyText(e.meanLatencyUs)}</strong>{' '}
                    · {latencyText(e.band!.high.meanLatencyUs)}
                  </td>
                  <td data-stat="band-cpu">
                    {vcpu(e.band!.low.cpu)} · <strong>{vcpu(cpu)}</strong> · {vcpu(e.band!.high.cpu)}
                  </td>
                  <td>
                    {(e.sensitivity ?? []).slice(0, 3).map((h, i) => (
                      <span key={h.key}>
                        {i > 0 && '; '}
                        <NumButton
                          label={`${f.name}: ${h.label} moves the latency by ${h.spreadUs.toFixed(0)} µs between low and high cost. Show the hops and sources.`}
                          onClick={() =>
                            onSelect({
                              architecture: f.id,
                              focus: { kind: 'all', label: 'cost uncertainty' },
                            })
                          }
                        >
                          {h.label} ({h.spreadUs.toFixed(0)})
                        </NumButton>
                      </span>
                    ))}
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

/** The uncertainty section in its own error boundary: if it fails to render, its box says so and the page goes on. */
export const UncertaintySection = withPanelBoundary('uncertainty section', UncertaintySectionView);
