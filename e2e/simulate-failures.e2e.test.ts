import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import failures from '../models/presets/failures-and-retries.json';
import { STATE_COLOR } from '../src/scene/palette';
import { TraceSession } from '../src/worker/trace/session';
import { countCanvasPixels } from './canvasPixels';
import { connectChromium } from './browser';
import { sharedPage, type SharedPage } from './sharedPage';

// Failed tries on the Simulate page (built site, real Chromium): the "Failures, timeouts and retries"
// preset's first request is lost once, retried, and times out once. The event list must list those
// outcomes (and filter to them), the inspector must name them, and the picture must draw the packet
// in its failure colour. What to expect comes from the same engine run in Node (same seed).

const baseURL = inject('baseURL');
const FAILED = ['dropped', 'timed out', 'retried'] as const;
type Failed = (typeof FAILED)[number];

let browser: Browser;
let shared: SharedPage;

/** The first record of each failure outcome in request #0, from the engine itself. */
const expected = (() => {
  const s = new TraceSession(failures, 'sidecar-envoy', 'trace');
  const first = s.requestRecords(0);
  return Object.fromEntries(
    FAILED.map((o) => {
      const r = first.find((x) => x.outcome === o);
      if (!r) throw new Error(`the preset no longer shows a ${o} try in request #0`);
      return [o, { enter: r.enter, label: s.layout.hops[r.hop].label }];
    }),
  ) as Record<Failed, { enter: number; label: string }>;
})();

/** A fresh Simulate view on the file's one page (see sharedPage.ts). */
async function open(query: string): Promise<Page> {
  const page = await shared.open(
    `#/simulate?preset=failures-and-retries&arch=sidecar-envoy&view=trace&${query}`,
  );
  await page.getByTestId('scene').waitFor({ timeout: 30_000 });
  await page.waitForFunction(() => (window.__meshpathScene?.frames ?? 0) > 0, null, { timeout: 30_000 });
  return page;
}

const listedOutcomes = (page: Page) =>
  page.locator('.sim-events tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-outcome')));

/**
 * Steps playback one event at a time (the Step button's own click) until every failure outcome of
 * request #0 is listed: 13 steps. In the page, each step followed by the list it brings (a step driven
 * from here cost about 150 ms).
 */
async function stepToFailures(page: Page): Promise<void> {
  const step = page.getByRole('button', { name: 'Step', exact: true });
  await step.waitFor();
  const listed = await step.evaluate(async (button, failed) => {
    const outcomes = () =>
      [...document.querySelectorAll('.sim-events tbody tr')].map((r) => r.getAttribute('data-outcome'));
    /** Until the list changes after a step (at most 2 s). */
    const listChanged = (before: string) =>
      new Promise<void>((done) => {
        const until = performance.now() + 2_000;
        const check = () =>
          outcomes().join() !== before || performance.now() > until ? done() : requestAnimationFrame(check);
        requestAnimationFrame(check);
      });
    for (let i = 0; i < 60; i++) {
      const got = outcomes();
      if (failed.every((o) => got.includes(o))) return null;
      (button as HTMLButtonElement).click();
      await listChanged(got.join());
    }
    return [...new Set(outcomes())];
  }, FAILED);
  if (listed) throw new Error(`after 60 steps the list shows only ${listed.join(', ')}`);
}

/** Visible packet shapes of the 2D view filled with `colour`. */
const shapesIn = (page: Page, colour: string) =>
  page.locator(`svg rect[fill="${colour}"][visibility="visible"]`).count();

/** Canvas pixels close to the dropped colour. */
const droppedPixels = (page: Page) => countCanvasPixels(page, 'dropped');

beforeAll(async () => {
  browser = await connectChromium();
  shared = await sharedPage(browser, baseURL);
});

afterAll(() => browser?.close());

describe('Simulate page: dropped, timed-out and retried tries (built site, Chromium)', () => {
  it('lists the failed tries, filters to them, and the legend explains their colours', async () => {
    const page = await open('gl=0');
    await stepToFailures(page);
    const all = await listedOutcomes(page);
    await page.getByLabel('Outcome').selectOption('failed');
    await expect.poll(async () => (await listedOutcomes(page)).length).toBeLessThan(all.length);
    const failed = await listedOutcomes(page);
    expect(new Set(failed)).toEqual(new Set(FAILED));
    expect(failed.length).toBe(all.filter((o) => FAILED.includes(o as Failed)).length);
    for (const o of FAILED) {
      const row = page.locator(`.sim-events tbody tr[data-outcome="${o}"]`).first();
      expect(await row.textContent()).toContain(`${expected[o].label} (${o})`);
    }
    const legend = (await page.getByTestId('legend').textContent()) ?? '';
    for (const words of ['dropped (queue full or lost)', 'timed out', 'retried'])
      expect(legend).toContain(words);
    await page.getByLabel('Outcome').selectOption('timed out');
    await expect.poll(async () => [...new Set(await listedOutcomes(page))]).toEqual(['timed out']);
  });

  it('the inspector names each outcome, and the 2D view draws the packet in that outcome’s colour', async () => {
    const page = await open('gl=0');
    await stepToFailures(page);
    await page.getByLabel('Outcome').selectOption('failed');
    const inspector = page.getByTestId('inspector');
    // Latest first: picking an event moves playback back to it, and later events leave the list.
    for (const o of [...FAILED].sort((a, b) => expected[b].enter - expected[a].enter)) {
      await page.locator(`.sim-events tbody tr[data-outcome="${o}"]`).first().getByRole('button').click();
      await expect.poll(() => inspector.getByTestId('outcome').textContent()).toContain(`Outcome: ${o} —`);
      expect(await inspector.locator('h3').first().textContent()).toBe(expected[o].label);
      // Playback moved to the try's start, where its packet is in flight in its failure colour.
      await expect.poll(() => shapesIn(page, STATE_COLOR[o]), { timeout: 10_000 }).toBeGreaterThan(0);
    }
  });

  it('the 3D view draws the dropped packet: dropped-coloured pixels appear at the loss and not before any packet', async () => {
    const page = await open('aa=0');
    const before = await droppedPixels(page);
    await stepToFailures(page);
    await page.getByLabel('Outcome').selectOption('dropped');
    await page.locator('.sim-events tbody tr[data-outcome="dropped"]').first().getByRole('button').click();
    await expect
      .poll(() => page.getByTestId('inspector').getByTestId('outcome').textContent())
      .toContain('Outcome: dropped');
    await expect.poll(() => droppedPixels(page), { timeout: 15_000 }).toBeGreaterThan(before + 200); // about 770 seen on a 1280 × 900 page
  });

  it('logged no errors', () => {
    expect(shared.logged.filter((e) => !/GPU stall|THREE\.Clock/.test(e))).toEqual([]);
  });
});
