import failures from '../../models/presets/failures-and-retries.json';
import fanOut from '../../models/presets/fan-out-under-load.json';
import istioBenchmark from '../../models/presets/istio-benchmark.json';
import largeMesh from '../../models/presets/large-mesh.json';
import nodes30 from '../../models/presets/nodes-30.json';
import oneRequest from '../../models/presets/one-request-slowly.json';
import pods400 from '../../models/presets/pods-400.json';

/**
 * The preset scenarios shipped in models/presets, for pages that offer them by name. They are plain
 * data, validated (ScenarioSchema) where they are used, like any scenario file.
 */
export const SCENARIO_PRESETS = {
  'one-request-slowly': oneRequest,
  'istio-benchmark': istioBenchmark,
  'fan-out-under-load': fanOut,
  'pods-400': pods400,
  'large-mesh': largeMesh,
  'nodes-30': nodes30,
  'failures-and-retries': failures,
} as const satisfies Record<string, { name: string }>;

export type ScenarioPresetId = keyof typeof SCENARIO_PRESETS;
export const SCENARIO_PRESET_IDS = Object.keys(SCENARIO_PRESETS) as ScenarioPresetId[];

export function isScenarioPresetId(id: string): id is ScenarioPresetId {
  return Object.prototype.hasOwnProperty.call(SCENARIO_PRESETS, id);
}
