import type { Page } from 'playwright-core';

/** The groups of Compare's detailed results (tabs; one shown at a time). */
export type CompareSection = 'Latency' | 'CPU' | 'Memory' | 'Scaling' | 'Uncertainty' | 'Features';

/** Shows a group of the detailed results, as a reader would, by its tab. */
export async function showSection(page: Page, name: CompareSection): Promise<void> {
  const tab = page.getByRole('tab', { name, exact: true });
  await tab.click();
  await page.waitForFunction(
    (n) =>
      [...document.querySelectorAll('[role=tab]')].some(
        (t) => t.textContent === n && t.getAttribute('aria-selected') === 'true',
      ),
    name,
  );
}
