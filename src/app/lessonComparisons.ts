import { runComparison } from '../engine/compare';
import { footprint } from '../engine/footprint';
import { LESSON_RUN, type ComparisonSource, type LessonComparison } from '../machines/lesson/comparison';
import type { ArchitectureId } from '../model/architecture';
import type { Scenario } from '../model/scenario';
import { parseScenarioValue } from '../model/scenarioCodec';
import type { CompareEngine } from '../worker/client';

/**
 * Where a lesson's comparisons run. Thin adapters over the engine's comparison, so the lesson host
 * needs no page: in the browser the run worker (`compare`), in Node tests the engine called directly.
 * Memory per pod is the closed-form footprint, computed here (it needs no simulation).
 */

function validated(raw: Record<string, unknown>, architectures: ArchitectureId[]): Scenario {
  const r = parseScenarioValue({ ...raw, architectures }, 'The lesson’s scenario');
  if (!r.ok) throw new Error(r.message);
  return r.scenario;
}

function memoryPerPod(
  scenario: Scenario,
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

/** The run worker (the browser): one comparison per call, same seeds, in slices off the main thread. */
export function workerComparisons(
  engine: Pick<CompareEngine, 'compare'>,
  replications: number = LESSON_RUN.replications,
): ComparisonSource {
  return {
    async run(raw, architectures) {
      const scenario = validated(raw, architectures);
      const outcome = await engine.compare(scenario, replications).promise;
      if (outcome.status === 'cancelled') throw new Error('The comparison was cancelled.');
      if (outcome.status === 'error') throw new Error(outcome.message);
      return {
        results: outcome.result.results,
        memoryPerPodMiB: memoryPerPod(scenario, architectures),
        replications,
      };
    },
  };
}
