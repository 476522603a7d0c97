import { z } from '../../model/zod';
import { OUTCOME_NAMES, type HopRecord, type Outcome } from '../../engine';
import type { HopInfo } from '../../engine';
import { MAX_CHUNK_RECORDS, MAX_STRIDE } from '../../model/traceLimits';

/**
 * Messages between the Simulate page and its trace worker. The worker compiles a scenario for one
 * architecture, sends the compiled layout as plain data, and streams hop records in windows of
 * simulated time; any earlier moment is rebuilt by deterministic replay from the seed (no record is
 * kept for the whole run). Both sides validate what they receive.
 */

const Id = z.number().int().nonnegative();
const Time = z.number().min(0).finite();

export const ViewSchema = z.enum(['trace', 'load']);
export type View = z.infer<typeof ViewSchema>;

export const OpenRequestSchema = z.object({
  type: z.literal('open'),
  id: Id,
  /** A scenario (validated by the worker with ScenarioSchema, errors name the field). */
  scenario: z.unknown(),
  arch: z.string(),
  view: ViewSchema,
});

/**
 * Hop records overlapping [from, to). mode 'stream' continues the forward stream (a `from` that is
 * not where the stream stands makes the worker replay to it: a seek); 'history' answers from a
 * throw-away replay and leaves the stream alone (step back past what the page kept).
 */

export const ChunkRequestSchema = z.object({
  type: z.literal('chunk'),
  id: Id,
  from: Time,
  to: Time,
  /** Resource samples every `sampleUs` of simulated time (0: none). */
  sampleUs: z.number().min(0).finite(),
  mode: z.enum(['stream', 'history']),
  /** Extend the window over idle time to the next hop, so a slow trace never asks for empty windows. */
  skipIdle: z.boolean().default(false),
  /**
   * Keep only requests whose sequence number is a multiple of `sampleEvery × stride` (a power of two,
   * so the requests kept at one stride include those kept at any larger one): fast playback thins the
   * stream to what a viewer can follow.
   */
  stride: z.number().int().min(1).max(MAX_STRIDE).default(1),
  /**
   * At most this many records in the reply: a stream window ends early (at the first record left out),
   * a history window starts late (keeping the records nearest its end). The reply's from/to say so.
   */
  maxRecords: z.number().int().min(1).max(MAX_CHUNK_RECORDS).default(MAX_CHUNK_RECORDS),
});

/** Exact resource state at simulated time t (every event at or before t applied), by replay. */
export const StateRequestSchema = z.object({ type: z.literal('state'), id: Id, t: Time });

/** Every hop record of one request (its arrival sequence number), by replay. */
export const RequestRecordsSchema = z.object({
  type: z.literal('request'),
  id: Id,
  seq: z.number().int().min(0),
});

export const TraceRequestSchema = z.discriminatedUnion('type', [
  OpenRequestSchema,
  ChunkRequestSchema,
  StateRequestSchema,
  RequestRecordsSchema,
]);
export type OpenRequest = z.infer<typeof OpenRequestSchema>;
export type ChunkRequest = z.input<typeof ChunkRequestSchema>;
export type StateRequest = z.infer<typeof StateRequestSchema>;
export type RequestRecordsRequest = z.infer<typeof RequestRecordsSchema>;
export type TraceRequest = z.input<typeof TraceRequestSchema>;

/** Schema problems in the project's one message form (path, expected shape or limit, bounded). */
export { formatIssues } from '../../model/issues';

// ---- layout: the compiled scenario as plain data ------------------------------------------------

export type HookKind = 'netfilter' | 'ebpf-tc' | 'ebpf-socket' | 'ebpf-redirect' | 'wireguard';
export type Protection = 'mtls' | 'node' | 'plain';

export interface LayoutNode {
  index: number;
  /** 'n0', 'n1', …: the node id used in stations and hops. */
  id: string;
  cores: number;
  /** Kernel hooks some hop on this node runs in, in a fixed order. */
  hooks: HookKind[];
}

export interface LayoutPod {
  id: string;
  service: string | null;
  node: number;
  role: 'loadgen' | 'service' | 'waypoint';
  sidecar: boolean;
  library: boolean;
  /** A waypoint's namespace and the services whose traffic it takes (waypoint pods only). */
  serves?: { namespace: string; services: string[] };
}

export interface LayoutStation {
  id: string;
  kind: 'cpu' | 'threads';
  servers: number;
  component: string;
  node: number;
  /** Owning pod for app, sidecar, library and waypoint pools. */
  pod: string | null;
  label: string;
}

export interface LayoutHop extends HopInfo {
  /** Previous hop on the same route (-1: the first hop of a leg, which starts at `fromPod`'s app). */
  prev: number;
  /** Pod whose app the leg starts from (the caller) and the pod it serves. */
  fromPod: string;
  toPod: string;
  /** For wire hops: the nodes the link joins (from, to); otherwise null. */
  wire: [number, number] | null;
  /** Station indexes: the thread pool held (-1 none) and the node CPU (-1 none). */
  pool: number;
  cpu: number;
}

export interface LayoutLink {
  a: number;
  b: number;
  /** What protects traffic on the link: workload mTLS, node-to-node encryption, or nothing. */
  protection: Protection;
}

