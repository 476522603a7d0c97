import type { Actor, Architecture, ArchitectureId, Condition, Segment, Side } from '../../model/architecture';
import { DATAPLANE_HOP } from '../../model/architecture';
import type { HopKind } from '../../model/hopKind';
import { shippedModels, type Models } from '../../model/models';
import type { Scenario, ScenarioInput } from '../../model/scenario';
import { validScenario, vouchSimSpec, type ValidScenario, type ValidSimSpec } from '../../model/valid';
import type { SimSpec } from '../../model/simSpec';
import { engineLoad } from '../../model/engineLoad';
export { engineLoad };
import type { HopInfo } from './hopInfo';
import { injectFailure } from './faults';
import { effectiveFeatures, type EffectiveFeatures, type FeatureNote } from './features';
import { placePods, ScenarioError, type PlacedPod, type PlacedWaypoint, type Placement } from './placement';
import { deferPostWork, postAfterResponse } from './postWork';
import { buildStations } from './stations';
import { hopId, nodeId, stationId } from '../../model/ids';
import { rememberRecipe, type PostMove, type SegmentRecipe } from './costRecipe';
import { dist, segmentCosts, setHopCosts, type HopCosts } from './hopCosts';
import { drain, StepBudget } from './stepBudget';

/** The engine spec as the schema outputs it (defaults filled): what the compiler builds. */
type HopSpec = SimSpec['hops'][number];
type RouteSpec = SimSpec['routes'][number];
type RouteStep = SimSpec['routes'][number]['steps'][number];
type StationSpec = SimSpec['stations'][number];

/** What the UI and reports need to know about each compiled hop (aligned with spec.hops). */
export type { HopInfo } from './hopInfo';

export interface CompiledScenario {
  architecture: Architecture;
  spec: ValidSimSpec;
  placement: Placement;
  hops: HopInfo[];
  features: EffectiveFeatures;
  notes: FeatureNote[];
}

export class UnsupportedError extends Error {
  constructor(
    readonly architecture: ArchitectureId,
    readonly reasons: string[],
  ) {
    super(`${architecture} cannot run this scenario: ${reasons.join('; ')}`);
    this.name = 'UnsupportedError';
  }
}

/** kube-proxy iptables: KUBE-SERVICES is walked linearly, one rule per Service port (≈15 ns each, derived). */
export const IPTABLES_US_PER_RULE = 0.015;

/**
 * Places an architecture's route template on the scenario's topology: pods on nodes, a CPU station per
 * node, thread pools per app, sidecar, node proxy and waypoint, and a route per (caller pod, backend)
 * with the request leg, the backend's handler (and its own calls), and the response leg.
 */
export function compileScenario(
  input: ScenarioInput | Scenario | ValidScenario,
  archId: ArchitectureId,
  models: Models = shippedModels(),
): CompiledScenario {
  return drain(compileScenarioSteps(input, archId, models));
}

/**
 * `compileScenario` a part at a time: it yields whenever `budget` says the step has placed enough hops
 * (a few thousand: a 2,000-pod design has tens of thousands), between legs, so a host that yields
 * between steps is never blocked by a whole design. The result is the same, hop for hop.
 */
export function* compileScenarioSteps(
  input: ScenarioInput | Scenario | ValidScenario,
  archId: ArchitectureId,
  models: Models = shippedModels(),
  budget = new StepBudget(),
): Generator<void, CompiledScenario, void> {
  // A trusted scenario is used as it is; raw input (tests, scripts) is parsed here, at its entry.
  const s = validScenario(input);
  const arch = models.architectures.get(archId);
  if (!arch) throw new ScenarioError('architectures', `no model for architecture '${archId}'`);
  const features = effectiveFeatures(arch, s, models.features);
  if (features.unsupported.length) throw new UnsupportedError(archId, features.unsupported);
  checkCallGraph(s);
  const placement = placePods(s);
  return yield* new Builder(s, arch, models, placement, features, budget).build();
}

