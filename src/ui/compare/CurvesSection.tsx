import { designColour } from './charts/colour';
import { Fold } from './Fold';
import type { Sweep } from '../../machines/compare/types';
import { loadGeneratorNote, ofLoadGenerator, resourceName, type WaypointScope } from './stations';
import { compactNumber as compact } from './charts/layout';
import { SWEEP_FRACTIONS } from '../../machines/compare/loadSweep';
import { CURVE_SHOWN_FROM } from '../../model/comparison';
import { loadMarks } from './loadSweep';
import { LoadSweepTable } from './LoadSweepTable';
import { ScrollBox } from './ScrollBox';
import { scenarioMark } from './charts/scenarioMark';
import { LineChart } from './charts/LineChart';
import { mib, ms, type Figures } from './figures';
import { withPanelBoundary } from '../PanelBoundary';

/** The load chart's top: 10× the lightest analytic mean (keeps the knee visible), raised to show every simulated interval. */
function loadCap(load: Figures[], sweep: Sweep | null, simulated: boolean): number {
  const light = 10 * Math.max(...load.map((f) => f.estimate!.loadCurve![0].meanUs / 1000));
  const sim = load
    .flatMap((f) => loadMarks(f, sweep, simulated))
    .map((m) => m.high ?? m.y)
    .filter(Number.isFinite);
  return Math.max(light, ...sim);
}

