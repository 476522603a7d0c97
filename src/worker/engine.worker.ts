// Web Worker entry: keeps the engine off the page's main thread so the UI stays responsive.
import { createRequestHandler } from './handler';
import type { Response } from './protocol';
import { createYield } from './yield';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const handle = createRequestHandler((m: Response) => scope.postMessage(m), createYield());
scope.onmessage = (e: MessageEvent<unknown>) => void handle(e.data);
