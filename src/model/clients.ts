import type { Scenario } from './scenario';

/**
 * The load generator's clients: how many a scenario runs, their pod ids and the pods a simulation
 * places. The first client keeps the id the single load generator always had, so a scenario with one
 * client (every scenario written before clients existed) names, draws and compiles as it did.
 */

/** The first (or only) client's pod id. */
export const LOADGEN_POD = 'loadgen';

/** Load-generator clients of a scenario (1 when it names none). */
export function clientCount(s: Pick<Scenario, 'workload'>): number {
  return s.workload.clients ?? 1;
}

/** Pod id of client `i` (0-based): `loadgen`, `loadgen-1`, `loadgen-2`, … */
export function clientPodId(i: number): string {
  return i === 0 ? LOADGEN_POD : `${LOADGEN_POD}-${i}`;
}

/** Whether a pod id is one a client takes (a service named `loadgen` is kept from those: scenarioChecks). */
export function isClientPodId(id: string): boolean {
  return /^loadgen(-[1-9]\d*)?$/.test(id);
}

/** Pods the simulation places: every client and every service replica (waypoints aside). */
export function simulatedPodCount(s: Pick<Scenario, 'workload' | 'topology'>): number {
  return clientCount(s) + s.topology.services.reduce((n, svc) => n + svc.replicas, 0);
}
