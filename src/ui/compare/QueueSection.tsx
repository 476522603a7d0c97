import { Fold } from './Fold';
import { ScrollBox } from './ScrollBox';
import { percent, type Figures } from './figures';
import { NumButton, type Select } from './NumButton';
import {
  bottleneckSentence,
  busiestStations,
  ofLoadGenerator,
  stationLabel,
  type WaypointScope,
} from './stations';
import { withPanelBoundary } from '../PanelBoundary';

const NBSP = '\u00a0';
const plusMinus = (mean: string, hw: number, fmt: (x: number) => string) =>
  Number.isFinite(hw) && hw > 0 ? `${mean} ± ${fmt(hw)}` : mean;
const count = (x: number) => (x === 0 ? '0' : x >= 10 ? x.toFixed(1) : String(Number(x.toPrecision(2))));
const us = (x: number) =>
  `${x === 0 ? '0' : x >= 10 ? x.toFixed(0) : String(Number(x.toPrecision(2)))}${NBSP}µs`;

/**
 * Where it queues: each design's busiest resources (node cores, thread pools of apps, sidecars, node
 * proxies, waypoints and Hystrix), simulated and merged across replications with intervals.
 */
function QueueSectionView({
  figures,
  simulated,
  level,
  onSelect,
  waypointScope,
}: {
  figures: Figures[];
  simulated: boolean;
  level: number;
  onSelect: Select;
  /** Whether a waypoint's key names a namespace or a service. */
  waypointScope?: WaypointScope;
}) {
  const ran = figures.filter(
    (f) => !f.unsupported && (f.simulated?.stations?.length || f.estimate?.bottleneck),
  );
  if (ran.length === 0) return null;
  const withStations = ran.filter((f) => busiestStations(f, 3).length > 0);
  return (
    <section aria-labelledby="queues-heading" className="result-section" data-testid="queues-section">
      <h3 id="queues-heading">Where it queues</h3>
      <p className="hint">
        Each resource a request can wait for: a node’s cores and the thread pools of apps, sidecars, node
        proxies, waypoints and Hystrix. Utilisation is busy time ÷ (servers × time); queue length is the
        time-average number waiting; wait per request is queue length ÷ throughput (Little’s law), summed over
        a request’s visits.
        {simulated
          ? ` Simulated: mean ± half-width of the ${Math.round(level * 100)} % interval across replications.`
          : ' Run the simulation for every resource; until then, the analytic estimate’s busiest one.'}
      </p>
      <ul className="bottlenecks" data-testid="bottlenecks">
        {ran.map((f) => (
          <li key={f.id} data-arch={f.id}>
            <strong>{f.name}</strong>: {bottleneckSentence(f, waypointScope)}
          </li>
        ))}
      </ul>
      {withStations.length > 0 && (
        <Fold summary="Table: the busiest resources">
          <ScrollBox label="Busiest resources, table">
            <table className="figures" data-testid="queues-table">
              <caption>The three busiest resources per architecture (simulated)</caption>
              <thead>
                <tr>
                  <th scope="col">Architecture</th>
                  <th scope="col">resource</th>
                  <th scope="col">servers</th>
                  <th scope="col">utilisation</th>
                  <th scope="col">mean queue length</th>
                  <th scope="col">wait per request</th>
                </tr>
              </thead>
              <tbody>
                {withStations.flatMap((f) =>
                  busiestStations(f, 3).map((s, i) => {
                    const label = stationLabel(s, waypointScope);
                    // A pool's hops are its component's; every component runs on a node's cores.
                    const open = () =>
                      onSelect({
                        architecture: f.id,
                        focus:
                          s.kind === 'cpu'
                            ? { kind: 'all', label }
                            : { kind: 'component', component: s.component, label },
                      });
                    return (
                      <tr key={`${f.id}-${s.id}`} data-arch={f.id} data-station={s.id}>
                        {i === 0 ? (
                          <th scope="row" rowSpan={busiestStations(f, 3).length}>
                            {f.name}
                          </th>
                        ) : null}
                        <td>
                          {label}
                          {ofLoadGenerator(s.id) && (
                            <span className="hint" data-testid="loadgen-flag">
                              {' '}
                              (the load generator’s own)
                            </span>
                          )}
                        </td>
                        <td>{s.servers}</td>
                        <td data-stat="utilisation" className={s.utilization.mean >= 0.8 ? 'bad' : undefined}>
                          <NumButton
                            label={`${f.name} ${label} ${percent(s.utilization.mean)} busy: show the hops and sources`}
                            onClick={open}
                          >
                            {plusMinus(percent(s.utilization.mean), s.utilization.halfWidth, percent)}
                          </NumButton>
                        </td>
                        <td data-stat="queue-length">
                          {plusMinus(count(s.meanQueueLength.mean), s.meanQueueLength.halfWidth, count)}
                        </td>
                        <td data-stat="wait">
                          {plusMinus(us(s.waitPerRequestUs.mean), s.waitPerRequestUs.halfWidth, us)}
                        </td>
                      </tr>
                    );
                  }),
                )}
              </tbody>
            </table>
          </ScrollBox>
        </Fold>
      )}
    </section>
  );
}

/** The queues section in its own error boundary: if it fails to render, its box says so and the page goes on. */
export const QueueSection = withPanelBoundary('queues section', QueueSectionView);
