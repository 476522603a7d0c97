/// <reference types="vite-plugin-pwa/vanillajs" />
// The served site's service worker (vite-plugin-pwa, Workbox): it precaches every file of this version
// — pages, workers, models and lessons are all inside them — so after one visit every page works
// offline. A new version is installed beside the running one and offered (updates.ts); accepting it
// activates it and reloads the page. The single-file build has none (vite.file.config.ts stubs this out).
import { registerSW } from 'virtual:pwa-register';
import { offerUpdate } from './updates';

/** How often an open page asks whether a new version was deployed (besides each page load). */
const CHECK_EVERY_MS = 60 * 60 * 1000;

export function startServiceWorker(): void {
  const update = registerSW({
    onNeedRefresh: () => offerUpdate(() => void update(true)),
    onRegisteredSW: (_url, registration) => {
      if (registration) setInterval(() => void registration.update().catch(() => undefined), CHECK_EVERY_MS);
    },
  });
}
