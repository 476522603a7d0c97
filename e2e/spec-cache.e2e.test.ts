import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEFAULT_SCENARIO } from '../src/app/compareModels';
import { runComparison } from '../src/engine/compare';
import { toComparisonView, type ComparisonView } from '../src/engine/scenario/view';
import { precisionRule } from '../src/model/precision';
import { ScenarioSchema, type Scenario } from '../src/model/scenario';
import { encodeScenarioParam } from '../src/model/scenarioCodec';
import { connectChromium } from './browser';

// The engine workers keep the specs they were sent: a comparison's precision rounds after the first,
// and its load sweep's points, post keys (and a sweep point its load and run), not specs. Counted by
// wrapping Worker.prototype.postMessage before the page loads. Short runs: 2 designs × 1,000 requests.
const baseURL = inject('baseURL');
const small: Scenario = ScenarioSchema.parse({
  ...DEFAULT_SCENARIO,
  name: 'e2e spec cache',
  architectures: ['no-mesh', 'sidecar-envoy'],
  run: { warmupRequests: 100, measuredRequests: 1_000 },
});

/** What a message to a worker carried, as the init script records it. */
interface Posted {
  worker: number;
  type: string;
  key?: string;
  whole: boolean;
  derived: boolean;
  progress?: boolean;
  designs?: { key?: string; whole: boolean }[];
}

const WIDTHS = new Set(['halfWidth', 'lower', 'upper', 'relativeHalfWidth', 'reached']);
/** Where two results differ: exactly, but for interval widths, within 1e-12 relative. */
function apart(a: unknown, b: unknown, path = '', width = false): string[] {
  if (typeof a === 'number' && typeof b === 'number')
    return a === b || (width && Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b))) ? [] : [path];
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null)
    return a === b ? [] : [path];
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].flatMap((k) =>
    apart(
      (a as Record<string, unknown>)[k],
      (b as Record<string, unknown>)[k],
      `${path}.${k}`,
      WIDTHS.has(k),
    ),
  );
}

let browser: Browser;
let page: Page;
const errors: string[] = [];

beforeAll(async () => {
  browser = await connectChromium();
  page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.addInitScript(() => {
    const ids = new WeakMap<Worker, number>();
    let workers = 0;
    const log: unknown[] = [];
    (window as unknown as { __posted: unknown[] }).__posted = log;
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (this: Worker, m: unknown, ...rest: unknown[]) {
      if (!ids.has(this)) ids.set(this, workers++);
      const d = m as {
        type?: string;
        key?: string;
        spec?: unknown;
        base?: unknown;
        progress?: boolean;
        designs?: { key?: string; spec?: unknown }[];
      };
      if (d?.type === 'spec' || d?.type === 'compare')
        log.push({
          worker: ids.get(this),
          type: d.type,
          key: d.key,
          whole: d.spec !== undefined,
          derived: d.base !== undefined,
          progress: d.progress,
          designs: d.designs?.map((x) => ({ key: x.key, whole: x.spec !== undefined })),
        });
      return (post as (...a: unknown[]) => void).call(this, m, ...rest);
    };
  });
  // No `p`: the default precision target, so rounds follow the first.
  await page.goto(`${baseURL}#/compare?s=${encodeScenarioParam(small)}&r=2`);
});

afterAll(() => browser?.close());

describe('Compare page: the workers’ spec cache (built site, Chromium)', () => {
  it('each worker is sent each spec once; later rounds name them; the sweep sends loads; same numbers', async () => {
    await page
      .locator('[data-testid="run-state"][data-simulated="true"]:not([data-phase="running"])')
      .waitFor({ timeout: 60_000 });
    await page.locator('[data-testid="sweep-state"][data-status="done"]').waitFor({ timeout: 60_000 });
    const result = await page.evaluate(
      () => (window as unknown as { __meshpathLastComparison?: ComparisonView }).__meshpathLastComparison,
    );
    // The runs are the same to the bit (every mean is); interval widths use Math.log/exp on the page
    // (stats.ts: reporting code), which Chromium and Node may round a last bit apart: 1e-12 relative.
    const want = toComparisonView(runComparison(small, { replications: 2, precision: precisionRule(0.02) }));
    expect(apart(result, want)).toEqual([]);
    const posted = await page.evaluate(() => (window as unknown as { __posted: Posted[] }).__posted);
    const workers = [...new Set(posted.map((m) => m.worker))];
    expect(workers.length).toBeGreaterThanOrEqual(1);
    for (const w of workers) {
      const mine = posted.filter((m) => m.worker === w);
      const rounds = mine.filter((m) => m.type === 'compare' && m.progress !== false);
      expect(rounds.length).toBeGreaterThan(1);
      // Every round names the same two keys; none carries a spec.
      for (const r of rounds) expect(r.designs).toEqual(rounds[0].designs);
      expect(rounds[0].designs!.map((d) => d.whole)).toEqual([false, false]);
      // The whole specs this worker got: the two designs, once.
      expect(mine.filter((m) => m.type === 'spec' && m.whole).map((m) => m.key)).toEqual(
        rounds[0].designs!.map((d) => d.key),
      );
      // Background comparisons (no progress): the replication run ahead of the next round names the
      // round's own keys; the sweep's points name derived specs (load and run only) by key.
      const background = mine.filter((m) => m.type === 'compare' && m.progress === false);
      const sameAsRounds = (m: Posted) => JSON.stringify(m.designs) === JSON.stringify(rounds[0].designs);
      const sweep = background.filter((m) => !sameAsRounds(m));
      for (const a of background.filter(sameAsRounds)) expect(a.designs!.every((d) => !d.whole)).toBe(true);
      expect(sweep.length).toBeGreaterThan(0);
      for (const s of sweep) expect(s.designs!.every((d) => !d.whole)).toBe(true);
      expect(mine.filter((m) => m.type === 'spec' && m.derived).length).toBe(2 * sweep.length);
    }
    expect(errors).toEqual([]);
  });
});
