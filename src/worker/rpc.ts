import {
  MalformedReplyError,
  SupersededError,
  WorkerClosedError,
  WorkerLostError,
  type WorkerError,
  type WorkerName,
} from '../model/errors';
import { isAlive } from './heartbeat';

/**
 * One request/reply client for a Web Worker, shared by the engine client and the trace client: each
 * request gets an id and a promise; replies (progress, then one final answer) go to that request's
 * handler; a request can be settled early (cancel) or superseded. A watchdog notices a worker that has
 * gone quiet: while anything is pending, the worker must send something — a reply, progress, or the
 * small 'alive' heartbeat its slice loops post — at least every `silenceMs`. A worker that does not,
 * or that crashes, is terminated and replaced, and whatever was pending rejects with WorkerLostError.
 * A busy worker that keeps beating is never killed, however long its request runs.
 */

/** The part of a Worker the client uses; fakes stand in for it in tests. */
export interface RpcPort<Req> {
  postMessage(message: Req, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (e: MessageEvent<unknown>) => void): void;
  addEventListener(type: 'error' | 'messageerror', listener: (e: Event) => void): void;
  terminate(): void;
}

/** Time for the watchdog, injected so tests run on a simulated clock. */
export interface WatchdogClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realClock: WatchdogClock = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/**
 * Longest silence allowed while a request is pending. Workers beat every HEARTBEAT_MS while busy;
 * the work they do between chances to beat (one slice, one trace window) takes well under a second.
 */
export const DEFAULT_SILENCE_MS = 5_000;
/**
 * A watchdog timer that fires this much later than asked means the page itself was not running
 * (blocked, a hidden tab, a sleeping laptop): the worker's messages may be queued behind it, so the
 * silence is measured afresh instead of being blamed on the worker.
 */
const LATE_MS = 1_000;
/** Replacements in a row with no reply in between before giving up (a worker that cannot load). */
const DEFAULT_MAX_RESTARTS = 2;

export interface RpcOptions<Req, Rep> {
  worker: WorkerName;
  /** Starts a worker; called once at first and again to replace a lost one. */
  spawn: () => RpcPort<Req>;
  /** The reply as the protocol's type, or null when it does not fit the protocol. */
  parse: (data: unknown) => Rep | null;
  clock?: WatchdogClock;
  silenceMs?: number;
  maxRestarts?: number;
  /** Told each time the worker is lost (after it was replaced, if it could be). */
  onLost?: (e: WorkerLostError) => void;
}

export interface Settle<T> {
  resolve(value: T): void;
  reject(error: Error): void;
}

export interface RpcCall<T> extends Settle<T> {
  id: number;
  promise: Promise<T>;
  /** Still waiting for its answer. */
  live(): boolean;
}

interface Entry<Rep> {
  receive(reply: Rep): void;
  reject(error: Error): void;
}

export class RpcClient<Req, Rep extends { id: number }> {
  private port!: RpcPort<Req>;
  /** Bumped per port, so a replaced port's late events are ignored. */
  private generation = 0;
  private readonly pending = new Map<number, Entry<Rep>>();
  private nextId = 1; // 0 is the protocols' "unknown id"
  private lastHeard = 0;
  private timer: unknown = null;
  private due = 0;
  private restarts = 0;
  private broken: WorkerError | null = null;
  private readonly clock: WatchdogClock;
  private readonly silenceMs: number;
  private readonly maxRestarts: number;

  constructor(private readonly opts: RpcOptions<Req, Rep>) {
    this.clock = opts.clock ?? realClock;
    this.silenceMs = opts.silenceMs ?? DEFAULT_SILENCE_MS;
    this.maxRestarts = opts.maxRestarts ?? DEFAULT_MAX_RESTARTS;
    this.attach(opts.spawn());
  }

  /** Changes whenever the worker is replaced (what it held is gone). */
  get portGeneration(): number {
    return this.generation;
  }

  /** Requests waiting for an answer. */
  get waiting(): number {
    return this.pending.size;
  }

