import { Fold } from './Fold';
import { useMemo } from 'react';
import type { Citation } from '../../model/citation';
import type { Interval } from '../../model/comparison';
import type { Scenario } from '../../model/scenario';
import { BarChart, type Row } from './charts/BarChart';
import { halfWidth, ms, msDecimals, noneSucceeded, signedMs, type Figures } from './figures';
import { NumButton, type Select } from './NumButton';
import { publishedEntries } from './published';
import { PublishedFigures, publishedMarkers } from './PublishedFigures';
import { withPanelBoundary } from '../PanelBoundary';
import { Term } from '../glossary/GlossaryTerm';

/** An axis tick in ms without the unit (the axis names it); zero as 0, not 0.000. */
const msTick = (v: number) => (v === 0 ? '0' : ms(v).replace('\u00a0ms', ''));

const PCT = [
  { key: 'p50', label: 'p50', color: 4 },
  { key: 'p90', label: 'p90', color: 1 },
  { key: 'p99', label: 'p99', color: 0 },
  { key: 'p999', label: 'p99.9', color: 5 },
] as const;

const iv = (i: Interval) => ({ value: i.mean, low: i.lower, high: i.upper });
/** A latency cannot be negative: an interval reaching below zero (few replications) is drawn from zero. */
const ivLatency = (i: Interval) => ({ value: i.mean, low: Math.max(0, i.lower), high: i.upper });
const pm = (i: Interval) => `${ms(i.mean)} ± ${halfWidth(i.halfWidth, msDecimals(i.mean))}`;

interface Props {
  figures: Figures[];
  simulated: boolean;
  level: number;
  /** Some design lost requests: latency covers only the ones that succeeded. */
  successOnly?: boolean;
  onSelect: Select;
  /** With the citations, draws the published added latencies of the scenario's designs beside the model's. */
  scenario?: Scenario;
  citations?: readonly Citation[];
}

