import type { Scenario } from '../../model/scenario';

export interface PlacedPod {
  id: string;
  /** Service name, or null for the load generator. */
  service: string | null;
  node: number;
}

export interface Placement {
  pods: PlacedPod[];
  byService: Map<string, PlacedPod[]>;
  /** Waypoint pod per service (ambient-waypoint); placed even when unused, so layouts stay stable. */
  waypoints: Map<string, PlacedPod>;
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

/** Puts the load generator and every service replica on a node, deterministically. */
export function placePods(s: Scenario): Placement {
  const { nodes, placement, services } = s.topology;
  if (placement === 'cross-node' && nodes < 2)
    throw new ScenarioError('topology.placement', "'cross-node' needs at least 2 nodes");
  const pods: PlacedPod[] = [{ id: 'loadgen', service: null, node: 0 }];
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
  const waypoints = new Map<string, PlacedPod>();
  for (const svc of services) {
    const first = byService.get(svc.id)![0];
    const node = s.topology.waypointNode ?? (first.node + 1) % nodes;
    if (node >= nodes)
      throw new ScenarioError('topology.waypointNode', `node ${node} does not exist (nodes: ${nodes})`);
    waypoints.set(svc.id, { id: `waypoint-${svc.id}`, service: svc.id, node });
  }
  return { pods, byService, waypoints };
}
