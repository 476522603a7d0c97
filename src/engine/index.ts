/** The engine's public API: the same in Node, in a Web Worker and in tests. */
export { Simulation } from './simulation';
export { summarize } from './summary';
export {
  simulate,
  runReplications,
  replicationSeed,
  type ReplicationResult,
  type Interval,
} from './replications';
export { analyticEstimate, type AnalyticEstimate } from './analytic';
export { SpecError } from './compile';
export { OUTCOME_NAMES, type HopRecord, type Outcome } from './records';
export { HOP_LIFECYCLE, ENDINGS, type HopState, type Transition } from './lifecycle';
export { snapshot, restore, type SimSnapshot, type SnapshotOptions } from './snapshot';
export { Checkpoints, type CheckpointOptions } from './checkpoints';
export { runFraction, type ProgressHook } from './progress';
export {
  footprint,
  scalingCurve,
  type FootprintResult,
  type FootprintOptions,
  type ScalingPoint,
  type Totals as FootprintTotals,
} from './footprint';

export { type ArchitectureResult, type ComparisonResult, runComparison } from './compare';
export { longRoute, mmc, tandem } from './fixtures';
export { analyseSteps, analysisFailure } from './scenario/analyse';
export {
  type CompiledScenario,
  type HopInfo,
  UnsupportedError,
  compileScenario,
} from './scenario/compileScenario';
export { type CompiledEntry, compileAll } from './scenario/compiledSet';
export { EstimateError, estimateCompiled, type ScenarioEstimate } from './scenario/estimate';
export { runCost, walkVisits } from './scenario/visits';
export { ScenarioError } from './scenario/placement';
export {
  ComparisonSession,
  type SpecEntry,
  assembleComparison,
  assembleSteps,
  specsOf,
  type AssemblyCarry,
} from './scenario/session';
export { packedOf, type RunFigures } from './runDigest';
export { drain, StepBudget, STEP_MS, STEP_WORK } from './scenario/stepBudget';
export { HOP_FIELDS, packRun, runLabels, STATION_FIELDS, type PackedRun, type RunLabels } from './packedRun';
export { toComparisonView, toComparisonViewSteps } from './scenario/view';

import type { SimSpecInput } from '../model/simSpec';
import { Simulation } from './simulation';

/** Rebuilds the state at simulated time `t` by deterministic replay from the seed. */
export function replayTo(spec: SimSpecInput, t: number): Simulation {
  const sim = new Simulation(spec);
  sim.runUntil(t);
  return sim;
}
export { precisionReport, replicationsNeeded, type PrecisionRule } from './precision';
