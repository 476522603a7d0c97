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
