import { designColour } from './charts/colour';
import { Fold } from './Fold';
import { ScrollBox } from './ScrollBox';
import { compactNumber as compact } from './charts/layout';
import { LineChart } from './charts/LineChart';
import { scenarioMark } from './charts/scenarioMark';
import { mib, type Figures } from './figures';
import { NumButton, type Select } from './NumButton';
import { cores, footprintSources, NAT_SOURCE } from './scaling';
import { withPanelBoundary } from '../PanelBoundary';

const NBSP = '\u00a0';

/**
 * The rest of the closed-form scaling: CPU (reserved, and used at the scenario's total rate) against
 * pods, and memory against the number of services. Each chart has a table; every number opens the
 * footprint components and their sources.
 */
/** "traffic: the scenario's 1,000 requests per second in all, whatever the mesh size". */
export function trafficText(rate: number | undefined, perDesign: string | null): string {
  const fixed = 'in all, whatever the mesh size (the load does not grow with the pods)';
  if (rate !== undefined)
    return `traffic: the scenario’s ${Number(rate.toPrecision(3)).toLocaleString('en')} requests per second ${fixed}`;
  return `traffic: the scenario’s requests per second${perDesign ? ` (each design’s throughput under closed load: ${perDesign})` : ''} ${fixed}`;
}