/** Latency percentiles with intervals (simulated) or the analytic mean, and latency added over no mesh. */
function LatencySectionView({
  figures,
  simulated,
  level,
  successOnly = false,
  onSelect,
  scenario,
  citations,
}: Props) {
  const published = useMemo(
    () => (scenario && citations ? publishedEntries(scenario, citations) : []),
    [scenario, citations],
  );
  const of = successOnly ? ' of successful requests' : '';
  const ran = figures.filter((f) => !f.unsupported);
  const all = (f: Figures, what: string) => () =>
    onSelect({ architecture: f.id, focus: { kind: 'all', label: what } });
  // A design none of whose requests succeeded has no latency: said in words, not drawn as zero.
  const none = (f: Figures) => simulated && noneSucceeded(f);
  const note = (f: Figures) =>
    f.unsupported ? 'cannot run this scenario' : none(f) ? 'no successful requests' : undefined;
  const allFailed = simulated && ran.length > 0 && ran.every(none);
  const rows: Row[] = figures.map((f) => ({
    id: f.id,
    label: f.name,
    note: note(f),
    values:
      simulated && f.simulated?.latency
        ? Object.fromEntries(PCT.map((p) => [p.key, ivLatency(f.simulated!.latency![p.key])]))
        : { mean: f.estimate?.meanLatencyUs !== undefined ? { value: f.estimate.meanLatencyUs } : undefined },
  }));
  const pctLevel = `${Math.round(level * 100)} %`;
  const unreliable = ran.some((f) => f.simulated && f.simulated.p999Reliable === false);
  return (
    <section aria-labelledby="latency-heading" className="result-section">
      <h3 id="latency-heading">{successOnly ? 'Latency of successful requests' : 'Latency per request'}</h3>
      {successOnly && (
        <p className="hint" data-testid="success-only">
          Some requests failed: latency covers only the requests that succeeded. The outcomes table above
          counts the failures.
        </p>
      )}
      {allFailed && (
        <p className="hint" data-testid="no-success">
          No successful requests in any design: there is no latency to show. The outcomes table above counts
          the failures.
        </p>
      )}
      {!allFailed && (
        <>
          <div className="chart-and-table">
            <BarChart
              title={
                simulated
                  ? `Latency percentiles${of} by architecture`
                  : 'Mean latency by architecture (analytic estimate)'
              }
              description={
                simulated
                  ? `Bars for p50, p90, p99 and p99.9 with ${pctLevel} confidence intervals as whiskers; the table gives the numbers.`
                  : 'One bar per architecture; the table gives the numbers.'
              }
              series={
                simulated
                  ? PCT.map((p) => ({ key: p.key, label: p.label, color: p.color }))
                  : [{ key: 'mean', label: 'mean (analytic estimate)', color: 2 }]
              }
              rows={rows}
              format={msTick}
              unit="ms"
              onSelect={(id) =>
                onSelect({ architecture: id as Figures['id'], focus: { kind: 'all', label: 'latency' } })
              }
            />
            <Fold summary="Table: latency percentiles by architecture">
              <table className="figures" data-testid="latency-table">
                <caption>
                  {simulated
                    ? `Latency${of} from the intended send time, mean ± half-width of the ${pctLevel} interval`
                    : 'Mean latency, analytic estimate (the simulation refines it)'}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Architecture</th>
                    {simulated ? (
                      PCT.map((p) => (
                        <th scope="col" key={p.key}>
                          <Term id="percentile">{p.label}</Term>
                        </th>
                      ))
                    ) : (
                      <>
                        <th scope="col">mean</th>
                        <th scope="col">saturates at</th>
                      </>
                    )}
                  </tr>
                </thead>
                <tbody>
                  {figures.map((f) => (
                    <tr key={f.id} data-arch={f.id}>
                      <th scope="row">{f.name}</th>
                      {f.unsupported ? (
                        <td colSpan={simulated ? 4 : 2}>cannot run: {f.unsupported.join('; ')}</td>
                      ) : none(f) ? (
                        <td colSpan={4} data-stat="none">
                          no successful requests
                        </td>
                      ) : simulated && f.simulated?.latency ? (
                        PCT.map((p) => (
                          <td key={p.key} data-stat={p.key}>
                            <NumButton
                              label={`${f.name} ${p.label} ${pm(f.simulated!.latency![p.key])}: show the hops and sources`}
                              onClick={all(f, `${p.label} latency`)}
                            >
                              {pm(f.simulated!.latency![p.key])}
                            </NumButton>
                            {p.key === 'p999' && f.simulated!.p999Reliable === false && (
                              <span className="flag" title="fewer than 10,000 samples per replication">
                                {' '}
                                *
                              </span>
                            )}
                          </td>
                        ))
                      ) : (
                        <>
                          <td data-stat="mean">
                            <NumButton
                              label={`${f.name} mean ${ms(f.estimate?.meanLatencyUs ?? NaN)} (analytic): show the hops and sources`}
                              onClick={all(f, 'mean latency')}
                            >
                              {ms(f.estimate?.meanLatencyUs ?? NaN)}
                            </NumButton>
                          </td>
                          <td>
                            {f.estimate?.saturationRps !== undefined &&
                            Number.isFinite(f.estimate.saturationRps)
                              ? `${Math.round(f.estimate.saturationRps).toLocaleString('en')} req/s`
                              : '—'}
                          </td>
                        </>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </Fold>
          </div>
          {unreliable && (
            <p className="hint">
              * p99.9 is unreliable: fewer than 10,000 samples per replication, so fewer than ten lie beyond
              it.
            </p>
          )}

          <h3 id="added-heading">Latency added over no mesh{successOnly ? ' (successful requests)' : ''}</h3>
          <div className="chart-and-table">
            <BarChart
              title={
                simulated
                  ? 'Latency added over no mesh, p50 and p99'
                  : 'Mean latency added over no mesh (analytic estimate)'
              }
              description={`${
                simulated
                  ? `Paired per seed, with ${pctLevel} intervals; negative means faster than no mesh.`
                  : 'Negative means faster than no mesh.'
              }${published.length ? ' Outlined marks under the bars are published figures (triangle p90, square p99), numbered as in the list below the table.' : ''}`}
              series={
                simulated
                  ? [
                      { key: 'p50', label: '+p50', color: 4 },
                      { key: 'p99', label: '+p99', color: 0 },
                    ]
                  : [{ key: 'mean', label: '+mean (analytic)', color: 2 }]
              }
              rows={figures
                .filter((f) => f.id !== 'no-mesh')
                .map((f) => ({
                  id: f.id,
                  label: f.name,
                  note: note(f),
                  values:
                    simulated && f.simulated?.added
                      ? { p50: iv(f.simulated.added.p50), p99: iv(f.simulated.added.p99) }
                      : {
                          mean:
                            f.estimate?.addedMeanUs !== undefined
                              ? { value: f.estimate.addedMeanUs }
                              : undefined,
                        },
                }))}
              format={msTick}
              unit="ms"
              markers={publishedMarkers(published)}
            />
            <Fold summary="Table: latency added over no mesh">
              <table className="figures" data-testid="added-table">
                <caption>
                  {simulated
                    ? `Added latency, paired on the same seeds (${pctLevel} intervals)`
                    : 'Added mean latency, analytic estimate'}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Architecture</th>
                    {simulated ? (
                      <>
                        <th scope="col">+p50</th>
                        <th scope="col">+p90</th>
                        <th scope="col">+p99</th>
                      </>
                    ) : (
                      <th scope="col">+mean</th>
                    )}
                  </tr>
                </thead>
                <tbody>
                  {figures
                    .filter((f) => f.id !== 'no-mesh' && !f.unsupported)
                    .map((f) => (
                      <tr key={f.id} data-arch={f.id}>
                        <th scope="row">{f.name}</th>
                        {none(f) ? (
                          <td colSpan={3} data-stat="none">
                            no successful requests
                          </td>
                        ) : simulated && f.simulated?.added ? (
                          (['p50', 'p90', 'p99'] as const).map((k) => (
                            <td key={k} data-stat={`added-${k}`}>
                              <NumButton
                                label={`${f.name} added ${k} ${signedMs(f.simulated!.added![k].mean)}: show the hops and sources`}
                                onClick={all(f, `added ${k} latency`)}
                              >
                                {signedMs(f.simulated!.added![k].mean)} ±{' '}
                                {halfWidth(f.simulated!.added![k].halfWidth, 2)}
                              </NumButton>
                            </td>
                          ))
                        ) : (
                          <td data-stat="added-mean">
                            <NumButton
                              label={`${f.name} added mean ${signedMs(f.estimate?.addedMeanUs ?? NaN)}: show the hops and sources`}
                              onClick={all(f, 'added mean latency')}
                            >
                              {signedMs(f.estimate?.addedMeanUs ?? NaN)}
                            </NumButton>
                          </td>
                        )}
                      </tr>
                    ))}
                </tbody>
              </table>
            </Fold>
          </div>
          <PublishedFigures
            entries={published}
            names={Object.fromEntries(figures.map((f) => [f.id, f.name]))}
          />
        </>
      )}
    </section>
  );
}

/** The latency section in its own error boundary: if it fails to render, its box says so and the page goes on. */
export const LatencySection = withPanelBoundary('latency section', LatencySectionView);
