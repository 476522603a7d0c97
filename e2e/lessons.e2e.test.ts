import { axeOn } from './axe';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectChromium } from './browser';

// The course page on the built site: linked first from the home page, lists the lessons with their
// length, level and objectives, shows saved progress, and passes an axe scan.

const baseURL = inject('baseURL');
let browser: Browser;
let page: Page;
const errors: string[] = [];

beforeAll(async () => {
  browser = await connectChromium();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
});

afterAll(() => browser?.close());

describe('Lessons (built site, Chromium)', () => {
  it('the home page leads with the lessons, and the course lists twelve of them', async () => {
    await page.goto(`${baseURL}#/`);
    const firstCard = page.locator('ul.cards > li').first();
    expect(await firstCard.getByRole('link').textContent()).toBe('Start here: lessons');
    await firstCard.getByRole('link').click();
    await page.getByTestId('course-list').waitFor();
    expect(page.url()).toMatch(/#\/lessons$/);
    const lessons = page.locator('[data-lesson]');
    expect(await lessons.count()).toBe(12);
    const first = lessons.first();
    expect(await first.getByRole('heading', { level: 2 }).textContent()).toBe('What a mesh does for a call');
    expect((await first.locator('.course-meta').textContent())?.replace(/\s+/g, ' ')).toBe(
      '10 min · beginner · Not started',
    );
    expect(await page.getByRole('link', { name: 'Lessons', exact: true }).getAttribute('aria-current')).toBe(
      'page',
    );
    expect(errors).toEqual([]);
  });

  it('shows progress saved in this browser', async () => {
    await page.evaluate(() =>
      localStorage.setItem(
        'meshpath.lessons.v1',
        JSON.stringify({
          format: 'meshpath-lessons',
          version: 1,
          lessons: { '02-libraries': { step: 3, furthest: 3, completed: false, bets: {} } },
        }),
      ),
    );
    await page.reload();
    await page.getByTestId('course-list').waitFor();
    const second = page.locator('[data-lesson="02-libraries"]');
    expect(await second.getByTestId('lesson-progress').textContent()).toMatch(/^Reached step 4 of \d+$/);
  });

  it('has no serious or critical axe violations', async () => {
    const result = await axeOn(page).analyze();
    const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => v.id)).toEqual([]);
  });
});
