import type { RunSummary } from '../model/result';
import { formatCount, formatDecimal, formatPercent } from './format';

const KIND_NAMES = { cpu: 'CPU cores', threads: 'thread pool' } as const;

export function StationTable({ stations }: { stations: RunSummary['stations'] }) {
  return (
    <table className="stations">
      <caption>Resources</caption>
      <thead>
        <tr>
          <th scope="col">Resource</th>
          <th scope="col">Kind</th>
          <th scope="col">Servers</th>
          <th scope="col">Utilisation</th>
          <th scope="col">Mean number waiting</th>
        </tr>
      </thead>
      <tbody>
        {stations.map((s) => (
          <tr key={s.id}>
            <th scope="row">{s.id}</th>
            <td>{KIND_NAMES[s.kind]}</td>
            <td>{formatCount(s.servers)}</td>
            <td data-stat={`utilization-${s.id}`}>{formatPercent(s.utilization)}</td>
            <td>{formatDecimal(s.meanQueueLength, 2)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
