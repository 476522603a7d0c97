import type { ArchitectureId } from '../model/architecture';
import {
  footprintOf,
  shippedFootprints,
  type ConfigView,
  type FootprintCatalog,
  type FootprintPer,
} from '../model/footprint';
import type {
  ComponentFootprint,
  CpuPoint,
  FootprintResult,
  ScalingPoint,
  Totals,
} from '../model/comparison';
import { clientCount, simulatedPodCount } from '../model/clients';
import { PODS_PER_NODE } from '../model/footprint';
import type { Scenario, ScenarioInput } from '../model/scenario';
import { waypointGroups } from './scenario/placement';

export type { ComponentFootprint, CpuPoint, FootprintResult, ScalingPoint, Totals };
import { validScenario, type ValidScenario } from '../model/valid';

/**
 * Closed-form footprint: what an architecture reserves (pod-spec requests) and uses (memory, idle CPU)
 * over the whole mesh — topology.mesh when given, else the simulated services and pods. Pure and
 * deterministic. docs/models.md "Footprint" gives the formula and the figures behind the defaults.
 */

export interface FootprintOptions {
  /** Pods per node when topology.mesh is larger than the simulation (our assumption, default PODS_PER_NODE). */
  podsPerNode?: number;
  /** Ports per service: one Envoy cluster per service port (default 1). */
  portsPerService?: number;
  /**
   * Services sharing one waypoint. Default: as the scenario places them (`topology.waypointScope` and
   * the services' namespaces), the simulated services ÷ their waypoints, held as the mesh grows.
   */
  servicesPerWaypoint?: number;
}

/** Options with every default filled but the waypoint sharing, which the scenario decides when absent. */
type Resolved = Required<Omit<FootprintOptions, 'servicesPerWaypoint'>> & { servicesPerWaypoint?: number };

const zero = (): Totals => ({ reservedCpuMilli: 0, reservedMemoryMiB: 0, usedMemoryMiB: 0, idleCpuMilli: 0 });
const add = (a: Totals, b: Totals): Totals => ({
  reservedCpuMilli: a.reservedCpuMilli + b.reservedCpuMilli,
  reservedMemoryMiB: a.reservedMemoryMiB + b.reservedMemoryMiB,
  usedMemoryMiB: a.usedMemoryMiB + b.usedMemoryMiB,
  idleCpuMilli: a.idleCpuMilli + b.idleCpuMilli,
});
const scale = (a: Totals, k: number): Totals => ({
  reservedCpuMilli: a.reservedCpuMilli * k,
  reservedMemoryMiB: a.reservedMemoryMiB * k,
  usedMemoryMiB: a.usedMemoryMiB * k,
  idleCpuMilli: a.idleCpuMilli * k,
});

interface View {
  clusters: number;
  endpoints: number;
}

/** The mesh size and the config views the components draw from. */
function views(s: Scenario, opts: Resolved) {
  const { services, entry, mesh, nodes } = s.topology;
  const replicas = new Map(services.map((svc) => [svc.id, svc.replicas]));
  const clients = clientCount(s);
  const simPods = simulatedPodCount(s); // service replicas + the (meshed) load-generator clients
  const S = Math.max(mesh?.services ?? 0, services.length);
  const P = Math.max(mesh?.pods ?? 0, simPods);
  const N = mesh ? Math.max(nodes, Math.ceil(P / opts.podsPerNode)) : nodes;
  const ports = opts.portsPerService;

  const whole: View = { clusters: S * ports, endpoints: P };
  // Istio's Sidecar scoping: each pod sees the services it calls (each load-generator client: the entry
  // service) and their pods. Mesh pods beyond the simulation are assumed to see as much as the simulated average.
  const sees = (targets: Iterable<string>): View => {
    const set = new Set(targets);
    let endpoints = 0;
    for (const t of set) endpoints += replicas.get(t) ?? 0;
    return { clusters: set.size * ports, endpoints };
  };
  let c = sees([entry]).clusters * clients;
  let e = sees([entry]).endpoints * clients;
  for (const svc of services) {
    const v = sees(svc.calls);
    c += v.clusters * svc.replicas;
    e += v.endpoints * svc.replicas;
  }
  const dependencies: View = { clusters: c / simPods, endpoints: e / simPods };
  // Waypoints: as placed for the simulated services, in the same ratio over a larger mesh. Integer
  // arithmetic, so the simulated mesh counts exactly the waypoints placed.
  const placed = waypointGroups(s).length;
  // The rest of a larger mesh in namespaces of a stated size (Istio's load test: 20 services each), one
  // waypoint per namespace; else in the simulated services' own ratio.
  const perNamespace =
    s.topology.waypointScope === 'namespace' ? s.topology.mesh?.servicesPerNamespace : undefined;
  const rest = Math.max(0, S - services.length);
  const waypoints =
    opts.servicesPerWaypoint !== undefined
      ? Math.ceil(S / opts.servicesPerWaypoint)
      : perNamespace !== undefined
        ? placed + Math.ceil(rest / perNamespace)
        : Math.ceil((S * placed) / services.length);
  const k =
    opts.servicesPerWaypoint ?? (perNamespace !== undefined ? S / waypoints : services.length / placed);
  const ownService: View = { clusters: k * ports, endpoints: (k * (simPods - clients)) / services.length };
  const pick: Record<ConfigView, View> = {
    mesh: whole,
    dependencies,
    scenario: s.topology.configScope === 'mesh' ? whole : dependencies,
    'own-service': ownService,
  };
  const instances: Record<FootprintPer, number> = { pod: P, node: N, service: waypoints, cluster: 1 };
  const scope = opts.servicesPerWaypoint === undefined ? s.topology.waypointScope : 'option';
  return {
    S,
    P,
    N,
    pick,
    instances,
    waypoints: {
      instances: waypoints,
      placed,
      servicesEach: k,
      scope,
      ...(perNamespace !== undefined && rest > 0 ? { restPerNamespace: perNamespace } : {}),
    } as const,
  };
}

