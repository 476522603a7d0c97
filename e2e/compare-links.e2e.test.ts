import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import bench from '../models/presets/istio-benchmark.json';
import legacy from '../src/model/fixtures/legacyLinks.json';
import { ScenarioSchema, type Scenario } from '../src/model/scenario';
import { encodeScenarioParam } from '../src/model/scenarioCodec';
import { connectChromium } from './browser';

// Short links in the browser: a preset's link with a few changes opens them, the page writes short
// links back, a link in the old format (the scenario's whole JSON) still opens, and a damaged link
// says what is wrong and keeps the scenario shown. Short runs keep the workers' share small.
const baseURL = inject('baseURL');
const base = ScenarioSchema.parse(bench);
const edited: Scenario = ScenarioSchema.parse({
  ...base,
  seed: 42,
  architectures: ['no-mesh', 'ambient'],
  workload: { ...base.workload, load: { ...base.workload.load, rps: 750 } },
  run: { warmupRequests: 100, measuredRequests: 1_000 },
});

let browser: Browser;
let page: Page;
const errors: string[] = [];

const sParam = (p: Page) => new URLSearchParams(new URL(p.url()).hash.split('?')[1] ?? '').get('s') ?? '';
const seedShown = (p: Page) => p.getByLabel(/^Seed/).inputValue();

beforeAll(async () => {
  browser = await connectChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (e) => errors.push(String(e)));
});

afterAll(() => browser?.close());

describe('short links on the Compare page (Chromium, built site)', () => {
  it('opens a preset with changes from its short link, and keeps the address short', async () => {
    const s = encodeScenarioParam(edited);
    expect(s).toMatch(/^2\.istio-benchmark\./);
    await page.goto(`${baseURL}#/compare?s=${s}&r=2`);
    await page
      .getByText(/The analytic estimate is shown until it finishes\.|Simulated:/)
      .first()
      .waitFor();
    expect(await seedShown(page)).toBe('42');
    expect(await page.getByLabel(/^Request rate/).inputValue()).toBe('750');
    expect(sParam(page)).toBe(s);
    expect(page.url().length).toBeLessThanOrEqual(2_000);
  });

  it('a link in the old format (whole JSON) opens, and the page rewrites it in the short form', async () => {
    const old = legacy.links[0];
    expect(old.s.length).toBeGreaterThan(2_000);
    await page.goto(`${baseURL}#/compare?s=${old.s}&r=2`);
    await page.waitForFunction(() => /s=2\./.test(location.hash), undefined, { timeout: 30_000 });
    expect(await seedShown(page)).toBe(String(old.scenario.seed));
    expect(await page.getByLabel(/^Nodes/).inputValue()).toBe(String(old.scenario.topology.nodes));
    // Rewritten as opened: the recorded scenario, with fields added since at their defaults.
    expect(sParam(page)).toBe(encodeScenarioParam(ScenarioSchema.parse(old.scenario)));
    expect(page.url().length).toBeLessThan(300);
  });

  it('a damaged or unknown-format link says what is wrong and keeps the scenario shown', async () => {
    const good = encodeScenarioParam(edited);
    await page.goto(`${baseURL}#/compare?s=${good}&r=2`);
    await page
      .getByText(/The analytic estimate is shown until it finishes\.|Simulated:/)
      .first()
      .waitFor();
    const cut = good.slice(0, good.lastIndexOf('.') - 3) + good.slice(good.lastIndexOf('.'));
    await page.evaluate((h) => (location.hash = h), `#/compare?s=${cut}&r=2`);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toMatch(
      /^The link’s scenario \(s=…\) is damaged: .*\(was the link cut short or edited\?\)\. The current scenario is kept\.$/,
    );
    expect(await seedShown(page)).toBe('42');
    await page.evaluate((h) => (location.hash = h), `#/compare?s=3.${good.slice(2)}&r=2`);
    await page.getByText(/uses link format 3, which this page cannot read/).waitFor();
    expect(await seedShown(page)).toBe('42');
    expect(errors).toEqual([]);
  });

  it('a shared link in a fresh browser: the service worker is registered only after its comparison and load sweep are done', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const fresh = await context.newPage();
      // Record, in page time, when the comparison settles (simulated, and its load sweep done) and when
      // the page registers its service worker.
      await fresh.addInitScript(() => {
        const w = window as unknown as { __settledAt?: number; __registeredAt?: number };
        const register = navigator.serviceWorker.register.bind(navigator.serviceWorker);
        navigator.serviceWorker.register = (...args: Parameters<typeof register>) => {
          w.__registeredAt ??= performance.now();
          return register(...args);
        };
        new MutationObserver(() => {
          const d = (document.querySelector('[data-testid="run-state"]') as HTMLElement | null)?.dataset;
          const sweep = (document.querySelector('[data-testid="sweep-state"]') as HTMLElement | null)
            ?.dataset;
          if (d?.simulated === 'true' && d.phase === 'idle' && sweep?.status === 'done')
            w.__settledAt ??= performance.now();
        }).observe(document, { subtree: true, childList: true, attributes: true });
      });
      await fresh.goto(`${baseURL}#/compare?s=${encodeScenarioParam(edited)}&r=2`);
      await fresh.waitForFunction(
        () => (window as unknown as { __registeredAt?: number }).__registeredAt !== undefined,
        undefined,
        { timeout: 60_000 },
      );
      const { settledAt, registeredAt } = await fresh.evaluate(() => {
        const w = window as unknown as { __settledAt?: number; __registeredAt: number };
        return { settledAt: w.__settledAt ?? null, registeredAt: w.__registeredAt };
      });
      expect(settledAt).not.toBeNull();
      expect(registeredAt).toBeGreaterThan(settledAt!);
      // And it still installs: the site works offline after this visit (e2e/offline.e2e.test.ts).
      const scope = await fresh.evaluate(() => navigator.serviceWorker.ready.then((r) => r.scope));
      expect(scope).toBe(new URL('./', baseURL).href);
    } finally {
      await context.close();
    }
  });
});
