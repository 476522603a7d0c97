import type { ScenarioChanges } from './lesson';

/**
 * A lesson's scenario changes (ScenarioChanges, a closed set) applied onto a preset, each written to
 * the real Scenario field it names:
 *
 *   mtls, l7Policy, l7Direction, telemetry, connectionReuse, nodeEncryption, retries, timeoutMs → features.*
 *   placement, waypointScope → topology.*   protocol → workload.protocol
 *   rps → workload.load.rps (open and paced load keep their kind; closed load becomes open Poisson
 *         load at that rate over the same connections: a closed loop has no rate to set)
 *   connections → workload.load.connections
 *   pacing → paced load (uniform, jitter) at the load's rate; a closed loop has none, so the scenario
 *         it makes fails validation, naming workload.load.rps
 *   meshPods → topology.mesh.pods, with the mesh's services scaled in the preset's own services-per-pod
 *         ratio (as the footprint's scaling curve does), never below the simulated services and pods.
 *
 * Pure: the input is not changed. The result is validated where it is used (ScenarioSchema).
 */

/** A scenario as plain data (a preset's JSON), before validation. */
export type ScenarioData = Record<string, unknown>;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const recordAt = (o: ScenarioData, key: string): Record<string, unknown> => {
  const v = o[key];
  return isRecord(v) ? { ...v } : {};
};

export function applyScenarioChanges(base: ScenarioData, changes: ScenarioChanges | null): ScenarioData {
  if (!changes || Object.keys(changes).length === 0) return base;
  const out: ScenarioData = structuredClone(base);
  const features = recordAt(out, 'features');
  for (const key of [
    'mtls',
    'l7Policy',
    'l7Direction',
    'telemetry',
    'connectionReuse',
    'nodeEncryption',
  ] as const)
    if (changes[key] !== undefined) features[key] = changes[key];
  if (changes.retries !== undefined) features.retries = changes.retries;
  if (changes.timeoutMs !== undefined) features.timeoutMs = changes.timeoutMs;
  out.features = features;

  const topology = recordAt(out, 'topology');
  if (changes.placement !== undefined) topology.placement = changes.placement;
  if (changes.waypointScope !== undefined) topology.waypointScope = changes.waypointScope;
  if (changes.meshPods !== undefined) {
    const list = Array.isArray(topology.services) ? (topology.services as { replicas?: unknown }[]) : [];
    const services = list.length;
    const simulatedPods = 1 + list.reduce((n, s) => n + (typeof s.replicas === 'number' ? s.replicas : 1), 0);
    const mesh = isRecord(topology.mesh) ? topology.mesh : {};
    const wasServices = typeof mesh.services === 'number' ? mesh.services : services;
    const wasPods = typeof mesh.pods === 'number' ? mesh.pods : simulatedPods;
    const pods = Math.max(changes.meshPods, simulatedPods);
    const scaled = Math.round((pods * wasServices) / Math.max(1, wasPods));
    topology.mesh = { ...mesh, services: Math.max(services, 1, scaled), pods };
  }
  out.topology = topology;

  const workload = recordAt(out, 'workload');
  if (changes.protocol !== undefined) workload.protocol = changes.protocol;
  if (changes.rps !== undefined) {
    const load = isRecord(workload.load) ? workload.load : {};
    workload.load =
      load.kind === 'closed'
        ? { kind: 'open', rps: changes.rps, connections: load.connections }
        : { ...load, rps: changes.rps };
  }
  if (changes.connections !== undefined || changes.pacing !== undefined) {
    const load = isRecord(workload.load) ? { ...workload.load } : {};
    if (changes.connections !== undefined) load.connections = changes.connections;
    if (changes.pacing !== undefined) {
      const { think: _think, ...rest } = load;
      Object.assign(rest, {
        kind: 'paced',
        uniform: changes.pacing === 'uniform',
        jitter: changes.pacing === 'jitter',
      });
      workload.load = rest;
    } else workload.load = load;
  }
  out.workload = workload;
  return out;
}

/** Whether two sets of changes say the same thing (key order and absent keys do not matter). */
export function sameChanges(a: ScenarioChanges | null, b: ScenarioChanges | null): boolean {
  return changesKey(a) === changesKey(b);
}

/** A canonical string for a set of changes ('' for none), for caches and comparisons. */
export function changesKey(c: ScenarioChanges | null): string {
  if (!c) return '';
  const keys = (Object.keys(c) as (keyof ScenarioChanges)[]).filter((k) => c[k] !== undefined).sort();
  return keys.length ? JSON.stringify(keys.map((k) => [k, c[k]])) : '';
}
