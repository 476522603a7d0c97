import type { Page } from 'playwright-core';

/** The groups of Compare's detailed results (tabs; one shown at a time). */
export type CompareSection = 'Latency' | 'CPU' | 'Memory' | 'Scaling' | 'Uncertainty' | 'Features';

/**
 * Shows a group of the detailed results, as a reader would, by its tab; then opens the tables folded
 * under its charts (each a <details>), unless `unfold` is false.
 */
export async function showSection(page: Page, name: CompareSection, { unfold = true } = {}): Promise<void> {
  const tab = page.getByRole('tab', { name, exact: true });
  await tab.click();
  await page.waitForFunction(
    (n) =>
      [...document.querySelectorAll('[role=tab]')].some(
        (t) => t.textContent === n && t.getAttribute('aria-selected') === 'true',
      ),
    name,
  );
  if (unfold) await openFolds(page);
}

/** Opens every folded table and list in the shown group, by its summary. */
export async function openFolds(page: Page): Promise<void> {
  const closed = page.locator('[role=tabpanel]:not([hidden]) details.fold:not([open]) > summary');
  while ((await closed.count()) > 0) await closed.first().click();
}

/**
 * Waits until the detailed results draw the snapshot the status line shows: they follow it a render
 * behind (ComparePage's useDeferredValue), marked busy meanwhile.
 */
export async function detailDrawn(page: Page, timeout = 10_000): Promise<void> {
  await page
    .locator('section.results[aria-busy="false"], .embed-results[aria-busy="false"]')
    .first()
    .waitFor({ state: 'attached', timeout });
}

/** The comparison is simulated (`extra` narrows the run state), and the detailed results draw it. */
export async function simulatedAndDrawn(page: Page, timeout: number, extra = ''): Promise<void> {
  await page.locator(`[data-testid="run-state"][data-simulated="true"]${extra}`).waitFor({ timeout });
  await detailDrawn(page);
}