export interface TraceLayout {
  /** Increments per open: replies for an older session are ignored. */
  session: number;
  view: View;
  scenarioName: string;
  seed: number;
  architecture: {
    id: string;
    name: string;
    summary: string;
    family: string;
    sidecar: string | null;
    nodeproxy: string | null;
    waypoint: string | null;
    library: string | null;
  };
  /** Every architecture the models ship, and whether this scenario can run on it. */
  architectures: { id: string; name: string; family: string; runnable: boolean; reason: string | null }[];
  nodes: LayoutNode[];
  pods: LayoutPod[];
  /** Node proxies (ztunnel, per-node Envoy): one per node when the architecture has them. */
  nodeProxies: { node: number; name: string }[];
  stations: LayoutStation[];
  hops: LayoutHop[];
  links: LayoutLink[];
  features: {
    mtls: boolean;
    nodeEncryption: boolean;
    l7Policy: boolean;
    telemetry: boolean;
    newConnection: boolean;
  };
  notes: string[];
  load: { kind: 'open' | 'closed' | 'paced'; rps: number | null; connections: number };
  run: {
    /** Simulated time at which the run ends, µs. */
    endUs: number;
    /** Requests sent (warm-up included). */
    requests: number;
    /** Time-average hop records in flight over the run (from the engine's per-hop sums). */
    packetsInFlight: number;
    /** Only requests whose sequence number is a multiple of this are streamed (1: all). */
    sampleEvery: number;
    /** Look-ahead of the stream, µs of simulated time (grows if a hop outlasts it). */
    horizonUs: number;
    /** Hop records per µs of simulated time over the measured window, before any sampling. */
    recordsPerUs: number;
  };
}

// ---- records ------------------------------------------------------------------------------------

/** A hop record packed for transfer: 8 numbers per record. */
export const RECORD_STRIDE = 8;
/** Outcome codes are the engine's: forwarded, queued, dropped, timed out, retried. */
export const OUTCOME_CODES = OUTCOME_NAMES;
export type OutcomeName = Outcome;

/** A hop record as the page holds it: the engine's record, unchanged. */
export type TraceRecord = HopRecord;

export function packRecords(records: readonly TraceRecord[]): Float64Array {
  const out = new Float64Array(records.length * RECORD_STRIDE);
  records.forEach((r, i) => {
    const o = i * RECORD_STRIDE;
    out[o] = r.request;
    out[o + 1] = r.hop;
    out[o + 2] = r.enter;
    out[o + 3] = r.queueWait;
    out[o + 4] = r.service;
    out[o + 5] = r.leave;
    out[o + 6] = OUTCOME_CODES.indexOf(r.outcome);
    out[o + 7] = r.cpu;
  });
  return out;
}

export function unpackRecords(packed: Float64Array): TraceRecord[] {
  const out: TraceRecord[] = [];
  for (let o = 0; o + RECORD_STRIDE <= packed.length; o += RECORD_STRIDE) {
    out.push({
      request: packed[o],
      hop: packed[o + 1],
      enter: packed[o + 2],
      queueWait: packed[o + 3],
      service: packed[o + 4],
      cpu: packed[o + 7],
      leave: packed[o + 5],
      outcome: OUTCOME_CODES[packed[o + 6]] ?? 'forwarded',
    });
  }
  return out;
}

/** Resource states: for each sample time, busy servers and waiting messages of every station. */
export interface StationSamples {
  times: Float64Array;
  /** times.length × stations.length, row-major. */
  busy: Int32Array;
  queue: Int32Array;
}

export interface ChunkReply {
  type: 'chunk';
  id: number;
  session: number;
  mode: 'stream' | 'history';
  from: number;
  /** End of the window actually covered (later than asked when idle time was skipped). */
  to: number;
  /** Start of an idle stretch (no hop in flight) that runs to `to`, when the window was extended. */
  idleFrom: number | null;
  /** Packed records overlapping [from, to), plus any late ones that overlap earlier windows. */
  records: Float64Array;
  samples: StationSamples;
  /** The run is over and nothing follows `to`. */
  done: boolean;
  horizonUs: number;
}

export interface StateReply {
  type: 'state';
  id: number;
  session: number;
  t: number;
  busy: Int32Array;
  queue: Int32Array;
}

export interface RequestRecordsReply {
  type: 'request';
  id: number;
  session: number;
  seq: number;
  records: Float64Array;
}

export interface OpenedReply {
  type: 'opened';
  id: number;
  layout: TraceLayout;
}

export interface TraceErrorReply {
  type: 'error';
  id: number;
  message: string;
  /** Set when the architecture cannot run the scenario: the feature-matrix reasons, one per setting. */
  unsupported?: { architecture: string; reasons: string[] };
}

export type TraceReply = OpenedReply | ChunkReply | StateReply | RequestRecordsReply | TraceErrorReply;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const f64 = z.instanceof(Float64Array);
const i32 = z.instanceof(Int32Array);
const SamplesSchema = z.object({ times: f64, busy: i32, queue: i32 });

/** Shape check for replies (our own worker's data: typed arrays and plain objects). */
export const TraceReplySchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('opened'),
    id: Id,
    layout: z.custom<TraceLayout>((v) => isObject(v) && Array.isArray(v.hops) && Array.isArray(v.nodes)),
  }),
  z.object({
    type: z.literal('chunk'),
    id: Id,
    session: Id,
    mode: z.enum(['stream', 'history']),
    from: Time,
    to: Time,
    idleFrom: Time.nullable(),
    records: f64.refine((a) => a.length % RECORD_STRIDE === 0, 'records must be whole'),
    samples: SamplesSchema,
    done: z.boolean(),
    horizonUs: z.number().positive(),
  }),
  z.object({ type: z.literal('state'), id: Id, session: Id, t: Time, busy: i32, queue: i32 }),
  z.object({ type: z.literal('request'), id: Id, session: Id, seq: z.number().int().min(0), records: f64 }),
  z.object({
    type: z.literal('error'),
    id: Id,
    message: z.string(),
    unsupported: z.object({ architecture: z.string(), reasons: z.array(z.string()) }).optional(),
  }),
]);
