// The Compare page's models and link format, apart from the view so scripts and tests can use them.
import { DEFAULT_REPLICATIONS } from '../machines/compareMachine';
import { shippedModels } from '../model/models';
import { SCENARIO_PRESETS, SCENARIO_PRESET_IDS } from '../model/presets';
import { MODEL_VERSION, ScenarioSchema, type Scenario } from '../model/scenario';
import { decodeScenarioParam, encodeScenarioParam } from '../model/scenarioCodec';
import type { Requested } from '../ui/compare/ComparePage';
import type { CompareCatalog } from '../ui/compare/types';

/** The default comparison: Istio's benchmark set-up, five designs, 5 replications × 4,000 measured requests. */
export const DEFAULT_SCENARIO: Scenario = ScenarioSchema.parse({
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
      return {
        id,
        name: raw.name,
        description: raw.description,
        scenario: ScenarioSchema.parse(SCENARIO_PRESETS[id]),
      };
    }),
  };
  return catalog;
}

/** Reads `s` (scenario), `r` (replications) and `embed` from the page's parameters. */
export function readParams(params: URLSearchParams): { requested: Requested | null; embed: boolean } {
  const embed = params.get('embed') === '1';
  const s = params.get('s');
  const rText = params.get('r');
  const key = `${s ?? ''}|${rText ?? ''}`;
  if (s === null) return { requested: null, embed };
  let replications = DEFAULT_REPLICATIONS;
  if (rText !== null) {
    const r = /^\d{1,2}$/.test(rText) ? Number(rText) : NaN;
    if (!(r >= 2 && r <= 20))
      return {
        requested: {
          key,
          error: `The link’s replications (r=${rText.slice(0, 20)}) must be a whole number from 2 to 20.`,
        },
        embed,
      };
    replications = r;
  }
  const parsed = decodeScenarioParam(s);
  if (!parsed.ok) return { requested: { key, error: parsed.message }, embed };
  return { requested: { key, scenario: parsed.scenario, replications, notice: parsed.notice }, embed };
}

export function compareParams(s: Scenario, replications: number, embed = false): URLSearchParams {
  const p = new URLSearchParams({ s: encodeScenarioParam(s), r: String(replications) });
  if (embed) p.set('embed', '1');
  return p;
}