function checkCallGraph(s: Scenario): void {
  const ids = new Map(s.topology.services.map((svc, i) => [svc.id, i]));
  s.topology.services.forEach((svc, i) => {
    if (ids.get(svc.id) !== i)
      throw new ScenarioError(`topology.services[${i}].id`, `duplicate service '${svc.id}'`);
    svc.calls.forEach((c, j) => {
      if (!ids.has(c))
        throw new ScenarioError(`topology.services[${i}].calls[${j}]`, `unknown service '${c}'`);
    });
  });
  if (!ids.has(s.topology.entry))
    throw new ScenarioError('topology.entry', `unknown service '${s.topology.entry}'`);
  const state = new Map<string, number>();
  const visit = (id: string, path: string[]): void => {
    if (state.get(id) === 2) return;
    if (state.get(id) === 1)
      throw new ScenarioError('topology.services', `call cycle: ${[...path, id].join(' → ')}`);
    state.set(id, 1);
    for (const c of s.topology.services[ids.get(id)!].calls) visit(c, [...path, id]);
    state.set(id, 2);
  };
  for (const svc of s.topology.services) visit(svc.id, []);
}

class Builder {
  private readonly stations: StationSpec[] = [];
  private readonly hops: HopSpec[] = [];
  private readonly info: HopInfo[] = [];
  private readonly infoById = new Map<string, HopInfo>();
  private readonly routes: RouteSpec[] = [];
  private readonly routeIds = new Set<string>();
  private readonly services;
  /** For a re-costing at another profile (recost.ts): each hop's cost inputs, the post-work moves. */
  private readonly segments: (SegmentRecipe | null)[] = [];
  private readonly moves: PostMove[] = [];
  private readonly recipes = new Map<HopKind, Map<string, SegmentRecipe>>();

  constructor(
    private readonly s: Scenario,
    private readonly arch: Architecture,
    private readonly models: Models,
    private readonly placement: Placement,
    private readonly features: EffectiveFeatures,
    private readonly budget: StepBudget,
  ) {
    this.services = new Map(s.topology.services.map((svc) => [svc.id, svc]));
  }

  *build(): Generator<void, CompiledScenario, void> {
    const { s, arch, placement } = this;
    this.stations.push(...buildStations(s, arch, placement));
    for (const pod of placement.pods) if (pod.service) this.handlerHop(pod);
    if (this.budget.spend('place', placement.pods.length)) yield;
    const entry = yield* this.entryRoute(placement.clients, s.topology.entry);
    injectFailure(s, placement, this.hops, this.info);
    if (this.budget.spend('numeric', this.hops.length)) yield;
    const compiled: CompiledScenario = {
      architecture: arch,
      // Built from a valid scenario with every field the schema would fill set: trusted, not parsed again.
      spec: vouchSimSpec({
        seed: s.seed,
        stations: this.stations,
        hops: this.hops,
        routes: this.routes,
        entry,
        load: engineLoad(s),
        run: s.run,
        recordCapacity: s.recordCapacity,
      }),
      placement,
      hops: this.info,
      features: this.features,
      notes: this.features.notes,
    };
    rememberRecipe(compiled, {
      segments: this.segments,
      moves: this.moves,
      cpuCv: s.variability.cpuCv,
      telemetry: this.features.telemetry,
      scenario: s,
      models: this.models,
    });
    return compiled;
  }

  /**
   * The entry: the one client's call of the entry service, or with several clients a choice of the
   * client by connection (connection i to client i mod clients), so each client keeps its own
   * connections, proxy and pools. One client compiles exactly as the single load generator did.
   */
  private *entryRoute(clients: PlacedPod[], service: string): Generator<void, string, void> {
    if (clients.length === 1) return yield* this.serviceRoute(clients[0], service);
    const id = `clients>${service}`;
    const calls: string[] = [];
    for (const c of clients) calls.push(yield* this.serviceRoute(c, service));
    this.routeIds.add(id);
    this.routes.push({ id, steps: [{ choose: calls, policy: 'connection', retries: 0 }] });
    return id;
  }

