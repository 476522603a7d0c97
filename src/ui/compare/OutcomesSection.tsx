import { Fold } from './Fold';
import { BarChart } from './charts/BarChart';
import { anyOutcomeActivity, outcomesOf, percent, perRequest, type Figures } from './figures';
import { withPanelBoundary } from '../PanelBoundary';

/** Before the simulation: calls a held pool (Hystrix) would refuse, by Erlang's loss formula. */
function RefusedEstimate({ figures }: { figures: Figures[] }) {
  return (
    <section aria-labelledby="outcomes-heading" className="result-section">
      <h3 id="outcomes-heading">Requests that succeeded, failed and were retried</h3>
      <p className="hint" data-testid="outcomes-estimate">
        Estimate: a thread pool held across each call (Hystrix) is full often enough to refuse calls. A
        refused call fails at once, and an immediate retry finds the pool still full. The simulation gives the
        full outcome.
      </p>
      <table className="figures" data-testid="refused-table">
        <caption>Share of requests refused by a held pool (analytic estimate, Erlang’s loss formula)</caption>
        <thead>
          <tr>
            <th scope="col">Architecture</th>
            <th scope="col">refused (estimate)</th>
          </tr>
        </thead>
        <tbody>
          {figures.map((f) => (
            <tr key={f.id} data-arch={f.id}>
              <th scope="row">{f.name}</th>
              <td className="bad">{percent(f.estimate!.refusedShare!)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/**
 * What happened to the requests: succeeded, failed, retried and timed out, per design (simulation;
 * before it finishes, only a held pool's refusals are estimated — injected failures are not). Latency elsewhere covers only the requests
 * that succeeded, so this is where failures show.
 */
function OutcomesSectionView({
  figures,
  simulated,
  failureInjected,
}: {
  figures: Figures[];
  simulated: boolean;
  failureInjected: boolean;
}) {
  const ran = figures.filter((f) => !f.unsupported && outcomesOf(f));
  if (!simulated || ran.length === 0) {
    const refused = figures.filter((f) => (f.estimate?.refusedShare ?? 0) >= 0.0005);
    if (refused.length > 0) return <RefusedEstimate figures={refused} />;
    return failureInjected ? (
      <section aria-labelledby="outcomes-heading" className="result-section">
        <h3 id="outcomes-heading">Requests that succeeded, failed and were retried</h3>
        <p className="hint" data-testid="outcomes-pending">
          This scenario injects a failure. The analytic estimate does not model failures: the share of failed
          requests and the retries appear when the simulation finishes.
        </p>
      </section>
    ) : null;
  }
  const active = anyOutcomeActivity(ran);
  return (
    <section aria-labelledby="outcomes-heading" className="result-section">
      <h3 id="outcomes-heading">Requests that succeeded, failed and were retried</h3>
      <p className="hint">
        {active
          ? 'Latency elsewhere on this page covers only the requests that succeeded; failed requests are counted here. Retries and timeouts are per measured request.'
          : 'Every measured request succeeded on every design, with no retries and no timeouts.'}
      </p>
      <div className="chart-and-table">
        {active && (
          <BarChart
            title="Share of requests that failed, by architecture"
            description="One bar per architecture: the percentage of measured requests that failed, with confidence intervals; the table gives the numbers."
            series={[{ key: 'failed', label: 'failed requests (%)', color: 5 }]}
            rows={figures.map((f) => {
              const o = f.simulated?.outcomes;
              return {
                id: f.id,
                label: f.name,
                note: f.unsupported ? 'cannot run this scenario' : undefined,
                values: o
                  ? {
                      failed: {
                        value: o.failedShare.mean * 100,
                        low: Math.max(0, o.failedShare.lower * 100),
                        high: o.failedShare.upper * 100,
                      },
                    }
                  : {},
              };
            })}
            format={(v) => String(Number(v.toPrecision(3)))}
            unit="%"
          />
        )}
        {/* Folded under the chart (or the sentence above when nothing failed), like every table a chart or a
            sentence already gives; its text stays in the page for the browser's search. */}
        <Fold
          summary={
            active
              ? 'Table: outcome of the measured requests'
              : 'Table: outcome of the measured requests (all succeeded)'
          }
        >
          <table className="figures" data-testid="outcomes-table">
            <caption>Outcome of the measured requests (simulated, mean over replications)</caption>
            <thead>
              <tr>
                <th scope="col">Architecture</th>
                <th scope="col">succeeded</th>
                <th scope="col">failed</th>
                <th scope="col">retries per request</th>
                <th scope="col">timed-out tries per request</th>
              </tr>
            </thead>
            <tbody>
              {ran.map((f) => {
                const o = outcomesOf(f)!;
                return (
                  <tr key={f.id} data-arch={f.id}>
                    <th scope="row">{f.name}</th>
                    <td data-stat="succeeded">{percent(1 - o.failed)}</td>
                    <td data-stat="failed" className={o.failed > 0 ? 'bad' : undefined}>
                      {percent(o.failed)}
                      {o.failedHalfWidth > 0 ? ` ± ${percent(o.failedHalfWidth).replace('\u00a0%', '')}` : ''}
                    </td>
                    <td data-stat="retries">{perRequest(o.retries)}</td>
                    <td data-stat="timeouts">{perRequest(o.timeouts)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </Fold>
      </div>
    </section>
  );
}

/** The outcomes section in its own error boundary: if it fails to render, its box says so and the page goes on. */
export const OutcomesSection = withPanelBoundary('outcomes section', OutcomesSectionView);
