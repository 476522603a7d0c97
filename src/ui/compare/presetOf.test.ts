import { describe, expect, it, vi } from 'vitest';
import { SCENARIO_PRESETS } from '../../model/presets';
import { ScenarioSchema, type Scenario } from '../../model/scenario';
import { presetOf } from './PresetPicker';
import type { CompareCatalog } from './types';

describe('which preset the scenario is', () => {
  const presets = (['pods-400', 'large-mesh', 'istio-benchmark'] as const).map((id) => ({
    id,
    name: SCENARIO_PRESETS[id].name,
    scenario: ScenarioSchema.parse(SCENARIO_PRESETS[id]),
  }));
  const catalog = { presets } as unknown as CompareCatalog;

  it('names the preset an equal scenario is, and none once it differs', () => {
    const copy: Scenario = JSON.parse(JSON.stringify(presets[1].scenario));
    expect(presetOf(catalog, copy)).toBe('large-mesh');
    expect(presetOf(catalog, { ...copy, seed: 2 })).toBeUndefined();
  });

  it('writes each scenario’s JSON once, not on every render', () => {
    const copy: Scenario = JSON.parse(JSON.stringify(presets[2].scenario));
    presetOf(catalog, copy);
    const stringify = vi.spyOn(JSON, 'stringify');
    // The picker renders on every change of the page: before, each render wrote the scenario and
    // every preset (a large mesh's ~50 kB each) again.
    for (let i = 0; i < 5; i++) expect(presetOf(catalog, copy)).toBe('istio-benchmark');
    expect(stringify).not.toHaveBeenCalled();
    stringify.mockRestore();
  });
});
