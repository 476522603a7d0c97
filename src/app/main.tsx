// Composition root: builds the sample list and the engine worker client, and mounts the page.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { RunSummary } from '../model/result';
import '../ui/app.css';
import { createEngineClient } from '../worker/client';
import { App } from './App';

declare global {
  interface Window {
    /** The last completed run's raw summary, so browser tests can compare exact numbers. */
    __meshpathLastSummary?: RunSummary;
  }
}

const client = createEngineClient();
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App client={client} onResult={(s) => (window.__meshpathLastSummary = s)} />
  </StrictMode>,
);
