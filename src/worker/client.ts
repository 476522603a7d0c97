import type { Scenario } from '../model/scenario';
import type { SimSpecInput } from '../model/simSpec';
import type { ArchitectureId } from '../model/architecture';
import type { RunFigures } from '../engine';
import type { CompareProgress, EstimateOutcome, FailedOutcome } from './compareRunner';
import { MalformedReplyError, WorkerReplyError } from '../model/errors';
import type { SimSpec } from '../model/simSpec';
import { isVouched } from '../model/valid';
import { packedShard, type PackedRun } from './packedRun';
import { spawnerFor, type FaultMessage, type WorkerFault } from './faults';
import { ResponseSchema, type CompareDesign, type Request, type Response } from './protocol';
import { RpcClient, type RpcOptions, type RpcPort } from './rpc';
import type { RunOutcome, RunProgress } from './runner';
import { SentSpecs } from './specKeys';

export type { RunOutcome, RunProgress } from './runner';
export type { CompareProgress, EstimateOutcome } from './compareRunner';

/**
 * A shard's outcome on the page: its runs, indexed like the comparison's plan (null where another shard
 * runs it) — whole summaries for raw specs, the figures only (packedRun.ts) for the page's compiled ones.
 */
export type ShardOutcome =
  { status: 'runs'; runs: (RunFigures | null)[] } | { status: 'cancelled' } | FailedOutcome;
export { WorkerLostError, WorkerReplyError } from '../model/errors';

export interface RunHandle {
  /**
   * Settles once: with the result, 'cancelled' (at once when cancel() is called) or an error: its
   * message, and its class in `error` (WorkerLostError when the worker stopped answering).
   */
  promise: Promise<RunOutcome>;
  cancel(): void;
}

export interface CompareRunOptions {
  /** Events between progress reports and cancel checks (smaller: cancelled sooner, a little slower). */
  sliceEvents?: number;
  /** First replication to run (a later round of a comparison runs `from` up to `replications`). */
  from?: number;
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
  /**
   * Sends ahead the specs this worker lacks, each in a task of its own, for a comparison about to ask
   * for them (which then names them by key): the worker parses them while the page still estimates.
   */
  prepare(designs: readonly DesignSpec[]): void;
  dispose(): void;
}

/** The part of a Worker the client uses; a fake can stand in for it in tests. */
export type WorkerPort = RpcPort<Request | FaultMessage>;

export interface EngineClientOptions extends Pick<
  RpcOptions<Request, Response>,
  'clock' | 'silenceMs' | 'onLost'
> {
  /** Test-only: the first worker started is told to fall silent (see faults.ts). */
  fault?: WorkerFault | null;
  /** Runs `f` in a task of its own: each spec a worker lacks is posted in one (a timeout by default). */
  defer?: (f: () => void) => void;
}

const deferByTimeout = (f: () => void) => void setTimeout(f, 0);

/** Spawns the engine worker (Vite bundles it as a separate same-origin module). */
export function createEngineClient(opts: EngineClientOptions = {}): EngineClient {
  const spawn = (): WorkerPort =>
    new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'meshpath-engine' });
  return connectEngineClient(spawn, opts);
}

/** A client-side failure as the outcome the page's callers expect, keeping the error for instanceof tests. */
const failed = (e: unknown): { status: 'error'; message: string; error: Error } => {
  const error = e instanceof Error ? e : new Error(String(e));
  return { status: 'error', message: error.message, error };
};

/**
 * A client over a worker: `port` is one (it cannot be replaced if it is lost) or a function that
 * starts one (called again to replace a worker that stopped answering). Every method is a typed layer
 * over RpcClient; failures come back as `{ status: 'error' }` outcomes, those of the client itself
 * (a worker lost, a malformed reply) carrying the error's class in `error`.
 */
