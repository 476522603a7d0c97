import type { Architecture } from '../../model/architecture';
import type { Scenario } from '../../model/scenario';
import type { SimSpec } from '../../model/simSpec';
import type { Placement } from './placement';
import { nodeId, stationId } from '../../model/ids';

type StationSpec = SimSpec['stations'][number];

/**
 * The resources a scenario runs on: a CPU station per node, and thread pools per app, sidecar, node
 * proxy, waypoint and in-process library (Hystrix pool, or its semaphore under semaphore isolation).
 */
export function buildStations(s: Scenario, arch: Architecture, placement: Placement): StationSpec[] {
  const stations: StationSpec[] = [];
  for (let n = 0; n < s.topology.nodes; n++) {
    stations.push({
      id: stationId.cpu(n),
      kind: 'cpu',
      servers: s.topology.coresPerNode,
      discipline: 'shared',
      node: nodeId(n),
      component: 'node',
    });
    if (arch.nodeproxy)
      stations.push({
        id: stationId.nodeproxy(n),
        kind: 'threads',
        servers: arch.nodeproxy.workers,
        discipline: arch.nodeproxy.discipline,
        queueLimit: arch.nodeproxy.queueLimit,
        node: nodeId(n),
        component: 'nodeproxy',
      });
  }
  const load = s.workload.load;
  const services = new Map(s.topology.services.map((svc) => [svc.id, svc]));
  for (const pod of placement.pods) {
    const node = nodeId(pod.node);
    const threads = pod.service
      ? services.get(pod.service)!.threads
      : load.kind === 'open'
        ? 1024
        : load.connections;
    stations.push({
      id: stationId.app(pod.id),
      kind: 'threads',
      servers: threads,
      discipline: 'shared',
      node,
      component: 'app',
    });
    if (arch.library) {
      // Thread isolation: a pool held per call. Semaphore isolation: permits held on the caller's thread.
      const semaphore = s.features.isolation === 'semaphore';
      stations.push({
        id: semaphore ? stationId.semaphore(pod.id) : stationId.library(pod.id),
        kind: 'threads',
        servers: arch.library.workers,
        discipline: 'shared',
        queueLimit: arch.library.queueLimit,
        node,
        component: 'library',
      });
    }
  }
  if (arch.sidecar) {
    // Every pod is meshed, the load generator's clients too (as in Istio's benchmark: Fortio with a
    // sidecar); the clients' sidecars come after the services', as the single generator's always did.
    const clients = placement.clients.length;
    for (const pod of [...placement.pods.slice(clients), ...placement.clients])
      stations.push({
        id: stationId.sidecar(pod.id),
        kind: 'threads',
        servers: arch.sidecar.workers,
        discipline: arch.sidecar.discipline,
        queueLimit: arch.sidecar.queueLimit,
        node: nodeId(pod.node),
        component: 'sidecar',
      });
  }
  if (arch.waypoint)
    for (const wp of placement.waypoints.values())
      stations.push({
        id: stationId.waypoint(wp.key),
        kind: 'threads',
        servers: arch.waypoint.workers,
        discipline: arch.waypoint.discipline,
        queueLimit: arch.waypoint.queueLimit,
        node: nodeId(wp.node),
        component: 'waypoint',
      });
  return stations;
}
