import { designColour } from './charts/colour';
import { Fold } from './Fold';
import { useMemo } from 'react';
import { CONNECTION_COUNTS, type ConnectionsSweep } from '../../machines/compare/connectionsSweep';
import type { RunPhase } from '../../machines/compare/types';
import type { Citation } from '../../model/citation';
import type { Scenario } from '../../model/scenario';
import type { Band, Line } from './charts/LineChart';
import { LineChart } from './charts/LineChart';
import { halfWidth, signedMs, type Figures } from './figures';
import { connectionRanges, publishedEntries, type PublishedEntry } from './published';
import { SHAPE } from './PublishedFigures';
import { ScrollBox } from './ScrollBox';
import { withPanelBoundary } from '../PanelBoundary';

const DEFAULT_RANGES = connectionRanges();

/** The published figures measured over a stated range of connections, as bands on the chart (ms). */
export function connectionBands(
  entries: readonly PublishedEntry[],
  ranges: Record<string, { min: number; max: number }>,
): Band[] {
  return entries.flatMap((e) => {
    const r = ranges[e.id];
    if (!r) return [];
    return e.values.map((v) => ({
      x1: r.min,
      x2: r.max,
      y: v.us / 1000,
      shape: SHAPE[v.percentile],
      tag: String(e.n),
      title: `[${e.n}] published ${v.percentile} added latency ${signedMs(v.us)} over ${r.min}–${r.max} connections: ${e.title}`,
    }));
  });
}

interface Props {
  figures: Figures[];
  scenario: Scenario;
  citations: readonly Citation[];
  sweep: ConnectionsSweep | null;
  phase: RunPhase;
  canRun: boolean;
  onRun: () => void;
  onStop: () => void;
  /** Connection ranges of the published results (id → range); models/published.json's by default. */
  ranges?: Record<string, { min: number; max: number }>;
}