  /** Route id for `caller` calling `service`: balances over the service's backends. */
  private *serviceRoute(caller: PlacedPod, service: string): Generator<void, string, void> {
    const id = `svc:${caller.id}>${service}`;
    if (this.routeIds.has(id)) return id;
    this.routeIds.add(id);
    const backends = this.placement.byService.get(service)!;
    const legs: string[] = [];
    for (const b of backends) legs.push(yield* this.legRoute(caller, b));
    const { retries, timeoutUs } = this.features;
    this.routes.push({
      id,
      steps: [
        {
          choose: legs,
          policy: this.arch.balancing === 'request' ? 'round-robin' : 'connection',
          retries,
          timeoutUs,
        },
      ],
    });
    return id;
  }

  private *legRoute(client: PlacedPod, server: PlacedPod): Generator<void, string, void> {
    const id = `leg:${client.id}>${server.id}`;
    if (this.routeIds.has(id)) return id;
    this.routeIds.add(id);
    const waypoint = this.placement.waypointOf.get(server.service!)!;
    const pods: Record<Side, PlacedPod> = { client, server, waypoint };
    const steps: RouteStep[] = [];
    const first = this.hops.length;
    this.arch.request.forEach((seg, k) => this.segmentHop(hopId(id, `req${k}`), seg, pods, 'request', steps));
    this.deferPost(first);
    const requestEnd = this.hops.length;
    this.holdLibrary(steps, client, 'acquire');
    steps.push({ hop: `handler:${server.id}` });
    const svc = this.services.get(server.service!)!;
    if (svc.calls.length) {
      const targets: string[] = [];
      for (const c of svc.calls) targets.push(yield* this.serviceRoute(server, c));
      steps.push({ call: targets, mode: svc.callMode });
    }
    const firstResponse = this.hops.length;
    const firstStep = steps.length;
    this.arch.response.forEach((seg, k) =>
      this.segmentHop(hopId(id, `resp${k}`), seg, pods, 'response', steps),
    );
    this.deferPost(firstResponse);
    postAfterResponse(this.hops, this.info, first, requestEnd, firstResponse, (mean) =>
      dist(mean, this.s.variability.cpuCv),
    );
    this.moves.push({
      move: 'after',
      from: first,
      reqTo: requestEnd,
      respFrom: firstResponse,
      end: this.hops.length,
    });
    this.holdLibrary(steps, client, 'release', firstStep);
    this.routes.push({ id, steps });
    // The leg's own hops (its nested calls counted themselves); between legs is where a step may end.
    if (this.budget.spend('place', requestEnd - first + this.hops.length - firstResponse)) yield;
    return id;
  }

  private deferPost(from: number): void {
    deferPostWork(this.hops, this.info, from, (mean) => dist(mean, this.s.variability.cpuCv));
    this.moves.push({ move: 'defer', from, end: this.hops.length });
  }

  /**
   * In-process isolation (library architecture): the caller's Hystrix pool thread — or semaphore
   * permit — is held from the first library hop of the request leg to the last of the response leg,
   * across the remote call, so the pool bounds concurrent calls and queues or rejects the rest.
   */
  private holdLibrary(steps: RouteStep[], client: PlacedPod, what: 'acquire' | 'release', from = 0): void {
    if (!this.arch.library) return;
    const station = `${this.s.features.isolation === 'semaphore' ? 'semaphore' : 'library'}:${client.id}`;
    const isLib = (st: RouteStep) => 'hop' in st && this.infoById.get(st.hop)?.actor === 'library';
    if (what === 'acquire') {
      const i = steps.findIndex(isLib);
      if (i >= 0) steps.splice(i, 0, { acquire: station });
    } else {
      let i = -1;
      for (let k = steps.length - 1; k >= from && i < 0; k--) if (isLib(steps[k])) i = k;
      if (i >= 0) steps.splice(i + 1, 0, { release: station });
    }
  }

