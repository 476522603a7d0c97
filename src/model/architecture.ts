import { z } from './zod';
import { CitationIdSchema } from './citation';
import { HopKindIdSchema } from './hopKind';

/**
 * A data-path architecture as plain data: which components exist, and the hop-by-hop route template
 * of a request leg and a response leg between a client pod and a server pod (packet-walks.md).
 * The compiler (src/engine/compileScenario.ts) places the template on a topology.
 */

export const ARCHITECTURE_IDS = [
  'no-mesh',
  'library',
  'proxyless-grpc',
  'sidecar-envoy',
  'sidecar-linkerd',
  'sidecar-ebpf-redirect',
  'cilium-ebpf',
  'ambient',
  'ambient-waypoint',
] as const;
export const ArchitectureIdSchema = z.enum(ARCHITECTURE_IDS);
export type ArchitectureId = z.infer<typeof ArchitectureIdSchema>;

/** Which party a hop belongs to. The waypoint is a third pod that may sit on any node. */
export const SideSchema = z.enum(['client', 'server', 'waypoint']);
export type Side = z.infer<typeof SideSchema>;

/**
 * Who executes a hop, which decides the resource it waits on:
 * app — the application's threads (and in-process libraries); library — a thread pool inside the
 * application that a library hands calls to (Hystrix thread-pool isolation); sidecar — the pod's proxy
 * workers; nodeproxy — the node's shared proxy (ztunnel, Cilium's Envoy); waypoint — the waypoint's
 * workers; kernel — softirq/kernel work in the pod's or node's network namespace (a core, no thread);
 * wire — NIC, link and switch (no CPU).
 */
export const ActorSchema = z.enum(['app', 'library', 'sidecar', 'nodeproxy', 'waypoint', 'kernel', 'wire']);
export type Actor = z.infer<typeof ActorSchema>;

/**
 * Conditions a segment depends on; all listed must hold. `cross-node` / `same-node` compare the
 * segment's `between` pair (client and server unless given).
 */
export const ConditionSchema = z.enum([
  'cross-node',
  'same-node',
  'mtls',
  'no-mtls',
  'node-encryption',
  'l7-policy',
  'no-l7-policy',
  /** An L7 rule on the server's side (ingress) or the client's (egress); 'no-l7-egress' = not the latter. */
  'l7-ingress',
  'l7-egress',
  'no-l7-egress',
  'new-connection',
  /** In-process library isolation (library architecture only). */
  'thread-isolation',
  'semaphore-isolation',
]);
export type Condition = z.infer<typeof ConditionSchema>;

/**
 * `dataplane` is a placeholder the compiler replaces by the scenario's service dataplane (kube-proxy
 * iptables / nftables / IPVS, or Cilium's eBPF socket LB): used only where the client dials a ClusterIP.
 */
export const DATAPLANE_HOP = 'dataplane';

export const SegmentSchema = z.object({
  hop: HopKindIdSchema,
  side: SideSchema,
  actor: ActorSchema,
  when: z.array(ConditionSchema).default([]),
  /** The node pair a `cross-node`/`same-node` condition compares, and a wire hop crosses. */
  between: z.tuple([SideSchema, SideSchema]).optional(),
  /** Short label for the event list and inspector, e.g. 'REDIRECT to 15001'. */
  label: z.string().optional(),
});
export type Segment = z.input<typeof SegmentSchema>;

export const ProxySchema = z.object({
  /** Display name, e.g. 'Envoy', 'linkerd2-proxy', 'ztunnel'. */
  name: z.string().max(100),
  /** Worker threads; Envoy pins each connection to one worker ('affinity'), others share work. */
  workers: z.number().int().min(1).max(10_000),
  discipline: z.enum(['shared', 'affinity']),
  /** Waiting room; 0 rejects when all workers are busy (Hystrix's default SynchronousQueue). Unlimited when absent. */
  queueLimit: z.number().int().min(0).max(1_000_000).optional(),
});

export const ArchitectureSchema = z.object({
  id: ArchitectureIdSchema,
  name: z.string(),
  /** One or two sentences for the architecture switch and legend. */
  summary: z.string(),
  family: z.enum(['baseline', 'library', 'sidecar', 'sidecar-less']),
  /** Components with threads of their own (absent: not in this architecture). */
  sidecar: ProxySchema.optional(),
  /** A thread pool inside each application (Hystrix thread-pool isolation): hops with actor 'library' wait for it. */
  library: ProxySchema.optional(),
  nodeproxy: ProxySchema.optional(),
  waypoint: ProxySchema.optional(),
  /** Where backends are chosen: per request (L7 balancing) or per connection (L4). */
  balancing: z.enum(['request', 'connection']),
  /** Only gRPC traffic can use this architecture (proxyless gRPC). */
  protocols: z.array(z.enum(['http1', 'http2', 'grpc'])).min(1),
  /** Retries per call by default, where the design can retry (Istio: 2; Ribbon: 1 on the next server). */
  retryDefault: z.number().int().min(0).max(10).default(0),
  request: z.array(SegmentSchema).min(1),
  response: z.array(SegmentSchema).min(1),
  sources: z.array(CitationIdSchema).min(1),
  notes: z.string().optional(),
});
export type Architecture = z.output<typeof ArchitectureSchema>;
export type ArchitectureInput = z.input<typeof ArchitectureSchema>;
