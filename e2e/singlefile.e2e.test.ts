import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../src/app/comparePage'; // the window.__meshpathLastComparison type
import { countCanvasPixels } from './canvasPixels';
import { connectChromium } from './browser';
import { watchPage, type PageWatch } from './watch';

// The single-file build opened from disk (file://), as from a USB stick: every page works with the
// workers inlined, under its own Content-Security-Policy, with no request leaving the file. And the
// normal build opened from disk by mistake explains itself instead of showing a blank page.

const singleFile = pathToFileURL(resolve('dist-file/meshpath.html')).href;
const servedIndex = pathToFileURL(resolve('dist/index.html')).href;
const local = (u: string) => /^(file|blob|data):/.test(u);

let browser: Browser;
let page: Page;
let watch: PageWatch;

beforeAll(async () => {
  browser = await connectChromium();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  watch = await watchPage(page, local);
});
afterAll(() => browser?.close());

describe('the single file, opened from disk', () => {
  it('Simulate draws the 3D scene from the inlined trace worker', async () => {
    await page.goto(`${singleFile}#/simulate?preset=one-request-slowly&arch=sidecar-envoy&aa=0`);
    await page.waitForFunction(() => (window.__meshpathScene?.frames ?? 0) > 0, null, { timeout: 30_000 });
    const probe = await page.evaluate(() => window.__meshpathScene!);
    expect(probe.mode).toBe('3d');
    expect(probe.counts).toMatchObject({ nodes: 2, pods: 2, sidecars: 2 });
    expect(await countCanvasPixels(page, 'lit')).toBeGreaterThan(5_000);
    // Stepping asks the trace worker for events: the event list fills.
    await page.getByRole('button', { name: 'Step', exact: true }).click();
    await expect
      .poll(() => page.locator('.sim-events tbody tr').count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
  });

  it('Compare finishes a simulation on the inlined engine workers', async () => {
    await page.goto(`${singleFile}#/compare`);
    await page.locator('[data-testid="run-state"][data-simulated="true"]').waitFor({ timeout: 60_000 });
    const results = await page.evaluate(() =>
      (window.__meshpathLastComparison?.results ?? []).map((r) => ({
        arch: r.architecture,
        p50: r.unsupported ? undefined : r.latency.p50.mean,
      })),
    );
    expect(results.length).toBeGreaterThanOrEqual(2);
    expect(results.find((r) => r.arch === 'no-mesh')?.p50).toBeGreaterThan(0);
  });

  it('the course lists its lessons', async () => {
    await page.goto(`${singleFile}#/lessons`);
    await expect.poll(() => page.locator('[data-testid="course-list"] > li').count()).toBe(12);
  });

  it('broke no security policy, sent nothing off the file and logged no error', async () => {
    expect(watch.violations).toEqual([]);
    expect(await watch.workerViolations()).toEqual([]);
    expect(watch.offOrigin).toEqual([]);
    expect(watch.errors.filter((e) => !/GL Driver|GPU stall/.test(e))).toEqual([]);
  });
});

describe('the served build, opened from disk by mistake', () => {
  it('says how to serve it and where the single file is, instead of a blank page', async () => {
    const p = await browser.newPage();
    await p.goto(`${servedIndex}#/compare`);
    const alert = p.getByRole('alert');
    await expect.poll(() => alert.count()).toBe(1);
    expect(await alert.innerText()).toContain('opened from disk');
    expect(await p.getByRole('link', { name: 'meshpath.html' }).getAttribute('href')).toBe('meshpath.html');
    expect(await p.locator('main').innerText()).toContain('npm start');
    await p.close();
  });
});
