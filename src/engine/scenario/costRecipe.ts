import type { HopKind } from '../../model/hopKind';
import type { Models } from '../../model/models';
import type { Scenario } from '../../model/scenario';

/**
 * What the compiler remembers of a compiled scenario so it can be costed again at another profile
 * (recost.ts) without placing pods and building routes again: the cost inputs of every segment hop and
 * the post-work moves it made, in order. Kept beside the compiled scenario (a WeakMap), not in it, so
 * the compiled scenario stays plain data.
 */
export interface CostRecipe {
  /** Aligned with the hops: a segment hop's cost inputs; null for a hop whose cost has no profile (a handler). */
  segments: (SegmentRecipe | null)[];
  moves: PostMove[];
  cpuCv: number;
  telemetry: boolean;
  /** The scenario and models it was compiled from (reuse.ts: a later change of load only reuses it). */
  scenario: Scenario;
  models: Models;
}

export interface SegmentRecipe {
  kind: HopKind;
  kib: number;
  extraUs: number;
  delayCv: number;
}

/** deferPostWork over hops [from, end), or postAfterResponse from the request leg [from, reqTo) to [respFrom, end). */
export type PostMove =
  | { move: 'defer'; from: number; end: number }
  | { move: 'after'; from: number; reqTo: number; respFrom: number; end: number };

const recipes = new WeakMap<object, CostRecipe>();

export function rememberRecipe(compiled: object, recipe: CostRecipe): void {
  recipes.set(compiled, recipe);
}

export function recipeOf(compiled: object): CostRecipe | undefined {
  return recipes.get(compiled);
}
