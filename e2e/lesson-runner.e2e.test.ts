import { axeOn } from './axe';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectChromium } from './browser';

// A lesson being taken on the built site: lesson 1 from its first step to its sandbox by keyboard
// alone (the simulation plays into each wait, the comparison runs in the worker, bets and the
// challenge are answered with Tab, arrows, Space and Enter); a deep link opens its step; progress and
// bets survive a reload; axe finds nothing serious. gl=0 draws the 2D view (software WebGL is slow).

const baseURL = inject('baseURL');
let browser: Browser;
let page: Page;
const errors: string[] = [];

const step = () => page.getByTestId('lesson-step');
const position = async () => (await page.getByTestId('lesson-position').textContent())?.trim();
const stepId = () => step().getAttribute('data-step');
/** Waits until the step shown is `id` and has settled (done, or waiting for the learner). */
async function at(id: string, status: string | RegExp = 'done', timeout = 30_000) {
  await page.waitForFunction(
    ([want, st]) => {
      const el = document.querySelector('[data-testid="lesson-step"]');
      const s = el?.getAttribute('data-status') ?? '';
      return el?.getAttribute('data-step') === want && new RegExp(st).test(s);
    },
    [id, typeof status === 'string' ? `^${status}$` : status.source] as const,
    { timeout },
  );
}
/** Presses Tab until the focused element matches, and returns how many presses it took. */
async function tabTo(match: (el: { tag: string; type: string; value: string; text: string }) => boolean) {
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    const el = await page.evaluate(() => {
      const a = document.activeElement as HTMLInputElement | null;
      return {
        tag: a?.tagName.toLowerCase() ?? '',
        type: a?.type ?? '',
        value: a?.value ?? '',
        text: a?.textContent?.trim() ?? '',
      };
    });
    if (match(el)) return i + 1;
  }
  throw new Error('focus never reached the control');
}

beforeAll(async () => {
  browser = await connectChromium();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
});

afterAll(() => browser?.close());

