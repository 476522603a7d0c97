import type { SimulatedDesign, UnsupportedDesign } from '../../model/comparison';
import type { ArchitectureId } from '../../model/architecture';
import type { Quantity } from '../../model/lesson';
import { SCENARIO_PRESETS, isScenarioPresetId } from '../../model/presets';
import { applyScenarioChanges, changesKey } from '../../model/scenarioChanges';
import type { HostSetup } from './setup';

/**
 * The comparison behind a lesson's measured quantities. The host asks a `ComparisonSource` to compare
 * the step's scenario on its architectures (the engine in Node tests, the run worker in the browser);
 * it does not know about any page. Quantities are read from the result's own fields (`measure`).
 */

/** The fields of an architecture's result a lesson reads (both the engine's result and the worker's view have them). */
export type LessonArchitectureResult =
  | UnsupportedDesign
  | Pick<
      SimulatedDesign,
      | 'architecture'
      | 'unsupported'
      | 'latency'
      | 'latencyActual'
      | 'added'
      | 'cpu'
      | 'cpuTotal'
      | 'perRequest'
      | 'outcomes'
      | 'stations'
    >;

export interface LessonComparison {
  results: LessonArchitectureResult[];
  /** Memory the mesh uses per application pod, MiB, per architecture (the closed-form footprint). */
  memoryPerPodMiB: Partial<Record<ArchitectureId, number>>;
  replications: number;
}

export interface ComparisonSource {
  /** Compares `scenario` (plain data, validated by the source) on `architectures`; rejects with a readable reason. */
  run(scenario: Record<string, unknown>, architectures: ArchitectureId[]): Promise<LessonComparison>;
}

/**
 * Lessons compare on shorter runs than the Compare page (the page says so), so a step's results come
 * in seconds on a school laptop: at most this many warm-up and measured requests per replication.
 * The same caps apply in the browser and in the headless walk-throughs, so both see the same numbers.
 */
export const LESSON_RUN = { replications: 2, warmupRequests: 200, measuredRequests: 2000 } as const;

export interface ComparisonPlan {
  /** Identifies the plan (scenario and architectures): results are cached under it. */
  key: string;
  scenario: Record<string, unknown>;
  architectures: ArchitectureId[];
}

/**
 * What to compare for a setup: the preset with the changes, run length capped (LESSON_RUN), on the
 * architectures compared (Compare) or shown (Simulate), with no-mesh always first as the baseline.
 */
export function comparisonPlan(setup: HostSetup): ComparisonPlan | null {
  if (!isScenarioPresetId(setup.preset)) return null;
  const shown =
    setup.page === 'compare' ? setup.architectures : setup.architecture ? [setup.architecture] : [];
  const architectures = [...new Set<ArchitectureId>(['no-mesh', ...shown])];
  const base = applyScenarioChanges(
    SCENARIO_PRESETS[setup.preset] as unknown as Record<string, unknown>,
    setup.changes,
  );
  const run = base.run as Record<string, number>;
  const capped =
    'measuredRequests' in run
      ? {
          warmupRequests: Math.min(run.warmupRequests ?? 0, LESSON_RUN.warmupRequests),
          measuredRequests: Math.min(run.measuredRequests, LESSON_RUN.measuredRequests),
        }
      : run;
  const scenario = { ...base, architectures, run: capped };
  return {
    key: `${setup.preset}|${changesKey(setup.changes)}|${architectures.join(',')}`,
    scenario,
    architectures,
  };
}

const both = (c: { container: { mean: number }; kernel: { mean: number } }) =>
  c.container.mean + c.kernel.mean;

/**
 * One quantity from a comparison, or null when the result lacks it (an architecture not compared, or
 * one that cannot run the scenario). Latencies µs (means over replications); CPU vCPU per 1000 rps —
 * container + kernel, or one class, for one component or all; memory MiB per pod; the rest per request.
 */
export function measure(c: LessonComparison, q: Quantity): number | null {
  if (q.metric === 'memoryPerPodMiB') return c.memoryPerPodMiB[q.architecture] ?? null;
  const r = c.results.find((x) => x.architecture === q.architecture);
  if (!r || r.unsupported) return null;
  switch (q.metric) {
    case 'latencyP50':
      return r.latency?.p50.mean ?? null;
    case 'latencyP90':
      return r.latency?.p90.mean ?? null;
    case 'latencyP99':
      return r.latency?.p99.mean ?? null;
    case 'latencyP99Actual':
      return r.latencyActual?.p99.mean ?? null;
    case 'addedLatencyP50':
      return r.added?.p50.mean ?? null;
    case 'addedLatencyP90':
      return r.added?.p90.mean ?? null;
    case 'addedLatencyP99':
      return r.added?.p99.mean ?? null;
    case 'vcpuPer1000rps':
    case 'vcpuContainerPer1000rps':
    case 'vcpuKernelPer1000rps': {
      const pick =
        q.metric === 'vcpuPer1000rps'
          ? both
          : q.metric === 'vcpuContainerPer1000rps'
            ? (x: { container: { mean: number } }) => x.container.mean
            : (x: { kernel: { mean: number } }) => x.kernel.mean;
      if (!q.component) return r.cpuTotal ? pick(r.cpuTotal) : null;
      // A component the route does not use costs nothing (no sidecar CPU without sidecars).
      const row = r.cpu?.find((x) => x.component === q.component);
      return r.cpu ? (row ? pick(row) : 0) : null;
    }
    case 'hopsPerRequest':
      return r.perRequest?.hops ?? null;
    case 'kernelCrossings':
      return r.perRequest?.kernelCrossings ?? null;
    case 'copies':
      return r.perRequest?.copies ?? null;
    case 'contextSwitches':
      return r.perRequest?.contextSwitches ?? null;
    case 'proxiesPerRequest':
      return r.perRequest?.proxies ?? null;
    case 'failedShare':
      return r.outcomes?.failedShare.mean ?? null;
    case 'retriesPerRequest':
      return r.outcomes?.retriesPerRequest.mean ?? null;
    case 'busiestUtilization': {
      if (!r.stations) return null;
      // Node cores are the 'node' component; 'kernel' work runs on them too.
      const want = q.component === 'kernel' ? 'node' : q.component;
      const matching = r.stations.filter((s) => !want || s.component === want);
      return matching.length ? Math.max(...matching.map((s) => s.utilization.mean)) : 0;
    }
  }
}