/** Added latency against client connections (1 → 64), simulated on demand, beside published figures. */
function ConnectionsSectionView({
  figures,
  scenario,
  citations,
  sweep,
  phase,
  canRun,
  onRun,
  onStop,
  ranges = DEFAULT_RANGES,
}: Props) {
  const entries = useMemo(
    () => publishedEntries(scenario, citations).filter((e) => ranges[e.id]),
    [scenario, citations, ranges],
  );
  const designs = figures.filter((f) => f.id !== 'no-mesh' && !f.unsupported);
  const running = sweep?.status === 'running';
  const busy = phase === 'estimating' || phase === 'running';
  const load = scenario.workload.load;
  const rate =
    load.kind === 'closed'
      ? 'a closed loop (no think-time change)'
      : `${load.rps.toLocaleString('en')} req/s`;
  const lines: Line[] = designs.map((f) => {
    const pts = (sweep?.points ?? []).flatMap((p) => {
      const v = p.values.find((x) => x.architecture === f.id);
      return v ? [{ n: p.connections, v }] : [];
    });
    return {
      id: f.id,
      label: f.name,
      color: designColour(f.id),
      points: pts.map(({ n, v }) => ({ x: n, y: v.p99.mean / 1000 })),
      marks: pts.flatMap(({ n, v }) => [
        {
          x: n,
          y: v.p50.mean / 1000,
          low: v.p50.lower / 1000,
          high: v.p50.upper / 1000,
          shape: 'circle' as const,
          kind: 'added-p50',
          label: `${f.name}, ${n} connections: added p50`,
        },
        {
          x: n,
          y: v.p99.mean / 1000,
          low: v.p99.lower / 1000,
          high: v.p99.upper / 1000,
          shape: 'diamond' as const,
          kind: 'added-p99',
          label: `${f.name}, ${n} connections: added p99`,
        },
      ]),
      joinKinds: ['added-p50'],
    };
  });
  const drawn = (sweep?.points.length ?? 0) > 0;
  return (
    <section
      aria-labelledby="connections-heading"
      className="result-section"
      data-testid="connections-section"
    >
      <h3 id="connections-heading">Added latency against client connections</h3>
      <p className="hint">
        The scenario again at {CONNECTION_COUNTS.join(', ')} client connections at {rate}, same seed, with the
        load sweep’s shorter runs: added p50 (circles, dashed) and p99 (diamonds, solid line) over no mesh, as
        Istio’s benchmark charts draw them against 2–64 connections. Published figures measured over a range
        of connections are drawn as dashed bands with hollow marks (▲ p90, ■ p99).
      </p>
      <p>
        {running ? (
          <>
            <span data-testid="connections-state" data-status="running">
              Connections sweep running: {sweep!.points.length} of {sweep!.counts.length} simulated.
            </span>{' '}
            <button type="button" onClick={onStop}>
              Stop the connections sweep
            </button>
          </>
        ) : (
          <>
            <button type="button" onClick={onRun} disabled={!canRun || busy} data-testid="run-connections">
              {sweep ? 'Run the connections sweep again' : 'Run the connections sweep (1–64 connections)'}
            </button>
            {busy && <span className="hint"> Available once the main simulation has finished.</span>}
            {sweep && sweep.status !== 'done' && (
              <span className="hint" data-testid="connections-state" data-status={sweep.status}>
                {' '}
                Connections sweep {sweep.status}: {sweep.points.length} of {sweep.counts.length} simulated.
              </span>
            )}
          </>
        )}
      </p>
      {drawn && (
        <div className="chart-and-table">
          <LineChart
            title="Added latency against client connections"
            description="One line per architecture on a logarithmic connections axis: the simulated added p99 (diamonds) and p50 (circles) with confidence intervals; dashed bands are published figures."
            lines={lines}
            bands={connectionBands(entries, ranges)}
            xLabel="client connections"
            yLabel="ms added"
            formatX={(v) => String(v)}
            formatY={(v) => v.toFixed(2)}
          />
          <Fold summary="Table: added latency against connections">
            <ScrollBox label="Added latency against connections, table">
              <table className="figures" data-testid="connections-table">
                <caption>
                  Added latency over no mesh by client connections (simulated, intervals as ±)
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Architecture</th>
                    <th scope="col">connections</th>
                    <th scope="col">+p50</th>
                    <th scope="col">+p99</th>
                  </tr>
                </thead>
                <tbody>
                  {designs.flatMap((f) =>
                    sweep!.points.flatMap((p) => {
                      const v = p.values.find((x) => x.architecture === f.id);
                      if (!v) return [];
                      return [
                        <tr
                          key={`${f.id}-${p.connections}`}
                          data-arch={f.id}
                          data-connections={p.connections}
                        >
                          <th scope="row">{f.name}</th>
                          <td>{p.connections}</td>
                          <td data-stat="added-p50">
                            {signedMs(v.p50.mean)} ± {halfWidth(v.p50.halfWidth, 2)}
                          </td>
                          <td data-stat="added-p99">
                            {signedMs(v.p99.mean)} ± {halfWidth(v.p99.halfWidth, 2)}
                          </td>
                        </tr>,
                      ];
                    }),
                  )}
                </tbody>
              </table>
            </ScrollBox>
          </Fold>
        </div>
      )}
      {entries.length > 0 && (
        <Fold summary="Published figures on connections">
          <ul className="published-list" data-testid="connections-published">
            {entries.map((e) => (
              <li key={e.id} data-published={e.id}>
                [{e.n}] {figures.find((f) => f.id === e.architecture)?.name ?? e.architecture}:{' '}
                {e.values.map((v) => `${v.percentile} ${signedMs(v.us)}`).join(', ')} over {ranges[e.id].min}–
                {ranges[e.id].max} connections ({e.conditions}).{' '}
                {e.href ? (
                  <a href={e.href} target="_blank" rel="noreferrer noopener">
                    {e.title}
                  </a>
                ) : (
                  e.title
                )}
              </li>
            ))}
          </ul>
        </Fold>
      )}
    </section>
  );
}

/** The connections section in its own error boundary: if it fails to render, its box says so and the page goes on. */
export const ConnectionsSection = withPanelBoundary('connections section', ConnectionsSectionView);
