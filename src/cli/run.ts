import {
  analyticEstimate,
  runReplications,
  simulate,
  SpecError,
  type AnalyticEstimate,
  type ReplicationResult,
} from '../engine';
import type { RunSummary } from '../model/result';
import type { SimSpec } from '../model/simSpec';
import type { CliOptions } from './args';
import { inputError } from './errors';
import { NO_PROGRESS, type Progress } from './progress';
import { sample } from './samples';
import { loadScenarioFile, validateSpec } from './scenario';

/** A validated spec and where it came from. */
export interface Scenario {
  /** The file path as given, or `sample:NAME`. */
  source: string;
  description?: string;
  spec: SimSpec;
}

export type Outcome =
  | { kind: 'single'; scenario: Scenario; summary: RunSummary; analytic: AnalyticEstimate }
  | { kind: 'replications'; scenario: Scenario; result: ReplicationResult; analytic: AnalyticEstimate };

/** 99 % intervals, as the brief asks. */
export const CONFIDENCE = 0.99;

/** The scenario file, or the named (default mm1) built-in sample; `--seed` applied. */
export function resolveScenario(opts: CliOptions): Scenario {
  if (opts.file !== undefined) {
    const { spec, description } = loadScenarioFile(opts.file, opts.seed, !opts.noLimits);
    return { source: opts.file, description, spec };
  }
  const s = sample(opts.sample ?? 'mm1');
  const source = `sample:${s.name}`;
  return { source, description: s.description, spec: validateSpec(s.spec, source, opts.seed) };
}

/**
 * Runs the scenario once or as replications, with the analytic estimate. A reference error the engine
 * finds while compiling (unknown station, duplicate id, call cycle) becomes bad input naming the field.
 */
export function execute(
  scenario: Scenario,
  replications?: number,
  progress: Progress = NO_PROGRESS,
): Outcome {
  const hook = (done: number, total: number, f: number) => progress.update(done, total, f);
  try {
    const analytic = analyticEstimate(scenario.spec);
    if (replications === undefined)
      return { kind: 'single', scenario, summary: simulate(scenario.spec, hook), analytic };
    return {
      kind: 'replications',
      scenario,
      result: runReplications(scenario.spec, replications, CONFIDENCE, hook),
      analytic,
    };
  } catch (err) {
    if (err instanceof SpecError) throw inputError(`${scenario.source}: ${err.message}`);
    throw err;
  } finally {
    progress.end();
  }
}
