import { axeOn } from './axe';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SAMPLES } from '../src/app/samples';
import { simulate } from '../src/engine';
import type { RunSummary } from '../src/model/result';
import { formatDuration } from '../src/ui/format';
import { connectChromium } from './browser';

const baseURL = inject('baseURL');
let browser: Browser;
let page: Page;
const consoleErrors: string[] = [];
const requested: string[] = [];

const lastSummary = () =>
  page.evaluate(() => (window as unknown as { __meshpathLastSummary?: RunSummary }).__meshpathLastSummary);
const statText = async (stat: string) =>
  ((await page.locator(`[data-stat="${stat}"]`).textContent()) ?? '').replace(/\s+/g, ' ');
const norm = (s: string) => s.replace(/\s+/g, ' ');

async function run(sample: string, seed: string) {
  await page.getByLabel(sample, { exact: true }).check();
  await page.getByLabel('Seed', { exact: true }).fill(seed);
  await page.getByRole('button', { name: 'Run' }).click();
}

beforeAll(async () => {
  browser = await connectChromium();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } }); // axe needs a context's page
  page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  page.on('request', (r) => requested.push(r.url()));
  await page.goto(baseURL + '#/engine');
});

afterAll(() => browser?.close());

describe('meshpath in Chromium (built site)', () => {
  it('loads with no console errors, under its CSP', async () => {
    await expect.poll(() => page.title()).toBe('meshpath');
    await page.getByRole('heading', { level: 1, name: 'Engine check' }).waitFor();
    await page.getByRole('button', { name: 'Run' }).waitFor();
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(csp).toContain("script-src 'self'");
    expect(consoleErrors).toEqual([]);
  });

  it('runs M/M/1 at ρ = 0.5 in the worker: near theory, and exactly what Node computes', async () => {
    await run('M/M/1 at ρ = 0.5', '1');
    await page
      .getByRole('heading', { name: 'Result: M/M/1 at ρ = 0.5, seed 1' })
      .waitFor({ timeout: 30_000 });
    const browserSummary = (await lastSummary())!;
    const mean = browserSummary.latency.intended.mean;
    expect(Math.abs(mean - 2) / 2).toBeLessThan(0.03); // M/M/1: 1/(μ − λ) = 2 µs

    const nodeSummary = simulate({ ...SAMPLES.find((s) => s.id === 'mm1-0.5')!.spec, seed: 1 });
    expect(mean).toBe(nodeSummary.latency.intended.mean);
    expect(browserSummary.latency.intended.p99).toBe(nodeSummary.latency.intended.p99);
    expect(JSON.stringify(browserSummary)).toBe(JSON.stringify(nodeSummary));
    expect(await statText('mean')).toBe(norm(formatDuration(nodeSummary.latency.intended.mean)));
    expect(await statText('p99')).toBe(norm(formatDuration(nodeSummary.latency.intended.p99)));
    expect(await statText('analytic-mean')).toBe('2.000 µs');
  });

  it('stays responsive during a long run: Cancel works mid-run and the previous result stays', async () => {
    await run('M/M/1 at ρ = 0.9', '1');
    const bar = page.getByRole('progressbar');
    await page.waitForFunction(() => (document.querySelector('progress')?.value ?? 0) > 0.01);
    // The main thread answers while the worker computes.
    const started = Date.now();
    await page.evaluate(() => document.title);
    expect(Date.now() - started).toBeLessThan(1_000);
    const at = Number(await bar.getAttribute('value'));
    expect(at).toBeLessThan(1);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect
      .poll(() => page.getByRole('status').textContent())
      .toBe('Cancelled M/M/1 at ρ = 0.9, seed 1. The previous result is still shown.');
    expect(await bar.count()).toBe(0);
    await page.waitForTimeout(500); // a cancelled run must not deliver a result later
    expect(await page.getByRole('heading', { name: 'Result: M/M/1 at ρ = 0.5, seed 1' }).isVisible()).toBe(
      true,
    );
    expect((await lastSummary())!.seed).toBe(1);
    expect(await page.getByRole('button', { name: 'Run' }).isEnabled()).toBe(true);
  });

  it('a bad seed shows an error naming the field, and the previous result stays', async () => {
    const meanBefore = await statText('mean');
    await run('M/M/1 at ρ = 0.5', '12abc');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(
      /^Seed must be a whole number from 0 to 4294967295\. Keeping the previous seed, 1/,
    );
    expect(await page.getByLabel('Seed', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await statText('mean')).toBe(meanBefore);
    expect(await page.getByRole('heading', { name: 'Result: M/M/1 at ρ = 0.5, seed 1' }).isVisible()).toBe(
      true,
    );
  });

  it('has no serious or critical axe violations (with results and an error shown)', async () => {
    const r = await axeOn(page).withTags(['wcag2a', 'wcag2aa']).analyze();
    const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });

  it('works from the keyboard: Enter in the seed field runs, focus lands on the result', async () => {
    const seed = page.getByLabel('Seed', { exact: true });
    await seed.focus();
    await page.keyboard.press('Escape'); // restores the last valid seed
    expect(await seed.inputValue()).toBe('1');
    await page.keyboard.press('Shift+Tab'); // back into the scenario radio group, on the checked M/M/1 ρ = 0.5
    await page.keyboard.press('ArrowDown'); // M/M/1 ρ = 0.9
    await page.keyboard.press('ArrowDown'); // 3-station tandem
    expect(await page.getByLabel('3-station tandem').isChecked()).toBe(true);
    await seed.focus();
    await page.keyboard.press('Enter');
    const heading = page.getByRole('heading', { name: /^Result: 3-station tandem, seed 1$/ });
    await heading.waitFor({ timeout: 30_000 });
    expect(await heading.evaluate((h) => h === document.activeElement)).toBe(true);
    const focusStyle = await page.getByRole('button', { name: 'Run' }).evaluate((b) => {
      (b as HTMLButtonElement).focus();
      return getComputedStyle(b).outlineStyle;
    });
    expect(focusStyle).not.toBe('none');
  });

  it('the skip link moves focus to the content without leaving the page (hash routes)', async () => {
    const fresh = await (await browser.newContext()).newPage();
    await fresh.goto(baseURL + '#/engine');
    await fresh.getByRole('heading', { level: 1, name: 'Engine check' }).waitFor();
    await fresh.keyboard.press('Tab');
    expect(await fresh.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await fresh.keyboard.press('Enter');
    expect(await fresh.evaluate(() => document.activeElement?.id)).toBe('content');
    expect(new URL(fresh.url()).hash).toBe('#/engine');
    expect(await fresh.getByRole('heading', { level: 1, name: 'Engine check' }).isVisible()).toBe(true);
    await fresh.context().close();
  });

  it('the home page leads with the course, and its three packets move together; still under reduced motion', async () => {
    const home = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await home.goto(baseURL + '#/');
    const first = home.getByRole('main').getByRole('link').first();
    expect(await first.innerText()).toBe('Start the course');
    // The figure is on the first screen, under the first action.
    expect((await home.getByTestId('home-paths').boundingBox())!.y).toBeLessThan(800 - 200);
    const xs = () =>
      home.evaluate(() =>
        [...document.querySelectorAll('[data-testid=home-packet]')].map((c) => c.getBoundingClientRect().x),
      );
    // Where the library's packet rests, over its lane's first stop: the first reading of xs() may
    // already be mid-journey on a slow machine, so the start is read from the drawing, not the packet.
    const startX = await home.evaluate(() => {
      const stop = document.querySelector('[data-lane] .home-stop rect')!.getBoundingClientRect();
      const packet = document.querySelector('[data-testid=home-packet]')!.getBoundingClientRect();
      return stop.x + stop.width / 2 - packet.width / 2;
    });
    // After the library's and eBPF's packets have arrived, the sidecar's is still on its way (the
    // cycle is 9 s; they arrive at 0.4 of it, the sidecar's at 0.8): true for 0.6 of every cycle.
    await expect
      .poll(
        async () => {
          const [lib, side, ebpf] = await xs();
          return lib > startX + 300 && ebpf === lib && side > lib;
        },
        { timeout: 20_000 },
      )
      .toBe(true);
    await home.emulateMedia({ reducedMotion: 'reduce' });
    await home.reload();
    await home.getByTestId('home-paths').waitFor();
    const still = await xs();
    await home.waitForTimeout(1000);
    expect(await xs()).toEqual(still);
    await home.context().close();
  });

  it('a pointer such as "costs.md §9" opens that section of a document shipped with the site, axe clean', async () => {
    await page.goto(baseURL + '#/sources');
    await page.getByRole('heading', { level: 1, name: 'Sources' }).waitFor();
    const estimate = page.locator('#citation-meshpath-estimate');
    await estimate.getByRole('link', { name: 'costs.md §9' }).click();
    const heading = page.locator('#section-9');
    await heading.waitFor();
    expect(new URL(page.url()).hash).toBe('#/sources/costs/9');
    expect(await heading.innerText()).toMatch(/Suggested default hop costs/);
    // Landed on: in view and focused, so the keyboard and a screen reader start there.
    const box = await heading.boundingBox();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y).toBeLessThan(900);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('section-9');
    const r = await axeOn(page).withTags(['wcag2a', 'wcag2aa']).analyze();
    const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });

  it('made no request outside its origin and logged no errors', () => {
    const origin = new URL(baseURL).origin;
    expect(requested.filter((u) => !u.startsWith(origin) && !u.startsWith('data:'))).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
