import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { preview } from 'vite';
import type { TestProject } from 'vitest/node';
import { CHROMIUM_ARGS } from './chromium';

// Serves the built site once for all browser tests; `npm test` builds it first. It takes a free port
// (so `npm start` may keep serving on 4173 meanwhile); E2E_PORT fixes one. One Chromium serves every
// test file too (each connects, and works in contexts of its own): a launch costs 1–2 s per file.
export default async function setup(project: TestProject) {
  if (!existsSync('dist/index.html'))
    throw new Error('dist/ is missing: run `npm run build` before the e2e tests');
  const server = await preview({
    preview: { host: '127.0.0.1', port: Number(process.env.E2E_PORT ?? 0), strictPort: true },
    logLevel: 'warn',
  });
  const browser = await chromium.launchServer({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    host: '127.0.0.1',
    args: CHROMIUM_ARGS,
  });
  project.provide('baseURL', server.resolvedUrls!.local[0]);
  project.provide('chromiumEndpoint', browser.wsEndpoint());
  return async () => {
    await browser.close();
    await server.close();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
    chromiumEndpoint: string;
  }
}
