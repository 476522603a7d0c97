import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { canvasPixels } from './canvasPixels';
import { connectChromium } from './browser';

// A lesson's narration points at the picture (issue #13). The highlight is the Simulate session's
// state, set by the lesson host; here the built site draws it. In 3D (lesson 6: its "redirect" step
// highlights the node proxies, ztunnel) the pixels around each highlighted component change (a glow
// and an outline) while the background does not; in 2D (gl=0; lesson 3: "idea" highlights the
// sidecars, "redirect" the client's netfilter hops) the marks and hop paths are SVG over a dimmed
// topology. The wait after each names nothing, and the highlight goes.

const baseURL = inject('baseURL');
let browser: Browser;
let page: Page;
const errors: string[] = [];

const highlight = () => page.evaluate(() => window.__meshpathScene?.highlight ?? null);
async function at(id: string, status = 'done', timeout = 60_000) {
  await page.waitForFunction(
    ([want, st]) => {
      const el = document.querySelector('[data-testid="lesson-step"]');
      return el?.getAttribute('data-step') === want && el.getAttribute('data-status') === st;
    },
    [id, status] as const,
    { timeout },
  );
}
/** Mean absolute RGB difference of two screenshots over a square of side 2r+1 around (x, y). */
function diffAround(a: Uint8Array, b: Uint8Array, width: number, x: number, y: number, r = 3): number {
  let sum = 0;
  let n = 0;
  for (let dy = -r; dy <= r; dy++)
    for (let dx = -r; dx <= r; dx++) {
      const k = ((y + dy) * width + (x + dx)) * 4;
      sum += Math.abs(a[k] - b[k]) + Math.abs(a[k + 1] - b[k + 1]) + Math.abs(a[k + 2] - b[k + 2]);
      n++;
    }
  return sum / n;
}

beforeAll(async () => {
  browser = await connectChromium();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  page.on('pageerror', (e) => errors.push(String(e)));
});

afterAll(() => browser?.close());

describe('lesson highlights on the picture (built site, Chromium)', () => {
  it('3D: the highlighted node proxies’ pixels change; the background does not; the next step clears it', async () => {
    await page.goto(`${baseURL}#/lesson/06-ambient/1`);
    await at('start');
    await page.waitForFunction(() => (window.__meshpathScene?.frames ?? 0) > 0, null, { timeout: 60_000 });
    expect(await page.getByTestId('scene').getAttribute('data-mode')).toBe('3d');
    expect(await highlight()).toMatchObject({ marks: 0, hops: 0 });
    const width = Math.round((await page.locator('.sim-canvas canvas').boundingBox())!.width);
    const before = await canvasPixels(page);

    await page.keyboard.press('ArrowRight');
    await at('redirect');
    // Both nodes' ztunnels marked, and where they are on the canvas known.
    await page.waitForFunction(() => window.__meshpathScene?.highlight.screen.length === 2, null, {
      timeout: 30_000,
    });
    expect(await page.getByTestId('scene').getAttribute('data-highlight')).toBe('on');
    const h = (await highlight())!;
    expect(h).toMatchObject({ marks: 2, hops: 0, links: 0, packet: null });
    const after = await canvasPixels(page);
    expect(after.length).toBe(before.length);
    const height = after.length / 4 / width;
    for (const [x, y] of h.screen) {
      expect(x).toBeGreaterThan(3);
      expect(y).toBeGreaterThan(3);
      expect(x).toBeLessThan(width - 3);
      expect(y).toBeLessThan(height - 3);
      // A glowing shell over the node proxy: a large change in colour around its centre.
      expect(diffAround(before, after, width, x, y)).toBeGreaterThan(60);
    }
    // The background (unlit) is the same colour: only the scene's things changed.
    expect(diffAround(before, after, width, 4, 4)).toBe(0);

    // The wait after it names nothing: the highlight is gone.
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(
      () => document.querySelector('[data-testid="lesson-step"]')?.getAttribute('data-step') === 'ztunnel',
    );
    await page.waitForFunction(() => window.__meshpathScene?.highlight.marks === 0);
    expect(await highlight()).toMatchObject({ marks: 0, hops: 0, screen: [] });
    expect(await page.getByTestId('scene').getAttribute('data-highlight')).toBeNull();
  });

  it('2D: outlines and hop paths over a dimmed topology, cleared on the next step', async () => {
    // The view (2D or 3D) is chosen when the page loads: a page of its own, loaded once at the lesson's
    // step (a hash change followed by a reload raced the app's own navigation and hung in CI).
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${baseURL}#/lesson/03-the-sidecar/2?gl=0`);
    await at('idea');
    // Steps by the Next button here: the keys are walked through every lesson in lessons-keyboard.
    const next = () => page.getByRole('button', { name: 'Next', exact: true }).click();
    const marks = page.getByTestId('emphasis-2d').locator('rect[data-mark]');
    await marks.first().waitFor();
    expect(await marks.count()).toBe(2);
    expect(await page.getByTestId('scene-2d').locator('.sim-2d-dimmed').count()).toBe(1);
    await next();
    await at('redirect');
    const paths = page.getByTestId('emphasis-2d').locator('polyline[data-hop]');
    await paths.first().waitFor();
    expect(await paths.count()).toBe((await highlight())!.hops);
    expect(await marks.count()).toBe(0);
    // The next step turns the camera to follow the packet (a set step): it names nothing.
    await next();
    await page.waitForFunction(
      () => document.querySelector('[data-testid="lesson-step"]')?.getAttribute('data-step') === 'follow',
    );
    await page.getByTestId('emphasis-2d').waitFor({ state: 'detached' });
    expect(await page.getByTestId('scene-2d').locator('.sim-2d-dimmed').count()).toBe(0);
    // A reload and three steps of a lesson on a loaded two-core machine: more than the default minute.
  }, 150_000);

  it('logged no errors', () => {
    expect(errors).toEqual([]);
  });
});
