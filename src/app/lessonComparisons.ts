import { runComparison } from '../engine';
import { compileAll } from '../engine';
import { assembleComparison } from '../engine';
import { footprint } from '../engine';
import { LESSON_RUN, type ComparisonSource, type LessonComparison } from '../machines/lesson/comparison';
import type { ArchitectureId } from '../model/architecture';
import type { ValidScenario } from '../model/valid';
import { parseScenarioValue } from '../model/scenarioCodec';
import type { EngineClient } from '../worker/client';

/**
 * Where a lesson's comparisons run. Thin adapters over the engine's comparison, so the lesson host
 * needs no page: in the browser the run worker (`compare`), in Node tests the engine called directly.
 * Memory per pod is the closed-form footprint, computed here (it needs no simulation).
 */

function validated(raw: Record<string, unknown>, architectures: ArchitectureId[]): ValidScenario {
  const r = parseScenarioValue({ ...raw, architectures }, 'The lesson’s scenario');
  if (!r.ok) throw new Error(r.message);
  return r.scenario;
}

function memoryPerPod(
  scenario: ValidScenario,
  architectures: ArchitectureId[],
): LessonComparison['memoryPerPodMiB'] {
  return Object.fromEntries(
    architectures.map((a) => [a, footprint(scenario, a).perPod.usedMemoryMiB] as const),
  );
}

/** The engine in this thread (Node tests, scripts): the same numbers the worker computes. */
export function engineComparisons(replications: number = LESSON_RUN.replications): ComparisonSource {
  return {
    async run(raw, architectures) {
      const scenario = validated(raw, architectures);
      const result = runComparison(scenario, { replications });
      return {
        results: result.results,
        memoryPerPodMiB: memoryPerPod(scenario, architectures),
        replications,
      };
    },
  };
}

/**
 * The run worker (the browser): the scenario compiled once per design here, the runs in one worker (in
 * slices off the main thread), assembled here — the same numbers as the engine in this thread.
 */
export function workerComparisons(
  engine: Pick<EngineClient, 'compareShard'>,
  replications: number = LESSON_RUN.replications,
): ComparisonSource {
  return {
    async run(raw, architectures) {
      const scenario = validated(raw, architectures);
      const compiled = compileAll(scenario);
      const designs = compiled.flatMap((e) =>
        e.status === 'compiled' ? [{ architecture: e.architecture, spec: e.compiled.spec }] : [],
      );
      const outcome = await engine.compareShard(designs, scenario.seed, replications, { index: 0, count: 1 })
        .promise;
      if (outcome.status === 'cancelled') throw new Error('The comparison was cancelled.');
      if (outcome.status === 'error') throw new Error(outcome.message);
      const result = assembleComparison(scenario, compiled, replications, outcome.runs);
      return {
        results: result.results,
        memoryPerPodMiB: memoryPerPod(scenario, architectures),
        replications,
      };
    },
  };
}
