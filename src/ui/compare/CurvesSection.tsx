import { ScrollBox } from './ScrollBox';
import { LineChart } from './charts/LineChart';
import { mib, ms, type Figures } from './figures';

const COLORS = [0, 4, 2, 5, 6, 1, 3, 7, 8];

const compact = (v: number) => (v >= 1000 ? `${Number((v / 1000).toPrecision(3))}k` : `${Number(v.toPrecision(3))}`);

/** How each design scales: memory against mesh size, and mean latency against offered load. */
export function CurvesSection({ figures, simulated }: { figures: Figures[]; simulated: boolean }) {
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
          <p className="hint">Closed-form footprint; services grow in the scenario’s ratio of services to pods. The first column is the scenario’s own mesh size; the others are standard sizes above it.</p>
          <div className="chart-and-table">
            <LineChart
              title="Memory used by the mesh, whole cluster, against pods"
              description="One line per architecture on a logarithmic pod axis; the table gives the numbers."
              lines={scaling.map((f, i) => ({ id: f.id, label: f.name, color: COLORS[i % COLORS.length],
                points: f.estimate!.scaling!.map((p) => ({ x: p.pods, y: p.cluster.usedMemoryMiB / 1024 })) }))}
              xLabel="pods in the mesh" yLabel="GiB" formatX={compact} formatY={(v) => v.toFixed(v < 10 ? 1 : 0)}
            />
            <ScrollBox label="Memory against pods, table">
              <table className="figures" data-testid="scaling-table">
                <caption>Memory used by the mesh, whole cluster</caption>
                <thead><tr><th scope="col">Architecture</th>{points.map((p) => (
                  <th scope="col" key={p.pods} data-current={p.current ? 'true' : undefined}>
                    {p.pods.toLocaleString('en')} pods{p.current && <><br /><span className="hint">(this scenario)</span></>}
                  </th>
                ))}</tr></thead>
                <tbody>
                  {scaling.map((f) => (
                    <tr key={f.id}><th scope="row">{f.name}</th>{f.estimate!.scaling!.map((p) => <td key={p.pods}>{mib(p.cluster.usedMemoryMiB)}</td>)}</tr>
                  ))}
                </tbody>
              </table>
            </ScrollBox>
          </div>
        </>
      )}
      {load.length > 0 && (
        <>
          <h4 id="load-heading">Mean latency against offered load, up to saturation</h4>
          <p className="hint">
            Analytic estimate across the range (mean latency; the tail bends earlier). Marked points: the scenario’s load
            {simulated ? ', at the simulated mean' : ''}. Latencies above 10× the lightest-load value are drawn at the top edge.
          </p>
          <div className="chart-and-table">
            <LineChart
              title="Mean latency against offered load"
              description="One line per architecture on a logarithmic load axis, rising towards each design's saturation load."
              lines={load.map((f, i) => ({
                id: f.id, label: f.name, color: COLORS[i % COLORS.length],
                points: f.estimate!.loadCurve!.map((p) => ({ x: p.rps, y: p.meanUs / 1000 })),
                marks: f.estimate!.rps ? [{ x: f.estimate!.rps, y: (simulated && f.simulated?.latency ? f.simulated.latency.mean.mean : f.estimate!.meanLatencyUs ?? NaN) / 1000, label: `${f.name} at the scenario’s load` }] : [],
              }))}
              xLabel="offered load, req/s" yLabel="ms" formatX={compact} formatY={(v) => v.toFixed(2)}
              yCap={10 * Math.max(...load.map((f) => f.estimate!.loadCurve![0].meanUs / 1000))}
            />
            <table className="figures" data-testid="load-table">
              <caption>Where each design saturates (analytic estimate)</caption>
              <thead><tr><th scope="col">Architecture</th><th scope="col">saturates at</th><th scope="col">busiest at this load</th><th scope="col">mean at 50 %</th><th scope="col">mean at 90 %</th></tr></thead>
              <tbody>
                {load.map((f) => {
                  const e = f.estimate!;
                  const at = (frac: number) => e.loadCurve!.find((p) => Math.abs(p.rps / e.saturationRps! - frac) < 1e-6)?.meanUs ?? NaN;
                  return (
                    <tr key={f.id}>
                      <th scope="row">{f.name}</th>
                      <td>{Math.round(e.saturationRps!).toLocaleString('en')} req/s</td>
                      <td>{e.bottleneck?.component ?? '—'}</td>
                      <td>{ms(at(0.5))}</td>
                      <td>{ms(at(0.9))}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
