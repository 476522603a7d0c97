import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEFAULT_SCENARIO } from '../src/app/compareModels';
import { runComparison } from '../src/engine/compare';
import { toComparisonView, type ComparisonView } from '../src/engine/scenario/view';
import { ScenarioSchema } from '../src/model/scenario';
import { encodeScenarioParam } from '../src/model/scenarioCodec';
import { connectChromium } from './browser';

// A worker that stops answering is noticed, replaced and said so, and the page recovers instead of
// hanging. The test-only `fault` URL parameter (src/worker/faults.ts) tells the first worker the page
// starts to fall silent; the watchdog's deadline is 5 s of silence. The four pages wait out their
// watchdogs at once (each in a context of its own; each test asserts with its own `expect`).

const baseURL = inject('baseURL');
const RESTARTED = (worker: string) => `The ${worker} worker stopped answering; it was restarted.`;

let browser: Browser;
const pageErrors: string[] = [];

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  return page;
}

const notice = (p: Page) => p.getByTestId('worker-notice');
const sceneFrames = (p: Page) =>
  p.waitForFunction(() => (window.__meshpathScene?.frames ?? 0) > 0, null, { timeout: 30_000 });

beforeAll(async () => {
  browser = await connectChromium();
});
afterAll(() => browser?.close());

describe('a silent worker is replaced and the page recovers (built site, Chromium)', () => {
  it.concurrent(
    'Simulate: a trace worker silent from the start — "Compiling…" gives way to the picture after a restart',
    async ({ expect }) => {
      const page = await newPage();
      const t0 = Date.now();
      await page.goto(
        `${baseURL}#/simulate?preset=one-request-slowly&arch=sidecar-envoy&gl=0&fault=silent-trace`,
      );
      await expect.poll(() => page.locator('.sim-loading').count()).toBe(1);
      await notice(page).waitFor({ timeout: 20_000 });
      expect(await notice(page).innerText()).toContain(RESTARTED('trace'));
      await page.getByTestId('scene').waitFor({ timeout: 30_000 });
      await sceneFrames(page);
      // Noticed within a few seconds of silence, not after a long wait.
      expect(Date.now() - t0).toBeLessThan(20_000);
      await page.getByRole('button', { name: 'Step', exact: true }).click();
      await expect.poll(() => page.locator('.sim-events tbody tr').count()).toBe(1);
      await page.context().close();
    },
  );

  it.concurrent(
    'Simulate: a trace worker that falls silent after the picture is shown — the picture comes back',
    async ({ expect }) => {
      const page = await newPage();
      await page.goto(
        `${baseURL}#/simulate?preset=one-request-slowly&arch=sidecar-envoy&gl=0&fault=silent-trace-after-1`,
      );
      await page.getByTestId('scene').waitFor({ timeout: 30_000 });
      // Its first window of records is never answered: the event list cannot fill; the watchdog steps in.
      await notice(page).waitFor({ timeout: 20_000 });
      expect(await notice(page).innerText()).toContain(RESTARTED('trace'));
      await page.getByTestId('scene').waitFor({ timeout: 30_000 });
      await sceneFrames(page);
      await page.getByRole('button', { name: 'Step', exact: true }).click();
      await expect.poll(() => page.locator('.sim-events tbody tr').count()).toBe(1);
      expect(await page.getByTestId('session-error').count()).toBe(0);
      await notice(page).getByRole('button', { name: 'Dismiss' }).click();
      expect(await notice(page).count()).toBe(0);
      await page.context().close();
    },
  );

  it.concurrent(
    'Compare: the estimate and the run finish after the engine worker is replaced, with the numbers Node computes',
    async ({ expect }) => {
      const page = await newPage();
      const small = ScenarioSchema.parse({
        ...DEFAULT_SCENARIO,
        name: 'e2e-silent',
        architectures: ['no-mesh', 'sidecar-envoy'],
        run: { warmupRequests: 100, measuredRequests: 1_000 },
      });
      await page.goto(`${baseURL}#/compare?s=${encodeScenarioParam(small)}&r=2&p=fixed&fault=silent-engine`);
      await notice(page).waitFor({ timeout: 20_000 });
      expect(await notice(page).innerText()).toContain(RESTARTED('engine'));
      await page.locator('[data-testid="run-state"][data-simulated="true"]').waitFor({ timeout: 40_000 });
      const got = await page.evaluate(
        () => (window as unknown as { __meshpathLastComparison?: ComparisonView }).__meshpathLastComparison,
      );
      expect(JSON.stringify(got)).toBe(
        JSON.stringify(toComparisonView(runComparison(small, { replications: 2 }))),
      );
      await page.context().close();
    },
  );

  it.concurrent(
    'Engine check: a run on a silent worker fails with the reason and Retry runs it on the new worker',
    async ({ expect }) => {
      const page = await newPage();
      await page.goto(`${baseURL}#/engine?fault=silent-engine`);
      await page.getByRole('button', { name: 'Run', exact: true }).click();
      await expect
        .poll(() => page.locator('.sample-run [role="status"]').innerText(), { timeout: 20_000 })
        .toContain(`The run failed. ${RESTARTED('engine')}`);
      await page.getByRole('button', { name: 'Retry' }).click();
      await expect
        .poll(() => page.locator('.sample-run [role="status"]').innerText(), { timeout: 20_000 })
        .toMatch(/^Finished /);
      await page.context().close();
    },
  );

  it('no uncaught errors on the way', () => {
    expect(pageErrors).toEqual([]);
  });
});
