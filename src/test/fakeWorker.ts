// Test support (not a test): the real engine-worker request handler behind an in-process port,
// with messages delivered asynchronously (and cloned) as a Worker would.
import type { WorkerPort } from '../worker/client';
import { createRequestHandler } from '../worker/handler';
import type { Response } from '../worker/protocol';

export function fakeWorker(): WorkerPort & { sent: unknown[] } {
  const listeners: ((e: MessageEvent<unknown>) => void)[] = [];
  const deliver = (data: Response) =>
    setTimeout(() => listeners.forEach((l) => l({ data } as MessageEvent<unknown>)), 0);
  const handle = createRequestHandler(deliver);
  const sent: unknown[] = [];
  return {
    sent,
    postMessage: (m) => {
      sent.push(m);
      setTimeout(() => void handle(structuredClone(m)), 0);
    },
    addEventListener: (type: string, l: (e: MessageEvent<unknown>) => void) => {
      if (type === 'message') listeners.push(l);
    },
    terminate: () => {},
  };
}