export function connectEngineClient(
  port: WorkerPort | (() => WorkerPort),
  opts: EngineClientOptions = {},
): EngineClient {
  const rpc = new RpcClient<Request | FaultMessage, Response>({
    worker: 'engine',
    ...spawnerFor(port, opts.fault),
    parse: (data) => {
      const parsed = ResponseSchema.safeParse(data);
      return parsed.success ? parsed.data : null;
    },
    clock: opts.clock,
    silenceMs: opts.silenceMs,
    onLost: opts.onLost,
  });

  const sent = new SentSpecs(() => rpc.portGeneration);
  const defer = opts.defer ?? deferByTimeout;

  /**
   * Sends a request whose outcome is a value: `take` maps each reply to the outcome (or undefined
   * while it is still running); an error reply and any client-side failure become an error outcome.
   */
  function ask<T>(make: (id: number) => Request, take: (m: Response) => T | undefined) {
    const call = rpc.call<T>(make, (m, settle) => {
      // The worker's own error (a bad spec or scenario): its message, bounded; `error` is kept for
      // failures of the client itself (a lost worker), which callers may want to retry.
      if (m.type === 'error')
        return settle.resolve({
          status: 'error',
          message: new WorkerReplyError('engine', m.message).message,
        } as T);
      const out = take(m);
      if (out !== undefined) settle.resolve(out);
    });
    const promise = call.promise.catch((e: unknown) => failed(e) as T);
    return { promise, call };
  }

  /** Settles at once as cancelled and tells the worker to stop (it stops within one slice). */
  const cancellable =
    <T>(call: { id: number; live(): boolean; resolve(v: T): void }, cancelled: T) =>
    () => {
      if (!call.live()) return;
      call.resolve(cancelled);
      rpc.send({ type: 'cancel', id: call.id });
    };

  const compareProgress = (m: Response, onProgress?: (p: CompareProgress) => void) => {
    if (m.type === 'compare-progress')
      onProgress?.({
        fraction: m.fraction,
        runsDone: m.runsDone,
        runsTotal: m.runsTotal,
        architecture: m.architecture,
      });
  };

  return {
    run(spec, onProgress, progressEvery) {
      const { promise, call } = ask<RunOutcome>(
        (id) => ({ type: 'run', id, spec, progressEvery }),
        (m) => {
          if (m.type === 'progress') onProgress?.({ fraction: m.fraction, events: m.events, nowUs: m.nowUs });
          else if (m.type === 'result') return { status: 'done', summary: m.summary, analytic: m.analytic };
          else if (m.type === 'cancelled') return { status: 'cancelled' };
        },
      );
      return { promise, cancel: cancellable<RunOutcome>(call, { status: 'cancelled' }) };
    },
    estimate(scenario) {
      return ask<EstimateOutcome>(
        (id) => ({ type: 'estimate', id, scenario }),
        (m) => {
          if (m.type === 'estimate-result') return { status: 'done', estimate: m.estimate };
          if (m.type === 'cancelled') return { status: 'cancelled' };
        },
      ).promise;
    },
    // The specs this worker lacks go first, one per task (pods-400's five designs, 5.9 MB, take ~25 ms to
    // copy at once in Chromium, each alone 2–5 ms); the comparison then names them by key, so a later
    // round copies and parses nothing.
    compareShard(designs, seed, replications, shard, onProgress, opts) {
      // Specs compiled on the page (trusted, so parsed already): the runs come back as figures only and
      // are paired here with these specs' labels. Raw specs (tests, files) get whole summaries back.
      const packed = designs.length > 0 && designs.every((d) => isVouched(d.spec));
      const request = (id: number, refs: CompareDesign[]): Request => ({
        type: 'compare',
        id,
        seed,
        designs: refs,
        replications,
        from: opts?.from,
        shard,
        progressEvery: opts?.sliceEvents,
        progress: onProgress ? undefined : false,
        ...(packed ? { packed: true } : {}),
      });
      let settle!: (o: ShardOutcome) => void;
      const promise = new Promise<ShardOutcome>((resolve) => (settle = resolve));
      type Answer = ShardOutcome | { status: 'packed'; runs: (PackedRun | null)[] };
      let call: ReturnType<typeof ask<Answer>>['call'] | null = null;
      let stopped = false;
      let resent = false;
      // The packed runs are handed over as they came (the assembly reads their figures), once each is
      // checked against the spec it was run from.
      const settlePacked = (runs: readonly unknown[]) => {
        if (stopped) return;
        const out = packedShard(
          designs.map((d) => d.spec as SimSpec),
          replications - (opts?.from ?? 0),
          runs,
        );
        if (out.status === 'runs') return settle(out);
        const error = new MalformedReplyError('engine');
        settle({ status: 'error', message: `${error.message} ${out.message}.`, error });
      };
      const start = () => {
        const asked = ask<Answer>(
          (id) => request(id, sent.refs(designs)),
          (m) => {
            compareProgress(m, onProgress);
            if (m.type === 'compare-runs') return { status: 'runs', runs: m.runs };
            if (m.type === 'compare-packed') return { status: 'packed', runs: m.runs };
            if (m.type === 'cancelled') return { status: 'cancelled' };
            if (m.type !== 'spec-missing') return;
            // Evicted or never received: the same request again, with those specs inline (they cannot
            // be missing then, so this happens at most once).
            if (resent) return { status: 'error', message: 'The engine worker lost the specs it was sent.' };
            resent = true;
            rpc.send(request(asked.call.id, sent.refs(designs, new Set(m.keys))));
          },
        );
        call = asked.call;
        void asked.promise.then((o) => (o.status === 'packed' ? settlePacked(o.runs) : settle(o)));
      };
      const post = () => {
        if (stopped) return;
        const put = sent.nextPut(designs);
        if (put === null) return start();
        rpc.send(put);
        defer(post);
      };
      post();
      return {
        promise,
        cancel() {
          if (stopped) return;
          stopped = true;
          if (call) cancellable<Answer>(call, { status: 'cancelled' })();
          // Not asked yet, or its runs being paired: settled here (a settled promise ignores this).
          settle({ status: 'cancelled' });
        },
      };
    },
    prepare(designs) {
      const post = () => {
        const put = sent.nextPut(designs);
        if (put === null) return;
        rpc.send(put);
        defer(post);
      };
      defer(post);
    },
    dispose: () => rpc.dispose(),
  };
}
