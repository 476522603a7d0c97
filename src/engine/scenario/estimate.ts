import type {
  ArchitectureEstimate,
  BandPoint,
  DesignEstimate,
  ScenarioEstimate,
} from '../../model/comparison';
import type { ArchitectureId } from '../../model/architecture';
import { shippedModels, type Models } from '../../model/models';
import { simulatedPodCount } from '../../model/clients';
import type { Scenario, ScenarioInput } from '../../model/scenario';
import { validScenario, type ValidScenario } from '../../model/valid';
import {
  cpuCurve,
  footprint,
  scalingCurve,
  servicesCurve,
  SERVICES_AXIS_PODS,
  type FootprintResult,
} from '../footprint';
import { IPTABLES_US_PER_RULE } from './compileScenario';
import { compileAll, type CompiledEntry } from './compiledSet';
import { bandSteps } from './band';
import { designEstimateSteps } from './designEstimate';
import { ScenarioError } from './placement';
import { StepBudget } from './stepBudget';

export { SENSITIVE_HOPS } from './band';
export {
  APPROX_CLOSED,
  APPROX_FAN_OUT,
  APPROX_HELD,
  APPROX_MGC,
  APPROX_PACED,
  CURVE_POINTS_PER_STEP,
  LOAD_FRACTIONS,
  estimateCompiled,
  estimateCompiledSteps,
  latencyCurve,
  type StationLoad,
} from './designEstimate';

/**
 * The analytic estimate of a compiled scenario, for the Compare page's instant answer: mean latency
 * from mean hop costs plus M/G/c waiting at every resource (the engine's analytic method, see
 * analytic.ts), extended to the loads and call graphs scenarios use. Every approximation it makes is
 * listed in `approximations` and shown next to the figure:
 *  - paced (Fortio-style) load is treated as open Poisson arrivals at the same rate;
 *  - closed load as Poisson arrivals at the throughput N / (think + latency), found by bisection;
 *  - a fan-out (parallel calls) takes as long as its slowest branch's mean — a lower bound, since the
 *    expected maximum of random branch times is larger.
 * CPU per 1000 rps, per-request counters and the breakdown are expectations over hop visits, exact
 * for the model apart from the waiting times.
 */

export type { ArchitectureEstimate, BandPoint, DesignEstimate, ScenarioEstimate };

/** Mesh sizes the scaling curves are drawn at: up to 10,000 pods, so a 2,000-pod mesh has sizes above its own. */
export const SCALING_PODS = [10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000] as const;
/** Service counts the services curve is drawn at. */
export const SCALING_SERVICES = [10, 20, 50, 100, 200, 500, 1000] as const;

/** A scenario the engine rejects (bad call graph, impossible placement): the field and why. */
export class EstimateError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'EstimateError';
  }
}

export const APPROX_FAULTS =
  'Injected loss or a pod down, retries and timeouts are not in the analytic estimate: it assumes every call succeeds at the first try. The simulation includes them.';

/**
 * Estimates every architecture of the scenario, plus added mean latency against no-mesh. `onProgress`
 * is called after each architecture (a large scenario takes seconds: a worker passes it on as its
 * heartbeat).
 */
