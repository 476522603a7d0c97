import { simulatedPodCount } from '../../model/clients';
import { DEFAULT_NAMESPACE, type Scenario } from '../../model/scenario';

/**
 * The call-graph controls edit a scenario's services through a few shapes: one service, a chain
 * (each service calls the next), or a fan-out (a front service calls N backends in parallel), all
 * services alike. A graph that is none of these (from a preset or a file) is 'custom' and is kept as
 * it is until the user picks a shape.
 */

type Topology = Scenario['topology'];
type Service = Topology['services'][number];

export type ShapeKind = 'single' | 'chain' | 'fan-out';

export interface UniformShape {
  kind: ShapeKind;
  /** Chain depth, or fan-out width (backends); 1 for a single service. */
  size: number;
  replicas: number;
  handlerUs: number;
  threads: number;
}

export type Shape = UniformShape | { kind: 'custom'; services: number; pods: number };

export const MAX_SHAPE_SIZE = 8;

export function detectShape(t: Topology): Shape {
  const svcs = t.services;
  const custom: Shape = {
    kind: 'custom',
    services: svcs.length,
    pods: svcs.reduce((n, s) => n + s.replicas, 0),
  };
  const first = svcs[0];
  const alike = svcs.every(
    (s) => s.replicas === first.replicas && s.handlerUs === first.handlerUs && s.threads === first.threads,
  );
  if (!alike || svcs.length > MAX_SHAPE_SIZE + 1) return custom;
  const uniform = { replicas: first.replicas, handlerUs: first.handlerUs, threads: first.threads };
  const byId = new Map(svcs.map((s) => [s.id, s]));
  const entry = byId.get(t.entry);
  if (!entry) return custom;
  if (svcs.length === 1 && entry.calls.length === 0) return { kind: 'single', size: 1, ...uniform };

  // Chain: entry → … → last, each calling exactly the next, covering every service once.
  const seen = new Set<string>();
  let at: Service | undefined = entry;
  while (at && !seen.has(at.id)) {
    seen.add(at.id);
    if (at.calls.length === 0) break;
    if (at.calls.length !== 1) {
      at = undefined;
      break;
    }
    at = byId.get(at.calls[0]);
  }
  if (at && at.calls.length === 0 && seen.size === svcs.length)
    return { kind: 'chain', size: svcs.length, ...uniform };

  // Fan-out: the entry calls every other service in parallel; they call nothing.
  const others = svcs.filter((s) => s.id !== entry.id);
  if (
    entry.callMode === 'parallel' &&
    entry.calls.length === others.length &&
    new Set(entry.calls).size === others.length &&
    others.every((s) => s.calls.length === 0 && entry.calls.includes(s.id))
  )
    return { kind: 'fan-out', size: others.length, ...uniform };
  return custom;
}

/** The topology with its services replaced by (or, for the same shape and size, updated to) `shape`. */
export function applyShape(t: Topology, shape: UniformShape): Topology {
  const now = detectShape(t);
  const same = now.kind !== 'custom' && now.kind === shape.kind && now.size === shape.size;
  if (same) {
    const services = t.services.map((s) => ({
      ...s,
      replicas: shape.replicas,
      handlerUs: shape.handlerUs,
      threads: shape.threads,
    }));
    return { ...t, services };
  }
  const svc = (id: string, calls: string[] = [], callMode: Service['callMode'] = 'parallel'): Service => ({
    id,
    replicas: shape.replicas,
    handlerUs: shape.handlerUs,
    threads: shape.threads,
    calls,
    callMode,
    namespace: DEFAULT_NAMESPACE,
  });
  let services: Service[];
  if (shape.kind === 'single') services = [svc('service')];
  else if (shape.kind === 'chain') {
    const n = Math.max(2, shape.size);
    services = Array.from({ length: n }, (_, i) =>
      svc(`tier-${i + 1}`, i + 1 < n ? [`tier-${i + 2}`] : [], 'sequential'),
    );
  } else {
    const n = Math.max(1, shape.size);
    const backends = Array.from({ length: n }, (_, i) => `backend-${i + 1}`);
    services = [svc('front', backends, 'parallel'), ...backends.map((id) => svc(id))];
  }
  return { ...t, services, entry: services[0].id, waypointNode: undefined };
}

/** Simulated pods (the load generator's clients included) per node, for the "pods per node" readout. */
export function podsPerNode(s: Pick<Scenario, 'workload' | 'topology'>): number {
  return simulatedPodCount(s) / s.topology.nodes;
}

/** How many namespaces the services run in. */
export function namespaceCount(t: Topology): number {
  return new Set(t.services.map((s) => s.namespace)).size;
}

/**
 * The services spread round-robin over `n` namespaces (`ns-1` … `ns-n`; one namespace is Istio's
 * `default`), so a waypoint per namespace is shared by every n-th service. `n` is capped at the services.
 */
export function applyNamespaces(t: Topology, n: number): Topology {
  const k = Math.max(1, Math.min(Math.round(n), t.services.length));
  const services = t.services.map((s, i) => ({
    ...s,
    namespace: k === 1 ? DEFAULT_NAMESPACE : `ns-${(i % k) + 1}`,
  }));
  return { ...t, services };
}
