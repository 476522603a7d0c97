import { existsSync } from 'node:fs';
import { preview } from 'vite';
import type { TestProject } from 'vitest/node';

// Serves the built site once for all browser tests; `npm test` builds it first. It takes a free port
// (so `npm start` may keep serving on 4173 meanwhile); E2E_PORT fixes one.
export default async function setup(project: TestProject) {
  if (!existsSync('dist/index.html'))
    throw new Error('dist/ is missing: run `npm run build` before the e2e tests');
  const server = await preview({
    preview: { host: '127.0.0.1', port: Number(process.env.E2E_PORT ?? 0), strictPort: true },
    logLevel: 'warn',
  });
  project.provide('baseURL', server.resolvedUrls!.local[0]);
  return async () => {
    await server.close();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
  }
}