export function estimateScenario(
  input: ScenarioInput | Scenario | ValidScenario,
  models: Models = shippedModels(),
): ScenarioEstimate {
  const scenario = validScenario(input);
  let set: CompiledEntry[];
  try {
    set = compileAll(scenario, models);
  } catch (e) {
    if (e instanceof ScenarioError) throw new EstimateError(e.field, e.message.slice(e.field.length + 2));
    throw e;
  }
  const steps = estimateSteps(scenario, set, models);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * The estimate of a scenario compiled once per design (`compileAll`), a step at a time: it yields
 * after each design's main estimate, its low/high band and its footprint, so a host (the worker) can
 * answer other messages and honour a cancel between steps rather than block for the whole estimate.
 */
export function* estimateSteps(
  scenario: ValidScenario,
  set: readonly CompiledEntry[],
  models: Models = shippedModels(),
  budget = new StepBudget(),
): Generator<void, ScenarioEstimate, void> {
  const byArch = new Map<ArchitectureId, ArchitectureEstimate>();
  for (const entry of set) {
    const a = entry.architecture;
    const name = models.architectures.get(a)?.name ?? a;
    if (entry.status === 'unsupported') {
      byArch.set(a, { architecture: a, name, notes: [], unsupported: entry.reasons });
      continue;
    }
    const compiled = entry.compiled;
    const parts = yield* designEstimateSteps(compiled, undefined, false, budget);
    const core = parts.core;
    yield;
    const band = yield* bandSteps(scenario, compiled, parts, budget);
    yield;
    const f = scenario.failure.kind;
    if (f === 'loss' || f === 'pod-down' || compiled.features.timeoutUs !== undefined)
      core.approximations.push(APPROX_FAULTS);
    byArch.set(a, {
      architecture: a,
      name,
      notes: compiled.notes,
      ...core,
      ...band,
      ...footprintOf(scenario, a),
    });
    yield;
  }
  const found = byArch.get('no-mesh');
  const base = found && !found.unsupported ? found : undefined;
  const results = scenario.architectures.map((a) => {
    const r = byArch.get(a)!;
    if (r.unsupported) return r;
    if (base && Number.isFinite(base.meanLatencyUs)) r.addedMeanUs = r.meanLatencyUs - base.meanLatencyUs;
    Object.assign(r, cpuScalingOf(scenario, r, base));
    return r;
  });
  return { modelVersion: scenario.modelVersion, results };
}

function footprintOf(
  s: Scenario,
  a: ArchitectureId,
): Pick<DesignEstimate, 'footprint' | 'scaling' | 'servicesScaling' | 'footprintError'> {
  try {
    const fp = footprint(s, a);
    return {
      footprint: fp,
      scaling: scalingPoints(s, a, fp.mesh.pods),
      servicesScaling: servicesPoints(s, a, fp.mesh),
    };
  } catch (e) {
    return { footprintError: e instanceof Error ? e.message : String(e) };
  }
}

/**
 * The standard sizes 10 … 2,000 pods and the scenario's own mesh size (marked `current`), each once.
 * The footprint cannot go below the pods the simulation places, so sizes under that are left out.
 */
function scalingPoints(s: Scenario, a: ArchitectureId, currentPods: number): DesignEstimate['scaling'] {
  const pods = [...new Set([currentPods, ...SCALING_PODS.filter((p) => p >= simulatedPodCount(s))])].sort(
    (x, y) => x - y,
  );
  return scalingCurve(s, a, { pods }).map((p) => (p.pods === currentPods ? { ...p, current: true } : p));
}

/**
 * Services from 10 to 1,000 and the scenario's own mesh count (marked `current`), none below the services it
 * simulates; pods held at 2,000 or the scenario's mesh if larger; with kube-proxy iptables, the first-packet rule walk at each count (as compiled).
 */
function servicesPoints(
  s: Scenario,
  a: ArchitectureId,
  mesh: FootprintResult['mesh'],
): DesignEstimate['servicesScaling'] {
  // The mesh's Services, as the compiler counts them for the rule walk (the simulated call graph may be a part of it).
  const own = s.topology.mesh?.services ?? s.topology.services.length;
  const simulated = s.topology.services.length;
  const counts = [...new Set([own, ...SCALING_SERVICES.filter((n) => n >= simulated)])].sort((x, y) => x - y);
  const pods = Math.max(mesh.pods, SERVICES_AXIS_PODS);
  return servicesCurve(s, a, { services: counts, pods }).map((p) => ({
    ...p,
    ...(p.services === own ? { current: true } : {}),
    ...(s.dataplane === 'iptables' ? { natWalkUs: (IPTABLES_US_PER_RULE * p.services) / 2 } : {}),
  }));
}

/** CPU against pods: the mesh's added vCPU per 1000 rps (over no mesh) at the scenario's rate per pod. */
function cpuScalingOf(
  s: Scenario,
  r: DesignEstimate,
  base: DesignEstimate | undefined,
): Pick<DesignEstimate, 'cpuScaling' | 'trafficRps' | 'addedCpu'> {
  if (!r.footprint || !base) return {};
  const simulatedPods = simulatedPodCount(s);
  const added = r.cpuTotal.container + r.cpuTotal.kernel - (base.cpuTotal.container + base.cpuTotal.kernel);
  // 10 … 2,000 pods whatever the scenario's mesh (the simulated pods are the floor), and its own size.
  const own = r.footprint.mesh.pods;
  const pods = [...new Set([own, ...SCALING_PODS.filter((p) => p >= simulatedPods)])].sort((x, y) => x - y);
  const cpu = cpuCurve(scalingCurve(s, r.architecture, { pods }), {
    addedVcpuPer1000Rps: r.architecture === 'no-mesh' ? 0 : added,
    rps: r.rps,
  });
  // The load stays the scenario's as the mesh grows: more pods share it, they do not multiply it.
  return {
    trafficRps: r.rps,
    addedCpu: r.architecture === 'no-mesh' ? 0 : added,
    cpuScaling: cpu.map((p) => (p.pods === own ? { ...p, current: true } : p)),
  };
}
