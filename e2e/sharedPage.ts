import type { Browser, Page } from 'playwright-core';

/**
 * One page for the tests of a file that each open a view of their own by its address, instead of a
 * new browser context and a new load of the app per test (about a second each in software WebGL, more
 * beside the unit tests). `open` routes through the home page first, so the view asked for is mounted
 * afresh even when its address is the one already shown (the app keys a view by its address, and the
 * same hash again is no navigation at all). A test that needs a clean origin (storage, caches, service
 * worker) takes a context of its own.
 */
export interface SharedPage {
  page: Page;
  /** What the page threw since the last `open` (a new list each time). */
  pageErrors: string[];
  /** Every console error and everything thrown, over all the file's tests. */
  logged: string[];
  open(hash: string): Promise<Page>;
}

export async function sharedPage(
  browser: Browser,
  baseURL: string,
  viewport = { width: 1280, height: 900 },
): Promise<SharedPage> {
  const page = await (await browser.newContext({ viewport })).newPage();
  const shared: SharedPage = {
    page,
    pageErrors: [],
    logged: [],
    async open(hash: string) {
      shared.pageErrors = [];
      await page.setViewportSize(viewport);
      if (page.url().startsWith(baseURL)) {
        await page.goto(`${baseURL}#/`);
        // As a fresh load starts: at the top of the page, and no scene probe yet (the previous view's
        // would answer a wait for the next view's first frame).
        await page.evaluate(() => {
          window.scrollTo(0, 0);
          delete window.__meshpathScene;
        });
      }
      await page.goto(`${baseURL}${hash}`);
      return page;
    },
  };
  page.on('console', (m) => {
    if (m.type() === 'error') shared.logged.push(m.text());
  });
  page.on('pageerror', (e) => {
    shared.pageErrors.push(String(e));
    shared.logged.push(String(e));
  });
  return shared;
}