function ScalingSectionView({ figures, onSelect }: { figures: Figures[]; onSelect: Select }) {
  const ran = figures.filter((f) => !f.unsupported && f.estimate);
  const cpu = ran.filter((f) => f.estimate!.cpuScaling?.length);
  const svc = ran.filter((f) => f.estimate!.servicesScaling?.length);
  if (!cpu.length && !svc.length) return null;
  const open = (f: Figures, label: string) => () =>
    onSelect({ architecture: f.id, focus: { kind: 'memory', label } });
  // Under closed load each design reaches its own throughput, so the rate can differ by design.
  const rates = cpu.map((f) => f.estimate!.trafficRps);
  const rate = rates.every((r) => r === rates[0]) ? rates[0] : undefined;
  const perDesign =
    rate === undefined && rates.length > 0
      ? cpu
          .map((f) => `${f.name} ${Number(f.estimate!.trafficRps!.toPrecision(3)).toLocaleString('en')}`)
          .join(', ')
      : null;
  const svcPoints = svc[0]?.estimate!.servicesScaling ?? [];
  const nat = svcPoints.some((p) => p.natWalkUs !== undefined);
  const below = cpu.some((f) => f.estimate!.cpuScaling!.some((p) => p.usedCores < 0));
  return (
    <section aria-labelledby="scaling-more-heading" className="result-section" data-testid="scaling-section">
      <h3 id="scaling-more-heading">CPU against pods, memory against services</h3>
      {cpu.length > 0 && (
        <>
          <h4 id="cpu-scaling-heading">CPU of the mesh against the number of pods</h4>
          <Fold summary="Chart: CPU against pods, how it is worked out, and its table">
            <p className="hint">
              Closed form, whole cluster, in cores. Reserved: the mesh components’ pod-spec requests ×
              instances (cited chart defaults). Used: their idle CPU (mostly our estimates) plus the traffic —
              the CPU per request the design adds over no mesh (analytic estimate) ×{' '}
              <span data-testid="traffic-rate">{trafficText(rate, perDesign)}</span>. So the traffic term is
              flat and the curve grows with idle CPU. Services grow with pods as in the memory curve.
              {below &&
                ' A design whose path costs less CPU than no mesh’s kube-proxy path comes out below zero: the table shows it, the chart starts at zero.'}
            </p>
            <div className="chart-and-table">
              <LineChart
                title="CPU used by the mesh (idle + traffic), whole cluster, against pods"
                description="One line per architecture on a logarithmic pod axis, in cores; the table gives used and reserved cores."
                lines={cpu.map((f) => ({
                  id: f.id,
                  label: f.name,
                  color: designColour(f.id),
                  points: f
                    .estimate!.cpuScaling!.filter((p) => p.usedCores >= 0)
                    .map((p) => ({ x: p.pods, y: p.usedCores })),
                }))}
                xLabel="pods in the mesh"
                yLabel="cores"
                formatX={compact}
                xMark={scenarioMark(cpu[0].estimate!.cpuScaling!, (p) => p.pods, 'pods')}
                formatY={(v) => v.toFixed(v < 10 ? 1 : 0)}
              />
              <Fold summary="Table: CPU against pods">
                <ScrollBox label="CPU against pods, table">
                  <table className="figures" data-testid="cpu-scaling-table">
                    <caption>
                      CPU of the mesh, whole cluster, cores (closed form; used includes estimates)
                    </caption>
                    <thead>
                      <tr>
                        <th scope="col">Architecture</th>
                        {cpu[0].estimate!.cpuScaling!.map((p) => (
                          <th scope="col" key={p.pods}>
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
                      {cpu.flatMap((f) =>
                        (['used', 'reserved'] as const).map((what) => (
                          <tr key={`${f.id}-${what}`} data-arch={f.id} data-row={what}>
                            <th scope="row">
                              {f.name}, {what === 'used' ? 'used (idle + traffic)' : 'reserved (requests)'}
                            </th>
                            {f.estimate!.cpuScaling!.map((p) => {
                              const v = cores(what === 'used' ? p.usedCores : p.reservedCores);
                              return (
                                <td key={p.pods} data-stat={`${what}-${p.pods}`}>
                                  <NumButton
                                    label={`${f.name} ${what} CPU at ${p.pods} pods ${v} cores: show the components and sources`}
                                    onClick={open(f, `CPU at ${p.pods} pods`)}
                                  >
                                    {v}
                                  </NumButton>
                                </td>
                              );
                            })}
                          </tr>
                        )),
                      )}
                    </tbody>
                  </table>
                </ScrollBox>
              </Fold>
            </div>
            <Sources
              figures={cpu}
              extra="traffic: analytic estimate from the hop costs (see the CPU section)"
            />
          </Fold>
        </>
      )}
      {svc.length > 0 && (
        <>
          <h4 id="services-scaling-heading">Memory used by the mesh against the number of services</h4>
          <Fold summary="Chart: memory against services, how it is worked out, and its table">
            <p className="hint">
              Closed form, whole cluster, with the pods held at {svcPoints[0].pods.toLocaleString('en')}{' '}
              (Istio’s load-test mesh has 1,000 services on 2,000 pods). A proxy holds one cluster per service
              it can see — every service when the config scope is the whole mesh, only the ones its service
              calls with dependency scoping (this scenario: {svc[0].estimate!.footprint?.configScope ?? '—'})
              — and ambient with waypoints adds waypoints in the ratio of services to waypoints the scenario
              places (one per namespace by default).
              {nat &&
                ' With kube-proxy in iptables mode, the first packet of each new connection to a Service IP walks half the Service chain on average; in this model only no mesh dials Service IPs (the meshes dial endpoints).'}
            </p>
            <div className="chart-and-table">
              <LineChart
                title="Memory used by the mesh, whole cluster, against services"
                description="One line per architecture on a logarithmic services axis, in GiB; the table gives the numbers."
                lines={svc.map((f) => ({
                  id: f.id,
                  label: f.name,
                  color: designColour(f.id),
                  points: f.estimate!.servicesScaling!.map((p) => ({
                    x: p.services,
                    y: p.cluster.usedMemoryMiB / 1024,
                  })),
                }))}
                xLabel="services in the mesh"
                yLabel="GiB"
                formatX={compact}
                xMark={scenarioMark(svcPoints, (p) => p.services, 'services')}
                formatY={(v) => v.toFixed(v < 10 ? 1 : 0)}
              />
              <Fold summary="Table: memory against services">
                <ScrollBox label="Memory against services, table">
                  <table className="figures" data-testid="services-scaling-table">
                    <caption>
                      Memory used by the mesh, whole cluster, at {svcPoints[0].pods.toLocaleString('en')} pods
                      (closed form)
                    </caption>
                    <thead>
                      <tr>
                        <th scope="col">Architecture</th>
                        {svcPoints.map((p) => (
                          <th scope="col" key={p.services}>
                            {p.services.toLocaleString('en')} services
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
                      {svc.map((f) => (
                        <tr key={f.id} data-arch={f.id}>
                          <th scope="row">{f.name}</th>
                          {f.estimate!.servicesScaling!.map((p) => (
                            <td key={p.services} data-stat={`used-${p.services}`}>
                              <NumButton
                                label={`${f.name} memory at ${p.services} services ${mib(p.cluster.usedMemoryMiB)}: show the components and sources`}
                                onClick={open(f, `memory at ${p.services} services`)}
                              >
                                {mib(p.cluster.usedMemoryMiB)}
                              </NumButton>
                            </td>
                          ))}
                        </tr>
                      ))}
                      {nat && (
                        <tr data-row="iptables">
                          <th scope="row">
                            kube-proxy iptables rule walk, µs per new connection to a Service IP
                          </th>
                          {svcPoints.map((p) => (
                            <td key={p.services} data-stat={`nat-${p.services}`}>
                              {p.natWalkUs!.toFixed(p.natWalkUs! < 1 ? 3 : 2)}
                              {NBSP}µs
                            </td>
                          ))}
                        </tr>
                      )}
                    </tbody>
                  </table>
                </ScrollBox>
              </Fold>
            </div>
            <Sources figures={svc} extra={nat ? `rule walk: ${NAT_SOURCE}` : undefined} />
          </Fold>
        </>
      )}
    </section>
  );
}

/** Citation ids behind each design's curve (the footprint components'); meshpath-estimate marks our estimates. */
function Sources({ figures, extra }: { figures: Figures[]; extra?: string }) {
  return (
    <Fold summary="Sources of these figures">
      <ul className="hint sources" data-testid="scaling-sources">
        {figures.map((f) => (
          <li key={f.id}>
            {f.name}: {footprintSources(f).join(', ') || 'nothing added'}
          </li>
        ))}
        {extra && <li>{extra[0].toUpperCase() + extra.slice(1)}.</li>}
      </ul>
    </Fold>
  );
}

/** The scaling section in its own error boundary: if it fails to render, its box says so and the page goes on. */
export const ScalingSection = withPanelBoundary('scaling section', ScalingSectionView);
