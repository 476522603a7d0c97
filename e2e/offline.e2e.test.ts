import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { preview, type PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectChromium } from './browser';

// After one visit, the served site works with no network at all: the browser is set offline and the
// server is shut down, then every page is reloaded and used, workers included (service worker,
// src/app/serviceWorker.ts). A new version deployed meanwhile is offered, and accepting it reloads
// into it. This file serves a copy of dist/ itself, on a port of its own, so it can change and stop it.

let server: PreviewServer | null;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let base: string;
let site: string;

beforeAll(async () => {
  site = mkdtempSync(join(tmpdir(), 'meshpath-site-'));
  cpSync('dist', site, { recursive: true });
  server = await preview({
    build: { outDir: site },
    preview: { host: '127.0.0.1', port: 0 },
    logLevel: 'warn',
  });
  base = server.resolvedUrls!.local[0];
  browser = await connectChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(site, { recursive: true, force: true });
});

describe('offline after one visit', () => {
  it('the first visit installs a service worker that precaches the site', async () => {
    await page.goto(base);
    await page.getByRole('heading', { name: 'meshpath', level: 1 }).waitFor();
    // ready: the worker is active, so its install (precaching every file) has finished.
    const scope = await page.evaluate(() =>
      Promise.race([
        navigator.serviceWorker.ready.then((r) => r.scope),
        new Promise((resolve) => setTimeout(() => resolve('no service worker became ready in 20 s'), 20_000)),
      ]),
    );
    expect(scope).toBe(base);
    const cached = await page.evaluate(async () => {
      const names = await caches.keys();
      let n = 0;
      for (const name of names) n += (await (await caches.open(name)).keys()).length;
      return n;
    });
    expect(cached).toBeGreaterThan(20);
  });

  it('a new version deployed later is offered, and accepting it reloads the page into it', async () => {
    // "Deploy" a version whose index.html differs: the page and the service worker's list of files change.
    const index = readFileSync(join(site, 'index.html'), 'utf8');
    writeFileSync(
      join(site, 'index.html'),
      index.replace('<title>meshpath</title>', '<title>meshpath (v2)</title>'),
    );
    const sw = readFileSync(join(site, 'sw.js'), 'utf8');
    const changed = sw.replace(/(url:"index\.html",revision:")[^"]+"/, '$1v2"');
    expect(changed).not.toBe(sw);
    writeFileSync(join(site, 'sw.js'), changed);
    await page.reload(); // the page is now controlled by the first version's worker
    expect(await page.title()).toBe('meshpath');
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
    const offer = page.getByTestId('update-notice');
    await offer.waitFor({ timeout: 20_000 });
    expect(await page.title()).toBe('meshpath'); // nothing of v2 runs until it is accepted
    await Promise.all([page.waitForEvent('load'), offer.getByRole('button', { name: 'Update now' }).click()]);
    await expect.poll(() => page.title(), { timeout: 15_000 }).toBe('meshpath (v2)');
    expect(await page.getByTestId('update-notice').count()).toBe(0);
  });

  it('with the network off and the server gone, a reload shows the home page', async () => {
    await context.setOffline(true);
    await server!.close();
    server = null;
    await page.reload();
    await page.getByRole('heading', { name: 'meshpath', level: 1 }).waitFor({ timeout: 15_000 });
    expect(await page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
  });

  it('Simulate draws in 3D and plays from its worker', async () => {
    await page.goto(`${base}#/simulate?preset=one-request-slowly&arch=sidecar-envoy&aa=0`);
    await page.waitForFunction(() => (window.__meshpathScene?.frames ?? 0) > 0, null, { timeout: 30_000 });
    expect(await page.evaluate(() => window.__meshpathScene!.mode)).toBe('3d');
    await page.getByRole('button', { name: 'Step', exact: true }).click();
    await expect
      .poll(() => page.locator('.sim-events tbody tr').count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
  });

  it('Compare finishes a simulation, the course and the engine check open', async () => {
    await page.goto(`${base}#/compare`);
    await page.locator('[data-testid="run-state"][data-simulated="true"]').waitFor({ timeout: 60_000 });
    await page.goto(`${base}#/lessons`);
    await expect.poll(() => page.locator('[data-testid="course-list"] > li').count()).toBe(12);
    await page.goto(`${base}#/engine`);
    await page.getByRole('heading', { name: 'Engine check' }).waitFor();
    // Reloading a page other than home works too.
    await page.reload();
    await page.getByRole('heading', { name: 'Engine check' }).waitFor({ timeout: 15_000 });
  });
});
