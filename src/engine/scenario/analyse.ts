import { shippedModels, type Models } from '../../model/models';
import type { ValidScenario } from '../../model/valid';
import { compileEntrySteps, designsRun, type CompiledEntry } from './compiledSet';
import { estimateSteps, type ScenarioEstimate } from './estimate';
import { ScenarioError } from './placement';
import { StepBudget } from './stepBudget';

/** A scenario compiled once per design, and its analytic estimate from those compilations. */
export interface Analysis {
  compiled: CompiledEntry[];
  estimate: ScenarioEstimate;
}

/**
 * The analysis of a change, a step at a time: each design compiled (once), then the estimate's steps.
 * Its host yields between steps and stops when the change is superseded or cancelled, so an estimate
 * that grows with the scenario's size never blocks anything for long and never outlives its change.
 * `previous`: the designs an earlier change compiled; a change of load, seed or run only reuses them.
 * `onCompiled` is told each design as soon as it is compiled (the page sends its spec ahead to the
 * workers while the estimate runs), `onDesigns` every design once all are (the page can start their runs).
 * Steps are bounded by `budget` (stepBudget.ts): a design of tens of thousands of hops is compiled and
 * estimated a part at a time, so no step is much longer than the budget's few milliseconds.
 * Throws ScenarioError (naming the field) when the scenario cannot be placed.
 */
export function* analyseSteps(
  scenario: ValidScenario,
  models: Models = shippedModels(),
  previous: readonly CompiledEntry[] = [],
  onCompiled?: (entry: CompiledEntry) => void,
  budget = new StepBudget(),
  onDesigns?: (compiled: readonly CompiledEntry[]) => void,
): Generator<void, Analysis, void> {
  const compiled = yield* compileSteps(scenario, models, previous, onCompiled, budget);
  onDesigns?.(compiled);
  const estimate = yield* estimateSteps(scenario, compiled, models, budget);
  return { compiled, estimate };
}

/** The first part of `analyseSteps`: every design the scenario runs, compiled or reused. */
function* compileSteps(
  scenario: ValidScenario,
  models: Models = shippedModels(),
  previous: readonly CompiledEntry[] = [],
  onCompiled?: (entry: CompiledEntry) => void,
  budget = new StepBudget(),
): Generator<void, CompiledEntry[], void> {
  const compiled: CompiledEntry[] = [];
  for (const a of designsRun(scenario)) {
    const before = previous.find((e) => e.architecture === a);
    const entry = yield* compileEntrySteps(scenario, a, models, before, budget);
    compiled.push(entry);
    onCompiled?.(entry);
    yield;
    budget.restart();
  }
  return compiled;
}

/** True when every design of `compiled` was reused from `previous` (the same hops): nothing was compiled. */
export function allReused(previous: readonly CompiledEntry[], compiled: readonly CompiledEntry[]): boolean {
  return compiled.every((e) => {
    const before = previous.find((p) => p.architecture === e.architecture);
    if (e.status !== 'compiled') return before?.status === 'unsupported';
    return before?.status === 'compiled' && before.compiled.spec.hops === e.compiled.spec.hops;
  });
}

/** The message a scenario the engine cannot take becomes: the field and why. */
export function analysisFailure(e: unknown): string {
  if (e instanceof ScenarioError) return `The scenario cannot be simulated. ${e.message}`;
  if (e instanceof Error) return `The engine failed: ${e.message}`;
  return `The engine failed: ${String(e)}`;
}
