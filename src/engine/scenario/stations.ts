import type { Architecture } from '../../model/architecture';
import type { Scenario } from '../../model/scenario';
import type { SimSpec } from '../../model/simSpec';
import type { Placement } from './placement';

type StationSpec = SimSpec['stations'][number];

/**
 * The resources a scenario runs on: a CPU station per node, and thread pools per app, sidecar, node
 * proxy, waypoint and in-process library (Hystrix pool, or its semaphore under semaphore isolation).
 */
export function buildStations(s: Scenario, arch: Architecture, placement: Placement): StationSpec[] {
  const stations: StationSpec[] = [];
  for (let n = 0; n < s.topology.nodes; n++) {
    stations.push({
      id: `cpu:n${n}`,
      kind: 'cpu',
      servers: s.topology.coresPerNode,
      discipline: 'shared',
      node: `n${n}`,
      component: 'node',
    });
    if (arch.nodeproxy)
      stations.push({
        id: `nodeproxy:n${n}`,
        kind: 'threads',
        servers: arch.nodeproxy.workers,
        discipline: arch.nodeproxy.discipline,
        queueLimit: arch.nodeproxy.queueLimit,
        node: `n${n}`,
        component: 'nodeproxy',
      });
  }
  const load = s.workload.load;
  const services = new Map(s.topology.services.map((svc) => [svc.id, svc]));
  for (const pod of placement.pods) {
    const node = `n${pod.node}`;
    const threads = pod.service
      ? services.get(pod.service)!.threads
      : load.kind === 'open'
        ? 1024
        : load.connections;
    stations.push({
      id: `app:${pod.id}`,
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
        id: `${semaphore ? 'semaphore' : 'library'}:${pod.id}`,
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
    // Every pod is meshed, the load generator too (as in Istio's benchmark: Fortio with a sidecar).
    for (const pod of [...placement.pods.slice(1), placement.pods[0]])
      stations.push({
        id: `sidecar:${pod.id}`,
        kind: 'threads',
        servers: arch.sidecar.workers,
        discipline: arch.sidecar.discipline,
        queueLimit: arch.sidecar.queueLimit,
        node: `n${pod.node}`,
        component: 'sidecar',
      });
  }
  if (arch.waypoint)
    for (const wp of placement.waypoints.values())
      stations.push({
        id: `waypoint:${wp.service}`,
        kind: 'threads',
        servers: arch.waypoint.workers,
        discipline: arch.waypoint.discipline,
        queueLimit: arch.waypoint.queueLimit,
        node: `n${wp.node}`,
        component: 'waypoint',
      });
  return stations;
}
