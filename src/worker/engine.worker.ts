// Web Worker entry: keeps the engine off the page's main thread so the UI stays responsive.
import '../model/runtimeConfig'; // first: no eval anywhere (zod jitless)
import { createFaultGate } from './faults';
import { createRequestHandler } from './handler';
import { createHeartbeat } from './heartbeat';
import { createYield } from './yield';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const gate = createFaultGate(); // inert unless a browser test sends its fault message
const send = (m: unknown, transfer: Transferable[] = []) => {
  if (gate.open()) scope.postMessage(m, transfer);
};
const beat = createHeartbeat(send, () => performance.now());
const handle = createRequestHandler(send, createYield(), beat);
scope.onmessage = (e: MessageEvent<unknown>) => {
  if (gate.admit(e.data)) void handle(e.data);
};
