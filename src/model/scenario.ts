import { z } from './zod';
import { ARCHITECTURE_IDS, ArchitectureIdSchema } from './architecture';
import { boundedNumber, LIMITS, TEXT_LIMITS, upperBound, type Limit, type Tier } from './limits';
import { loadSpecSchema, runSpecSchema } from './simSpec';

/**
 * A scenario: topology, service dataplane, workload, features, cost profile and the architectures to
 * compare. Plain data: it lives in URLs and files; `modelVersion` says which models it was made for.
 */

export const MODEL_VERSION = '2026.12-1';

/** Fitted spread of CPU bursts (see `variability`); 0.5 before the tails were fitted. */
export const DEFAULT_CPU_CV = 0.6;

const ServiceId = z.string().regex(/^[a-z][a-z0-9-]{0,62}$/, 'must be a lower-case name (a-z, 0-9, -)');
/** A Kubernetes namespace name: a DNS label (RFC 1123), starting with a letter here as service ids do. */
const NamespaceName = z
  .string()
  .max(TEXT_LIMITS.namespace)
  .regex(/^[a-z]([a-z0-9-]*[a-z0-9])?$/, 'must be a namespace name (a-z, 0-9, -; not ending in -)');

/** Istio's default namespace when a scenario names none. */
export const DEFAULT_NAMESPACE = 'default';

/**
 * Every object is strict (a misspelt key is an error naming it, not silently dropped) and every number
 * is bounded by LIMITS. `tier` 'practical' also applies the page's limits on size and run time;
 * 'valid' (the engine, and the CLI's --no-limits) applies only what makes a scenario valid at all.
 */
