import { axeOn } from './axe';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectChromium } from './browser';

// A lesson on a projector (1024×768): presenter mode shows the scene, the narration and the current
// hop on one screen without scrolling, in large type; the remote's keys still step the lesson; speaker
// notes and the pointer toggle; Escape leaves. The handout prints the lesson with figures from its own
// run. One page for every test; gl=0 draws the 2D view (software WebGL is slow).

const baseURL = inject('baseURL');
let browser: Browser;
let page: Page;
const errors: string[] = [];

async function at(id: string, status: string | RegExp = 'done', timeout = 60_000) {
  await page.waitForFunction(
    ([want, st]) => {
      const el = document.querySelector('[data-testid="lesson-step"]');
      return (
        el?.getAttribute('data-step') === want && new RegExp(st).test(el?.getAttribute('data-status') ?? '')
      );
    },
    [id, typeof status === 'string' ? `^${status}$` : status.source] as const,
    { timeout },
  );
}

/** The element's box, and whether it lies wholly inside the viewport. */
const inView = (selector: string) =>
  page.evaluate((sel) => {
    const el = document.querySelector(sel);
    if (!el) return { found: false, inside: false, box: null };
    const r = el.getBoundingClientRect();
    const inside =
      r.width > 0 &&
      r.height > 0 &&
      r.top >= 0 &&
      r.left >= 0 &&
      r.bottom <= innerHeight &&
      r.right <= innerWidth;
    return { found: true, inside, box: { top: r.top, left: r.left, bottom: r.bottom, right: r.right } };
  }, selector);

const noScroll = () => page.evaluate(() => document.scrollingElement!.scrollHeight <= window.innerHeight + 1);

