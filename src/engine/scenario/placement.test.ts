import { describe, expect, it } from 'vitest';
import preset from '../../../models/presets/istio-benchmark.json';
import type { ScenarioInput } from '../../model/scenario';
import { parseScenario } from '../../model/valid';
import { Simulation } from '../simulation';
import { summarize } from '../summary';
import { compileScenario } from './compileScenario';
import { placePods, waypointGroups } from './placement';

/**
 * Waypoints as Istio deploys them (istio-waypoint-docs): one per namespace by default, shared by the
 * namespace's services; one per service when each service has its own (topology.waypointScope).
 */

const bench = preset as unknown as ScenarioInput;

/** web calls api and db; web and api in 'shop', db in 'data'. */
function threeServices(topo: Partial<ScenarioInput['topology']> = {}): ScenarioInput {
  return {
    ...bench,
    architectures: ['ambient-waypoint'],
    topology: {
      ...bench.topology,
      nodes: 4,
      placement: 'cross-node',
      services: [
        { id: 'web', replicas: 1, namespace: 'shop', calls: ['api', 'db'] },
        { id: 'api', replicas: 2, namespace: 'shop' },
        { id: 'db', replicas: 1, namespace: 'data' },
      ],
      entry: 'web',
      ...topo,
    },
  };
}

const waypointStations = (s: ScenarioInput) =>
  compileScenario(s, 'ambient-waypoint')
    .spec.stations.filter((st) => st.component === 'waypoint')
    .map((st) => [st.id, st.node]);

describe('waypoint placement', () => {
  it('3 services in 2 namespaces: 2 waypoints, each on the node after its first service’s first pod', () => {
    const p = placePods(parseScenario(threeServices()));
    // Pods: loadgen n0; web-0 n1; api-0 n2, api-1 n3; db-0 n1.
    expect([...p.waypoints.values()].map((w) => [w.id, w.key, w.namespace, w.services, w.node])).toEqual([
      ['waypoint-shop', 'shop', 'shop', ['web', 'api'], 2],
      ['waypoint-data', 'data', 'data', ['db'], 2],
    ]);
    expect(p.waypointOf.get('api')).toBe(p.waypoints.get('shop'));
    expect(p.waypointOf.get('db')).toBe(p.waypoints.get('data'));
    expect(waypointStations(threeServices())).toEqual([
      ['waypoint:shop', 'n2'],
      ['waypoint:data', 'n2'],
    ]);
  });

  it('scope service: a waypoint per service (3)', () => {
    const s = threeServices({ waypointScope: 'service' });
    expect(waypointGroups(parseScenario(s)).map((g) => [g.key, g.namespace, g.services])).toEqual([
      ['web', 'shop', ['web']],
      ['api', 'shop', ['api']],
      ['db', 'data', ['db']],
    ]);
    expect(waypointStations(s)).toEqual([
      ['waypoint:web', 'n2'],
      ['waypoint:api', 'n3'],
      ['waypoint:db', 'n2'],
    ]);
  });

  it('services without a namespace share the default namespace’s one waypoint; waypointNode moves all', () => {
    const s = threeServices({
      services: [
        { id: 'web', replicas: 1, calls: ['api'] },
        { id: 'api', replicas: 1 },
      ],
      waypointNode: 0,
    });
    expect(waypointStations(s)).toEqual([['waypoint:default', 'n0']]);
  });

  it('every call to a service goes through its namespace’s waypoint', () => {
    const c = compileScenario(threeServices(), 'ambient-waypoint');
    const pools = new Map<string, Set<string>>();
    for (const h of c.spec.hops) {
      if (!h.pool?.startsWith('waypoint:')) continue;
      const server = /^leg:[^>]+>(.+?)-\d+\//.exec(h.id)![1];
      pools.set(server, (pools.get(server) ?? new Set()).add(h.pool));
    }
    expect(Object.fromEntries([...pools].map(([k, v]) => [k, [...v]]))).toEqual({
      web: ['waypoint:shop'],
      api: ['waypoint:shop'],
      db: ['waypoint:data'],
    });
  });
});

describe('a shared waypoint is one queue', () => {
  // Two services in a chain (front calls back) at a load where each dedicated waypoint is moderately busy:
  // sharing one waypoint doubles its arrivals on the same two Envoy workers, so requests wait longer.
  const chain = (scope: 'namespace' | 'service'): ScenarioInput => ({
    ...bench,
    seed: 11,
    architectures: ['ambient-waypoint'],
    topology: {
      ...bench.topology,
      nodes: 3,
      coresPerNode: 16,
      placement: 'cross-node',
      services: [
        { id: 'front', replicas: 1, calls: ['back'] },
        { id: 'back', replicas: 1 },
      ],
      entry: 'front',
      waypointNode: 0,
      waypointScope: scope,
    },
    workload: { ...bench.workload, load: { kind: 'open', rps: 2500, connections: 16 } },
    run: { warmupRequests: 1000, measuredRequests: 10000 },
  });
  const run = (scope: 'namespace' | 'service') => {
    const sum = summarize(new Simulation(compileScenario(chain(scope), 'ambient-waypoint').spec).run());
    const hops = sum.hops.filter((h) => h.component === 'waypoint');
    const waitUs = hops.reduce((t, h) => t + h.meanQueueWait * h.count, 0) / sum.requests.completed;
    return {
      waitUs,
      p99: sum.latency.intended.p99,
      stations: sum.stations.filter((s) => s.component === 'waypoint'),
    };
  };

  it('two services sharing a waypoint wait more at it than with one each (seed 11, ≥ 1.5×)', () => {
    const shared = run('namespace');
    const own = run('service');
    expect(shared.stations).toHaveLength(1);
    expect(own.stations).toHaveLength(2);
    // One station carries both services' work: its utilisation is the two dedicated ones' sum (±5 %).
    const sumOwn = own.stations.reduce((t, s) => t + s.utilization, 0);
    expect(shared.stations[0].utilization).toBeGreaterThan(sumOwn * 0.95);
    expect(shared.stations[0].utilization).toBeLessThan(sumOwn * 1.05);
    expect(shared.waitUs).toBeGreaterThan(own.waitUs * 1.5);
    expect(shared.p99).toBeGreaterThan(own.p99);
  });
});
