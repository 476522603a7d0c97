import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEFAULT_SCENARIO } from '../src/app/compareModels';
import type { ComparisonView } from '../src/model/comparison';
import { ScenarioSchema } from '../src/model/scenario';
import { decodeScenarioParam, encodeScenarioParam } from '../src/model/scenarioCodec';
import { connectChromium } from './browser';

// Soak: 100 changes to one control on the Compare page, as a session of edits. Issue #9 measured the
// heap after a collection growing 12.1 → 13.9 MB over 20 changes (about 0.09 MB kept per change). The
// heap is read through the DevTools protocol after forced collections, each time with the page settled
// (estimate, simulation and load sweep finished), so the figures compare like with like.

const baseURL = inject('baseURL');
const small = ScenarioSchema.parse({
  ...DEFAULT_SCENARIO,
  name: 'soak',
  architectures: ['no-mesh', 'sidecar-envoy', 'ambient'],
  run: { warmupRequests: 50, measuredRequests: 600 },
});
// Fixed precision and two replications keep each simulation short: the soak is about what stays.
const link = `${baseURL}#/compare?s=${encodeScenarioParam(small)}&r=2&p=fixed`;

/**
 * The request rate for change `i` (1-based): mostly two values in turn (a cache keyed by the scenario
 * cannot grow with them), every fifth a value of its own (a real user's changes differ).
 */
const rateAt = (i: number) => (i % 5 === 0 ? 1_000 + 7 * i : i % 2 === 0 ? 1_200 : 1_800);

let browser: Browser;
beforeAll(async () => {
  browser = await connectChromium();
});
afterAll(() => browser?.close());

async function heapAfterGcMB(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  // Twice: the first collection can leave objects whose finalisers free more.
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await cdp.detach();
  return usedSize / 1e6;
}

/** The request rate of the scenario in the page's link: set once the session accepts (and estimates) it. */
function linkedRate(page: Page): number | null {
  const s = new URLSearchParams(page.url().split('?')[1] ?? '').get('s');
  const parsed = s ? decodeScenarioParam(s) : null;
  const load = parsed?.ok ? parsed.scenario.workload.load : null;
  return load && 'rps' in load ? load.rps : null;
}

const phase = (page: Page) => page.getByTestId('run-state').getAttribute('data-phase');

/** Estimate, simulation and load sweep of the scenario at `rps` all finished. */
async function settled(page: Page, rps: number) {
  await page.waitForFunction(
    (r) => {
      const c = (window as unknown as { __meshpathLastComparison?: ComparisonView }).__meshpathLastComparison;
      const load = c?.scenario.workload.load;
      const state = document.querySelector('[data-testid="run-state"]');
      return !!load && 'rps' in load && load.rps === r && state?.getAttribute('data-phase') === 'idle';
    },
    rps,
    { timeout: 30_000, polling: 50 },
  );
}

describe('Compare over a session of edits (soak, Chromium)', () => {
  it('100 changes to the request rate: the heap after GC stays within 10 % of its value after the first', async () => {
    const page = await browser.newPage({ viewport: { width: 1350, height: 940 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(link);
    await settled(page, small.workload.load.kind === 'closed' ? -1 : small.workload.load.rps);
    const rate = page.getByLabel(/^Request rate/);
    const heap: Record<number, number> = {};
    const started = Date.now();
    for (let i = 1; i <= 100; i++) {
      const rps = rateAt(i);
      await rate.fill(String(rps));
      // Each change waits for its estimate (the link follows the accepted scenario), not for its
      // simulation: most simulations are cancelled by the next change, as when a user edits.
      await expect.poll(() => linkedRate(page), { timeout: 10_000, interval: 20 }).toBe(rps);
      await expect.poll(() => phase(page), { timeout: 10_000, interval: 20 }).not.toBe('estimating');
      if (i === 1 || i === 20 || i === 100) {
        await settled(page, rps);
        heap[i] = await heapAfterGcMB(page);
      }
    }
    const seconds = (Date.now() - started) / 1000;
    console.info(
      `Compare soak: heap after GC ${heap[1].toFixed(2)} MB after change 1, ${heap[20].toFixed(2)} after 20, ` +
        `${heap[100].toFixed(2)} after 100 (${((heap[100] / heap[1] - 1) * 100).toFixed(1)} %); ${seconds.toFixed(1)} s`,
    );
    expect(errors).toEqual([]);
    expect(heap[100]).toBeLessThanOrEqual(1.1 * heap[1]);
    await page.close();
  }, 120_000);
});