/** Footprint of one architecture on a scenario's mesh. */
export function footprint(
  input: ScenarioInput | Scenario | ValidScenario,
  architecture: ArchitectureId,
  catalog: FootprintCatalog = shippedFootprints(),
  options: FootprintOptions = {},
): FootprintResult {
  return footprintOfValid(validScenario(input), architecture, catalog, options);
}

/** The footprint of a scenario already validated (or a mesh-size variant of one): no parse. */
function footprintOfValid(
  s: Scenario,
  architecture: ArchitectureId,
  catalog: FootprintCatalog,
  options: FootprintOptions,
): FootprintResult {
  const opts: Resolved = {
    podsPerNode: options.podsPerNode ?? PODS_PER_NODE,
    portsPerService: options.portsPerService ?? 1,
    servicesPerWaypoint: options.servicesPerWaypoint,
  };
  for (const [key, v] of Object.entries(opts))
    if (v !== undefined && !(Number.isFinite(v) && v >= 1))
      throw new RangeError(`footprint option ${key} must be ≥ 1 (got ${v})`);
  const { S, P, N, pick, instances, waypoints } = views(s, opts);
  const byPer: Record<FootprintPer, Totals> = { pod: zero(), node: zero(), service: zero(), cluster: zero() };

  const components = footprintOf(catalog, architecture).components.map((c): ComponentFootprint => {
    const visible = pick[c.config];
    const n = instances[c.per] * c.replicas;
    const memoryMiB =
      c.memory.baseMiB +
      (c.memory.perClusterKiB * visible.clusters + c.memory.perEndpointKiB * visible.endpoints) / 1024;
    const one: Totals = {
      reservedCpuMilli: c.requests.cpuMilli,
      reservedMemoryMiB: c.requests.memoryMiB,
      usedMemoryMiB: memoryMiB,
      idleCpuMilli: c.idleCpuMilli,
    };
    const total = scale(one, n);
    byPer[c.per] = add(byPer[c.per], total);
    return {
      component: c.component,
      name: c.name,
      per: c.per,
      instances: n,
      visible: { ...visible },
      reserved: { cpuMilli: c.requests.cpuMilli, memoryMiB: c.requests.memoryMiB },
      used: { memoryMiB, idleCpuMilli: c.idleCpuMilli },
      total,
      standing: c.standing,
      sources: [...new Set([...c.sources, c.requests.source, c.idleCpuSource])],
    };
  });

  const cluster = components.reduce((t, c) => add(t, c.total), zero());
  return {
    architecture,
    configScope: s.topology.configScope,
    mesh: { services: S, pods: P, nodes: N },
    components,
    cluster,
    perPod: scale(cluster, 1 / P),
    perNode: scale(add(byPer.pod, byPer.node), 1 / N),
    byPer,
    ...(components.some((c) => c.per === 'service') ? { waypoints } : {}),
  };
}

