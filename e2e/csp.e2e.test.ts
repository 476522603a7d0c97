import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import '../src/app/comparePage'; // the window.__meshpathLastComparison type
import { connectChromium } from './browser';
import { watchPage, type PageWatch } from './watch';

// The served build under its Content-Security-Policy (scripts/vite/csp.ts; the single file has its own
// test in singlefile.e2e.test.ts): every page is used with no violation, in the page or its workers, and
// no request leaves the origin.

const baseURL = inject('baseURL');
const origin = new URL(baseURL).origin;
let browser: Browser;
let page: Page;
let watch: PageWatch;

const policy = () =>
  page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content') as Promise<string>;

beforeAll(async () => {
  browser = await connectChromium();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  watch = await watchPage(page, (u) => u.startsWith(`${origin}/`) || /^(blob|data):/.test(u));
});
afterAll(() => browser?.close());

describe('Content-Security-Policy of the served site', () => {
  it('allows no eval, sets base-uri, form-action and worker-src, and names no other origin', async () => {
    await page.goto(baseURL);
    const p = await policy();
    expect(p).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/=]+';/);
    expect(p).toContain("worker-src 'self'");
    expect(p).toContain("base-uri 'none'");
    expect(p).toContain("form-action 'none'");
    expect(p).not.toMatch(/unsafe-eval|https?:|\*/);
    // Loading the site is itself clean: zod's eval probe once fired here, as a shared chunk built its
    // schemas before the entry had set jitless mode (and the check below counted it as its own).
    await page.getByRole('link', { name: 'Start the course' }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(watch.violations).toEqual([]);
    // The watcher sees a violation when there is one: code from a string (setTimeout's eval) is refused.
    await page.evaluate(() => setTimeout('window.__evalRan = true', 0));
    await expect.poll(() => watch.violations.length).toBe(1);
    expect(await page.evaluate(() => (window as { __evalRan?: boolean }).__evalRan)).toBeUndefined();
    expect(watch.violations[0]).toMatch(/^script-src blocked eval/);
    await expect.poll(() => watch.errors.some((e) => e.includes('unsafe-eval'))).toBe(true);
    watch.violations.length = 0;
    watch.errors.length = 0;
  });

  it('every page works with no violation and no request off the origin', async () => {
    await page.goto(`${baseURL}#/lessons`);
    await expect.poll(() => page.locator('[data-testid="course-list"] > li').count()).toBe(12);
    // Styled on the first page visited: one stylesheet serves every page (a split one left .sr-only unstyled).
    expect((await page.locator('.course-list h3.sr-only').first().boundingBox())!.width).toBeLessThanOrEqual(
      1,
    );
    await page.goto(`${baseURL}#/simulate?preset=one-request-slowly&arch=sidecar-envoy&aa=0`);
    await page.waitForFunction(() => (window.__meshpathScene?.frames ?? 0) > 0, null, { timeout: 30_000 });
    await page.getByRole('button', { name: 'Step', exact: true }).click();
    await expect
      .poll(() => page.locator('.sim-events tbody tr').count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
    const traceWorkerViolations = await watch.workerViolations();
    await page.goto(`${baseURL}#/compare`);
    await page.locator('[data-testid="run-state"][data-simulated="true"]').waitFor({ timeout: 60_000 });
    expect(await page.evaluate(() => window.__meshpathLastComparison?.results.length)).toBeGreaterThan(1);
    await page.goto(`${baseURL}#/engine`);
    await page.getByRole('heading', { name: 'Engine check' }).waitFor();
    expect(page.workers().length).toBeGreaterThan(0);
    expect(watch.violations).toEqual([]);
    expect(traceWorkerViolations).toEqual([]);
    expect(await watch.workerViolations()).toEqual([]);
    expect(watch.offOrigin).toEqual([]);
    expect(watch.errors.filter((e) => !/GL Driver|GPU stall/.test(e))).toEqual([]);
  });
});
