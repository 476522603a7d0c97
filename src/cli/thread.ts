// A worker thread of the CLI: takes runs off the shared board (board.ts) one at a time, in the order of
// the main thread's latest list, and answers each on its port. Every message it posts bumps signal[0], so
// the main thread, blocked in Atomics.wait, reads it at once; it waits on signal[1] for the main thread's.
import { receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import type { RunSummary } from '../model/result';
import { vouchSimSpec, type ValidSimSpec } from '../model/valid';
import { RunBoard } from './board';
import { OneRun, SLICE_EVENTS } from './oneRun';

/** From the main thread: the designs to run (once per comparison), then each new order of runs. */
export type MainMessage =
  | { type: 'designs'; seed: number; specs: ValidSimSpec[]; board: SharedArrayBuffer; width: number }
  | { type: 'list'; slots: number[] };

export type ThreadMessage =
  | { type: 'ready' }
  | { type: 'start'; slot: number }
  | { type: 'progress'; slot: number; fraction: number }
  | { type: 'run'; slot: number; summary: RunSummary }
  | { type: 'error'; message: string; boot?: boolean };

const { port, signal } = workerData as { port: MessagePort; signal: Int32Array };
const send = (m: ThreadMessage) => {
  port.postMessage(m);
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
};

interface Job {
  seed: number;
  specs: ValidSimSpec[];
  board: RunBoard;
}

function serve(): void {
  let job: Job | null = null;
  let list: number[] = [];
  let cursor = 0;
  for (;;) {
    const seen = Atomics.load(signal, 1);
    for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) {
      const msg = m.message as MainMessage;
      if (msg.type === 'designs') {
        // The main thread compiled these specs; structured cloning dropped the trusted mark only.
        const specs = msg.specs.map(vouchSimSpec);
        job = { seed: msg.seed, specs, board: new RunBoard(specs.length, msg.width, msg.board) };
      } else {
        list = msg.slots;
        cursor = 0;
      }
    }
    const at = job ? job.board.claimNext(list, cursor) : -1;
    if (!job || at < 0) {
      Atomics.wait(signal, 1, seen, 1_000);
      continue;
    }
    cursor = at + 1;
    const slot = list[at];
    send({ type: 'start', slot });
    const run = new OneRun(job.seed, job.specs[job.board.design(slot)], job.board.replication(slot));
    while (!run.step(SLICE_EVENTS)) send({ type: 'progress', slot, fraction: run.fraction });
    send({ type: 'run', slot, summary: run.summary() });
  }
}

send({ type: 'ready' });
try {
  serve();
} catch (e) {
  send({ type: 'error', message: e instanceof Error ? e.message : String(e) });
}