  private holds(conds: Condition[], seg: Segment, pods: Record<Side, PlacedPod>): boolean {
    const [a, b] = seg.between ?? ['client', 'server'];
    const cross = pods[a].node !== pods[b].node;
    const f = this.features;
    return conds.every((c) => {
      switch (c) {
        case 'cross-node':
          return cross;
        case 'same-node':
          return !cross;
        case 'mtls':
          return f.mtls;
        case 'no-mtls':
          return !f.mtls;
        case 'node-encryption':
          return f.nodeEncryption;
        case 'l7-policy':
          return f.l7Policy;
        case 'no-l7-policy':
          return !f.l7Policy;
        case 'l7-ingress':
          return f.l7Policy && f.l7Direction === 'ingress';
        case 'l7-egress':
          return f.l7Policy && f.l7Direction === 'egress';
        case 'no-l7-egress':
          return !(f.l7Policy && f.l7Direction === 'egress');
        case 'new-connection':
          return f.newConnection;
        case 'thread-isolation':
          return this.s.features.isolation === 'thread';
        case 'semaphore-isolation':
          return this.s.features.isolation === 'semaphore';
      }
    });
  }

  private segmentHop(
    id: string,
    seg: Segment,
    pods: Record<Side, PlacedPod>,
    leg: 'request' | 'response',
    steps: RouteStep[],
  ): void {
    const when = seg.when ?? [];
    if (!this.holds(when, seg, pods)) return;
    const handshake = when.includes('new-connection');
    const { kindId, extraUs, extraSource } = this.resolveKind(seg.hop, handshake);
    const kind = this.models.hopKinds.get(kindId);
    if (!kind) throw new ScenarioError(`architectures`, `${this.arch.id}: unknown hop kind '${kindId}'`);
    const pod = pods[seg.side];
    const kib = handshake ? 0 : leg === 'request' ? this.s.workload.requestKiB : this.s.workload.responseKiB;
    const costs = segmentCosts(kind, this.s.profile, kib, extraUs, this.features.telemetry);
    const { cpuCv, wireCv } = this.s.variability;
    const recipe = this.recipe(kind, kib, extraUs, seg.actor === 'wire' ? wireCv : cpuCv);
    this.addHop(id, kind, seg.actor, pod, seg.side, leg, seg.label ?? kind.name, costs, recipe, extraSource);
    steps.push({ hop: id });
  }

  /** One recipe per distinct cost input (the re-costing only reads them): hops share it, as their costs. */
  private recipe(kind: HopKind, kib: number, extraUs: number, delayCv: number): SegmentRecipe {
    let byKind = this.recipes.get(kind);
    if (!byKind) this.recipes.set(kind, (byKind = new Map()));
    const key = `${kib} ${extraUs} ${delayCv}`;
    let r = byKind.get(key);
    if (!r) byKind.set(key, (r = { kind, kib, extraUs, delayCv }));
    return r;
  }

  /** Replaces the service-dataplane placeholders by the scenario's dataplane. */
  private resolveKind(
    hop: string,
    _handshake: boolean,
  ): { kindId: string; extraUs: number; extraSource?: string } {
    const dp = this.s.dataplane;
    if (hop === DATAPLANE_HOP) return { kindId: dp === 'cilium-ebpf' ? 'ebpf.tc' : 'nf.pass', extraUs: 0 };
    if (hop === `${DATAPLANE_HOP}.connect`) {
      if (dp === 'cilium-ebpf') return { kindId: 'ebpf.sock', extraUs: 0 };
      if (dp === 'iptables') {
        // On average half of KUBE-SERVICES is walked before the match.
        const services = this.s.topology.mesh?.services ?? this.s.topology.services.length;
        return {
          kindId: 'nf.nat',
          extraUs: (IPTABLES_US_PER_RULE * services) / 2,
          extraSource: 'kube-proxy-nftables-blog',
        };
      }
      return { kindId: 'nf.nat', extraUs: 0 };
    }
    return { kindId: hop, extraUs: 0 };
  }

