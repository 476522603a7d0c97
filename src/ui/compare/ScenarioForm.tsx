import { useState } from 'react';
import type { ScenarioEstimate } from '../../model/comparison';
import type { Scenario } from '../../model/scenario';
import { ArchitecturePicker } from './ArchitecturePicker';
import { FeatureControls } from './FeatureControls';
import { LoadControls } from './LoadControls';
import { PresetPicker } from './PresetPicker';
import { ResilienceControls } from './ResilienceControls';
import { RunControls } from './RunControls';
import { TopologyControls } from './TopologyControls';
import type { CompareCatalog, Update } from './types';

interface Props {
  scenario: Scenario;
  replications: number;
  /** Precision target (relative half-width), null for exactly `replications`. */
  precision: number | null;
  onPrecision: (precision: number | null) => void;
  estimate: ScenarioEstimate | null;
  catalog: CompareCatalog;
  onChange: (scenario: Scenario, replications?: number) => void;
  /** A preset chosen from the list (the page then names it as the loaded scenario). */
  onLoadPreset?: (scenario: Scenario) => void;
  /** Folded away by the reader (the results then take the whole width); the controls keep their state. */
  hidden?: boolean;
}

/** Every scenario control; each valid change goes to the machine at once (estimate now, simulation shortly). */
export function ScenarioForm({
  scenario,
  replications,
  precision,
  onPrecision,
  estimate,
  catalog,
  onChange,
  onLoadPreset,
  hidden = false,
}: Props) {
  const [moved, setMoved] = useState<string | null>(null);
  const update: Update = (f) => {
    const next = f(scenario);
    const failure = next.failure;
    const ids = next.topology.services.map((s) => s.id);
    // A new call graph may drop the service the injected failure targets: move it, and say so.
    if (failure.kind !== 'none' && !ids.includes(failure.service)) {
      const to = ids.at(-1)!;
      setMoved(`The injected failure moved from ${failure.service}, which no longer exists, to ${to}.`);
      onChange({ ...next, failure: { ...failure, service: to } });
      return;
    }
    setMoved(null);
    onChange(next);
  };
  return (
    <form
      id="scenario-form"
      className="scenario-form"
      hidden={hidden}
      aria-labelledby="scenario-heading"
      onSubmit={(e) => e.preventDefault()}
      noValidate
    >
      <h2 id="scenario-heading">Scenario</h2>
      <PresetPicker catalog={catalog} scenario={scenario} onLoad={(s) => (onLoadPreset ?? onChange)(s)} />
      <ArchitecturePicker scenario={scenario} catalog={catalog} estimate={estimate} update={update} />
      <LoadControls scenario={scenario} update={update} />
      <TopologyControls scenario={scenario} estimate={estimate} update={update} />
      <FeatureControls scenario={scenario} estimate={estimate} update={update} />
      <ResilienceControls scenario={scenario} estimate={estimate} update={update} />
      <p role="status" className="hint">
        {moved}
      </p>
      <RunControls
        scenario={scenario}
        replications={replications}
        precision={precision}
        onPrecision={onPrecision}
        update={update}
        onReplications={(n) => onChange(scenario, n)}
      />
    </form>
  );
}
