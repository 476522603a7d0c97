import type { ComparisonResult } from '../engine';
import { validScenario, type ValidScenario } from '../model/valid';
import { compareInRounds } from './rounds';
import { defaultThreads } from './threads';
import { MAX_LINE, truncate } from '../model/issues';
import { DEFAULT_PRECISION, precisionRule } from '../model/precision';
import { scenarioProblems } from '../model/scenarioChecks';
import { footprint, type FootprintResult } from '../engine';
import { ScenarioError } from '../engine';
import { estimateCompiled } from '../engine';
import { simulated } from '../model/comparison';
import { PracticalScenarioSchema, ScenarioSchema, type Scenario } from '../model/scenario';
import type { CliOptions } from './args';
import { inputError, usageError } from './errors';
import { loadModelDir } from './models';
import { PRESETS } from './presets';
import { NO_PROGRESS, type Progress } from './progress';
import { formatIssues, formatProblemLines, isPlainObject, NO_LIMITS_HINT } from './scenario';

/** Replications of a comparison's first round when --replications is not given. */
export const DEFAULT_COMPARISON_REPLICATIONS = 5;

/**
 * The precision a comparison runs to: --precision when given; otherwise a count given alone is honoured
 * exactly, and with neither the page's default target applies.
 */
export function comparisonPrecision(opts: Pick<CliOptions, 'precision' | 'replications'>): number | null {
  if (opts.precision !== undefined) return opts.precision;
  return opts.replications !== undefined ? null : DEFAULT_PRECISION;
}

export interface ComparisonOutcome {
  source: string;
  scenario: Scenario;
  result: ComparisonResult;
  /** Memory and reserved resources per architecture (closed form, from models/footprints.json). */
  footprints: FootprintResult[];
  /**
   * Designs the offered load overloads: the analytic estimate puts a resource at or past 100 % busy at
   * the scenario's load, so queues grow for the whole run and the figures measure the run's length, not
   * a steady state. The simulation runs all the same; the report says so.
   */
  overloaded: string[];
}

/**
 * True when parsed JSON is a scenario to compare rather than a SimSpec: it names architectures, or has
 * none of a SimSpec's stations, hops and routes. A scenario that forgot its architectures (or an empty
 * file) is then told what a scenario lacks, not what a SimSpec does (which named `stations`).
 */
export function isComparisonScenario(raw: unknown): boolean {
  if (!isPlainObject(raw)) return false;
  if ('architectures' in raw) return true;
  return !('stations' in raw || 'hops' in raw || 'routes' in raw);
}

const ARCHITECTURES_HINT =
  'list the designs to compare in the file ("architectures": ["no-mesh", "sidecar-envoy"]) or give --arch';

/**
 * The preset or file scenario with --arch, --profile and --seed applied, validated: the schema, the
 * checks across fields and, unless --no-limits, the practical limits the page applies.
 */
export function resolveComparison(opts: CliOptions, raw?: unknown): { source: string; scenario: Scenario } {
  const source = opts.preset !== undefined ? `preset:${opts.preset}` : opts.file!;
  const base = opts.preset !== undefined ? PRESETS[opts.preset] : raw;
  if (!isPlainObject(base)) throw inputError(`${source}: a scenario must be a JSON object`);
  const input: Record<string, unknown> = { ...base };
  if (opts.arch) input.architectures = opts.arch;
  if (opts.profile) input.profile = opts.profile;
  if (opts.seed !== undefined) input.seed = opts.seed;
  const limits = !opts.noLimits;
  const schema = limits ? PracticalScenarioSchema : ScenarioSchema;
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const practicalOnly = limits && ScenarioSchema.safeParse(input).success;
    // Every problem at once, with how to name the designs where none are.
    const archHint = 'architectures' in input ? '' : `\n${source}: ${ARCHITECTURES_HINT}`;
    throw inputError(
      formatIssues(parsed.error.issues, source, { schema, raw: input }) +
        archHint +
        (practicalOnly ? `\n${source}: ${NO_LIMITS_HINT}` : ''),
    );
  }
  const problems = scenarioProblems(parsed.data, { practical: limits });
  if (problems.length) throw inputError(formatProblemLines(problems, source));
  return { source, scenario: parsed.data };
}

export function executeComparison(
  source: string,
  scenario: Scenario,
  replications = DEFAULT_COMPARISON_REPLICATIONS,
  modelDir?: string,
  progress: Progress = NO_PROGRESS,
  run: { precision?: number | null; threads?: number; warn?: (line: string) => void } = {},
): ComparisonOutcome {
  const edited = modelDir !== undefined ? loadModelDir(modelDir) : undefined;
  let result: ComparisonResult;
  try {
    const valid = validScenario(scenario);
    result = compareInRounds(valid, {
      replications,
      precision: precisionRule(run.precision ?? null),
      models: edited?.models,
      threads: run.threads ?? threadsFor(valid, replications),
      progress: (done, total, f) => progress.update(done, total, f),
      onNoThreads: () => run.warn?.('a worker thread could not start; the other threads do its share'),
    });
  } catch (err) {
    if (err instanceof ScenarioError) throw inputError(`${source}: ${err.message}`);
    throw err;
  } finally {
    progress.end();
  }
  // Tables of nothing are not a result: when no requested design can run, say why and fail.
  if (result.results.every((r) => r.unsupported))
    throw inputError(
      [
        `${source}: none of the requested architectures can run this scenario:`,
        ...result.results.map(
          (r) => `  ${r.architecture}: ${truncate((r.unsupported ?? []).join('; '), MAX_LINE)}`,
        ),
      ].join('\n'),
    );
  return {
    source,
    scenario,
    result,
    footprints: scenario.architectures.map((a) => footprint(scenario, a, edited?.footprints)),
    overloaded: result.results.flatMap((r) =>
      !r.unsupported && estimateCompiled(simulated(r).compiled, undefined, true).saturated
        ? [r.architecture]
        : [],
    ),
  };
}

/**
 * Threads when --threads is not given: one per core for a round worth sharing; a short comparison runs
 * in this thread, as starting a thread (loading the engine) costs about as much as it would save.
 */
export const THREADS_FROM_REQUESTS = 100_000;
function threadsFor(s: ValidScenario, replications: number): number {
  const perRun = 'measuredRequests' in s.run ? s.run.measuredRequests + s.run.warmupRequests : Infinity;
  return (s.architectures.length + 1) * replications * perRun >= THREADS_FROM_REQUESTS ? defaultThreads() : 1;
}

/** Flags that only make sense for comparisons, given with a SimSpec file. */
export function rejectComparisonFlags(opts: CliOptions): void {
  const what = opts.file !== undefined ? `${opts.file} is a SimSpec` : 'a built-in sample is not one';
  if (opts.precision !== undefined || opts.threads !== undefined)
    throw usageError(`--precision and --threads apply to scenario comparisons; ${what}`);
  if (opts.file !== undefined && (opts.arch || opts.profile || opts.csv || opts.models))
    throw usageError(`--arch, --profile, --models and --csv apply to scenario comparisons; ${what}`);
}
