// The CLI's worker threads: a comparison's round shared among them as the page shares it among its
// workers (same shards, same seeds, the same numbers). The CLI is synchronous, so the main thread
// blocks in Atomics.wait and reads each thread's answers with receiveMessageOnPort.
import { availableParallelism } from 'node:os';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { SpecEntry } from '../engine';
import type { RunSummary } from '../model/result';
import type { ThreadJob, ThreadMessage } from './thread';

/** Threads when --threads is not given: one per core the process may use. */
export const defaultThreads = (): number => availableParallelism();

/** A thread that says nothing for this long has stopped (it reports every slice, a few times a second). */
const SILENCE_MS = 120_000;
/** Time a thread may take to start (load the engine) before the run goes on without threads. */
const START_MS = 20_000;

export interface RoundProgress {
  (done: number, total: number, fraction: number): void;
}

export interface ThreadPool {
  readonly size: number;
  /** Replications `from`..`to` of every design, shared among the threads; runs in the plan's order. */
  runRound(
    seed: number,
    designs: readonly SpecEntry[],
    from: number,
    to: number,
    progress?: RoundProgress,
  ): RunSummary[];
  close(): void;
}

interface Slot {
  worker: Worker;
  port: MessagePort;
}

/** Starts `size` threads; null when they cannot start (the caller then runs in-process). */
export function startThreads(size: number): ThreadPool | null {
  const signal = new Int32Array(new SharedArrayBuffer(4));
  // From the sources (tsx), a small module registers tsx in the thread first; built, the thread is .js.
  const url = new URL(import.meta.url.endsWith('.ts') ? './threadBoot.mjs' : './thread.js', import.meta.url);
  const slots: Slot[] = [];
  const close = () => {
    for (const s of slots) void s.worker.terminate();
  };
  for (let i = 0; i < size; i++) {
    const { port1, port2 } = new MessageChannel();
    const worker = new Worker(url, {
      workerData: { port: port2, signal },
      transferList: [port2],
    });
    worker.unref();
    slots.push({ worker, port: port1 });
  }
  // Every thread says it is ready before any work is sent.
  const ready = new Set<number>();
  const until = Date.now() + START_MS;
  while (ready.size < size) {
    const seen = Atomics.load(signal, 0);
    slots.forEach((s, i) => {
      for (let m = receiveMessageOnPort(s.port); m; m = receiveMessageOnPort(s.port))
        if ((m.message as ThreadMessage).type === 'ready') ready.add(i);
    });
    if (ready.size === size) break;
    const left = until - Date.now();
    if (left <= 0) {
      close();
      return null;
    }
    Atomics.wait(signal, 0, seen, Math.min(left, 500));
  }

  return {
    size,
    close,
    runRound(seed, designs, from, to, progress) {
      const total = designs.length * (to - from);
      const out: (RunSummary | null)[] = Array.from({ length: total }, () => null);
      const state = slots.map(() => ({ done: 0, total: 0, fraction: 0, finished: false, heard: Date.now() }));
      slots.forEach((s, index) => {
        const job: ThreadJob = { seed, designs: [...designs], from, to, shard: { index, count: size } };
        s.port.postMessage(job);
      });
      for (;;) {
        const seen = Atomics.load(signal, 0);
        slots.forEach((s, i) => {
          for (let m = receiveMessageOnPort(s.port); m; m = receiveMessageOnPort(s.port)) {
            const msg = m.message as ThreadMessage;
            const st = state[i];
            st.heard = Date.now();
            if (msg.type === 'progress') Object.assign(st, msg);
            else if (msg.type === 'runs') {
              msg.runs.forEach((r, j) => {
                if (r) out[j] = r as RunSummary;
              });
              st.finished = true;
              st.done = st.total;
            } else if (msg.type === 'error') {
              close();
              throw new Error(`a worker thread failed: ${msg.message}`);
            }
          }
        });
        if (state.every((st) => st.finished)) break;
        const now = Date.now();
        if (state.some((st) => !st.finished && now - st.heard > SILENCE_MS)) {
          close();
          throw new Error(`a worker thread stopped answering for ${SILENCE_MS / 1000} s`);
        }
        if (progress) {
          const f = state.reduce((x, st) => x + (st.finished ? 0 : st.fraction), 0);
          const done = state.reduce((x, st) => x + st.done, 0);
          progress(done + Math.floor(f), total, f - Math.floor(f));
        }
        Atomics.wait(signal, 0, seen, 1_000);
      }
      if (out.some((r) => r === null)) throw new Error('a worker thread left runs out of its answer');
      return out as RunSummary[];
    },
  };
}
