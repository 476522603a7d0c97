import { describe, expect, it, vi } from 'vitest';
import { SCENARIO_PRESETS } from '../model/presets';
import { ScenarioSchema } from '../model/scenario';
import { parseScenario } from '../model/valid';
import { presetOf } from '../ui/compare/PresetPicker';
import { compareCatalog } from './compareModels';

// Isolated (vite.config.ts MOCKING_FILES): it counts the presets' parses from a fresh catalog.
describe('the Compare catalog’s presets', () => {
  it('are parsed when first read: none for the catalog, only those of the scenario’s name for the picker', () => {
    const parse = vi.spyOn(ScenarioSchema, 'parse');
    const catalog = compareCatalog();
    expect(parse).not.toHaveBeenCalled();
    expect(catalog.presets.map((p) => p.name)).toContain(SCENARIO_PRESETS['large-mesh'].name);

    // A pods-400 scenario, as the page shows it: one preset has its name, and only that one is parsed.
    const shown = parseScenario(SCENARIO_PRESETS['pods-400']);
    parse.mockClear();
    expect(presetOf(catalog, shown)).toBe('pods-400');
    expect(parse).toHaveBeenCalledTimes(1);
    // Edited: no preset, and no further parse.
    expect(presetOf(catalog, parseScenario({ ...SCENARIO_PRESETS['pods-400'], seed: 99 }))).toBeUndefined();
    expect(parse).toHaveBeenCalledTimes(2); // the edited scenario's own parse above

    // A preset read is the schema's parse, once.
    const large = catalog.presets.find((p) => p.id === 'large-mesh')!;
    parse.mockClear();
    const first = large.scenario;
    expect(large.scenario).toBe(first);
    expect(parse).toHaveBeenCalledTimes(1);
    expect(first).toEqual(ScenarioSchema.parse(SCENARIO_PRESETS['large-mesh']));
    parse.mockRestore();
  });
});
