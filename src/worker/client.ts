import type { ArchitectureId } from '../model/architecture';
import type { Scenario } from '../model/scenario';
import type { SimSpecInput } from '../model/simSpec';
import type { CompareProgress, EstimateOutcome, ShardOutcome } from './compareRunner';
import { ResponseSchema, type Request, type Response } from './protocol';
import type { RunOutcome, RunProgress } from './runner';

export type { RunOutcome, RunProgress } from './runner';
export type { CompareProgress, EstimateOutcome, ShardOutcome } from './compareRunner';

export interface RunHandle {
  /** Settles once: with the result, 'cancelled' (at once when cancel() is called) or an error message. */
  promise: Promise<RunOutcome>;
  cancel(): void;
}

export interface CompareRunOptions {
  /** Events between progress reports and cancel checks (smaller: cancelled sooner, a little slower). */
  sliceEvents?: number;
}

/** A design compiled on the page, as sent to a worker (which parses the spec at its entry). */
export interface DesignSpec {
  architecture: ArchitectureId;
  spec: unknown;
}

export interface EngineClient {
  /** The analytic estimate of every architecture, in steps between which other requests are answered. */
  estimate(scenario: Scenario): Promise<EstimateOutcome>;
  /** One worker's share of a comparison's runs (the page assembles them): designs compiled once, on the page. */
  compareShard(
    designs: readonly DesignSpec[],
    seed: number,
    replications: number,
    shard: { index: number; count: number },
    onProgress?: (p: CompareProgress) => void,
    opts?: CompareRunOptions,
  ): { promise: Promise<ShardOutcome>; cancel(): void };
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
  const worker = new Worker(new URL('./engine.worker.ts', import.meta.url), {
    type: 'module',
    name: 'meshpath-engine',
  });
  return connectEngineClient(worker);
}

/** A request waiting for replies: its own handler, and how to fail it. */
interface Pending {
  receive: (m: Response) => void;
  fail: (message: string) => void;
}

export function connectEngineClient(worker: WorkerPort): EngineClient {
  const pending = new Map<number, Pending>();
  let nextId = 1; // 0 is the protocol's "unknown id"
  /** Set once the worker is unusable (failed to load, crashed, disposed): later runs fail at once. */
  let broken: string | null = null;

  const failAll = (message: string) => {
    broken = message;
    for (const p of pending.values()) p.fail(message);
  };

  worker.addEventListener('message', (e) => {
    const parsed = ResponseSchema.safeParse(e.data);
    if (!parsed.success) {
      for (const p of pending.values()) p.fail('The engine worker sent a malformed reply.');
      return;
    }
    const m = parsed.data;
    // Absent: a request already settled (e.g. cancelled here before the worker stopped).
    pending.get(m.id)?.receive(m);
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

  /** Registers a request; `receive` gets its replies until `settle` is called. */
  function open<T>(failure: (message: string) => T, receive: (m: Response, settle: (o: T) => void) => void) {
    const id = nextId++;
    let settle!: (o: T) => void;
    const promise = new Promise<T>((resolve) => {
      settle = (o) => {
        pending.delete(id);
        resolve(o);
      };
    });
    if (broken !== null) settle(failure(broken));
    else pending.set(id, { receive: (m) => receive(m, settle), fail: (message) => settle(failure(message)) });
    return { id, promise, settle, live: () => pending.has(id) };
  }

  const cancellable =
    <T>(id: number, live: () => boolean, settle: (o: T) => void, cancelled: T) =>
    () => {
      if (!live()) return;
      settle(cancelled);
      worker.postMessage({ type: 'cancel', id });
    };

  return {
    run(spec, onProgress, progressEvery) {
      const r = open<RunOutcome>(
        (message) => ({ status: 'error', message }),
        (m, settle) => {
          switch (m.type) {
            case 'progress':
              return onProgress?.({ fraction: m.fraction, events: m.events, nowUs: m.nowUs });
            case 'result':
              return settle({ status: 'done', summary: m.summary, analytic: m.analytic });
            case 'error':
              return settle({ status: 'error', message: m.message });
            case 'cancelled':
              return settle({ status: 'cancelled' });
          }
        },
      );
      if (r.live()) worker.postMessage({ type: 'run', id: r.id, spec, progressEvery });
      return { promise: r.promise, cancel: cancellable(r.id, r.live, r.settle, { status: 'cancelled' }) };
    },
    estimate(scenario) {
      const r = open<EstimateOutcome>(
        (message) => ({ status: 'error', message }),
        (m, settle) => {
          if (m.type === 'estimate-result') settle({ status: 'done', estimate: m.estimate });
          else if (m.type === 'error') settle({ status: 'error', message: m.message });
          else if (m.type === 'cancelled') settle({ status: 'cancelled' });
        },
      );
      if (r.live()) worker.postMessage({ type: 'estimate', id: r.id, scenario });
      return r.promise;
    },
    compareShard(designs, seed, replications, shard, onProgress, opts) {
      const r = open<ShardOutcome>(
        (message) => ({ status: 'error', message }),
        (m, settle) => {
          switch (m.type) {
            case 'compare-progress':
              return onProgress?.({
                fraction: m.fraction,
                runsDone: m.runsDone,
                runsTotal: m.runsTotal,
                architecture: m.architecture,
              });
            case 'compare-runs':
              return settle({ status: 'runs', runs: m.runs });
            case 'error':
              return settle({ status: 'error', message: m.message });
            case 'cancelled':
              return settle({ status: 'cancelled' });
          }
        },
      );
      if (r.live())
        worker.postMessage({
          type: 'compare',
          id: r.id,
          seed,
          designs: [...designs],
          replications,
          shard,
          progressEvery: opts?.sliceEvents,
          progress: onProgress ? undefined : false,
        });
      return { promise: r.promise, cancel: cancellable(r.id, r.live, r.settle, { status: 'cancelled' }) };
    },
    dispose() {
      failAll('The engine was shut down.');
      worker.terminate();
    },
  };
}
