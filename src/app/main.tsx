// Composition root: builds the sample list and the engine worker client, and mounts the page.
import '../model/runtimeConfig'; // first: no eval anywhere (zod jitless)
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { RunSummary } from '../model/result';
import '../design/tokens.css';
import '../ui/app.css';
import { createEngineClient } from '../worker/client';
import { parseFault } from '../worker/faults';
import { App } from './App';
import { lazyEngineClient } from './lazyClient';
import { appQuiet, holdFromBoot } from './quiet';
import { startServiceWorker } from './serviceWorker';
import { reportWorkerLost } from './workerNotices';

declare global {
  interface Window {
    /** Set as soon as the app's code runs; index.html's boot check explains a page where it never did. */
    __meshpathBooted?: boolean;
    /** The last completed run's raw summary, so browser tests can compare exact numbers. */
    __meshpathLastSummary?: RunSummary;
  }
}

window.__meshpathBooted = true;

/** Test-only: `&fault=silent-engine` in the first URL silences this client's first worker (see faults.ts). */
const fault = parseFault(new URLSearchParams(window.location.hash.split('?')[1] ?? '').get('fault'));
// Started on first use (Compare, Engine check), so other pages start no worker.
const client = lazyEngineClient(() =>
  createEngineClient({ onLost: reportWorkerLost, fault: fault?.worker === 'engine' ? fault : null }),
);
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App client={client} onResult={(s) => (window.__meshpathLastSummary = s)} />
  </StrictMode>,
);

// A link straight to Compare: nothing starts in the background until its comparison and load sweep are done (the
// page takes this hold over once its code has loaded).
if (/^#\/compare(\?|$)/.test(window.location.hash)) holdFromBoot();
// Offline support for the served site (none in development or in the single file), installed once the
// page is quiet, so its precaching never competes with a first result.
if (import.meta.env.PROD && import.meta.env.MODE !== 'file') appQuiet().whenQuiet(startServiceWorker);