export interface ScalingOptions extends FootprintOptions {
  /** Pod counts to evaluate, e.g. [10, 50, 100, 500, 1000, 2000]. */
  pods: readonly number[];
  /** Services per pod in the scaled mesh (default: the scenario's own ratio). */
  servicesPerPod?: number;
}

/**
 * Totals against mesh size for the comparison charts: the scenario's call graph and scope stay, the
 * mesh grows. Pod counts below the simulated pods are raised to them.
 */
export function scalingCurve(
  input: ScenarioInput | Scenario | ValidScenario,
  architecture: ArchitectureId,
  opts: ScalingOptions,
  catalog: FootprintCatalog = shippedFootprints(),
): ScalingPoint[] {
  const s = validScenario(input);
  const base = footprintOfValid(s, architecture, catalog, opts).mesh;
  const ratio = opts.servicesPerPod ?? base.services / base.pods;
  return opts.pods.map((p) => {
    const services = Math.max(1, Math.round(p * ratio));
    const scaled: Scenario = {
      ...s,
      topology: { ...s.topology, mesh: { ...s.topology.mesh, services, pods: Math.max(1, Math.round(p)) } },
    };
    const f = footprintOfValid(scaled, architecture, catalog, opts);
    return {
      pods: f.mesh.pods,
      services: f.mesh.services,
      nodes: f.mesh.nodes,
      cluster: f.cluster,
      perPod: f.perPod,
      byPer: f.byPer,
    };
  });
}

export interface ServicesScalingOptions extends FootprintOptions {
  /** Service counts to evaluate, e.g. [10, 20, 50, 100, 200, 500, 1000]. */
  services: readonly number[];
  /** Pods held fixed while services grow (default 2,000: Istio's load-test mesh of 1,000 services and 2,000 pods). */
  pods?: number;
}

/** Pods held while the services axis grows: Istio's load-test mesh size (istio-load-test-namespaces). */
export const SERVICES_AXIS_PODS = 2000;

/**
 * Totals against the number of services at a fixed pod count: what grows per cluster (Envoy's, the
 * waypoints', the library's config) and per waypoint, with the pods' own share held still. Service
 * counts below the simulated services are raised to them; the pods to at least one per service.
 */
export function servicesCurve(
  input: ScenarioInput | Scenario | ValidScenario,
  architecture: ArchitectureId,
  opts: ServicesScalingOptions,
  catalog: FootprintCatalog = shippedFootprints(),
): ScalingPoint[] {
  const s = validScenario(input);
  const pods = opts.pods ?? SERVICES_AXIS_PODS;
  return opts.services.map((n) => {
    const services = Math.max(1, Math.round(n));
    const scaled: Scenario = {
      ...s,
      topology: {
        ...s.topology,
        mesh: { ...s.topology.mesh, services, pods: Math.max(services, Math.round(pods)) },
      },
    };
    const f = footprintOfValid(scaled, architecture, catalog, opts);
    return {
      pods: f.mesh.pods,
      services: f.mesh.services,
      nodes: f.mesh.nodes,
      cluster: f.cluster,
      perPod: f.perPod,
      byPer: f.byPer,
    };
  });
}

export interface TrafficCpu {
  /** vCPU per 1000 rps the mesh adds over no mesh (container + kernel), e.g. from the analytic estimate. */
  addedVcpuPer1000Rps: number;
  /** The scenario's total request rate, held fixed at every mesh size (the load does not grow with the pods). */
  rps: number;
}

/**
 * CPU against pods, closed form: reserved = Σ requests × instances, idle = Σ idle × instances, traffic =
 * added vCPU per 1000 rps × rps ÷ 1000 — the scenario's own load, the same at every mesh size (scaling a
 * per-pod rate up to 2,000 pods would invent load nobody offered). Negative added CPU (a design cheaper
 * than kube-proxy's path) is kept as it is.
 */
export function cpuCurve(points: readonly ScalingPoint[], traffic: TrafficCpu): CpuPoint[] {
  return points.map((p) => {
    const idleCores = p.cluster.idleCpuMilli / 1000;
    const trafficCores = (traffic.addedVcpuPer1000Rps * traffic.rps) / 1000;
    return {
      pods: p.pods,
      reservedCores: p.cluster.reservedCpuMilli / 1000,
      idleCores,
      trafficCores,
      usedCores: idleCores + trafficCores,
    };
  });
}
