// The CLI offers the same presets as the pages (models/presets, listed once in src/model/presets.ts).
export {
  SCENARIO_PRESETS as PRESETS,
  SCENARIO_PRESET_IDS as PRESET_NAMES,
  type ScenarioPresetId as PresetName,
} from '../model/presets';
