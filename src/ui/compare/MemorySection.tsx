import { waypointCountText } from '../../model/comparison';
import { PODS_PER_NODE } from '../../model/footprint';
import { ScrollBox } from './ScrollBox';
import { BarChart } from './charts/BarChart';
import { mib, type Figures } from './figures';
import { NumButton, type Select } from './NumButton';
import { withPanelBoundary } from '../PanelBoundary';
import { unreservedNote } from './unreserved';

/** Memory per pod and per cluster, reserved (pod-spec requests) and used, from the footprint model. */
function MemorySectionView({
  figures,
  nodesGiven,
  onSelect,
}: {
  figures: Figures[];
  /** The scenario's own node count: the footprint counts more where its mesh's pods do not fit on them. */
  nodesGiven?: number;
  onSelect: Select;
}) {
  const withFp = figures.filter((f) => f.estimate?.footprint);
  const missing = figures.find((f) => f.estimate?.footprintError)?.estimate?.footprintError;
  if (withFp.length === 0)
    return missing ? (
      <section aria-labelledby="memory-heading" className="result-section">
        <h3 id="memory-heading">Memory</h3>
        <p className="hint">The footprint model could not be computed: {missing}</p>
      </section>
    ) : null;
  const mesh = withFp[0].estimate!.footprint!.mesh;
  const unreserved = unreservedNote(withFp);
  const open = (f: Figures) => () =>
    onSelect({ architecture: f.id, focus: { kind: 'memory', label: 'memory' } });
  return (
    <section aria-labelledby="memory-heading" className="result-section">
      <h3 id="memory-heading">Memory and reserved CPU</h3>
      <p className="hint">
        A closed-form footprint over the whole mesh — {mesh.pods.toLocaleString('en')} pods,{' '}
        {mesh.services.toLocaleString('en')} services on {mesh.nodes.toLocaleString('en')} nodes
        {nodesGiven !== undefined && mesh.nodes > nodesGiven
          ? ` (the scenario's ${nodesGiven.toLocaleString('en')} nodes hold ${(nodesGiven * PODS_PER_NODE).toLocaleString('en')} of its pods at ${PODS_PER_NODE} a node, the footprint model's assumption, so it counts more)`
          : ''}{' '}
        — not simulated: memory is a footprint, not a per-request cost. Per pod means the cluster total
        divided by pods (node agents, waypoints and control plane shared out). Only what the mesh adds is
        counted.
      </p>
      <div className="chart-and-table">
        <BarChart
          title="Memory per pod, used and reserved"
          description="Two bars per architecture: used memory and reserved (requested) memory per pod, in MiB."
          series={[
            { key: 'used', label: 'used per pod', color: 4 },
            { key: 'reserved', label: 'reserved per pod', color: 7 },
          ]}
          rows={figures.map((f) => {
            const fp = f.estimate?.footprint;
            return {
              id: f.id,
              label: f.name,
              values: fp
                ? {
                    used: { value: fp.perPod.usedMemoryMiB },
                    reserved: { value: fp.perPod.reservedMemoryMiB },
                  }
                : {},
            };
          })}
          format={(v) => v.toFixed(0)}
          unit="MiB"
          onSelect={(id) =>
            onSelect({ architecture: id as Figures['id'], focus: { kind: 'memory', label: 'memory' } })
          }
        />
        <ScrollBox label="Memory and reserved CPU, table">
          <table className="figures" data-testid="memory-table">
            <caption>Memory and reserved CPU added by the mesh</caption>
            <thead>
              <tr>
                <th scope="col">Architecture</th>
                <th scope="col">used per pod</th>
                <th scope="col">reserved per pod</th>
                <th scope="col">used, cluster</th>
                <th scope="col">reserved, cluster</th>
                <th scope="col">reserved CPU, cluster</th>
              </tr>
            </thead>
            <tbody>
              {withFp.map((f) => {
                const fp = f.estimate!.footprint!;
                const cell = (text: string, what: string) => (
                  <NumButton
                    label={`${f.name} ${what} ${text}: show the components and sources`}
                    onClick={open(f)}
                  >
                    {text}
                  </NumButton>
                );
                return (
                  <tr key={f.id} data-arch={f.id}>
                    <th scope="row">{f.name}</th>
                    <td data-stat="used-pod">{cell(mib(fp.perPod.usedMemoryMiB), 'used memory per pod')}</td>
                    <td data-stat="reserved-pod">
                      {cell(mib(fp.perPod.reservedMemoryMiB), 'reserved memory per pod')}
                    </td>
                    <td data-stat="used-cluster">
                      {cell(mib(fp.cluster.usedMemoryMiB), 'used memory, cluster')}
                    </td>
                    <td data-stat="reserved-cluster">
                      {cell(mib(fp.cluster.reservedMemoryMiB), 'reserved memory, cluster')}
                    </td>
                    <td data-stat="reserved-cpu">
                      {cell(
                        `${(fp.cluster.reservedCpuMilli / 1000).toFixed(1)} cores`,
                        'reserved CPU, cluster',
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ScrollBox>
        {unreserved && (
          <p className="hint" data-testid="unreserved-note">
            {unreserved}
          </p>
        )}
        {withFp.some((f) => f.estimate!.footprint!.waypoints) && (
          <p className="hint" data-testid="waypoint-count">
            {withFp
              .filter((f) => f.estimate!.footprint!.waypoints)
              .map((f) => `${f.name} counts ${waypointCountText(f.estimate!.footprint!.waypoints!)}.`)
              .join(' ')}
          </p>
        )}
      </div>
    </section>
  );
}

/** The memory section in its own error boundary: if it fails to render, its box says so and the page goes on. */
export const MemorySection = withPanelBoundary('memory section', MemorySectionView);
