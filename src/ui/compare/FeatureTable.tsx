import { ScrollBox } from './ScrollBox';
import type { ArchitectureId } from '../../model/architecture';
import type { CompareCatalog } from './types';
import { withPanelBoundary } from '../PanelBoundary';

const MODE = {
  optional: 'optional',
  always: 'always on',
  unavailable: 'not available',
  unsupported: 'cannot run',
} as const;

/** The feature matrix for the chosen designs: where each feature runs and what it does by default. */
function FeatureTableView({
  catalog,
  architectures,
}: {
  catalog: CompareCatalog;
  architectures: ArchitectureId[];
}) {
  const archs = catalog.architectures.filter((a) => architectures.includes(a.id));
  return (
    <details className="feature-table">
      <summary>What each design offers (feature matrix)</summary>
      <ScrollBox label="Feature matrix, table">
        <table>
          <caption>Where each feature runs, its default, and why a design cannot offer it</caption>
          <thead>
            <tr>
              <th scope="col">Feature</th>
              {archs.map((a) => (
                <th scope="col" key={a.id}>
                  {a.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {catalog.features.map((f) => (
              <tr key={f.id}>
                <th scope="row">{f.name}</th>
                {archs.map((a) => {
                  const s = f.support[a.id];
                  return (
                    <td key={a.id} className={`mode-${s.mode}`}>
                      <span className="mode">{MODE[s.mode]}</span>
                      {s.where !== '—' && <> · {s.where}</>}
                      {s.default && <> · default {s.default}</>}
                      {s.reason && <span className="reason"> — {s.reason}</span>}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
    </details>
  );
}

/** The feature table in its own error boundary: if it fails to render, its box says so and the page goes on. */
export const FeatureTable = withPanelBoundary('feature table', FeatureTableView);
