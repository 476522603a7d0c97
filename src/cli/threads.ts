// The CLI's worker threads. They start at once and load the engine while the main thread compiles the
// designs; they take runs off the shared board (board.ts) as the main thread does. The CLI is
// synchronous, so the main thread reads their messages with receiveMessageOnPort between slices of its
// own run, and blocks in Atomics.wait on signal[0] (bumped by every thread message) when it has none.
import { availableParallelism } from 'node:os';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { MainMessage, ThreadMessage } from './thread';

/** Threads when --threads is not given: one per core the process may use. */
export const defaultThreads = (): number => availableParallelism();

export interface RoundProgress {
  (done: number, total: number, fraction: number): void;
}

export interface WorkerPool {
  readonly size: number;
  /** Sends a message to every thread and wakes those waiting for work. */
  post(message: MainMessage): void;
  /** Hands each message that arrived to `take`, with the index of the thread it came from. */
  drain(take: (message: ThreadMessage, thread: number) => void): void;
  /** Blocks until a thread posts something or `ms` pass. */
  wait(ms: number): void;
  close(): void;
}

/** Starts `size` worker threads without waiting for them (each says 'ready' once it has loaded). */
export function startThreads(size: number): WorkerPool {
  // signal[0]: bumped by a thread after each message; signal[1]: bumped by the main thread after its own.
  const signal = new Int32Array(new SharedArrayBuffer(8));
  // From the sources (tsx), a small module registers tsx in the thread first; built, the thread is .js.
  const url = new URL(import.meta.url.endsWith('.ts') ? './threadBoot.mjs' : './thread.js', import.meta.url);
  const slots: { worker: Worker; port: MessagePort }[] = [];
  for (let i = 0; i < size; i++) {
    const { port1, port2 } = new MessageChannel();
    const worker = new Worker(url, { workerData: { port: port2, signal }, transferList: [port2] });
    worker.unref();
    slots.push({ worker, port: port1 });
  }
  let seen = Atomics.load(signal, 0);
  return {
    size,
    post(message) {
      for (const s of slots) s.port.postMessage(message);
      Atomics.add(signal, 1, 1);
      Atomics.notify(signal, 1);
    },
    drain(take) {
      seen = Atomics.load(signal, 0);
      slots.forEach((s, i) => {
        for (let m = receiveMessageOnPort(s.port); m; m = receiveMessageOnPort(s.port))
          take(m.message as ThreadMessage, i);
      });
    },
    wait(ms) {
      Atomics.wait(signal, 0, seen, ms);
    },
    close() {
      for (const s of slots) void s.worker.terminate();
    },
  };
}

let early: WorkerPool | null = null;

/**
 * Starts `size` threads before the CLI has loaded the engine (`bin.ts`), so they load theirs at the same
 * time; the comparison takes them with `takeThreads`.
 */
export function prestartThreads(size: number): void {
  if (size > 0 && !early) early = startThreads(size);
}

/** `size` threads: the pre-started ones when there are that many (taken once), else new ones. */
export function takeThreads(size: number): WorkerPool {
  const pool = early;
  early = null;
  if (pool?.size === size) return pool;
  pool?.close();
  return startThreads(size);
}

/** Stops pre-started threads nothing took (a run that needed none). */
export function closePrestarted(): void {
  early?.close();
  early = null;
}

/**
 * Worker threads to start before the CLI loads (`bin.ts`) for these arguments: for a preset or a scenario
 * file, --threads N asks for N - 1 besides the main thread, and otherwise one per other core is likely
 * (a short run leaves them unused, and they are stopped); none for help, merges and built-in samples.
 */
export function threadsToPrestart(argv: readonly string[], cores = availableParallelism()): number {
  if (argv.some((a) => a === '--help' || a === '-h' || a === '--merge' || a === '--sample')) return 0;
  const comparison = argv.some((a) => a === '--preset' || a.startsWith('--preset=') || a.endsWith('.json'));
  if (!comparison) return 0;
  const i = argv.findIndex((a) => a === '--threads' || a.startsWith('--threads='));
  const given = i < 0 ? null : argv[i].includes('=') ? argv[i].split('=')[1] : argv[i + 1];
  const n = given === null ? cores : Number(given);
  return Number.isInteger(n) && n >= 2 && n <= 64 ? n - 1 : 0;
}
