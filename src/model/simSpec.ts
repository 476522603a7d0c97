import { z } from './zod';
import { distributionSchema, DistributionSchema } from './distribution';
import { boundedNumber, LIMITS, type Tier } from './limits';

/**
 * The engine's input: resources, hops and routes already placed on a topology, plus load and run length.
 * Model compilation (architecture + topology → SimSpec) produces it; tests and the CLI may also write it
 * directly. All times are microseconds.
 */

const Id = z.string().min(1).max(200);
/** Labels (node, component, hop kind, category): bounded like ids. */
const Label = z.string().max(200);

export const CpuClassSchema = z.enum(['container', 'kernel']);
export type CpuClass = z.infer<typeof CpuClassSchema>;

export const StationSpecSchema = z.strictObject({
  id: Id,
  /** 'cpu': a node's cores, shared by every component there; 'threads': a thread pool (app threads, proxy workers). */
  kind: z.enum(['cpu', 'threads']),
  servers: z.number().int().min(1).max(100_000),
  /**
   * How a thread pool hands out work. 'shared': one queue, any free worker.
   * 'affinity': a connection is pinned to one worker (connection index mod workers), as Envoy does.
   */
  discipline: z.enum(['shared', 'affinity']).default('shared'),
  node: Label.optional(),
  /** Component that owns the resource (e.g. 'app', 'sidecar', 'ztunnel', 'kernel'). */
  component: Label.optional(),
  /** Waiting room size; a request arriving to a full queue is dropped (fails fast). Unlimited when absent. */
  queueLimit: z.number().int().min(0).max(1e9).optional(),
});
export type StationSpec = z.input<typeof StationSpecSchema>;

const Count = z.number().int().min(0).max(1_000_000);
export const CountersSchema = z.strictObject({
  kernelCrossings: Count.default(0),
  copies: Count.default(0),
  contextSwitches: Count.default(0),
});

export const HopSpecSchema = z
  .strictObject({
    id: Id,
    /** Hop kind id from the catalog (e.g. 'proxy.l7'); informational for the engine. */
    kind: Label.default('custom'),
    /** Breakdown category: app, kernel, netfilter, ebpf, proxy, crypto, wire. */
    category: Label.default('app'),
    component: Label.default('app'),
    node: Label.optional(),
    /** Thread pool held for the whole hop (and its post-response work). */
    pool: Id.optional(),
    /** CPU burst on the path: waits for a core at `station`, then runs for a sampled time. */
    cpu: z
      .strictObject({
        station: Id,
        service: DistributionSchema,
        cpuClass: CpuClassSchema.default('container'),
      })
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
  z.strictObject({ hop: Id }),
  /** Calls other routes and waits for their replies: in parallel (fan-out) or one after another (chain). */
  z.strictObject({ call: z.array(Id).min(1), mode: z.enum(['parallel', 'sequential']).default('parallel') }),
  /**
   * Load balancing: calls ONE of the routes (one per backend) and waits for its reply. 'round-robin'
   * and 'random' pick per request (L7 balancing); 'connection' picks by connection index, so a
   * connection sticks to one backend (L4 balancing of long-lived connections).
   */
  /**
   * Holds one server of a thread pool across the following steps until `release` (a Hystrix pool
   * thread blocked on its call, a semaphore permit). Hops whose pool is the held one run on it.
   */
  z.strictObject({ acquire: Id }),
  z.strictObject({ release: Id }),
  z.strictObject({
    choose: z.array(Id).min(1),
    policy: z.enum(['round-robin', 'random', 'connection']).default('round-robin'),
    /** Per-try timeout: stop waiting for a reply after this long (the backend keeps working). */
    timeoutUs: z.number().positive().max(1e12).optional(),
    /** Attempts after the first when a try fails or times out; each picks a backend again. */
    retries: z.number().int().min(0).max(10).default(0),
  }),
]);
export type RouteStep = z.input<typeof RouteStepSchema>;

export const RouteSpecSchema = z.strictObject({ id: Id, steps: z.array(RouteStepSchema).min(1) });
export type RouteSpec = z.input<typeof RouteSpecSchema>;

