import { configDefaults, defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { availableParallelism } from 'node:os';
import { contentSecurityPolicy } from './scripts/vite/csp.ts';
import { InterleavedSequencer } from './scripts/vitest/sequencer.ts';

const UNIT_FILES = [
  'src/**/*.test.{ts,tsx}',
  'models/**/*.test.ts',
  'lessons/**/*.test.ts',
  'scripts/**/*.test.ts',
  // Pure helpers of the browser tests (image comparison, contrast maths); the browser tests are *.e2e.test.ts.
  'e2e/**/*.unit.test.ts',
];
/**
 * Unit tests that replace modules (vi.mock) or count work a module does once (the share link's presets,
 * parsed when first needed): they need modules loaded afresh, so they run isolated.
 */
const MOCKING_FILES = [
  'src/app/pages.test.ts',
  'src/app/compare/analysisStart.test.ts',
  'src/app/compare/engineActors.test.ts',
  'src/engine/scenario/analyseSteps.test.ts',
  'src/machines/compare/linkEncode.test.ts',
  'src/model/shortLinkPrepare.test.ts',
  'src/ui/compare/prepareLinksIdle.test.ts',
  'src/ui/compare/ShareBarPrepare.test.tsx',
  'src/scene/scene3dChunk.test.tsx',
  'src/app/compareCatalog.test.ts',
];
const unit = {
  environment: 'node' as const,
  setupFiles: ['./src/test-setup.ts'],
  testTimeout: 120_000,
  // Some suites simulate whole comparisons in beforeAll; give them room on a busy machine.
  hookTimeout: 300_000,
};

export default defineConfig({
  base: './',
  plugins: [
    react(),
    // The service worker (src/app/serviceWorker.ts registers it): precaches this version's files; a new
    // version waits until the page accepts it. The web app manifest and icons are plain files in public/.
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      manifest: false,
      workbox: {
        globPatterns: ['**/*.{html,js,css,svg,png,webmanifest}'],
        // The single file is a download (2.6 MB), not part of the app; the manifest is for the budget check.
        globIgnores: ['meshpath.html', '.vite/**'],
        // The 3D view's chunk is about 1 MB.
        maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
        cleanupOutdatedCaches: true,
        // Hash routes: every page is index.html, which the precache serves for the site's root.
        navigateFallback: null,
      },
    }),
    contentSecurityPolicy('served'),
  ],
  worker: { format: 'es' },
  build: {
    // dist/.vite/manifest.json: which chunks each page loads, for scripts/checkBudget.mjs.
    manifest: true,
    // One stylesheet for every page, as before the pages were split (5 KB gzip): the pages' CSS files
    // style each other's classes (.sr-only, chart swatches), so splitting them would unstyle a page
    // until another one had been visited.
    cssCodeSplit: false,
    // The 3D view is lazily loaded: three.js (about 760 KB) and the rest of the view (about 200 KB).
    chunkSizeWarningLimit: 1000,
    rolldownOptions: {
      // The service worker's generation takes seconds by nature; the timing report would only repeat that.
      checks: { pluginTimings: false },
      output: {
        codeSplitting: {
          // React is shared by every page: one long-cached chunk. Everything else is split where the pages'
          // dynamic imports fall (src/app/pages.ts); a group that took in r3f's dependencies would drag three
          // into pages that only need xstate.
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 40 },
            // three.js apart from the rest of the 3D view, so its preload evaluates them in two tasks.
            { name: 'three', test: /node_modules[\\/]three[\\/]/, priority: 30 },
          ],
        },
      },
    },
  },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  test: {
    // One pool for all projects, so the browser tests run beside the unit tests rather than after them
    // (vitest runs projects with different worker counts one after the other); as many workers as
    // cores, and two on two cores (vitest's default, cores − 1, left one of them idle).
    maxWorkers: Math.max(2, availableParallelism()),
    sequence: { sequencer: InterleavedSequencer },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          ...unit,
          include: UNIT_FILES,
          exclude: [...configDefaults.exclude, ...MOCKING_FILES],
          // A worker keeps the modules it has loaded from one file to the next (the engine stays
          // compiled): about a fifth less CPU than a fresh module graph per file. Only while the next
          // file is of the same project and environment: scripts/vitest/order.ts keeps them together.
          isolate: false,
        },
      },
      {
        extends: true,
        test: { name: 'unit-mocks', ...unit, include: MOCKING_FILES },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['e2e/**/*.e2e.test.ts'],
          globalSetup: ['./e2e/global-setup.ts'],
          isolate: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // The page answers within vitest's default 1 s poll on an idle machine, not always beside the
          // unit tests on two cores; where a test names its own timeout, that one applies.
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
});
