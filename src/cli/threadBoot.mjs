// Starts a CLI worker thread from the TypeScript sources (npm run sim runs them through tsx): a worker
// does not inherit the main thread's loader, so it registers tsx's own before importing the thread.
// Should that fail, the thread says so; the main thread then runs every run itself.
import { workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

try {
  await tsImport('./thread.ts', import.meta.url);
} catch (e) {
  workerData.port.postMessage({
    type: 'error',
    boot: true,
    message: e instanceof Error ? e.message : String(e),
  });
  Atomics.add(workerData.signal, 0, 1);
  Atomics.notify(workerData.signal, 0);
}
