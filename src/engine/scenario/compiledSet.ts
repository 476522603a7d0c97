import type { ArchitectureId } from '../../model/architecture';
import { shippedModels, type Models } from '../../model/models';
import type { Scenario } from '../../model/scenario';
import type { ValidScenario } from '../../model/valid';
import { compileScenarioSteps, UnsupportedError, type CompiledScenario } from './compileScenario';
import { reuseCompiled } from './reuse';
import { drain, StepBudget } from './stepBudget';

/**
 * A scenario compiled once per design: what the estimate reads and what travels to the workers that
 * simulate it. A design that cannot run the scenario is a variant of its own, with the reasons.
 */
export type CompiledEntry =
  | { architecture: ArchitectureId; status: 'compiled'; compiled: CompiledScenario }
  | { architecture: ArchitectureId; status: 'unsupported'; reasons: string[] };

/** Designs a comparison runs: the scenario's, with the no-mesh baseline first when it is not among them. */
export function designsRun(s: Pick<Scenario, 'architectures'>): ArchitectureId[] {
  const archs = [...s.architectures];
  return archs.includes('no-mesh') ? archs : ['no-mesh', ...archs];
}

/** Compiles every design once; throws ScenarioError (naming the field) when the scenario cannot be placed. */
export function compileAll(s: ValidScenario, models: Models = shippedModels()): CompiledEntry[] {
  return designsRun(s).map((architecture) => compileEntry(s, architecture, models));
}

/**
 * One design compiled, or the reasons it cannot run the scenario. `previous`, the design as an earlier
 * change compiled it, is reused when only the load, seed or run changed (reuse.ts: the same result).
 */
export function compileEntry(
  s: ValidScenario,
  architecture: ArchitectureId,
  models: Models,
  previous?: CompiledEntry,
): CompiledEntry {
  return drain(compileEntrySteps(s, architecture, models, previous));
}

/** `compileEntry` a part at a time (compileScenarioSteps). */
export function* compileEntrySteps(
  s: ValidScenario,
  architecture: ArchitectureId,
  models: Models,
  previous?: CompiledEntry,
  budget = new StepBudget(),
): Generator<void, CompiledEntry, void> {
  if (previous?.status === 'compiled' && previous.architecture === architecture) {
    const compiled = reuseCompiled(previous.compiled, s, models);
    if (compiled) return { architecture, status: 'compiled', compiled };
  }
  try {
    const compiled = yield* compileScenarioSteps(s, architecture, models, budget);
    return { architecture, status: 'compiled', compiled };
  } catch (e) {
    if (e instanceof UnsupportedError) return { architecture, status: 'unsupported', reasons: e.reasons };
    throw e;
  }
}
