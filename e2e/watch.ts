import type { Page } from 'playwright-core';

/**
 * What a page must never do, collected while a test drives it: break its Content-Security-Policy (the
 * page's `securitypolicyviolation` events, and those the app records in its workers — see
 * src/model/runtimeConfig.ts), send a request off its origin, or throw.
 */
export interface PageWatch {
  violations: string[];
  offOrigin: string[];
  errors: string[];
  /** The workers' recorded violations, read from each live worker. */
  workerViolations(): Promise<string[]>;
}

/** `allowed(url)` says which requests stay on the page's origin (for file://: file:, blob: and data:). */
export async function watchPage(page: Page, allowed: (url: string) => boolean): Promise<PageWatch> {
  const w: PageWatch = {
    violations: [],
    offOrigin: [],
    errors: [],
    async workerViolations() {
      const all: string[] = [];
      for (const worker of page.workers())
        all.push(
          ...(await worker.evaluate(
            () => (self as { __meshpathCspViolations?: string[] }).__meshpathCspViolations ?? [],
          )),
        );
      return all;
    },
  };
  await page.exposeFunction('__reportViolation', (v: string) => w.violations.push(v));
  await page.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { __reportViolation(v: string): void }).__reportViolation(
        `${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`,
      ),
    ),
  );
  page.on('request', (r) => {
    if (!allowed(r.url())) w.offOrigin.push(r.url());
  });
  page.on('pageerror', (e) => w.errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') w.errors.push(m.text());
  });
  return w;
}
