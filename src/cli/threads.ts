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
