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
//
// The changes are made by a small driver inside the page (the input's value set and an `input` event,
// as typing does), not by Playwright's locators: their injected script runs in the page's heap, and its
// own compiled code grew the figure with every locator call (docs/benchmarks.md, "Soak: 100 Compare changes").

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
 * cannot grow with them), every fifth a value of its own (a real user's changes differ). No two
 * consecutive changes are equal, so each one writes a new link.
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

/** The request rate of the scenario in the page's link. */
function linkedRate(page: Page): number | null {
  const s = new URLSearchParams(page.url().split('?')[1] ?? '').get('s');
  const parsed = s ? decodeScenarioParam(s) : null;
  const load = parsed?.ok ? parsed.scenario.workload.load : null;
  return load && 'rps' in load ? load.rps : null;
}

/**
 * Changes `from`..`to` made in the page: each sets the request rate, then waits for its estimate (the
 * session writes the link of a scenario once it has accepted and estimated it), not for its
 * simulation — most simulations are cancelled by the next change, as when a user edits. After the last
 * change, waits until its estimate, simulation and load sweep have all finished.
 */
function change(page: Page, from: number, to: number, rates: number[]) {
  return page.evaluate(
    async ({ from, to, rates }) => {
      const label = [...document.querySelectorAll('label')].find((l) =>
        l.textContent?.startsWith('Request rate'),
      );
      const input = document.getElementById(label?.htmlFor ?? '') as HTMLInputElement;
      // React follows the value through the prototype's setter, as when a user types.
      const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
      const phase = () => document.querySelector('[data-testid="run-state"]')?.getAttribute('data-phase');
      const until = (ok: () => boolean, what: string) =>
        new Promise<void>((resolve, reject) => {
          const start = Date.now();
          const tick = () =>
            ok()
              ? resolve()
              : Date.now() - start > 20_000
                ? reject(new Error(`timed out waiting for ${what}`))
                : setTimeout(tick, 20);
          tick();
        });
      for (let i = from; i <= to; i++) {
        const before = location.href;
        setValue.call(input, String(rates[i]));
        input.dispatchEvent(new Event('input', { bubbles: true }));
        await until(
          () => location.href !== before && phase() !== 'estimating',
          `the estimate of change ${i}`,
        );
      }
      await until(() => {
        const c = (window as unknown as { __meshpathLastComparison?: ComparisonView })
          .__meshpathLastComparison;
        const load = c?.scenario.workload.load;
        return !!load && 'rps' in load && load.rps === rates[to] && phase() === 'idle';
      }, `the simulation of change ${to}`);
    },
    { from, to, rates },
  );
}

describe('Compare over a session of edits (soak, Chromium)', () => {
  it('100 changes to the request rate: the heap after GC stays within 10 % of its value after the first', async () => {
    const page = await browser.newPage({ viewport: { width: 1350, height: 940 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(link);
    await page
      .locator('[data-testid="run-state"][data-phase="idle"][data-simulated="true"]')
      .waitFor({ timeout: 60_000 });
    const rates = Array.from({ length: 101 }, (_, i) => rateAt(i));
    const heap: Record<number, number> = {};
    const started = Date.now();
    let done = 0;
    for (const at of [1, 20, 100]) {
      await change(page, done + 1, at, rates);
      expect(linkedRate(page)).toBe(rates[at]);
      heap[at] = await heapAfterGcMB(page);
      done = at;
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