function loadShapes(tier: Tier) {
  const rps = boundedNumber(LIMITS.rps, tier);
  const connections = boundedNumber(LIMITS.connections, tier);
  return {
    /** Poisson arrivals at `rps`; requests spread over `connections` (for worker affinity). */
    open: z.strictObject({ kind: z.literal('open'), rps, connections: connections.default(1) }),
    /** N connections, each sends, waits for the reply, thinks, and sends again (think 0: Fortio's -qps 0). */
    closed: z.strictObject({
      kind: z.literal('closed'),
      connections,
      think: distributionSchema(LIMITS.thinkUs.max),
    }),
    /**
     * Fortio's -qps mode: each connection aims at rps/N at fixed intervals from one start time, one
     * request in flight, and catches up when late. Fortio's own options (fortio periodic.go):
     * `uniform` staggers the connections' first requests evenly over one interval; `jitter` moves each
     * wait by up to ±10 % of its length; `noCatchUp` skips the sends whose time has passed.
     */
    paced: z.strictObject({
      kind: z.literal('paced'),
      rps,
      connections,
      uniform: z.boolean().default(false),
      jitter: z.boolean().default(false),
      noCatchUp: z.boolean().default(false),
    }),
  };
}

/** How a scenario's requests arrive; `tier` says whether the practical limits (connections, rate) apply. */
export function loadSpecSchema(tier: Tier) {
  const s = loadShapes(tier);
  return z.discriminatedUnion('kind', [s.open, s.closed, s.paced]);
}

/**
 * The engine's load: a scenario's, plus what the scenario compiler decides from the protocol.
 * `oneInFlight`: HTTP/1.1 carries one request at a time per connection, so a request that arrives
 * while every connection is busy waits at the client for the first to free up (its latency counts from
 * its arrival); HTTP/2 and gRPC multiplex many streams on a connection (false: no client wait).
 */
export function engineLoadSpecSchema(tier: Tier) {
  const s = loadShapes(tier);
  return z.discriminatedUnion('kind', [
    s.open.extend({ oneInFlight: z.boolean().default(false) }),
    s.closed,
    s.paced,
  ]);
}
export const LoadSpecSchema = engineLoadSpecSchema('valid');
export type LoadSpec = z.input<typeof LoadSpecSchema>;

/** How long a run lasts: by request count, or by simulated time (µs). */
export function runSpecSchema(tier: Tier) {
  const window = boundedNumber(LIMITS.windowUs, tier);
  return z.union(
    [
      z.strictObject({
        warmupRequests: boundedNumber(LIMITS.warmupRequests, tier),
        measuredRequests: boundedNumber(LIMITS.measuredRequests, tier),
      }),
      z.strictObject({ warmupUs: window, durationUs: window.positive() }),
    ],
    {
      error:
        'expected { warmupRequests, measuredRequests } (a request count) or { warmupUs, durationUs } (simulated µs)',
    },
  );
}
export const RunSpecSchema = runSpecSchema('valid');
export type RunSpec = z.input<typeof RunSpecSchema>;

/** The engine's input; `tier` says whether the practical limits on run size apply (files the CLI reads). */
export function simSpecSchema(tier: Tier) {
  return z.strictObject({
    /** Free text shown as a title (e.g. 'SAMPLE (illustrative, not calibrated)'). */
    description: z.string().max(2000).optional(),
    seed: boundedNumber(LIMITS.seed, 'valid'),
    stations: z.array(StationSpecSchema),
    hops: z.array(HopSpecSchema),
    routes: z.array(RouteSpecSchema).min(1),
    entry: Id,
    load: engineLoadSpecSchema(tier),
    run: runSpecSchema(tier),
    /** Recent hop records kept in memory (older ones live on as per-hop summaries). */
    recordCapacity: boundedNumber(LIMITS.recordCapacity, tier).default(4096),
  });
}
export const SimSpecSchema = simSpecSchema('valid');
export type SimSpecInput = z.input<typeof SimSpecSchema>;
export type SimSpec = z.output<typeof SimSpecSchema>;
