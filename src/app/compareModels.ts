// The Compare page's models and link format, apart from the view so scripts and tests can use them.
import { shippedModels } from '../model/models';
import { SCENARIO_PRESETS, SCENARIO_PRESET_IDS } from '../model/presets';
import { MODEL_VERSION } from '../model/scenario';
import { parseScenario, type ValidScenario } from '../model/valid';
import type { CompareCatalog } from '../ui/compare/types';

/** The default comparison: Istio's benchmark set-up, five designs, 5 replications × 4,000 measured requests. */
export const DEFAULT_SCENARIO: ValidScenario = parseScenario({
  ...SCENARIO_PRESETS['istio-benchmark'],
  name: 'Istio benchmark set-up, five designs',
  architectures: ['no-mesh', 'sidecar-envoy', 'sidecar-linkerd', 'cilium-ebpf', 'ambient'],
  run: { warmupRequests: 200, measuredRequests: 4_000 },
});

let catalog: CompareCatalog | null = null;

export function compareCatalog(): CompareCatalog {
  if (catalog) return catalog;
  const m = shippedModels();
  catalog = {
    modelVersion: MODEL_VERSION,
    architectures: [...m.architectures.values()].map((a) => ({
      id: a.id,
      name: a.name,
      summary: a.summary,
      family: a.family,
    })),
    features: m.features,
    citations: m.citations,
    presets: SCENARIO_PRESET_IDS.map((id) => {
      const raw = SCENARIO_PRESETS[id] as { name: string; description?: string };
      let scenario: ValidScenario | null = null;
      return {
        id,
        name: raw.name,
        description: raw.description,
        // Parsed when first read (the preset picked, or compared with a scenario of its name): all seven
        // parsed at once were 25 ms (in Node, cold) of the page's first render, 17 ms the 2,000-pod one.
        get scenario() {
          return (scenario ??= parseScenario(SCENARIO_PRESETS[id]));
        },
      };
    }),
  };
  return catalog;
}
