// The single-file build (`npm run build:file`): dist-file/meshpath.html holds the whole app — scripts,
// styles, models, lessons and both workers (started from blob: URLs) — so it opens from disk (file://),
// where a browser loads no other file. No service worker; its own Content-Security-Policy.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { readFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vite';
import { viteSingleFile } from 'vite-plugin-singlefile';
import { contentSecurityPolicy } from './scripts/vite/csp.ts';
import { inlineWorkers } from './scripts/vite/inlineWorkers.ts';

/** The page's links to files beside it (icons, manifest, social image) become the icon inline, or go. */
function selfContainedHead(): Plugin {
  const icon = `data:image/svg+xml;base64,${readFileSync('public/favicon.svg').toString('base64')}`;
  return {
    name: 'meshpath:self-contained-head',
    transformIndexHtml: (html) =>
      html
        .replace(/<link rel="icon"[^>]*>/, `<link rel="icon" href="${icon}" type="image/svg+xml" />`)
        .replace(/\s*<link rel="(apple-touch-icon|manifest)"[^>]*>/g, '')
        .replace(/\s*<meta property="og:image"[^>]*>/, ''),
  };
}

export default defineConfig({
  base: './',
  // No service worker from disk: the app's registration module is a stub here.
  resolve: {
    alias: {
      'virtual:pwa-register': fileURLToPath(new URL('./src/app/noServiceWorker.ts', import.meta.url)),
    },
  },
  // Icons and the web app manifest stay with the served site; the single file carries its icon inline.
  publicDir: false,
  // import.meta.env.MODE is 'file' in this build (the npm script passes --mode file).
  plugins: [
    react(),
    selfContainedHead(),
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