/** How each design scales: memory against mesh size, and latency against offered load (with the load sweep's points). */
function CurvesSectionView({
  figures,
  simulated,
  sweep = null,
  level = 0.99,
  waypointScope,
}: {
  figures: Figures[];
  simulated: boolean;
  sweep?: Sweep | null;
  level?: number;
  /** Whether a waypoint's key names a namespace or a service. */
  waypointScope?: WaypointScope;
}) {
  const ran = figures.filter((f) => !f.unsupported && f.estimate);
  const scaling = ran.filter((f) => f.estimate!.scaling?.length);
  const load = ran.filter((f) => f.estimate!.loadCurve?.length);
  if (!scaling.length && !load.length) return null;
  const points = scaling[0]?.estimate!.scaling ?? [];
  return (
    <section aria-labelledby="curves-heading" className="result-section">
      <h3 id="curves-heading">Scaling</h3>
      {scaling.length > 0 && (
        <>
          <h4 id="scaling-heading">Memory used by the mesh against the number of pods</h4>
          <p className="hint">
            Closed-form footprint; services grow in the scenario’s ratio of services to pods. The first column
            is the scenario’s own mesh size; the others are standard sizes, from the pods the simulation
            places up to 10,000.
          </p>
          <div className="chart-and-table">
            <LineChart
              title="Memory used by the mesh, whole cluster, against pods"
              description="One line per architecture on a logarithmic pod axis; the table gives the numbers."
              lines={scaling.map((f) => ({
                id: f.id,
                label: f.name,
                color: designColour(f.id),
                points: f.estimate!.scaling!.map((p) => ({ x: p.pods, y: p.cluster.usedMemoryMiB / 1024 })),
              }))}
              xLabel="pods in the mesh"
              yLabel="GiB"
              formatX={compact}
              formatY={(v) => v.toFixed(v < 10 ? 1 : 0)}
              xMark={scenarioMark(points, (p) => p.pods, 'pods')}
            />
            <Fold summary="Table: memory against pods">
              <ScrollBox label="Memory against pods, table">
                <table className="figures" data-testid="scaling-table">
                  <caption>Memory used by the mesh, whole cluster</caption>
                  <thead>
                    <tr>
                      <th scope="col">Architecture</th>
                      {points.map((p) => (
                        <th scope="col" key={p.pods} data-current={p.current ? 'true' : undefined}>
                          {p.pods.toLocaleString('en')} pods
                          {p.current && (
                            <>
                              <br />
                              <span className="hint">(this scenario)</span>
                            </>
                          )}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {scaling.map((f) => (
                      <tr key={f.id}>
                        <th scope="row">{f.name}</th>
                        {f.estimate!.scaling!.map((p) => (
                          <td key={p.pods}>{mib(p.cluster.usedMemoryMiB)}</td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollBox>
            </Fold>
          </div>
        </>
      )}
      {load.length > 0 && (
        <>
          <h4 id="load-heading">
            Latency against offered load, up to saturation: analytic mean, simulated mean and p99
          </h4>
          <p className="hint">
            Lines: the analytic estimate of the mean across the range (the analytic model gives means only;
            the tail bends earlier). Marks: simulated — circles the mean, diamonds the p99 (a dashed line
            joins each design’s p99s), each with its {Math.round(level * 100)} % confidence interval — at the
            scenario’s load and, once the main run is in, at {SWEEP_FRACTIONS.length} loads from{' '}
            {Math.round(SWEEP_FRACTIONS[0] * 100)} % to {Math.round(SWEEP_FRACTIONS.at(-1)! * 100)} % of the
            saturation load of the most constrained design (a background load sweep with fewer requests per
            point, so wider intervals). Latencies above the top of the axis are drawn at the top edge.
          </p>
          <div className="chart-and-table">
            <LineChart
              title="Latency against offered load"
              description="One line per architecture on a logarithmic load axis: the analytic mean, rising towards each design's saturation load; circles and diamonds mark the simulated mean and p99."
              lines={load.map((f) => ({
                id: f.id,
                label: f.name,
                color: designColour(f.id),
                points: f.estimate!.loadCurve!.map((p) => ({ x: p.rps, y: p.meanUs / 1000 })),
                marks: loadMarks(f, sweep, simulated),
                joinKinds: ['sim-p99'],
              }))}
              xLabel="offered load, req/s"
              yLabel="ms"
              formatX={compact}
              formatY={(v) => v.toFixed(2)}
              yCap={loadCap(load, sweep, simulated)}
              xFrom={CURVE_SHOWN_FROM * Math.min(...load.map((f) => f.estimate!.saturationRps ?? Infinity))}
            />
            <Fold summary="Table: latency against load">
              <table className="figures" data-testid="load-table">
                <caption>Where each design saturates (analytic estimate)</caption>
                <thead>
                  <tr>
                    <th scope="col">Architecture</th>
                    <th scope="col">saturates at</th>
                    <th scope="col">busiest at this load</th>
                    <th scope="col">mean at 50 %</th>
                    <th scope="col">mean at 90 %</th>
                  </tr>
                </thead>
                <tbody>
                  {load.map((f) => {
                    const e = f.estimate!;
                    const at = (frac: number) =>
                      e.loadCurve!.find((p) => Math.abs(p.rps / e.saturationRps! - frac) < 1e-6)?.meanUs ??
                      NaN;
                    return (
                      <tr key={f.id}>
                        <th scope="row">{f.name}</th>
                        <td>{Math.round(e.saturationRps!).toLocaleString('en')} req/s</td>
                        <td>
                          {e.bottleneck
                            ? `${resourceName(e.bottleneck, waypointScope)}${ofLoadGenerator(e.bottleneck.id) ? ' (the load generator’s own)' : ''}`
                            : '—'}
                        </td>
                        <td>{ms(at(0.5))}</td>
                        <td>{ms(at(0.9))}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </Fold>
          </div>
          {load.some((f) => f.estimate!.bottleneck && ofLoadGenerator(f.estimate!.bottleneck.id)) && (
            <p className="hint" data-testid="loadgen-note">
              Where the busiest resource is the load generator’s own:{' '}
              {loadGeneratorNote(
                load.map((f) => f.estimate!.bottleneck!).find((b) => b && ofLoadGenerator(b.id))!,
              )}
              .
            </p>
          )}
          <LoadSweepTable figures={load} sweep={sweep} simulated={simulated} level={level} />
        </>
      )}
    </section>
  );
}

/** The latency-against-load section in its own error boundary: if it fails to render, its box says so and the page goes on. */
export const CurvesSection = withPanelBoundary('latency-against-load section', CurvesSectionView);
