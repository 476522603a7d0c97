import type { SimSpecInput } from '../model/simSpec';
import { ResponseSchema, type Request } from './protocol';
import type { RunOutcome, RunProgress } from './runner';

export type { RunOutcome, RunProgress } from './runner';

export interface RunHandle {
  /** Settles once: with the result, 'cancelled' (at once when cancel() is called) or an error message. */
  promise: Promise<RunOutcome>;
  cancel(): void;
}

export interface EngineClient {
  run(spec: SimSpecInput, onProgress?: (p: RunProgress) => void, progressEvery?: number): RunHandle;
  dispose(): void;
}

/** The part of a Worker the client uses; a fake can stand in for it in tests. */
export interface WorkerPort {
  postMessage(message: Request): void;
  addEventListener(type: 'message', listener: (e: MessageEvent<unknown>) => void): void;
  addEventListener(type: 'error' | 'messageerror', listener: (e: Event) => void): void;
  terminate(): void;
}

/** Spawns the engine worker (Vite bundles it as a separate same-origin module). */
export function createEngineClient(): EngineClient {
  const worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'meshpath-engine' });
  return connectEngineClient(worker);
}

interface Pending {
  settle: (o: RunOutcome) => void;
  onProgress?: (p: RunProgress) => void;
}

export function connectEngineClient(worker: WorkerPort): EngineClient {
  const pending = new Map<number, Pending>();
  let nextId = 1; // 0 is the protocol's "unknown id"
  /** Set once the worker is unusable (failed to load, crashed, disposed): later runs fail at once. */
  let broken: string | null = null;

  const failAll = (message: string) => {
    broken = message;
    for (const p of pending.values()) p.settle({ status: 'error', message });
  };

  worker.addEventListener('message', (e) => {
    const parsed = ResponseSchema.safeParse(e.data);
    if (!parsed.success) {
      for (const p of pending.values()) p.settle({ status: 'error', message: 'The engine worker sent a malformed reply.' });
      return;
    }
    const m = parsed.data;
    const p = pending.get(m.id);
    if (!p) return; // a run already settled (e.g. cancelled here before the worker stopped)
    switch (m.type) {
      case 'progress': return p.onProgress?.({ fraction: m.fraction, events: m.events, nowUs: m.nowUs });
      case 'result': return p.settle({ status: 'done', summary: m.summary, analytic: m.analytic });
      case 'error': return p.settle({ status: 'error', message: m.message });
      case 'cancelled': return p.settle({ status: 'cancelled' });
    }
  });
  // The handler catches engine errors itself, so an 'error' event means the worker could not load
  // or broke in a way we cannot recover from; say so instead of leaving runs waiting forever.
  const onFailure = (e: Event) => {
    // Duck-typed: ErrorEvent is not a global outside browsers.
    const msg = (e as { message?: unknown }).message;
    const detail = typeof msg === 'string' && msg ? `: ${msg}` : '';
    failAll(`The engine worker failed${detail}. Reload the page to try again.`);
    worker.terminate();
  };
  worker.addEventListener('error', onFailure);
  worker.addEventListener('messageerror', onFailure);

  return {
    run(spec, onProgress, progressEvery) {
      const id = nextId++;
      let settle!: (o: RunOutcome) => void;
      const promise = new Promise<RunOutcome>((resolve) => {
        settle = (o) => {
          pending.delete(id);
          resolve(o);
        };
      });
      if (broken !== null) {
        settle({ status: 'error', message: broken });
        return { promise, cancel() {} };
      }
      pending.set(id, { settle, onProgress });
      worker.postMessage({ type: 'run', id, spec, progressEvery });
      return {
        promise,
        cancel() {
          if (!pending.has(id)) return;
          settle({ status: 'cancelled' });
          worker.postMessage({ type: 'cancel', id });
        },
      };
    },
    dispose() {
      failAll('The engine was shut down.');
      worker.terminate();
    },
  };
}
