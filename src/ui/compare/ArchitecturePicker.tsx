import { useState } from 'react';
import type { ScenarioEstimate } from '../../model/comparison';
import { ARCHITECTURE_IDS, type ArchitectureId } from '../../model/architecture';
import type { Scenario } from '../../model/scenario';
import type { CompareCatalog, Update } from './types';

interface Props {
  scenario: Scenario;
  catalog: CompareCatalog;
  estimate: ScenarioEstimate | null;
  update: Update;
}

/** Which designs to compare; each says why it cannot run this scenario when the feature matrix says so. */
export function ArchitecturePicker({ scenario, catalog, estimate, update }: Props) {
  const [error, setError] = useState<string | null>(null);
  const chosen = new Set(scenario.architectures);
  const toggle = (id: ArchitectureId, on: boolean) => {
    const next = ARCHITECTURE_IDS.filter((a) => (a === id ? on : chosen.has(a)));
    if (next.length === 0) {
      setError(
        `Pick at least one architecture. Keeping ${catalog.architectures.find((a) => a.id === id)?.name ?? id}.`,
      );
      return;
    }
    setError(null);
    update((s) => ({ ...s, architectures: next }));
  };
  return (
    <fieldset className="arch-picker">
      <legend>Architectures ({chosen.size} chosen; all run the same seed)</legend>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <ul>
        {catalog.architectures.map((a) => {
          const e = estimate?.results.find((r) => r.architecture === a.id);
          const id = `arch-${a.id}`;
          return (
            <li key={a.id}>
              <input
                type="checkbox"
                id={id}
                checked={chosen.has(a.id)}
                onChange={(ev) => toggle(a.id, ev.target.checked)}
                aria-describedby={`${id}-desc`}
              />
              <label htmlFor={id}>{a.name}</label>
              <p id={`${id}-desc`} className="hint">
                {a.summary}
                {e?.unsupported && (
                  <strong className="unsupported">
                    {' '}
                    Cannot run this scenario: {e.unsupported.join('; ')}
                  </strong>
                )}
              </p>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
