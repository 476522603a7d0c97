import { Fold } from './Fold';
import { ScrollBox } from './ScrollBox';
import { BarChart } from './charts/BarChart';
import { noneSucceeded, type Figures } from './figures';
import { NumButton, type Select } from './NumButton';
import { withPanelBoundary } from '../PanelBoundary';

export const CATEGORIES = [
  { key: 'app', label: 'app', color: 'component/app' },
  { key: 'kernel', label: 'kernel', color: 'component/kernel-part' },
  { key: 'netfilter', label: 'netfilter', color: 'hook/netfilter' },
  { key: 'ebpf', label: 'eBPF', color: 'hook/ebpf-tc' },
  { key: 'proxy', label: 'proxy', color: 'component/sidecar' },
  { key: 'crypto', label: 'crypto', color: 'protection/mtls' },
  { key: 'wire', label: 'wire', color: 'component/wire' },
  { key: 'queueing', label: 'queueing', color: 'load/queue' },
] as const;

type Breakdown = Record<(typeof CATEGORIES)[number]['key'], number>;

const us = (v: number) => `${v < 10 ? v.toFixed(1) : v.toFixed(0)}\u00a0µs`;

/** Where a request's time goes, stacked by hop category, queueing apart. */
function BreakdownSectionView({
  figures,
  simulated,
  onSelect,
}: {
  figures: Figures[];
  simulated: boolean;
  onSelect: Select;
}) {
  // A design none of whose measured requests succeeded has no per-request time to break down.
  const failed = (f: Figures) => simulated && noneSucceeded(f);
  const of = (f: Figures): Breakdown | undefined =>
    (failed(f)
      ? undefined
      : simulated && f.simulated?.breakdown
        ? f.simulated.breakdown
        : f.estimate?.breakdown) as Breakdown | undefined;
  const source = simulated ? 'simulated' : 'analytic estimate';
  // Before its first hop a request may wait for a free connection (each carries one at a time): no hop
  // shows it. The mean from the intended send less the mean from the actual send is that wait.
  const unsent = (f: Figures): number | undefined => {
    const sim = simulated && !failed(f) ? f.simulated : undefined;
    return sim ? Math.max(0, sim.latency.mean.mean - sim.latencyActual.mean.mean) : undefined;
  };
  const waits = figures.some((f) => (unsent(f) ?? 0) >= 1);
  return (
    <section aria-labelledby="breakdown-heading" className="result-section">
      <h3 id="breakdown-heading">Where the time goes, per request</h3>
      <Fold summary="Chart and table: time per request by hop category">
        <p className="hint">
          Mean µs per request in each kind of hop, and waiting for a worker or a core (queueing). Every hop a
          request causes counts, so with a fan-out the parallel branches add up to more than the latency.
          {waits &&
            ' Waiting to be sent is before the first hop: the time a request waited for a free connection, each carrying one request at a time (in the latency, in no hop).'}
        </p>
        <div className="chart-and-table">
          <BarChart
            title={`Time per request by hop category (${source})`}
            description="One stacked bar per architecture; the table gives each segment."
            series={CATEGORIES.map((c) => ({ ...c }))}
            stacked
            rows={figures.map((f) => {
              const b = of(f);
              return {
                id: f.id,
                label: f.name,
                note: f.unsupported
                  ? 'cannot run this scenario'
                  : failed(f)
                    ? 'no successful requests'
                    : undefined,
                values: Object.fromEntries(
                  CATEGORIES.map((c) => [c.key, b ? { value: b[c.key] } : undefined]),
                ),
              };
            })}
            format={(v) => `${Math.round(v)}`}
            onSelect={(id, key) =>
              onSelect({
                architecture: id as Figures['id'],
                focus:
                  key === 'queueing'
                    ? { kind: 'all', label: 'queueing' }
                    : { kind: 'category', category: key, label: `${key} time` },
              })
            }
          />
          <ScrollBox label="Time by hop category, table">
            <table className="figures" data-testid="breakdown-table">
              <caption>Mean µs per request by hop category ({source})</caption>
              <thead>
                <tr>
                  <th scope="col">Architecture</th>
                  {CATEGORIES.map((c) => (
                    <th scope="col" key={c.key}>
                      {c.label}
                    </th>
                  ))}
                  <th scope="col">total</th>
                  {waits && <th scope="col">waiting to be sent</th>}
                </tr>
              </thead>
              <tbody>
                {figures
                  .filter((f) => !f.unsupported)
                  .map((f) => {
                    const b = of(f);
                    if (failed(f)) {
                      return (
                        <tr key={f.id} data-arch={f.id}>
                          <th scope="row">{f.name}</th>
                          <td colSpan={CATEGORIES.length + (waits ? 2 : 1)} data-stat="none">
                            no successful requests: every measured request failed
                          </td>
                        </tr>
                      );
                    }
                    if (!b) return null;
                    const total = CATEGORIES.reduce((s, c) => s + b[c.key], 0);
                    return (
                      <tr key={f.id} data-arch={f.id}>
                        <th scope="row">{f.name}</th>
                        {CATEGORIES.map((c) => (
                          <td key={c.key} data-stat={c.key}>
                            <NumButton
                              label={`${f.name} ${c.label} ${us(b[c.key])} per request: show the hops and sources`}
                              onClick={() =>
                                onSelect({
                                  architecture: f.id,
                                  focus:
                                    c.key === 'queueing'
                                      ? { kind: 'all', label: 'queueing' }
                                      : { kind: 'category', category: c.key, label: `${c.label} time` },
                                })
                              }
                            >
                              {us(b[c.key])}
                            </NumButton>
                          </td>
                        ))}
                        <td data-stat="total">{us(total)}</td>
                        {waits && <td data-stat="unsent">{us(unsent(f) ?? 0)}</td>}
                      </tr>
                    );
                  })}
              </tbody>
            </table>
          </ScrollBox>
        </div>
      </Fold>
    </section>
  );
}

/** The breakdown section in its own error boundary: if it fails to render, its box says so and the page goes on. */
export const BreakdownSection = withPanelBoundary('breakdown section', BreakdownSectionView);
