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
 * workers while the estimate runs).
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
): Generator<void, Analysis, void> {
  const compiled: CompiledEntry[] = [];
  for (const a of designsRun(scenario)) {
    const before = previous.find((e) => e.architecture === a);
    const entry = yield* compileEntrySteps(scenario, a, models, before, budget);
    compiled.push(entry);
    onCompiled?.(entry);
    yield;
    budget.restart();
  }
  const estimate = yield* estimateSteps(scenario, compiled, models, budget);
  return { compiled, estimate };
}

/** The message a scenario the engine cannot take becomes: the field and why. */
export function analysisFailure(e: unknown): string {
  if (e instanceof ScenarioError) return `The scenario cannot be simulated. ${e.message}`;
  if (e instanceof Error) return `The engine failed: ${e.message}`;
  return `The engine failed: ${String(e)}`;
}
