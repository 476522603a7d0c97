import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';

// Every browser entry imports the runtime configuration before anything else, so no schema parses
// before zod is told not to probe for eval (a Content-Security-Policy violation otherwise).
const ENTRIES = ['src/app/main.tsx', 'src/worker/engine.worker.ts', 'src/worker/trace/trace.worker.ts'];

describe('browser entries', () => {
  it.each(ENTRIES)('%s imports model/runtimeConfig first', (file) => {
    const firstImport = /^import\s+(?:[^'"]*from\s+)?['"]([^'"]+)['"]/m.exec(readFileSync(file, 'utf8'));
    expect(firstImport?.[1]).toMatch(/\/model\/runtimeConfig$/);
  });

  it('the runtime configuration turns zod jitless', async () => {
    await import('../model/runtimeConfig');
    expect(z.config().jitless).toBe(true);
  });
});
