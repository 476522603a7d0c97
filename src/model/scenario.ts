import { z } from 'zod';
import { ArchitectureIdSchema } from './architecture';
import { LoadSpecSchema, RunSpecSchema } from './simSpec';

/**
 * A scenario: topology, service dataplane, workload, features, cost profile and the architectures to
 * compare. Plain data: it lives in URLs and files; `modelVersion` says which models it was made for.
 */

export const MODEL_VERSION = '2026.11-1';

const ServiceId = z.string().regex(/^[a-z][a-z0-9-]{0,62}$/, 'must be a lower-case name (a-z, 0-9, -)');

export const ServiceSchema = z.object({
  id: ServiceId,
  replicas: z.number().int().min(1).max(1000),
  /** Application handler CPU time per request, µs (the app.compute hop). */
  handlerUs: z.number().min(0).max(1_000_000).default(20),
  /** Application worker threads per pod. */
  threads: z.number().int().min(1).max(10_000).default(64),
  /** Services this one calls while handling a request, and how: all at once (fan-out) or one by one. */
  calls: z.array(ServiceId).default([]),
  callMode: z.enum(['parallel', 'sequential']).default('parallel'),
});
export type Service = z.output<typeof ServiceSchema>;

export const TopologySchema = z.object({
  nodes: z.number().int().min(1).max(1000),
  coresPerNode: z.number().int().min(1).max(1024),
  services: z.array(ServiceSchema).min(1),
  /** The service the load generator calls. */
  entry: ServiceId,
  /**
   * Where pods go. 'cross-node': the load generator on node 0, service pods round-robin over the other
   * nodes; 'same-node': everything on node 0; 'spread': service pods round-robin over all nodes.
   */
  placement: z.enum(['cross-node', 'same-node', 'spread']).default('cross-node'),
  /** Node of each service's waypoint (ambient-waypoint); by default the node after its first pod's. */
  waypointNode: z.number().int().min(0).optional(),
  /** Size of the whole mesh, for configuration-driven memory (at least the simulated services and pods). */
  mesh: z.object({ services: z.number().int().min(1), pods: z.number().int().min(1) }).optional(),
  /** Proxy configuration scope: the whole mesh, or only the services a workload calls (Istio's Sidecar resource). */
  configScope: z.enum(['mesh', 'dependencies']).default('mesh'),
});
export type Topology = z.output<typeof TopologySchema>;

export const FeaturesSchema = z.object({
  mtls: z.boolean().default(true),
  l7Policy: z.boolean().default(false),
  telemetry: z.boolean().default(true),
  /** Reuse connections; false opens a new application connection per request. */
  connectionReuse: z.boolean().default(true),
  /** Node-to-node WireGuard (Cilium): no workload identity, same-node traffic in the clear. */
  nodeEncryption: z.boolean().default(false),
  /** Retries per call where the design can retry: 'default' is each design's own default (Istio 2, Linkerd 0). */
  retries: z.union([z.literal('default'), z.number().int().min(0).max(10)]).default('default'),
  /** Per-try timeout of a call, ms, where the design has request timeouts; none when absent. */
  timeoutMs: z.number().positive().max(600_000).optional(),
  /** In-process library isolation (Hystrix): a pool thread per call, or a semaphore on the caller's thread. */
  isolation: z.enum(['thread', 'semaphore']).default('thread'),
});
export type Features = z.output<typeof FeaturesSchema>;

/** An injected failure in one service: its first replica down, added delay in every replica, or loss. */
export const FailureSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  /** The first replica refuses connections (before endpoints are updated). */
  z.object({ kind: z.literal('pod-down'), service: ServiceId }),
  z.object({ kind: z.literal('delay'), service: ServiceId, addedUs: z.number().positive().max(60_000_000) }),
  /** Each request to the service is lost or refused with this probability. */
  z.object({ kind: z.literal('loss'), service: ServiceId, probability: z.number().min(0).max(1) }),
]);
export type Failure = z.output<typeof FailureSchema>;

export const ScenarioSchema = z.object({
  modelVersion: z.string().default(MODEL_VERSION),
  name: z.string().max(200).optional(),
  description: z.string().max(4000).optional(),
  seed: z.number().int().min(0).max(0xffffffff),
  architectures: z.array(ArchitectureIdSchema).min(1),
  topology: TopologySchema,
  dataplane: z.enum(['iptables', 'nftables', 'ipvs', 'cilium-ebpf']).default('iptables'),
  workload: z.object({
    load: LoadSpecSchema,
    requestKiB: z
      .number()
      .min(0)
      .max(1024 * 1024)
      .default(1),
    responseKiB: z
      .number()
      .min(0)
      .max(1024 * 1024)
      .default(1),
    protocol: z.enum(['http1', 'http2', 'grpc']).default('http1'),
  }),
  features: FeaturesSchema.default({
    mtls: true,
    l7Policy: false,
    telemetry: true,
    connectionReuse: true,
    nodeEncryption: false,
    retries: 'default',
    isolation: 'thread',
  }),
  failure: FailureSchema.default({ kind: 'none' }),
  profile: z.enum(['low', 'default', 'high']).default('default'),
  /** Run-to-run variability of hop costs: coefficient of variation of CPU bursts and of wire time (estimate). */
  variability: z
    .object({ cpuCv: z.number().min(0).max(10).default(0.5), wireCv: z.number().min(0).max(10).default(0.1) })
    .default({ cpuCv: 0.5, wireCv: 0.1 }),
  run: RunSpecSchema,
  recordCapacity: z.number().int().min(0).max(10_000_000).default(4096),
});
export type Scenario = z.output<typeof ScenarioSchema>;
export type ScenarioInput = z.input<typeof ScenarioSchema>;
