// Web Worker entry for the Simulate page: compiles and replays scenarios off the main thread.
import { createTraceHandler } from './handler';
import type { TraceReply } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const handle = createTraceHandler((m: TraceReply, transfer: Transferable[]) =>
  scope.postMessage(m, transfer),
);
scope.onmessage = (e: MessageEvent<unknown>) => handle(e.data);
