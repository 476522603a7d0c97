import type { Scenario } from '../../model/scenario';
import type { CompareCatalog } from './types';

/** Each scenario's JSON, written once per object (a 2,000-pod scenario's is ~50 kB, and the picker renders often). */
const texts = new WeakMap<Scenario, string>();
function textOf(s: Scenario): string {
  let t = texts.get(s);
  if (t === undefined) texts.set(s, (t = JSON.stringify(s)));
  return t;
}

/**
 * The preset the scenario is (unchanged), if any. Only presets of the scenario's name are compared (the
 * name is part of the scenario, so no other can be equal), and so only those are parsed.
 */
export function presetOf(catalog: CompareCatalog, scenario: Scenario): string | undefined {
  const key = textOf(scenario);
  return catalog.presets.find(
    (p) => p.name === scenario.name && (p.scenario === scenario || textOf(p.scenario) === key),
  )?.id;
}

/**
 * Load a shipped scenario on choice (replaces the current one; back goes to it again). The list
 * shows the preset the current scenario is, or "Custom scenario" once it differs from every preset.
 */
export function PresetPicker({
  catalog,
  scenario,
  onLoad,
}: {
  catalog: CompareCatalog;
  scenario: Scenario;
  onLoad: (s: Scenario) => void;
}) {
  const current = presetOf(catalog, scenario);
  const preset = catalog.presets.find((p) => p.id === current);
  return (
    <div className="field preset-picker">
      <label htmlFor="preset">Load a preset scenario</label>
      <select
        id="preset"
        value={current ?? ''}
        aria-describedby="preset-desc"
        onChange={(e) => {
          const chosen = catalog.presets.find((p) => p.id === e.target.value);
          if (chosen) onLoad(chosen.scenario);
        }}
      >
        {!current && (
          <option value="" disabled>
            Not a preset (choose one to load it)
          </option>
        )}
        {catalog.presets.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
      <p id="preset-desc" className="hint">
        {preset?.description ? `${preset.description} ` : ''}Choosing a preset loads it at once, replacing the
        current scenario.
      </p>
    </div>
  );
}
