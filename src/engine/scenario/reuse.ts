import type { Models } from '../../model/models';
import type { Scenario } from '../../model/scenario';
import { deriveSimSpec, vouchSimSpec } from '../../model/valid';
import { engineLoad } from '../../model/engineLoad';
import type { CompiledScenario } from './compileScenario';
import { recipeOf, rememberRecipe } from './costRecipe';
import { shareEstimateParts } from './designEstimate';

/**
 * Everything a compiled design depends on except what only its spec's header carries: the load's rate
 * and shape (the stations read only the load's kind and connections), the seed, the run and the record
 * capacity. Two scenarios with the same key compile to the same stations, hops and routes.
 */
export function structureKey(s: Scenario): string {
  const load = s.workload.load;
  return JSON.stringify({
    ...s,
    name: null,
    description: null,
    seed: null,
    run: null,
    recordCapacity: null,
    workload: {
      ...s.workload,
      load: load.kind === 'open' ? { kind: 'open' } : { kind: load.kind, connections: load.connections },
    },
  });
}

/**
 * `previous`, a design compiled for an earlier change, as compiling `s` gives it — when the change
 * touched only the load, the seed or the run (the Compare page's rate field, say): its stations, hops
 * and routes are shared and only the spec's header is new. Undefined when the structure differs.
 */
export function reuseCompiled(
  previous: CompiledScenario,
  s: Scenario,
  models: Models,
): CompiledScenario | undefined {
  const recipe = recipeOf(previous);
  if (!recipe || recipe.models !== models) return undefined;
  if (recipe.scenario !== s && structureKey(recipe.scenario) !== structureKey(s)) return undefined;
  // The compiler's spec with this scenario's header: built from a valid scenario, so trusted as well.
  // Only the load or run changed (a rate typed in): derived, so a worker holding the previous spec is
  // sent those two fields, not the megabytes the two share.
  const spec =
    previous.spec.seed === s.seed && previous.spec.recordCapacity === s.recordCapacity
      ? deriveSimSpec(previous.spec, { load: engineLoad(s), run: s.run })
      : vouchSimSpec({
          ...previous.spec,
          seed: s.seed,
          load: engineLoad(s),
          run: s.run,
          recordCapacity: s.recordCapacity,
        });
  const reused: CompiledScenario = { ...previous, spec };
  rememberRecipe(reused, { ...recipe, scenario: s });
  // The previous estimate's network, visits and ledger plan hold for the same stations, hops and routes.
  shareEstimateParts(previous, reused);
  return reused;
}