  private handlerHop(pod: PlacedPod): void {
    const kind = this.models.hopKinds.get('app.compute')!;
    const svc = this.services.get(pod.service!)!;
    this.addHop(
      `handler:${pod.id}`,
      kind,
      'app',
      pod,
      'server',
      'handler',
      `${svc.id} handler`,
      { onPath: svc.handlerUs, cpu: svc.handlerUs, post: 0 },
      null,
    );
  }

  private addHop(
    id: string,
    kind: HopKind,
    actor: Actor,
    pod: PlacedPod,
    side: Side,
    leg: HopInfo['leg'],
    label: string,
    costs: HopCosts,
    recipe: SegmentRecipe | null,
    extraSource?: string,
  ): void {
    const { cpuCv, wireCv } = this.s.variability;
    const node = pod.node;
    const pool = this.poolFor(actor, pod);
    const { onPath, cpu, post } = costs;
    const hop: HopSpec = {
      id,
      kind: kind.id,
      category: kind.category,
      component: componentOf(actor),
      node: nodeId(node),
      counters: kind.counters,
      failure: 0,
    };
    if (pool) hop.pool = pool;
    setHopCosts(hop, kind.cpuClass, node, costs, cpuCv, actor === 'wire' ? wireCv : cpuCv);
    this.hops.push(hop);
    this.segments.push(recipe);
    const hopInfo: HopInfo = {
      id,
      kind: kind.id,
      name: kind.name,
      category: kind.category,
      cpuClass: kind.cpuClass,
      layer: kind.layer,
      side,
      actor,
      component: componentOf(actor),
      pod: pod.id,
      node,
      label,
      leg,
      onPathUs: onPath,
      cpuUs: kind.cpuClass === 'none' ? 0 : cpu,
      postUs: post,
      sources: extraSource ? [...kind.sources, extraSource] : kind.sources,
      standing: kind.standing,
    };
    this.info.push(hopInfo);
    if (this.arch.library) this.infoById.set(id, hopInfo); // only holdLibrary looks hops up by id
  }

  private poolFor(actor: Actor, pod: PlacedPod): string | undefined {
    switch (actor) {
      case 'app':
        return stationId.app(pod.id);
      case 'library':
        if (!this.arch.library)
          throw new ScenarioError(
            'architectures',
            `${this.arch.id}: a library-pool hop in an architecture without a library pool`,
          );
        // Semaphore isolation runs the call on the caller's own thread.
        return this.s.features.isolation === 'semaphore' ? stationId.app(pod.id) : stationId.library(pod.id);
      case 'sidecar':
        if (!this.arch.sidecar)
          throw new ScenarioError(
            'architectures',
            `${this.arch.id}: a sidecar hop in an architecture without sidecars`,
          );
        return stationId.sidecar(pod.id);
      case 'nodeproxy':
        if (!this.arch.nodeproxy)
          throw new ScenarioError('architectures', `${this.arch.id}: a node-proxy hop without a node proxy`);
        return stationId.nodeproxy(pod.node);
      case 'waypoint':
        if (!this.arch.waypoint)
          throw new ScenarioError('architectures', `${this.arch.id}: a waypoint hop without a waypoint`);
        if (!('key' in pod))
          throw new ScenarioError('architectures', `${this.arch.id}: a waypoint hop off the waypoint side`);
        return stationId.waypoint((pod as PlacedWaypoint).key);
      default:
        return undefined;
    }
  }
}

function componentOf(actor: Actor): string {
  return actor;
}
