import { clientCount, clientPodId, LOADGEN_POD } from '../../model/clients';
import type { Scenario } from '../../model/scenario';

export interface PlacedPod {
  id: string;
  /** Service name, or null for the load generator's clients and waypoints. */
  service: string | null;
  node: number;
}

/** A waypoint Deployment's pod and whom it serves. */
export interface PlacedWaypoint extends PlacedPod {
  /** Its station's owner (`stationId.waypoint(key)`): the namespace, or the service with scope 'service'. */
  key: string;
  namespace: string;
  /** The services whose traffic it takes, in scenario order. */
  services: string[];
}

export interface Placement {
  /** The load generator's clients first (`loadgen`, `loadgen-1`, …), then every service replica. */
  pods: PlacedPod[];
  /** The load generator's clients, in order (the first `pods`). */
  clients: PlacedPod[];
  byService: Map<string, PlacedPod[]>;
  /**
   * Waypoints by key (ambient-waypoint): one per namespace or per service (`topology.waypointScope`);
   * placed even when unused, so layouts stay stable.
   */
  waypoints: Map<string, PlacedWaypoint>;
  /** The waypoint serving each service. */
  waypointOf: Map<string, PlacedWaypoint>;
}

/** One group per waypoint: its key, namespace and services, in order of first appearance. */
export function waypointGroups(s: Scenario): { key: string; namespace: string; services: string[] }[] {
  const groups = new Map<string, { key: string; namespace: string; services: string[] }>();
  for (const svc of s.topology.services) {
    const key = s.topology.waypointScope === 'service' ? svc.id : svc.namespace;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { key, namespace: svc.namespace, services: [] }));
    g.services.push(svc.id);
  }
  return [...groups.values()];
}

export class ScenarioError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'ScenarioError';
  }
}

/**
 * Puts the load generator's clients and every service replica on a node, deterministically. Every client
 * goes on node 0, as the single generator did: under 'cross-node' the clients then have a node of their
 * own and every call they make crosses nodes (Istio's load tests run their clients apart from the
 * services), and adding clients moves no service pod.
 */
export function placePods(s: Scenario): Placement {
  const { nodes, placement, services } = s.topology;
  if (placement === 'cross-node' && nodes < 2)
    throw new ScenarioError('topology.placement', "'cross-node' needs at least 2 nodes");
  const n = clientCount(s);
  if (s.workload.load.connections < n)
    throw new ScenarioError(
      'workload.load.connections',
      `${s.workload.load.connections} connections for ${n} load-generator clients (workload.clients): each client needs at least one`,
    );
  if (n > 1 && services.some((svc) => svc.id === LOADGEN_POD && svc.replicas > 1))
    throw new ScenarioError(
      `topology.services[${services.findIndex((svc) => svc.id === LOADGEN_POD)}].id`,
      `its pod '${LOADGEN_POD}-1' has the name of a load-generator client's pod (rename the service)`,
    );
  const clients: PlacedPod[] = Array.from({ length: n }, (_, i) => ({
    id: clientPodId(i),
    service: null,
    node: 0,
  }));
  const pods: PlacedPod[] = [...clients];
  const byService = new Map<string, PlacedPod[]>();
  let k = 0;
  for (const svc of services) {
    const list: PlacedPod[] = [];
    for (let r = 0; r < svc.replicas; r++, k++) {
      const node =
        placement === 'same-node' ? 0 : placement === 'cross-node' ? 1 + (k % (nodes - 1)) : k % nodes;
      const pod = { id: `${svc.id}-${r}`, service: svc.id, node };
      list.push(pod);
      pods.push(pod);
    }
    byService.set(svc.id, list);
  }
  // Istio's default is one waypoint per namespace (istio-waypoint-docs), shared by its services.
  const waypoints = new Map<string, PlacedWaypoint>();
  const waypointOf = new Map<string, PlacedWaypoint>();
  for (const g of waypointGroups(s)) {
    const first = byService.get(g.services[0])![0];
    const node = s.topology.waypointNode ?? (first.node + 1) % nodes;
    if (node >= nodes)
      throw new ScenarioError('topology.waypointNode', `node ${node} does not exist (nodes: ${nodes})`);
    const wp: PlacedWaypoint = { id: `waypoint-${g.key}`, service: null, node, ...g };
    waypoints.set(g.key, wp);
    for (const svc of g.services) waypointOf.set(svc, wp);
  }
  return { pods, clients, byService, waypoints, waypointOf };
}
