// A worker thread of the CLI: runs its shard of a comparison's round and answers on its port, then
// bumps the shared counter so the main thread, blocked in Atomics.wait, reads the message at once.
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { ComparisonSession, runFraction, type SpecEntry } from '../engine';

export interface ThreadJob {
  seed: number;
  designs: SpecEntry[];
  from: number;
  to: number;
  shard: { index: number; count: number };
}

export type ThreadMessage =
  | { type: 'ready' }
  | { type: 'progress'; done: number; total: number; fraction: number }
  | { type: 'runs'; runs: unknown[] }
  | { type: 'error'; message: string };

/** Events between progress messages: a few per second at engine speed. */
const SLICE_EVENTS = 200_000;

const { port, signal } = workerData as { port: MessagePort; signal: Int32Array };
const send = (m: ThreadMessage) => {
  port.postMessage(m);
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
};

send({ type: 'ready' });
port.on('message', (job: ThreadJob) => {
  try {
    const session = new ComparisonSession(job.seed, job.designs, {
      replications: job.to,
      from: job.from,
      shard: job.shard,
    });
    while (!session.step(SLICE_EVENTS)) {
      const f = session.current ? runFraction(session.current) : 0;
      send({ type: 'progress', done: session.jobsDone, total: session.jobsTotal, fraction: f });
    }
    send({ type: 'runs', runs: [...session.summariesByRun] });
  } catch (e) {
    send({ type: 'error', message: e instanceof Error ? e.message : String(e) });
  }
});
parentPort?.unref();