async function axeBad() {
  const r = await axeOn(page).withTags(['wcag2a', 'wcag2aa']).analyze();
  return r.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

beforeAll(async () => {
  browser = await connectChromium();
  page = await (await browser.newContext({ viewport: { width: 1024, height: 768 } })).newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
});

afterAll(() => browser?.close());

describe('Lesson presenter mode and handout (built site, Chromium, 1024×768)', () => {
  it('a deep link opens presenter mode: scene, narration and current hop on one screen, no scrolling', async () => {
    await page.goto(`${baseURL}#/lesson/01-what-a-mesh-does/4?gl=0&present=1`);
    await at('first-send');
    expect(await page.getByTestId('lesson-page').getAttribute('data-presenting')).toBe('true');
    // The site's navigation is hidden.
    expect(await page.locator('nav[aria-label="Main"]').isVisible()).toBe(false);
    await page.getByTestId('path-hop').waitFor();
    expect(await noScroll()).toBe(true);
    const canvas = await inView('[data-testid="scene"] .sim-canvas');
    expect(canvas.inside).toBe(true);
    expect(canvas.box!.bottom - canvas.box!.top).toBeGreaterThan(250);
    expect((await inView('[data-testid="lesson-step"] .lesson-text')).inside).toBe(true);
    expect((await inView('[data-testid="lesson-position"]')).inside).toBe(true);
    expect((await inView('[data-testid="path-hop"]')).inside).toBe(true);
    expect((await inView('[data-testid="path-meter"]')).inside).toBe(true);
    expect(await page.getByTestId('path-hop').textContent()).toMatch(/\d/); // the hop's cost
    // The architecture is named on the picture: a caption strip on the top edge of its frame.
    const name = await inView('[data-testid="lesson-arch-name"]');
    expect(name.inside).toBe(true);
    expect(Math.abs(name.box!.bottom - canvas.box!.top)).toBeLessThanOrEqual(2);
    expect(name.box!.left).toBeGreaterThanOrEqual(canvas.box!.left - 1);
    expect(name.box!.right).toBeLessThanOrEqual(canvas.box!.right + 1);
    expect(await page.getByTestId('lesson-arch-name').textContent()).toBe('No mesh (kube-proxy)');
    // Large type for the room.
    const px = await page
      .locator('[data-testid="lesson-step"] .lesson-text p')
      .first()
      .evaluate((p) => parseFloat(getComputedStyle(p).fontSize));
    expect(px).toBeGreaterThanOrEqual(20);
  });

  it('the remote’s keys step the lesson; the address keeps presenter mode', async () => {
    await page.keyboard.press('ArrowRight');
    await at('who-translates', 'answering');
    expect(page.url()).toMatch(/#\/lesson\/01-what-a-mesh-does\/5\?gl=0&present=1$/);
    expect(await noScroll()).toBe(true);
    await page.keyboard.press('PageUp');
    await at('first-send');
    await page.keyboard.press('.');
    await at('who-translates', 'answering');
    expect(await page.getByTestId('lesson-page').getAttribute('data-presenting')).toBe('true');
  });

  it('a glossary popover stays inside the narration column (it was cut off at its edge, with a scrollbar)', async () => {
    await at('who-translates', 'answering');
    const terms = page.getByTestId('lesson-step').locator('.glossary-button');
    expect(await terms.count()).toBeGreaterThan(1);
    for (const i of [0, (await terms.count()) - 1]) {
      await terms.nth(i).click();
      const pop = page.getByTestId('glossary-popover');
      await pop.waitFor();
      const fit = await pop.evaluate((el) => {
        // The box that would clip it: the nearest ancestor that does not let it overflow sideways.
        let a = el.parentElement;
        while (a && getComputedStyle(a).overflowX === 'visible') a = a.parentElement;
        const col = a ?? document.documentElement;
        const c = col.getBoundingClientRect();
        const r = el.getBoundingClientRect();
        return {
          inside: r.left >= c.left - 0.5 && r.left + r.width <= c.left + col.clientWidth + 0.5,
          // Nor past the column's visible bottom (it ran below it in the speaker notes): above the term
          // where there is no room under it.
          within: r.top >= c.top - 0.5 && r.bottom <= c.top + col.clientHeight + 0.5,
          scrolls: col.scrollWidth > col.clientWidth,
          width: r.width,
        };
      });
      expect(fit).toMatchObject({ inside: true, within: true, scrolls: false });
      expect(fit.width).toBeGreaterThan(200); // still a readable width, not squeezed to nothing
      await page.keyboard.press('Escape');
      await pop.waitFor({ state: 'detached' });
    }
  });

  it('speaker notes and the pointer toggle by key', async () => {
    const notes = page.getByTestId('speaker-notes');
    expect(await notes.textContent()).toMatch(/Most students pick "the app" or "a mesh proxy"/);
    expect((await inView('[data-testid="speaker-notes"]')).found).toBe(true);
    await page.keyboard.press('n');
    expect(await notes.count()).toBe(0);
    await page.keyboard.press('n');
    await notes.waitFor();
    await page.keyboard.press('l');
    await page.mouse.move(500, 400);
    const spot = page.getByTestId('pointer-spot');
    await spot.waitFor();
    const box = await spot.boundingBox();
    expect(box!.width).toBeGreaterThanOrEqual(60);
    expect(Math.abs(box!.x + box!.width / 2 - 500)).toBeLessThan(4);
    expect(Math.abs(box!.y + box!.height / 2 - 400)).toBeLessThan(4);
    await page.keyboard.press('l');
    expect(await spot.count()).toBe(0);
  });

  it('axe finds no serious or critical violation in presenter mode', async () => {
    expect(await axeBad()).toEqual([]);
  });

  it('Escape leaves presenter mode, and "p" brings it back', async () => {
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('lesson-page').getAttribute('data-presenting')).toBe('false');
    expect(await page.locator('nav[aria-label="Main"]').isVisible()).toBe(true);
    expect(page.url()).toMatch(/\/5\?gl=0$/);
    await page.keyboard.press('p');
    expect(await page.getByTestId('lesson-page').getAttribute('data-presenting')).toBe('true');
    expect(page.url()).toMatch(/\/5\?gl=0&present=1$/);
  });

  it('a long title is cut on one line rather than pushing the position or the picture off screen', async () => {
    await page.goto(`${baseURL}#/lesson/05-sidecar-less-ebpf/2?gl=0&present=1`);
    await at('what-moves');
    expect((await inView('[data-testid="lesson-position"]')).inside).toBe(true);
    expect((await inView('[data-testid="scene"] .sim-canvas')).inside).toBe(true);
    expect(await noScroll()).toBe(true);
    expect(await page.getByTestId('lesson-arch-name').textContent()).toMatch(/^Cilium/);
  });

  it('a placed choice bet: your bet above the run’s answer in the narrow column, each readable', async () => {
    await page.goto(`${baseURL}#/lesson/06-ambient/4?gl=0&present=1`);
    await at('bet-where', 'betting');
    await page.getByText('In user space, as an ordinary process').click();
    await page.getByRole('button', { name: 'Place my bet' }).click();
    const boxes = page.locator('.lesson-bet-result > div');
    await boxes.nth(1).waitFor();
    const [bet, run] = [(await boxes.nth(0).boundingBox())!, (await boxes.nth(1).boundingBox())!];
    // Side by side they were about 180 px each, a sentence in nine-character lines.
    expect(run.y).toBeGreaterThanOrEqual(bet.y + bet.height);
    expect(Math.min(bet.width, run.width)).toBeGreaterThan(300);
  });

  it('with the comparison’s table shown, the step’s words keep two fifths of the screen (they were a sliver)', async () => {
    await page.goto(`${baseURL}#/lesson/01-what-a-mesh-does/8?gl=0&present=1`);
    await at('bet-hops', 'betting');
    await page.getByRole('button', { name: 'Place my bet' }).click();
    await page.getByTestId('lesson-results').waitFor({ timeout: 60_000 });
    const step = (await page.getByTestId('lesson-step').boundingBox())!;
    const layout = (await page.locator('.lesson-layout').boundingBox())!;
    expect(step.height).toBeGreaterThan(0.38 * layout.height); // 2fr of 5: 0.4, less the gap
    // The verdict is in view in the words' own box, not scrolled away under the table.
    const verdict = (await page.getByTestId('feedback').boundingBox())!;
    expect(verdict.y).toBeLessThan(step.y + step.height);
  });

  it('the handout shows the run’s figures, passes axe, and prints without navigation or buttons', async () => {
    await page.goto(`${baseURL}#/lesson/01-what-a-mesh-does/handout`);
    await page.getByTestId('handout').waitFor();
    expect(await page.locator('.handout-step').count()).toBe(12);
    await page.waitForFunction(
      () =>
        /Every figure below/.test(
          document.querySelector('[data-testid="handout-status"]')?.textContent ?? '',
        ),
      undefined,
      { timeout: 90_000 },
    );
    const results = page.getByTestId('handout-results');
    expect(await results.locator('table').count()).toBe(2);
    const cells = await results.locator('td').allTextContents();
    expect(cells.some((c) => /\d/.test(c))).toBe(true);
    expect(cells.join(' ')).not.toMatch(/…|NaN/);
    const bet = page.locator('[data-step="bet-hops"]');
    expect(await bet.textContent()).toMatch(/What the run showed: \d/);
    expect(await page.getByTestId('handout').textContent()).not.toMatch(/NaN|not computed yet/);
    expect(await axeBad()).toEqual([]);

    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('nav[aria-label="Main"]').isVisible()).toBe(false);
    const visibleButtons = await page
      .locator('button')
      .evaluateAll((bs) => bs.filter((b) => (b as HTMLElement).offsetParent !== null).length);
    expect(visibleButtons).toBe(0);
    expect(await page.locator('canvas').count()).toBe(0);
    expect(await page.getByTestId('handout').isVisible()).toBe(true);
    expect(await results.isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
    expect(await page.getByRole('button', { name: 'Print the handout' }).isVisible()).toBe(true);
  });

  it('logged no errors', () => {
    expect(errors).toEqual([]);
  });
});
