import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/**
 * axe on a page, run in the page itself (legacy mode). By default @axe-core/playwright merges the
 * results of every frame in a fresh blank page, opened and closed for each analysis: a new renderer,
 * about half a second each on the CI machine. On a page without frames the page's own run finds the
 * same (measured side by side on Compare: the same violations, passes and incomplete, node for node);
 * a page with frames is refused rather than checked by half.
 */
export function axeOn(page: Page): AxeBuilder {
  const frames = page.frames().length;
  if (frames > 1) throw new Error(`axeOn: the page has ${frames - 1} frame(s); use new AxeBuilder({ page })`);
  return new AxeBuilder({ page }).setLegacyMode(true);
}
