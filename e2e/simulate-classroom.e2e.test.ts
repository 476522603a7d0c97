import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectChromium } from './browser';

// Classroom fixes on the Simulate page: after a drop-down, the keys are the page's shortcuts again
// (an arrow never silently switches the architecture), and proxyless gRPC is reachable by choosing
// the protocol on the page.

const baseURL = inject('baseURL');
let browser: Browser;
let page: Page;

const arch = () => page.evaluate(() => window.__meshpathScene?.arch ?? null);
const slowdown = async () => (await page.getByTestId('sim-slowdown').textContent()) ?? '';
const focusedTag = () => page.evaluate(() => document.activeElement?.tagName ?? '');

beforeAll(async () => {
  browser = await connectChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${baseURL}#/simulate?preset=one-request-slowly&arch=sidecar-envoy&aa=0&gl=0`);
  await page.getByTestId('scene').waitFor({ timeout: 30_000 });
});
afterAll(() => browser?.close());

describe('Simulate page in class (Chromium)', () => {
  it('an arrow on the architecture drop-down is a shortcut, not a silent switch; Escape leaves it', async () => {
    const select = page.getByTestId('arch-select');
    await select.focus();
    const before = await slowdown();
    await page.keyboard.press('ArrowDown');
    expect(await arch()).toBe('sidecar-envoy');
    expect(await select.inputValue()).toBe('sidecar-envoy');
    expect(await slowdown()).not.toBe(before); // ↓ is "slower"
    expect(await focusedTag()).not.toBe('SELECT');
    await select.focus();
    await page.keyboard.press('Escape');
    expect(await focusedTag()).not.toBe('SELECT');
    expect(await arch()).toBe('sidecar-envoy');
  });

  it('after choosing from a drop-down, the next key steps playback', async () => {
    await page.getByTestId('arch-select').selectOption('ambient');
    await expect.poll(arch, { timeout: 30_000 }).toBe('ambient');
    expect(await focusedTag()).not.toBe('SELECT');
    const clock = page.getByTestId('sim-time');
    const t0 = await clock.textContent();
    await page.keyboard.press('.');
    await expect.poll(() => clock.textContent(), { timeout: 10_000 }).not.toBe(t0);
  });

  it('choosing gRPC on the page makes proxyless gRPC runnable, and it draws', async () => {
    const option = page.locator('[data-testid="arch-select"] option[value="proxyless-grpc"]');
    expect(await option.isDisabled()).toBe(true); // the preset speaks HTTP/1.1
    await page.getByTestId('protocol-select').selectOption('grpc');
    await expect.poll(() => option.isDisabled(), { timeout: 30_000 }).toBe(false);
    await page.getByTestId('arch-select').selectOption('proxyless-grpc');
    await expect.poll(arch, { timeout: 30_000 }).toBe('proxyless-grpc');
    expect(page.url()).toContain('proto=grpc');
  });
});
