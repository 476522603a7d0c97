// Web Worker entry for the Simulate page: compiles and replays scenarios off the main thread.
import '../../model/runtimeConfig'; // first: no eval anywhere (zod jitless)
import { createFaultGate } from '../faults';
import { createHeartbeat } from '../heartbeat';
import { createTraceHandler } from './handler';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const gate = createFaultGate(); // inert unless a browser test sends its fault message
const send = (m: unknown, transfer: Transferable[] = []) => {
  if (gate.open()) scope.postMessage(m, transfer);
};
const handle = createTraceHandler(
  send,
  createHeartbeat(send, () => performance.now()),
);
scope.onmessage = (e: MessageEvent<unknown>) => {
  if (gate.admit(e.data)) handle(e.data);
};
