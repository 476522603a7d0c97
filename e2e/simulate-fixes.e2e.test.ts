import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import failures from '../models/presets/failures-and-retries.json';
import { eventKey } from '../src/machines/simulate/buffer';
import { TraceSession } from '../src/worker/trace/session';
import { connectChromium } from './browser';
import { sharedPage, type SharedPage } from './sharedPage';

// Fixes found by a first-time user of the Simulate page (built site, real Chromium): the event list
// after a seek, and the page's scroll position when the camera buttons are used.

const baseURL = inject('baseURL');
let browser: Browser;
let shared: SharedPage;

/** A fresh Simulate view on the file's one page (see sharedPage.ts). */
async function open(query: string): Promise<Page> {
  const page = await shared.open(`#/simulate?${query}`);
  await page.getByTestId('scene').waitFor({ timeout: 30_000 });
  await page.waitForFunction(() => (window.__meshpathScene?.frames ?? 0) > 0, null, { timeout: 30_000 });
  return page;
}

const listedKeys = (page: Page) =>
  page.locator('.sim-events tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-event')));

beforeAll(async () => {
  browser = await connectChromium();
  shared = await sharedPage(browser, baseURL);
});

afterAll(() => browser?.close());

describe('Simulate page fixes (built site, Chromium)', () => {
  it('after a seek to the middle of the run, the list shows the hops up to the seek point, newest last', async () => {
    const page = await open('preset=failures-and-retries&arch=sidecar-envoy&view=trace&gl=0');
    const slider = page.getByLabel('Seek');
    await slider.click(); // the middle of the run: between two requests, after 14 of them
    const t = Number(await slider.inputValue());
    const s = new TraceSession(failures, 'sidecar-envoy', 'trace');
    const before = s
      .history(0, t)
      .records.filter((r) => r.enter <= t)
      .sort((a, b) => a.enter - b.enter || a.leave - b.leave || a.request - b.request || a.hop - b.hop);
    expect(before.length).toBeGreaterThan(150); // the run really has a past at the seek point
    const lastKey = eventKey(before[before.length - 1]);
    await expect.poll(async () => (await listedKeys(page)).at(-1), { timeout: 10_000 }).toBe(lastKey);
    const keys = await listedKeys(page);
    expect(keys).toEqual(before.slice(-keys.length).map(eventKey));
    expect(keys.length).toBe(150);
    const text = (await page.getByTestId('event-count').textContent()) ?? '';
    expect(text).not.toContain('No hop has started yet');
    expect(text).toContain('(where playback jumped to)');
    expect(text).toContain('the list also shows the 150 before it');
  });

  it('the playback buttons stay put when the note of skipped idle time appears (it pushed them down a line)', async () => {
    const page = await open('preset=pods-400&aa=0');
    await page.setViewportSize({ width: 1280, height: 800 });
    const play = page.getByRole('button', { name: 'Play', exact: true });
    const top = () => play.evaluate((b) => b.getBoundingClientRect().top + window.scrollY);
    const note = page.locator('.sim-clock-note');
    expect(await note.textContent()).toBe('');
    const before = await top();
    await play.click();
    await expect.poll(() => note.textContent(), { timeout: 20_000 }).toMatch(/^skipped .* of idle time/);
    const pause = page.getByRole('button', { name: 'Pause', exact: true });
    expect(await pause.evaluate((b) => b.getBoundingClientRect().top + window.scrollY)).toBe(before);
    await pause.click();
  });

  it('the camera buttons, scrolled to under the sticky playback bar, are revealed below it: the page does not jump to the top', async () => {
    const page = await open('preset=nodes-30&aa=0');
    // A short window, so a reveal that stays put can be told from one that jumps to the top.
    await page.setViewportSize({ width: 1280, height: 520 });
    const bar = page.locator('.sim-controls');
    await page.getByRole('button', { name: 'Follow a packet', exact: true }).waitFor();
    // Scrolled so the picture fills the window and its toolbar is under the bar.
    const under = await page.evaluate(
      () => document.querySelector('.sim-stage')!.getBoundingClientRect().top + window.scrollY,
    );
    for (const name of ['Follow a packet', 'Into the kernel of']) {
      await page.evaluate((y) => window.scrollTo(0, y), under);
      const button = page.getByRole('button', { name, exact: true });
      await button.click();
      await expect.poll(() => button.getAttribute('aria-pressed')).toBe('true');
      const y = await page.evaluate(() => window.scrollY);
      expect(y).toBeGreaterThan(0); // it was 0: the reveal landed under the bar, and the page scrolled again
      expect(y).toBeLessThanOrEqual(under);
      const barBottom = (await bar.boundingBox())!.y + (await bar.boundingBox())!.height;
      expect((await button.boundingBox())!.y).toBeGreaterThanOrEqual(barBottom);
    }
    // Reached by keyboard, the focused control is not hidden under the bar either.
    await page.evaluate((y) => window.scrollTo(0, y), under);
    await page.getByRole('button', { name: 'Overview', exact: true }).focus();
    const barBox = (await bar.boundingBox())!;
    expect(
      (await page.getByRole('button', { name: 'Overview', exact: true }).boundingBox())!.y,
    ).toBeGreaterThanOrEqual(barBox.y + barBox.height);
  });

  it('at 1280 × 800 the picture starts on the first screen, with the run described below it', async () => {
    const page = await open('preset=one-request-slowly&gl=0');
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByTestId('scene').waitFor();
    const [stageTop, aboutTop] = await page.evaluate(() => [
      document.querySelector('.sim-stage')!.getBoundingClientRect().top,
      document.querySelector('.sim-about')!.getBoundingClientRect().top,
    ]);
    // At least two fifths of the first screen is the picture (it began at 665 px, below the run's words).
    expect(stageTop).toBeLessThanOrEqual(480);
    expect(aboutTop).toBeGreaterThan(stageTop);
    expect(await page.getByTestId('scenario-desc').innerText()).toMatch(/This run sends 20 requests/);
  });

  it('a notice about a bad arch= goes once an architecture is chosen from the list', async () => {
    const page = await open('preset=one-request-slowly&arch=cilium&gl=0');
    const notice = page.getByTestId('url-notice');
    await expect.poll(() => notice.textContent()).toContain('arch=‘cilium’ names no architecture');
    await page.getByLabel('Architecture').selectOption('cilium-ebpf');
    await expect
      .poll(() => page.getByTestId('scene').getAttribute('data-arch'), { timeout: 20_000 })
      .toBe('cilium-ebpf');
    expect(await notice.count()).toBe(0);
  });

  it('following a packet nobody picked: the inspector shows it, the camera and the route follow the same request, a pick takes over', async () => {
    const page = await open('preset=fan-out-under-load&arch=sidecar-envoy&aa=0');
    const probe = () => page.evaluate(() => window.__meshpathScene!);
    const inspector = page.getByTestId('inspector');
    await page.getByRole('button', { name: 'Follow a packet', exact: true }).click();
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    // Many requests are in flight at once here: the camera must follow the one the path overlay draws.
    await expect.poll(async () => (await probe()).cameraFollows, { timeout: 20_000 }).not.toBeNull();
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    for (let i = 0; i < 4; i++) {
      await page.getByRole('button', { name: 'Step', exact: true }).click();
      await expect
        .poll(async () => {
          const p = await probe();
          return p.path.request !== null && p.cameraFollows === p.path.request;
        })
        .toBe(true);
      const { path } = await probe();
      // The inspector shows that request at the hop its packet is crossing (the overlay's caption).
      await expect
        .poll(() => inspector.getByTestId('following').textContent())
        .toContain(`Following request #${path.request}:`);
      await expect
        .poll(async () => path.hop?.startsWith((await inspector.locator('h3').first().textContent()) ?? '?'))
        .toBe(true);
      expect(await inspector.textContent()).toContain(`Packet: request #${path.request},`);
    }
    // A pick wins: the inspector shows it as picked, and the camera follows its request.
    const row = page.locator('.sim-events tbody tr').first();
    const picked = Number((await row.getAttribute('data-event'))!.split('|')[0]);
    await row.getByRole('button').click();
    await expect.poll(() => inspector.getByTestId('following').count()).toBe(0);
    expect(await inspector.textContent()).toContain(`Packet: request #${picked},`);
    await expect.poll(async () => (await probe()).cameraFollows).toBe(picked);
  });

  it('a link with changes to the preset (a lesson’s sandbox) shows them, says so, and gives the preset back', async () => {
    const ch = encodeURIComponent('{"waypointScope":"service"}');
    const page = await open(`preset=fan-out-under-load&arch=ambient-waypoint&view=load&gl=0&ch=${ch}`);
    // One waypoint per service: five, where the preset's one per namespace is one.
    await expect.poll(() => page.evaluate(() => window.__meshpathScene!.counts.waypoints)).toBe(5);
    const note = page.getByTestId('changes-note');
    expect(await note.textContent()).toBe(
      'Changed from the preset: one waypoint per service. Use the preset as it is',
    );
    expect(new URLSearchParams(page.url().split('?')[1]).get('ch')).toBe('{"waypointScope":"service"}');
    await note.getByRole('button', { name: 'Use the preset as it is' }).click();
    await expect.poll(() => page.evaluate(() => window.__meshpathScene!.counts.waypoints)).toBe(1);
    expect(await note.count()).toBe(0);
    expect(new URLSearchParams(page.url().split('?')[1]).has('ch')).toBe(false);
    // A bad one names the parameter and the field, and the preset shows as it is.
    const bad = await open(
      `preset=fan-out-under-load&arch=ambient-waypoint&view=load&gl=0&ch=${encodeURIComponent('{"waypointScope":"pod"}')}`,
    );
    await expect.poll(() => bad.evaluate(() => window.__meshpathScene!.counts.waypoints)).toBe(1);
    expect(await bad.getByRole('alert').filter({ hasText: 'URL parameter ch=' }).textContent()).toMatch(
      /waypointScope/,
    );
  });

  it('logged no errors', () => {
    expect(shared.logged.filter((e) => !/GPU stall|THREE\.Clock/.test(e))).toEqual([]);
  });
});
