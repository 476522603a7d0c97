// Test support (not a test): the real engine-worker request handler behind an in-process port, with
// messages delivered asynchronously (and cloned) as a Worker would, and the same fault gate and
// heartbeat as engine.worker.ts.
import type { WorkerPort } from '../worker/client';
import { createFaultGate } from '../worker/faults';
import { createRequestHandler } from '../worker/handler';
import type { Response } from '../worker/protocol';

export function fakeWorker(
  opts: { beat?: boolean } = {},
): WorkerPort & { sent: unknown[]; terminated: boolean; beats: number } {
  const listeners: ((e: MessageEvent<unknown>) => void)[] = [];
  const gate = createFaultGate();
  const port = {
    sent: [] as unknown[],
    terminated: false,
    beats: 0,
    postMessage: (m: unknown) => {
      port.sent.push(m);
      setTimeout(() => {
        if (!port.terminated && gate.admit(m)) void handle(structuredClone(m));
      }, 0);
    },
    addEventListener: (type: string, l: (e: MessageEvent<unknown>) => void) => {
      if (type === 'message') listeners.push(l);
    },
    terminate: () => {
      port.terminated = true;
    },
  };
  const deliver = (data: unknown) =>
    setTimeout(() => {
      if (!port.terminated && gate.open()) listeners.forEach((l) => l({ data } as MessageEvent<unknown>));
    }, 0);
  const beat = () => {
    port.beats++;
    deliver({ type: 'alive' });
  };
  const handle = createRequestHandler((m: Response) => deliver(m), undefined, opts.beat ? beat : undefined);
  return port;
}
