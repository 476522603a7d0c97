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

import { SupersededError, UnsupportedArchitectureError } from '../../model/errors';

/**
 * The page's side of the trace worker: promise per request, records unpacked. Opening a scenario
 * supersedes everything asked before it; those promises reject with SupersededError.
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

export { SupersededError, UnsupportedArchitectureError };

export interface TracePort {
  postMessage(message: TraceRequest): void;
  addEventListener(type: 'message', listener: (e: MessageEvent<unknown>) => void): void;
  addEventListener(type: 'error' | 'messageerror', listener: (e: Event) => void): void;
  terminate(): void;
}

export function createTraceClient(): TraceClient {
  const worker = new Worker(new URL('./trace.worker.ts', import.meta.url), {
    type: 'module',
    name: 'meshpath-trace',
  });
  return connectTraceClient(worker);
}

interface Pending {
  resolve: (r: TraceReply) => void;
  reject: (e: Error) => void;
}

export function connectTraceClient(port: TracePort): TraceClient {
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let session = -1;
  let broken: string | null = null;

  const failAll = (e: Error) => {
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  };

  port.addEventListener('message', (e) => {
    const parsed = TraceReplySchema.safeParse(e.data);
    if (!parsed.success) {
      failAll(new Error('The trace worker sent a malformed reply.'));
      return;
    }
    const m = parsed.data as TraceReply;
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.type === 'error')
      p.reject(
        m.unsupported
          ? new UnsupportedArchitectureError(m.message, m.unsupported.architecture, m.unsupported.reasons)
          : new Error(m.message),
      );
    else if (m.type !== 'opened' && m.session !== session) p.reject(new SupersededError());
    else p.resolve(m);
  });
  const onFailure = (e: Event) => {
    const msg = (e as { message?: unknown }).message;
    broken = `The trace worker failed${typeof msg === 'string' && msg ? `: ${msg}` : ''}. Reload the page to try again.`;
    failAll(new Error(broken));
    port.terminate();
  };
  port.addEventListener('error', onFailure);
  port.addEventListener('messageerror', onFailure);

  function ask(msg: TraceRequest): Promise<TraceReply> {
    if (broken !== null) return Promise.reject(new Error(broken));
    return new Promise((resolve, reject) => {
      pending.set(msg.id, { resolve, reject });
      port.postMessage(msg);
    });
  }

  return {
    async open(scenario, arch, view) {
      failAll(new SupersededError());
      session = -1;
      const r = await ask({ type: 'open', id: nextId++, scenario, arch, view });
      if (r.type !== 'opened') throw new Error('unexpected reply');
      session = r.layout.session;
      return r.layout;
    },
    async chunk(req) {
      const r = await ask({ type: 'chunk', id: nextId++, ...req });
      if (r.type !== 'chunk') throw new Error('unexpected reply');
      return {
        mode: r.mode,
        from: r.from,
        to: r.to,
        idleFrom: r.idleFrom,
        records: unpackRecords(r.records),
        samples: r.samples,
        done: r.done,
        horizonUs: r.horizonUs,
      };
    },
    async state(t) {
      const r = await ask({ type: 'state', id: nextId++, t });
      if (r.type !== 'state') throw new Error('unexpected reply');
      return { t: r.t, busy: r.busy, queue: r.queue };
    },
    async request(seq) {
      const r = await ask({ type: 'request', id: nextId++, seq });
      if (r.type !== 'request') throw new Error('unexpected reply');
      return unpackRecords(r.records);
    },
    dispose() {
      broken = 'The trace worker was shut down.';
      failAll(new Error(broken));
      port.terminate();
    },
  };
}
