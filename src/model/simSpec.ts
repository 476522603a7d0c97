import { z } from 'zod';
import { DistributionSchema } from './distribution';

/**
 * The engine's input: resources, hops and routes already placed on a topology, plus load and run length.
 * Model compilation (architecture + topology → SimSpec) produces it; tests and the CLI may also write it
 * directly. All times are microseconds.
 */

const Id = z.string().min(1).max(200);

export const CpuClassSchema = z.enum(['container', 'kernel']);
export type CpuClass = z.infer<typeof CpuClassSchema>;

export const StationSpecSchema = z.object({
  id: Id,
  /** 'cpu': a node's cores, shared by every component there; 'threads': a thread pool (app threads, proxy workers). */
  kind: z.enum(['cpu', 'threads']),
  servers: z.number().int().min(1).max(100_000),
  /**
   * How a thread pool hands out work. 'shared': one queue, any free worker.
   * 'affinity': a connection is pinned to one worker (connection index mod workers), as Envoy does.
   */
  discipline: z.enum(['shared', 'affinity']).default('shared'),
  node: z.string().optional(),
  /** Component that owns the resource (e.g. 'app', 'sidecar', 'ztunnel', 'kernel'). */
  component: z.string().optional(),
  /** Waiting room size; a request arriving to a full queue is dropped (fails fast). Unlimited when absent. */
  queueLimit: z.number().int().min(0).optional(),
});
export type StationSpec = z.input<typeof StationSpecSchema>;

export const CountersSchema = z.object({
  kernelCrossings: z.number().int().min(0).default(0),
  copies: z.number().int().min(0).default(0),
  contextSwitches: z.number().int().min(0).default(0),
});

export const HopSpecSchema = z
  .object({
    id: Id,
    /** Hop kind id from the catalog (e.g. 'proxy.l7'); informational for the engine. */
    kind: z.string().default('custom'),
    /** Breakdown category: app, kernel, netfilter, ebpf, proxy, crypto, wire. */
    category: z.string().default('app'),
    component: z.string().default('app'),
    node: z.string().optional(),
    /** Thread pool held for the whole hop (and its post-response work). */
    pool: Id.optional(),
    /** CPU burst on the path: waits for a core at `station`, then runs for a sampled time. */
    cpu: z
      .object({ station: Id, service: DistributionSchema, cpuClass: CpuClassSchema.default('container') })
      .optional(),
    /** On-path time that uses no CPU (wire, wake-up latency); the hop's thread stays held. */
    delay: DistributionSchema.optional(),
    /** CPU work after the message leaves (e.g. telemetry); keeps the worker busy. Runs on the cpu station. */
    post: DistributionSchema.optional(),
    counters: CountersSchema.default({ kernelCrossings: 0, copies: 0, contextSwitches: 0 }),
    /** Probability the message is lost or refused at this hop (after its work): it fails, and callers may retry. */
    failure: z.number().min(0).max(1).default(0),
  })
  .refine((h) => !h.post || h.cpu, { message: 'post-response work needs a cpu station', path: ['post'] });
export type HopSpec = z.input<typeof HopSpecSchema>;

export const RouteStepSchema = z.union([
  z.object({ hop: Id }),
  /** Calls other routes and waits for their replies: in parallel (fan-out) or one after another (chain). */
  z.object({ call: z.array(Id).min(1), mode: z.enum(['parallel', 'sequential']).default('parallel') }),
  /**
   * Load balancing: calls ONE of the routes (one per backend) and waits for its reply. 'round-robin'
   * and 'random' pick per request (L7 balancing); 'connection' picks by connection index, so a
   * connection sticks to one backend (L4 balancing of long-lived connections).
   */
  /**
   * Holds one server of a thread pool across the following steps until `release` (a Hystrix pool
   * thread blocked on its call, a semaphore permit). Hops whose pool is the held one run on it.
   */
  z.object({ acquire: Id }),
  z.object({ release: Id }),
  z.object({
    choose: z.array(Id).min(1),
    policy: z.enum(['round-robin', 'random', 'connection']).default('round-robin'),
    /** Per-try timeout: stop waiting for a reply after this long (the backend keeps working). */
    timeoutUs: z.number().positive().optional(),
    /** Attempts after the first when a try fails or times out; each picks a backend again. */
    retries: z.number().int().min(0).max(10).default(0),
  }),
]);
export type RouteStep = z.input<typeof RouteStepSchema>;

export const RouteSpecSchema = z.object({ id: Id, steps: z.array(RouteStepSchema).min(1) });
export type RouteSpec = z.input<typeof RouteSpecSchema>;

export const LoadSpecSchema = z.discriminatedUnion('kind', [
  /** Poisson arrivals at `rps`; requests spread over `connections` (for worker affinity). */
  z.object({
    kind: z.literal('open'),
    rps: z.number().positive(),
    connections: z.number().int().min(1).default(1),
  }),
  /** N connections, each sends, waits for the reply, thinks, and sends again. */
  z.object({ kind: z.literal('closed'), connections: z.number().int().min(1), think: DistributionSchema }),
  /** Fortio-style: each connection aims at rps/N at fixed intervals and catches up when late. */
  z.object({ kind: z.literal('paced'), rps: z.number().positive(), connections: z.number().int().min(1) }),
]);
export type LoadSpec = z.input<typeof LoadSpecSchema>;

export const RunSpecSchema = z.union([
  z.object({ warmupRequests: z.number().int().min(0), measuredRequests: z.number().int().min(1) }),
  z.object({ warmupUs: z.number().min(0), durationUs: z.number().positive() }),
]);
export type RunSpec = z.input<typeof RunSpecSchema>;

export const SimSpecSchema = z.object({
  /** Free text shown as a title (e.g. 'SAMPLE (illustrative, not calibrated)'). */
  description: z.string().max(2000).optional(),
  seed: z.number().int().min(0).max(0xffffffff),
  stations: z.array(StationSpecSchema),
  hops: z.array(HopSpecSchema),
  routes: z.array(RouteSpecSchema).min(1),
  entry: Id,
  load: LoadSpecSchema,
  run: RunSpecSchema,
  /** Recent hop records kept in memory (older ones live on as per-hop summaries). */
  recordCapacity: z.number().int().min(0).max(10_000_000).default(4096),
});
export type SimSpecInput = z.input<typeof SimSpecSchema>;
export type SimSpec = z.output<typeof SimSpecSchema>;