function scenarioSchemas(tier: Tier) {
  const n = (l: Limit) => boundedNumber(l, tier);
  const Service = z.strictObject({
    id: ServiceId,
    replicas: n(LIMITS.replicas),
    /** Application handler CPU time per request, µs (the app.compute hop). */
    handlerUs: n(LIMITS.handlerUs).default(20),
    /** Application worker threads per pod. */
    threads: n(LIMITS.threads).default(64),
    /** Services this one calls while handling a request, and how: all at once (fan-out) or one by one. */
    calls: z.array(ServiceId).max(LIMITS.services.max).default([]),
    callMode: z.enum(['parallel', 'sequential']).default('parallel'),
    /** The namespace the service runs in: services in one namespace share its waypoint (waypointScope 'namespace'). */
    namespace: NamespaceName.default(DEFAULT_NAMESPACE),
  });
  const Topology = z.strictObject({
    nodes: n(LIMITS.nodes),
    coresPerNode: n(LIMITS.coresPerNode),
    services: z.array(Service).min(1).max(upperBound(LIMITS.services, tier)),
    /** The service the load generator calls. */
    entry: ServiceId,
    /**
     * Where pods go. 'cross-node': the load generator on node 0, service pods round-robin over the other
     * nodes; 'same-node': everything on node 0; 'spread': service pods round-robin over all nodes.
     */
    placement: z.enum(['cross-node', 'same-node', 'spread']).default('cross-node'),
    /**
     * Who shares a waypoint (ambient-waypoint). 'namespace': one per namespace, shared by its services —
     * Istio's default (`istioctl waypoint apply -n NS`, `istio.io/waypoint-for: service`); 'service': a
     * waypoint of its own per service, as a per-service `istio.io/use-waypoint` label gives.
     */
    waypointScope: z.enum(['namespace', 'service']).default('namespace'),
    /**
     * Node of every waypoint (ambient-waypoint); by default the node after the first pod of the first
     * service it serves.
     */
    waypointNode: n(LIMITS.waypointNode).optional(),
    /** Size of the whole mesh, for configuration-driven memory (at least the simulated services and pods). */
    mesh: z
      .strictObject({
        services: n(LIMITS.meshServices),
        pods: n(LIMITS.meshPods),
        /**
         * How the mesh's services beyond the simulated ones are grouped into namespaces (each namespace one
         * waypoint by default); absent, they share waypoints as the simulated services do.
         */
        servicesPerNamespace: n(LIMITS.servicesPerNamespace).optional(),
      })
      .optional(),
    /** Proxy configuration scope: the whole mesh, or only the services a workload calls (Istio's Sidecar resource). */
    configScope: z.enum(['mesh', 'dependencies']).default('mesh'),
  });
  const Features = z.strictObject({
    mtls: z.boolean().default(true),
    l7Policy: z.boolean().default(false),
    /**
     * Which side's rule the L7 policy is: 'ingress' (the server's; Cilium enforces it in the server node's
     * Envoy) or 'egress' (the client's; Cilium's client-node Envoy). Designs that enforce L7 policy only at
     * the server say so in a note when 'egress' is asked for.
     */
    l7Direction: z.enum(['ingress', 'egress']).default('ingress'),
    telemetry: z.boolean().default(true),
    /** Reuse connections; false opens a new application connection per request. */
    connectionReuse: z.boolean().default(true),
    /** Node-to-node WireGuard (Cilium): no workload identity, same-node traffic in the clear. */
    nodeEncryption: z.boolean().default(false),
    /** Retries per call where the design can retry: 'default' is each design's own default (Istio 2, Linkerd 0). */
    retries: z.union([z.literal('default'), n(LIMITS.retries)]).default('default'),
    /** Per-try timeout of a call, ms, where the design has request timeouts; none when absent. */
    timeoutMs: n(LIMITS.timeoutMs).optional(),
    /** In-process library isolation (Hystrix): a pool thread per call, or a semaphore on the caller's thread. */
    isolation: z.enum(['thread', 'semaphore']).default('thread'),
  });
  /** An injected failure in one service: its first replica down, added delay in every replica, or loss. */
  const Failure = z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('none') }),
    /** The first replica refuses connections (before endpoints are updated). */
    z.strictObject({ kind: z.literal('pod-down'), service: ServiceId }),
    z.strictObject({ kind: z.literal('delay'), service: ServiceId, addedUs: n(LIMITS.addedUs) }),
    /** Each request to the service is lost or refused with this probability. */
    z.strictObject({ kind: z.literal('loss'), service: ServiceId, probability: n(LIMITS.probability) }),
  ]);
  const Scenario = z.strictObject({
    modelVersion: z.string().max(TEXT_LIMITS.modelVersion).default(MODEL_VERSION),
    name: z.string().max(TEXT_LIMITS.name).optional(),
    description: z.string().max(TEXT_LIMITS.description).optional(),
    seed: n(LIMITS.seed),
    architectures: z.array(ArchitectureIdSchema).min(1).max(ARCHITECTURE_IDS.length),
    topology: Topology,
    dataplane: z.enum(['iptables', 'nftables', 'ipvs', 'cilium-ebpf']).default('iptables'),
    workload: z.strictObject({
      load: loadSpecSchema(tier),
      /**
       * Load-generator clients, each a meshed pod of its own (`loadgen`, `loadgen-1`, …) on the clients'
       * node; the load's connections are shared out among them (connection i to client i mod clients).
       * Absent: one, as before clients existed, so older scenarios compile unchanged.
       */
      clients: n(LIMITS.clients).optional(),
      requestKiB: n(LIMITS.messageKiB).default(1),
      responseKiB: n(LIMITS.messageKiB).default(1),
      protocol: z.enum(['http1', 'http2', 'grpc']).default('http1'),
    }),
    features: Features.default({
      mtls: true,
      l7Policy: false,
      l7Direction: 'ingress',
      telemetry: true,
      connectionReuse: true,
      nodeEncryption: false,
      retries: 'default',
      isolation: 'thread',
    }),
    failure: Failure.default({ kind: 'none' }),
    profile: z.enum(['low', 'default', 'high']).default('default'),
    /**
     * Variability of hop costs: coefficient of variation of CPU bursts (lognormal) and of wire time.
     * cpuCv 0.6 is fitted (docs/models.md §4): with it the Istio benchmark's added p90 and p99 for two
     * sidecars (1.20) and two ztunnels (1.22) land within ±5 %; wireCv is an estimate.
     */
    variability: z
      .strictObject({ cpuCv: n(LIMITS.cv).default(DEFAULT_CPU_CV), wireCv: n(LIMITS.cv).default(0.1) })
      .default({ cpuCv: DEFAULT_CPU_CV, wireCv: 0.1 }),
    run: runSpecSchema(tier),
    recordCapacity: n(LIMITS.recordCapacity).default(4096),
  });
  return { Service, Topology, Features, Failure, Scenario };
}

const valid = scenarioSchemas('valid');

export const ServiceSchema = valid.Service;
export type Service = z.output<typeof ServiceSchema>;
export const TopologySchema = valid.Topology;
export type Topology = z.output<typeof TopologySchema>;
export const FeaturesSchema = valid.Features;
export type Features = z.output<typeof FeaturesSchema>;
export const FailureSchema = valid.Failure;
export type Failure = z.output<typeof FailureSchema>;

/** A valid scenario: what the engine accepts (and the CLI with --no-limits). */
export const ScenarioSchema = valid.Scenario;
/** A scenario within the practical limits: what the page and the CLI accept by default. */
export const PracticalScenarioSchema = scenarioSchemas('practical').Scenario;
export type Scenario = z.output<typeof ScenarioSchema>;
export type ScenarioInput = z.input<typeof ScenarioSchema>;