  /**
   * Sends `make(id)` and returns its promise; `onReply` gets each reply with that id until it calls
   * resolve or reject (or the call is settled from outside: cancel, supersede, a lost worker).
   */
  call<T>(
    make: (id: number) => Req,
    onReply: (reply: Rep, settle: Settle<T>) => void,
    transfer?: Transferable[],
  ): RpcCall<T> {
    const id = this.nextId++;
    let settle!: Settle<T>;
    const promise = new Promise<T>((resolve, reject) => {
      const done = () => {
        if (!this.pending.delete(id)) return false;
        if (this.pending.size === 0) this.disarm();
        return true;
      };
      settle = { resolve: (v) => done() && resolve(v), reject: (e) => done() && reject(e) };
    });
    const call: RpcCall<T> = { id, promise, ...settle, live: () => this.pending.has(id) };
    if (this.broken) {
      // Registered only to be rejected through the same path as every other failure.
      this.pending.set(id, { receive: () => {}, reject: settle.reject });
      settle.reject(this.broken);
      return call;
    }
    if (this.pending.size === 0) this.lastHeard = this.clock.now(); // an idle worker owes us nothing
    this.pending.set(id, { receive: (r) => onReply(r, settle), reject: settle.reject });
    this.arm();
    this.port.postMessage(make(id), transfer);
    return call;
  }

  /** A message that expects no answer of its own (a cancel, a spec to keep, a request sent again). */
  send(message: Req): void {
    if (!this.broken) this.port.postMessage(message);
  }

  /** Rejects everything pending with `error` (a newer request supersedes them). */
  rejectAll(error: Error = new SupersededError()): void {
    for (const e of [...this.pending.values()]) e.reject(error);
  }

  dispose(): void {
    if (this.broken) return;
    this.broken = new WorkerClosedError(this.opts.worker);
    this.generation++;
    this.rejectAll(this.broken);
    this.disarm();
    this.port.terminate();
  }

  private attach(port: RpcPort<Req>): void {
    const gen = ++this.generation;
    this.port = port;
    port.addEventListener('message', (e) => gen === this.generation && this.receive(e.data));
    // The handlers catch their own errors, so an 'error' event means the worker could not load or broke
    // past them: its state is unknown, so it is replaced like a silent one.
    const onFailure = (e: Event) => {
      if (gen !== this.generation) return;
      const msg = (e as { message?: unknown }).message; // duck-typed: ErrorEvent is not a global in Node
      this.lose('crashed', typeof msg === 'string' && msg ? msg : undefined);
    };
    port.addEventListener('error', onFailure);
    port.addEventListener('messageerror', onFailure);
  }

  private receive(data: unknown): void {
    this.lastHeard = this.clock.now();
    if (isAlive(data)) return;
    const reply = this.opts.parse(data);
    if (reply === null) {
      this.rejectAll(new MalformedReplyError(this.opts.worker));
      return;
    }
    this.restarts = 0; // it answered: whatever loses it next is a new failure, not a failed start
    this.pending.get(reply.id)?.receive(reply);
  }

  private arm(): void {
    if (this.timer !== null) return;
    this.due = this.lastHeard + this.silenceMs;
    this.timer = this.clock.setTimeout(() => this.check(), Math.max(0, this.due - this.clock.now()));
  }

  private disarm(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private check(): void {
    this.timer = null;
    if (this.pending.size === 0 || this.broken) return;
    const now = this.clock.now();
    if (now - this.due > LATE_MS) this.lastHeard = now;
    else if (now - this.lastHeard >= this.silenceMs) return this.lose('silent');
    this.arm();
  }

  private lose(reason: 'silent' | 'crashed', detail?: string): void {
    this.disarm();
    this.port.terminate();
    this.generation++;
    const restarted = ++this.restarts <= this.maxRestarts;
    const error = new WorkerLostError(this.opts.worker, reason, restarted, detail);
    if (restarted) this.attach(this.opts.spawn());
    else this.broken = error;
    this.rejectAll(error);
    this.opts.onLost?.(error);
  }
}
