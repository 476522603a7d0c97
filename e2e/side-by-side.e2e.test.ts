import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectChromium } from './browser';

// Side by side: library | sidecar | eBPF on one scenario, one seed, one clock.

const baseURL = inject('baseURL');
let browser: Browser;
let page: Page;

const hopsOf = async (arch: string) =>
  Number(
    /^(\d+) hops/.exec(
      (await page.locator(`section[data-arch="${arch}"] [data-testid="side-path"]`).textContent()) ?? '',
    )?.[1],
  );

beforeAll(async () => {
  browser = await connectChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
});
afterAll(() => browser?.close());

describe('side by side (Chromium)', () => {
  it('is reached from the Simulate page, draws each design, and counts the longer sidecar path', async () => {
    await page.goto(`${baseURL}#/simulate?preset=one-request-slowly&arch=sidecar-envoy&gl=0`);
    await page.getByRole('link', { name: 'Side by side with other designs' }).click();
    await expect.poll(() => page.url()).toContain('#/side?');
    for (const arch of ['library', 'sidecar-envoy', 'cilium-ebpf'])
      await page.locator(`section[data-arch="${arch}"] [data-testid="scene"]`).waitFor({ timeout: 60_000 });
    expect(await hopsOf('sidecar-envoy')).toBeGreaterThan(await hopsOf('library'));
    expect(await hopsOf('sidecar-envoy')).toBeGreaterThan(await hopsOf('cilium-ebpf'));
  });

  it('one clock: a step moves every picture to the same moment', async () => {
    const clock = page.getByTestId('sim-time');
    const t0 = await clock.textContent();
    await page.keyboard.press('.');
    await expect.poll(() => clock.textContent(), { timeout: 10_000 }).not.toBe(t0);
    expect(await page.getByTestId('sim-time').count()).toBe(1); // one clock for all designs
  });
});
