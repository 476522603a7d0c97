import fanOut from '../../models/presets/fan-out-under-load.json';
import istioBenchmark from '../../models/presets/istio-benchmark.json';
import oneRequest from '../../models/presets/one-request-slowly.json';
import pods400 from '../../models/presets/pods-400.json';

/** Preset scenarios shipped in models/presets (validated when used, like any scenario file). */
export const PRESETS = {
  'istio-benchmark': istioBenchmark,
  'one-request-slowly': oneRequest,
  'pods-400': pods400,
  'fan-out-under-load': fanOut,
} as const satisfies Record<string, unknown>;

export type PresetName = keyof typeof PRESETS;
export const PRESET_NAMES = Object.keys(PRESETS) as PresetName[];