describe('Lesson runner (built site, Chromium)', () => {
  it('the course page links each lesson; lesson 1 walks from start to sandbox by keyboard alone', async () => {
    await page.goto(`${baseURL}#/lessons`);
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    const open = page.locator('[data-lesson="01-what-a-mesh-does"]').getByTestId('open-lesson');
    expect(await open.getAttribute('href')).toBe('#/lesson/01-what-a-mesh-does');
    expect((await open.textContent())?.replace(/\s+/g, ' ')).toBe('Start: What a mesh does for a call');
    expect(await page.getByTestId('open-lesson').count()).toBe(12);

    await page.goto(`${baseURL}#/lesson/01-what-a-mesh-does?gl=0`);
    await at('start');
    expect(await position()).toBe('Step 1 of 12');
    expect(page.url()).toMatch(/#\/lesson\/01-what-a-mesh-does\/1\?gl=0$/);
    await page.getByTestId('lesson-sim').waitFor();
    await page.keyboard.press('ArrowRight');
    await at('why');
    await page.keyboard.press('PageDown');
    await at('no-mesh-path');
    expect(page.url()).toMatch(/\/lesson\/01-what-a-mesh-does\/3/);
    // Next is held while a step waits: the runner plays the simulation into the wait and stops there.
    await page.keyboard.press('.');
    await at('first-send', /waiting|done/);
    await at('first-send', 'done');
    const playback = page.getByRole('group', { name: 'Playback' });
    expect(await playback.getByRole('button', { name: 'Play', exact: true }).count()).toBe(1);
    await page.keyboard.press('ArrowRight');

    // The challenge: the packet is stopped at the client's TCP/IP; answer with the keyboard.
    await at('who-translates', 'answering');
    await tabTo((el) => el.tag === 'input' && el.type === 'radio');
    // Arrow keys move between radio buttons (and choose); the lesson keeps its hands off them.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).value)).toBe('kernel');
    expect(await stepId()).toBe('who-translates');
    await tabTo((el) => el.tag === 'button' && el.text === 'Answer');
    await page.keyboard.press('Enter');
    await at('who-translates');
    expect(await page.getByTestId('feedback').textContent()).toMatch(/^Right\./);
    // "Play on", from the step controls that stay at the window's bottom: the run plays, and pauses there.
    const lessonPlay = page.getByTestId('lesson-play');
    const before = await page.getByTestId('sim-time').textContent();
    expect(await lessonPlay.getAttribute('aria-label')).toBe('Play the run');
    await lessonPlay.click();
    await expect.poll(() => page.getByTestId('sim-time').textContent()).not.toBe(before);
    expect(await lessonPlay.getAttribute('aria-label')).toBe('Pause the run');
    await lessonPlay.click();
    expect(await lessonPlay.getAttribute('aria-label')).toBe('Play the run');
    await page.keyboard.press('ArrowRight');
    await at('reply');
    // Stopped where the request came back: the picture says so (it said "between hops").
    await expect
      .poll(() => page.getByTestId('path-hop').textContent())
      .toMatch(/^Request #\d+: done, the reply is back at its caller$/);
    expect(await page.getByTestId('path-meter').textContent()).toMatch(/^Request #\d+ in all: latency /);
    await page.keyboard.press('ArrowRight');

    // The Compare page: the comparison runs in the worker; the bet is placed on the slider. The step that
    // sets it up shows no figures: the next step's bet is about them.
    await at('compare');
    expect(await page.getByTestId('lesson-play').count()).toBe(0); // no run to play beside a comparison
    expect(await page.getByTestId('results-hidden').count()).toBe(1);
    expect(await page.getByTestId('lesson-results').count()).toBe(0);
    await page.keyboard.press('ArrowRight');
    await at('bet-hops', 'betting');
    await tabTo((el) => el.tag === 'input' && el.type === 'range');
    expect(await page.getByTestId('bet-value').textContent()).toBe('3.5×');
    for (let i = 0; i < 15; i++) await page.keyboard.press('ArrowLeft');
    expect(await page.getByTestId('bet-value').textContent()).toBe('2×');
    expect(await stepId()).toBe('bet-hops');
    await tabTo((el) => el.tag === 'button' && el.text === 'Place my bet');
    await page.keyboard.press('Enter');
    await at('bet-hops');
    expect(await page.getByTestId('your-bet').textContent()).toBe('2×');
    expect(await page.getByTestId('run-answer').textContent()).toBe('2×');
    expect(await page.getByTestId('feedback').textContent()).toMatch(/^Right\./);
    await page.getByTestId('lesson-results').waitFor({ timeout: 60_000 });
    const rows = page.getByTestId('lesson-results').locator('tbody tr');
    expect(await rows.evaluateAll((trs) => trs.map((t) => t.getAttribute('data-architecture')))).toEqual([
      'no-mesh',
      'sidecar-envoy',
    ]);
    // The feedback's figures come from the run: hops per request, formatted, no ellipsis left.
    const figures = page.getByTestId('feedback').getByTestId('lesson-figure');
    expect(await figures.allTextContents()).toEqual(['42', '21']);
    await page.keyboard.press(' ');
    await at('more-hops');
    expect(await page.getByTestId('check-result').textContent()).toMatch(/^The run bears it out\./);
    await page.keyboard.press('ArrowRight');
    await at('notice');
    await page.keyboard.press('ArrowLeft');
    await at('more-hops');
    await page.keyboard.press('ArrowRight');
    await at('notice');
    await page.keyboard.press('ArrowRight');
    await at('try');
    await page.keyboard.press('ArrowRight');
    await at('sandbox');
    expect(await position()).toBe('Step 12 of 12');
    expect(await page.getByTestId('lesson-next').isDisabled()).toBe(true);
    // The sandbox opens the lesson's last scenario: the Compare page with it, and it runs there.
    const compare = page
      .getByTestId('sandbox-links')
      .getByRole('link', { name: 'Open it on the Compare page' });
    expect(await compare.getAttribute('href')).toMatch(/^#\/compare\?s=2\./);
    await compare.click();
    // The designs the lesson compared, no more: no mesh and the Istio sidecar.
    const designs = page.locator('[data-testid="latency-table"] tr[data-arch]');
    await designs.first().waitFor({ state: 'attached', timeout: 60_000 });
    expect(await designs.evaluateAll((trs) => trs.map((t) => t.getAttribute('data-arch')))).toEqual([
      'no-mesh',
      'sidecar-envoy',
    ]);
    // A whole lesson by keyboard, then a comparison: more than the default minute on a busy machine.
  }, 150_000);

  it('keeps progress across a reload: the course page, and a lesson resuming with its bet', async () => {
    await page.goto(`${baseURL}#/lessons`);
    await page.reload();
    const first = page.locator('[data-lesson="01-what-a-mesh-does"]');
    expect(await first.getByTestId('lesson-progress').textContent()).toBe('Completed');
    expect((await first.getByTestId('open-lesson').textContent())?.startsWith('Take it again')).toBe(true);

    // A bet placed in lesson 3, then a reload of the lesson without a step: it resumes there.
    await page.goto(`${baseURL}#/lesson/03-the-sidecar/9?gl=0`);
    await at('bet-crossings', 'betting', 60_000);
    await page.getByRole('slider', { name: 'Your estimate' }).fill('3');
    await page.getByRole('button', { name: 'Place my bet' }).click();
    await at('bet-crossings', 'done', 60_000);
    await page.goto(`${baseURL}#/lessons`);
    await page.reload();
    expect(
      await page.locator('[data-lesson="03-the-sidecar"]').getByTestId('lesson-progress').textContent(),
    ).toBe('Reached step 9 of 13');
    await page.locator('[data-lesson="03-the-sidecar"]').getByTestId('open-lesson').click();
    await at('bet-crossings', 'done', 60_000);
    expect(await position()).toBe('Step 9 of 13');
    expect(await page.getByTestId('your-bet').textContent()).toBe('3×');
  });

  it('a deep link opens its step, set up as when reached by Next', async () => {
    await page.goto(`${baseURL}#/lesson/03-the-sidecar/5?gl=0`);
    await at('client-sidecar', 'done', 60_000);
    expect(await position()).toBe('Step 5 of 13');
    expect(await page.getByTestId('lesson-sim').count()).toBe(1);
    // The picture starts on the first screen (1280 wide; the controls sit under it): its top within 800 px.
    const picture = await page.getByTestId('lesson-sim').locator('.sim-canvas').boundingBox();
    expect(picture!.y + (await page.evaluate(() => window.scrollY))).toBeLessThan(800 - 300);
    // At 1280 × 800 the whole picture, with the hop caption at its foot, stands above the step controls
    // that stay at the window's bottom (they covered its lower 150 px).
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await expect
      .poll(() =>
        page.evaluate(() => {
          const canvas = document
            .querySelector('[data-testid="lesson-sim"] .sim-canvas')!
            .getBoundingClientRect();
          const bar = document.querySelector('.lesson-controls')!.getBoundingClientRect();
          return canvas.bottom <= bar.top && bar.bottom <= window.innerHeight + 1;
        }),
      )
      .toBe(true);
    await page.setViewportSize({ width: 1280, height: 900 });
    // A link typed into the address moves the open lesson.
    await page.evaluate(() => (window.location.hash = '#/lesson/03-the-sidecar/2?gl=0'));
    await at('idea');
    expect(await position()).toBe('Step 2 of 13');
    await page.goto(`${baseURL}#/lesson/99-nothing/1`);
    expect(await page.getByRole('alert').textContent()).toMatch(/There is no lesson/);
  });

  it('glossary terms open a popover by keyboard, and axe finds no serious or critical violation', async () => {
    await page.goto(`${baseURL}#/lesson/03-the-sidecar/3?gl=0`);
    await at('redirect');
    await tabTo((el) => el.tag === 'button' && el.text === 'network namespace');
    await page.keyboard.press('Enter');
    const pop = page.getByTestId('glossary-popover');
    expect(await pop.textContent()).toMatch(/^network namespace: /);
    // Escape closes it and gives focus back to the term.
    await page.keyboard.press('Escape');
    expect(await pop.count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('network namespace');
    await page.keyboard.press('Enter');
    await pop.waitFor();
    const r = await axeOn(page).withTags(['wcag2a', 'wcag2aa']).analyze();
    const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    // And on a predict step with the comparison shown.
    await page.goto(`${baseURL}#/lesson/04-counting-the-cost/3?gl=0`);
    await at('bet-cpu', 'betting', 60_000);
    // Predict, then run: the figures are hidden until the bet is placed.
    expect(await page.getByTestId('results-hidden').count()).toBe(1);
    expect(await page.getByTestId('lesson-results').count()).toBe(0);
    await page.getByRole('button', { name: 'Place my bet' }).click();
    await page.getByTestId('lesson-results').waitFor({ timeout: 60_000 });
    const r2 = await axeOn(page).withTags(['wcag2a', 'wcag2aa']).analyze();
    const bad2 = r2.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad2.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });

  it('logged no errors', () => {
    expect(errors).toEqual([]);
  });
});
