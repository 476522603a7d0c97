import { useState } from 'react';
import type { Scenario } from '../../model/scenario';
import type { CompareCatalog } from './types';

/** Load a shipped scenario (replaces the current one; back goes to it again). */
export function PresetPicker({ catalog, onLoad }: { catalog: CompareCatalog; onLoad: (s: Scenario) => void }) {
  const [id, setId] = useState(catalog.presets[0]?.id ?? '');
  const preset = catalog.presets.find((p) => p.id === id);
  return (
    <div className="field preset-picker">
      <label htmlFor="preset">Start from a preset</label>
      <div className="inline">
        <select id="preset" value={id} onChange={(e) => setId(e.target.value)} aria-describedby="preset-desc">
          {catalog.presets.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
        </select>
        <button type="button" onClick={() => preset && onLoad(preset.scenario)}>Load preset</button>
      </div>
      <p id="preset-desc" className="hint">{preset?.description}</p>
    </div>
  );
}
