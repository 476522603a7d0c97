// The single-file build (`npm run build:file`): dist-file/meshpath.html holds the whole app — scripts,
// styles, models, lessons and both workers (started from blob: URLs) — so it opens from disk (file://),
// where a browser loads no other file. No service worker; its own Content-Security-Policy.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { viteSingleFile } from 'vite-plugin-singlefile';
import { contentSecurityPolicy } from './scripts/vite/csp.ts';
import { inlineWorkers } from './scripts/vite/inlineWorkers.ts';

export default defineConfig({
  base: './',
  // import.meta.env.MODE is 'file' in this build (the npm script passes --mode file).
  plugins: [
    react(),
    inlineWorkers(2),
    viteSingleFile({ outputFileName: 'meshpath.html' }),
    contentSecurityPolicy('file'),
  ],
  // Classic workers: a module worker from a blob: URL fails on a page opened from disk (its origin is
  // opaque, and module scripts are fetched with CORS), while a classic one starts.
  worker: { format: 'iife' },
  build: {
    outDir: 'dist-file',
    emptyOutDir: true,
    chunkSizeWarningLimit: 5000,
    reportCompressedSize: false,
    // Inlining everything is slow by nature; the timing report would only repeat that.
    rolldownOptions: { checks: { pluginTimings: false } },
  },
  logLevel: 'warn',
});
