import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectChromium } from './browser';

// Plain words beyond the lessons (issue #13): terms on Compare and in Simulate's legend and inspector
// open the glossary's popover by keyboard alone (Tab to the term, Enter), its definition loaded on
// first use; Escape closes it and gives focus back to the term.

const baseURL = inject('baseURL');
let browser: Browser;
let page: Page;
const errors: string[] = [];

/** Presses Tab until the focused element is the glossary term with these words (at most `max` presses). */
async function tabToTerm(words: string, max = 200) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const hit = await page.evaluate(
      (w) =>
        document.activeElement?.classList.contains('glossary-button') === true &&
        document.activeElement.textContent?.trim() === w,
      words,
    );
    if (hit) return i + 1;
  }
  throw new Error(`focus never reached the term "${words}"`);
}

async function openByKeyboard(words: string, term: RegExp) {
  await tabToTerm(words);
  await page.keyboard.press('Enter');
  const pop = page.getByTestId('glossary-popover');
  await pop.locator('strong').waitFor();
  expect(await pop.textContent()).toMatch(term);
  expect(await pop.getAttribute('role')).toBe('dialog');
  await page.keyboard.press('Escape');
  expect(await pop.count()).toBe(0);
  expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe(words);
}

beforeAll(async () => {
  browser = await connectChromium();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
});

afterAll(() => browser?.close());

describe('glossary links outside the lessons (built site, Chromium)', () => {
  it('Compare: a feature hint’s term opens its definition by keyboard', async () => {
    await page.goto(`${baseURL}#/compare`);
    await page.locator('#feature-mtls').waitFor();
    await openByKeyboard('mTLS', /^mTLS: .{10,}Close$/);
    await openByKeyboard('WireGuard', /^WireGuard: .{10,}Close$/);
  });

  it('Simulate: the legend’s words open their definitions by keyboard', async () => {
    await page.goto(`${baseURL}#/simulate?preset=one-request-slowly&arch=sidecar-envoy&gl=0`);
    await page.getByTestId('legend').waitFor({ timeout: 60_000 });
    await openByKeyboard('sidecar proxy', /^sidecar: .{10,}Close$/);
    await openByKeyboard('netfilter (iptables/nftables chains)', /^netfilter: .{10,}Close$/);
  });

  it('logged no errors', () => {
    expect(errors).toEqual([]);
  });
});
