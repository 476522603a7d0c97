import {
  MalformedReplyError,
  SupersededError,
  UnsupportedArchitectureError,
  WorkerReplyError,
} from '../../model/errors';
import { spawnerFor, type FaultMessage, type WorkerFault } from '../faults';
import { RpcClient, type RpcOptions, type RpcPort } from '../rpc';
import {
  TraceReplySchema,
  unpackRecords,
  type ChunkRequest,
  type StationSamples,
  type TraceLayout,
  type TraceRecord,
  type TraceReply,
  type TraceRequest,
  type View,
} from './protocol';

/**
 * The page's side of the trace worker: promise per request, records unpacked. Opening a scenario
 * supersedes everything asked before it; those promises reject with SupersededError. Failures reject
 * with the classes of src/model/errors.ts: WorkerLostError when the worker stopped answering or crashed (it
 * is replaced; asking again works), WorkerReplyError (or UnsupportedArchitectureError) when it answered
 * with an error.
 */

export interface ChunkData {
  mode: 'stream' | 'history';
  from: number;
  to: number;
  idleFrom: number | null;
  records: TraceRecord[];
  samples: StationSamples;
  done: boolean;
  horizonUs: number;
}

export interface StationStateData {
  t: number;
  busy: Int32Array;
  queue: Int32Array;
}

export interface TraceClient {
  open(scenario: unknown, arch: string, view: View): Promise<TraceLayout>;
  chunk(req: Omit<ChunkRequest, 'type' | 'id'>): Promise<ChunkData>;
  state(t: number): Promise<StationStateData>;
  request(seq: number): Promise<TraceRecord[]>;
  dispose(): void;
}

export { SupersededError, UnsupportedArchitectureError, WorkerLostError } from '../../model/errors';

/** The part of a Worker the client uses; a fake can stand in for it in tests. */
export type TracePort = RpcPort<TraceRequest | FaultMessage>;

export interface TraceClientOptions extends Pick<
  RpcOptions<TraceRequest, TraceReply>,
  'clock' | 'silenceMs' | 'onLost'
> {
  /** Test-only: the first worker started is told to fall silent (see ../faults.ts). */
  fault?: WorkerFault | null;
}

/** Starts the trace worker (Vite bundles it as a separate same-origin module). */
export function createTraceClient(opts: TraceClientOptions = {}): TraceClient {
  const spawn = (): TracePort =>
    new Worker(new URL('./trace.worker.ts', import.meta.url), { type: 'module', name: 'meshpath-trace' });
  return connectTraceClient(spawn, opts);
}

/**
 * A client over a worker: `port` is one (it cannot be replaced if it is lost) or a function that
 * starts one (called again to replace a worker that stopped answering). Each request is a typed layer
 * over RpcClient; opening a scenario supersedes everything asked before it.
 */
export function connectTraceClient(
  port: TracePort | (() => TracePort),
  opts: TraceClientOptions = {},
): TraceClient {
  const rpc = new RpcClient<TraceRequest | FaultMessage, TraceReply>({
    worker: 'trace',
    ...spawnerFor(port, opts.fault),
    parse: (data) => {
      const parsed = TraceReplySchema.safeParse(data);
      return parsed.success ? (parsed.data as TraceReply) : null;
    },
    clock: opts.clock,
    silenceMs: opts.silenceMs,
    onLost: opts.onLost,
  });
  /** The session the worker opened last; replies for older ones are superseded. */
  let session = -1;

  function ask<T>(make: (id: number) => TraceRequest, take: (r: TraceReply) => T | undefined): Promise<T> {
    return rpc.call<T>(make, (r, settle) => {
      if (r.type === 'error')
        return settle.reject(
          r.unsupported
            ? new UnsupportedArchitectureError(r.message, r.unsupported.architecture, r.unsupported.reasons)
            : new WorkerReplyError('trace', r.message),
        );
      if (r.type !== 'opened' && r.session !== session) return settle.reject(new SupersededError());
      const value = take(r);
      if (value === undefined) settle.reject(new MalformedReplyError('trace'));
      else settle.resolve(value);
    }).promise;
  }

  return {
    async open(scenario, arch, view) {
      rpc.rejectAll(new SupersededError());
      session = -1;
      const layout = await ask(
        (id) => ({ type: 'open', id, scenario, arch, view }),
        (r) => (r.type === 'opened' ? r.layout : undefined),
      );
      session = layout.session;
      return layout;
    },
    chunk(req) {
      return ask(
        (id) => ({ type: 'chunk', id, ...req }),
        (r) =>
          r.type === 'chunk'
            ? {
                mode: r.mode,
                from: r.from,
                to: r.to,
                idleFrom: r.idleFrom,
                records: unpackRecords(r.records),
                samples: r.samples,
                done: r.done,
                horizonUs: r.horizonUs,
              }
            : undefined,
      );
    },
    state(t) {
      return ask(
        (id) => ({ type: 'state', id, t }),
        (r) => (r.type === 'state' ? { t: r.t, busy: r.busy, queue: r.queue } : undefined),
      );
    },
    request(seq) {
      return ask(
        (id) => ({ type: 'request', id, seq }),
        (r) => (r.type === 'request' ? unpackRecords(r.records) : undefined),
      );
    },
    dispose: () => rpc.dispose(),
  };
}
