import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectChromium } from './browser';

// The inspector's layer-by-layer view fits the inspector at laptop widths: no sideways scroll, and every
// "out" value lies inside the inspector's box (a first-time user found the out column off-screen).

const baseURL = inject('baseURL');
let browser: Browser;

beforeAll(async () => {
  browser = await connectChromium();
});

afterAll(() => browser?.close());

/** Steps the ambient one-request preset until the "TCP/IP receive" event is listed, then opens it in the inspector. */
async function openTcpReceive(page: Page) {
  await page.goto(`${baseURL}#/simulate?preset=one-request-slowly&arch=ambient&aa=0`);
  await page.getByTestId('scene').waitFor({ timeout: 30_000 });
  const rows = page.locator('.sim-events tbody tr').filter({ hasText: 'TCP/IP receive' });
  for (let i = 0; i < 40 && (await rows.count()) === 0; i++)
    await page.getByRole('button', { name: 'Step', exact: true }).click();
  expect(await rows.count()).toBeGreaterThan(0);
  await rows.first().getByRole('button').first().click();
  const view = page.getByTestId('inspector').getByTestId('layer-view');
  await view.waitFor();
  return view;
}

describe('Simulate inspector: layer view fits the inspector', () => {
  for (const [width, height] of [
    [1280, 720],
    [1024, 768],
  ] as const) {
    it(`at ${width} × ${height}: no sideways overflow, the out values sit inside the inspector`, async () => {
      const page = await (await browser.newContext({ viewport: { width, height } })).newPage();
      const view = await openTcpReceive(page);
      expect(await view.getAttribute('data-variant')).toBe('tcp.rx/receive');
      const m = await page.evaluate(() => {
        const inspector = document.querySelector('[data-testid="inspector"]')!;
        const v = inspector.querySelector('[data-testid="layer-view"]')!;
        const table = v.querySelector('table')!;
        const box = inspector.getBoundingClientRect();
        const outs = [...v.querySelectorAll('[data-testid="layer-out"]')].map((o) =>
          o.getBoundingClientRect(),
        );
        const actions = [...v.querySelectorAll('.sim-layer-action')].map((a) => ({
          text: a.textContent,
          right: a.getBoundingClientRect().right,
        }));
        return {
          view: { scroll: v.scrollWidth, client: v.clientWidth },
          table: { right: table.getBoundingClientRect().right },
          inspector: { left: box.left, right: box.right, width: box.width },
          outs: outs.map((o) => ({ left: o.left, right: o.right, width: o.width })),
          actions,
        };
      });
      expect(m.inspector.width).toBeGreaterThan(250);
      expect(m.view.scroll).toBeLessThanOrEqual(m.view.client);
      expect(m.table.right).toBeLessThanOrEqual(m.inspector.right + 0.5);
      // TCP/IP receive keeps HTTP (and HBONE/TLS in ambient) and removes TCP, IP and Ethernet: at least one out value.
      expect(m.outs.length).toBeGreaterThan(0);
      for (const o of m.outs) {
        expect(o.width).toBeGreaterThan(0);
        expect(o.left).toBeGreaterThanOrEqual(m.inspector.left - 0.5);
        expect(o.right).toBeLessThanOrEqual(m.inspector.right + 0.5);
      }
      // The action words show whole ("passes untouched", not cut off).
      expect(m.actions.map((a) => a.text)).toContain('passes untouched');
      for (const a of m.actions) expect(a.right).toBeLessThanOrEqual(m.inspector.right + 0.5);
      // The page itself does not scroll sideways either.
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await page.context().close();
    }, 90_000);
  }
});
