import type { Scenario } from '../../model/scenario';
import type { SimSpec } from '../../model/simSpec';
import { vouchSimSpec } from '../../model/valid';
import type { CompiledScenario, HopInfo } from './compileScenario';
import { recipeOf, rememberRecipe } from './costRecipe';
import { dist, segmentCosts, setHopCosts } from './hopCosts';
import { deferPostWork, postAfterResponse } from './postWork';
import { drain, partHops, StepBudget } from './stepBudget';

type HopSpec = SimSpec['hops'][number];

/**
 * The compiled scenario as compiling the same scenario at cost profile `profile` gives it, number for
 * number (tested over every preset and architecture), without placing pods or building routes again:
 * only the costs depend on the profile, so the stations, routes and placement are shared and each
 * segment hop is costed again from what the compiler remembered (costRecipe.ts), then the post-work
 * moves are replayed. The estimate's low/high band needs a design at two more profiles on every change.
 */
export function recostCompiled(c: CompiledScenario, profile: Scenario['profile']): CompiledScenario {
  return drain(recostCompiledSteps(c, profile));
}

/** `recostCompiled` a part at a time: it yields between parts of its hops when `budget` says so. */
export function* recostCompiledSteps(
  c: CompiledScenario,
  profile: Scenario['profile'],
  budget = new StepBudget(),
): Generator<void, CompiledScenario, void> {
  const recipe = recipeOf(c);
  if (!recipe) throw new Error('recostCompiled: the scenario was not compiled by compileScenario');
  const { segments, cpuCv, telemetry } = recipe;
  const n = c.spec.hops.length;
  const hops: HopSpec[] = new Array<HopSpec>(n);
  const info: HopInfo[] = new Array<HopInfo>(n);
  const part = partHops('recost');
  for (let i = 0; i < n; i++) {
    if (i % part === part - 1 && budget.spend('recost', part)) yield;
    const seg = segments[i];
    const o = c.spec.hops[i];
    const oi = c.hops[i];
    // A handler's cost has no profile, and no post-work move or fault touches it after compiling.
    if (!seg) {
      hops[i] = o;
      info[i] = oi;
      continue;
    }
    const costs = segmentCosts(seg.kind, profile, seg.kib, seg.extraUs, telemetry);
    // The fields the compiler sets, in its order; the fault (failure, label) as it left them.
    const hop: HopSpec = {
      id: o.id,
      kind: o.kind,
      category: o.category,
      component: o.component,
      node: o.node,
      counters: o.counters,
      failure: o.failure,
    };
    if (o.pool !== undefined) hop.pool = o.pool;
    setHopCosts(hop, seg.kind.cpuClass, oi.node, costs, cpuCv, seg.delayCv);
    hops[i] = hop;
    info[i] = {
      ...oi,
      onPathUs: costs.onPath,
      cpuUs: seg.kind.cpuClass === 'none' ? 0 : costs.cpu,
      postUs: costs.post,
    };
  }
  if (budget.spend('recost', n % part)) yield;
  const d = (mean: number) => dist(mean, cpuCv);
  for (const m of recipe.moves) {
    if (m.move === 'defer') deferPostWork(hops, info, m.from, d, m.end);
    else postAfterResponse(hops, info, m.from, m.reqTo, m.respFrom, d, m.end);
    // The hops the move walks (an 'after' move skips the calls nested inside its leg).
    const walked = m.move === 'defer' ? m.end - m.from : m.reqTo - m.from + m.end - m.respFrom;
    if (budget.spend('numeric', walked)) yield;
  }
  const recosted: CompiledScenario = {
    architecture: c.architecture,
    // The compiler's spec with these hops: built from the same valid scenario, so trusted as well.
    spec: vouchSimSpec({ ...c.spec, hops }),
    placement: c.placement,
    hops: info,
    features: c.features,
    notes: c.notes,
  };
  rememberRecipe(recosted, recipe);
  return recosted;
}
