import { simulated as ran } from '../src/model/comparison';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEFAULT_SCENARIO } from '../src/app/compareModels';
import { runComparison } from '../src/engine/compare';
import { estimateScenario } from '../src/engine/scenario/estimate';
import { atConnections } from '../src/machines/compare/connectionsSweep';
import { planSweep } from '../src/machines/compare/loadSweep';
import { ScenarioSchema, type Scenario } from '../src/model/scenario';
import { encodeScenarioParam } from '../src/model/scenarioCodec';
import { connectChromium } from './browser';
import { showSection, simulatedAndDrawn } from './compareSections';

// The load sweep after the main run: 3 architectures × 2 replications; 1,000 measured requests per sweep point.
const baseURL = inject('baseURL');
const small: Scenario = ScenarioSchema.parse({
  ...DEFAULT_SCENARIO,
  name: 'e2e sweep',
  architectures: ['no-mesh', 'sidecar-envoy', 'ambient'],
  run: { warmupRequests: 100, measuredRequests: 1_500 },
});
const ARCHS = small.architectures;

let browser: Browser;
let page: Page;
const errors: string[] = [];

const simulated = (p: Page) => simulatedAndDrawn(p, 30_000);
const sweepDone = (p: Page) =>
  p.locator('[data-testid="sweep-state"][data-status="done"]').waitFor({ timeout: 60_000 });
const chart = (p: Page) => p.getByRole('img', { name: /^Latency against offered load/ });
const rowsOf = (p: Page) =>
  p.locator('[data-testid="load-sweep-table"] tbody tr').evaluateAll((rs) =>
    rs.map((r) => ({
      arch: r.getAttribute('data-arch'),
      source: r.getAttribute('data-source'),
      rps: Number(r.getAttribute('data-rps')),
    })),
  );

beforeAll(async () => {
  browser = await connectChromium();
  page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(`${baseURL}#/compare?s=${encodeScenarioParam(small)}&r=2&p=fixed`);
});

afterAll(() => browser?.close());

describe('Compare page: load sweep in Chromium (built site)', () => {
  it('after the main result, the latency-against-load chart and table gain simulated points: exactly what Node computes', async () => {
    await simulated(page);
    await showSection(page, 'Scaling');
    await sweepDone(page);
    const plan = planSweep(small, estimateScenario(small))!;
    expect(plan.points).toHaveLength(4);
    expect(await page.getByTestId('sweep-state').innerText()).toMatch(
      /^Load sweep done: 4 of 4 offered loads simulated/,
    );

    const rows = await rowsOf(page);
    expect(rows.filter((r) => r.source === 'scenario').map((r) => r.arch)).toEqual(ARCHS);
    const sweepRows = rows.filter((r) => r.source === 'sweep');
    expect(sweepRows).toHaveLength(ARCHS.length * plan.points.length);
    expect([...new Set(sweepRows.map((r) => r.rps))]).toEqual(plan.points.map((p) => p.rps));

    // Circles (mean) and diamonds (p99) at the scenario's load and each sweep load, per design.
    expect(await chart(page).locator('[data-kind="sim-p99"]').count()).toBe(
      ARCHS.length * (1 + plan.points.length),
    );
    expect(await chart(page).locator('[data-kind="sim-mean"] line.whisker').count()).toBe(
      ARCHS.length * (1 + plan.points.length),
    );

    // The heaviest point (90 % of the most constrained design's saturation) as Node computes it, same seeds.
    const last = plan.points.at(-1)!;
    const node = runComparison(last.scenario, { replications: 2 });
    for (const [i, arch] of ARCHS.entries()) {
      const p99 = ran(node.results[i]).latency!.p99.mean / 1000;
      const y = await chart(page)
        .locator(`[data-line="${arch}"] [data-kind="sim-p99"][data-x="${last.rps}"]`)
        .getAttribute('data-y');
      expect(Number(y)).toBe(p99);
      const cell = await page
        .locator(
          `[data-testid="load-sweep-table"] tr[data-arch="${arch}"][data-rps="${last.rps}"] [data-stat="p99"]`,
        )
        .innerText();
      expect(cell).toMatch(new RegExp(`^${p99.toFixed(2)}\\s+ms ±`));
    }
  });

  it('a control change drops the sweep shown; the new scenario gets its own points', async () => {
    // What the page shows between the change and the new result, recorded as it happens: with the designs
    // reused, a small scenario's new run can finish before a poll from here would look.
    await page.evaluate(() => {
      const seen: { simulated: (string | null)[]; sweepShown: boolean[] } = { simulated: [], sweepShown: [] };
      (window as unknown as { __seen: typeof seen }).__seen = seen;
      const look = () => {
        seen.simulated.push(
          document.querySelector('[data-testid="run-state"]')?.getAttribute('data-simulated') ?? null,
        );
        seen.sweepShown.push(document.querySelector('[data-testid="sweep-state"]') !== null);
      };
      new MutationObserver(look).observe(document.body, {
        subtree: true,
        childList: true,
        attributes: true,
        attributeFilter: ['data-simulated'],
      });
    });
    await page.getByLabel(/^Request rate/).fill('3000');
    type Seen = { simulated: (string | null)[]; sweepShown: boolean[] };
    const seen = () => page.evaluate(() => (window as unknown as { __seen: Seen }).__seen);
    // The old result dropped (not simulated), then the new one simulated.
    await expect
      .poll(
        async () => {
          const s = (await seen()).simulated;
          const i = s.indexOf('false');
          return i >= 0 && s.slice(i).includes('true');
        },
        { timeout: 30_000 },
      )
      .toBe(true);
    // While the old result was dropped, its sweep was gone too.
    const s = await seen();
    expect(s.simulated.some((v, i) => v === 'false' && !s.sweepShown[i])).toBe(true);
    await sweepDone(page);
    const paced = small.workload.load as Extract<Scenario['workload']['load'], { kind: 'paced' }>;
    const changed: Scenario = { ...small, workload: { ...small.workload, load: { ...paced, rps: 3000 } } };
    const plan = planSweep(changed, estimateScenario(changed))!;
    const rows = await rowsOf(page);
    expect(rows.filter((r) => r.source === 'scenario').map((r) => r.rps)).toEqual(ARCHS.map(() => 3000));
    expect([...new Set(rows.filter((r) => r.source === 'sweep').map((r) => r.rps))]).toEqual(
      plan.points.map((p) => p.rps),
    );
    expect(errors).toEqual([]);
  });

  it('published figures sit beside the model with links; the connections sweep draws 1 … 64 connections as Node computes them', async () => {
    await showSection(page, 'Latency');
    // The added-latency chart: numbered, shaped markers on the designs' rows; the list links each source.
    const added = page.getByRole('img', { name: /latency added over no mesh/i });
    expect(
      await added.locator('[data-row="sidecar-envoy"] .published-marker[data-shape="square"]').count(),
    ).toBe(4);
    expect(await added.locator('[data-row="ambient"] .published-marker').count()).toBe(4);
    const links = page.getByTestId('published-figures').getByRole('link');
    expect(await links.count()).toBe(6);
    expect(await links.first().getAttribute('href')).toMatch(/^https:\/\/istio\.io\//);
    // The scenario runs at 3,000 rps: the note says the benchmark texts were measured at 1000.
    expect(await page.getByTestId('published-note').innerText()).toMatch(/1000 rps/);

    await showSection(page, 'Scaling');
    await page.getByTestId('run-connections').click();
    await page.getByRole('button', { name: 'Run the connections sweep again' }).waitFor({ timeout: 90_000 });
    const conn = page.getByRole('img', { name: /^Added latency against client connections/ });
    for (const arch of ['sidecar-envoy', 'ambient'])
      expect(
        await conn
          .locator(`[data-line="${arch}"] [data-kind="added-p99"]`)
          .evaluateAll((ms) => ms.map((m) => Number(m.getAttribute('data-x')))),
      ).toEqual([1, 2, 4, 8, 16, 32, 64]);
    expect(await conn.locator('.published-marker').count()).toBeGreaterThan(0);
    // The 64-connection point as Node computes it, same seed.
    const paced = small.workload.load as Extract<Scenario['workload']['load'], { kind: 'paced' }>;
    const changed: Scenario = { ...small, workload: { ...small.workload, load: { ...paced, rps: 3000 } } };
    const node = runComparison(atConnections(changed, 64), { replications: 2 });
    const envoy = ran(node.results.find((r) => r.architecture === 'sidecar-envoy')!);
    const y = await conn
      .locator('[data-line="sidecar-envoy"] [data-kind="added-p99"][data-x="64"]')
      .getAttribute('data-y');
    expect(Number(y)).toBe(envoy.added!.p99.mean / 1000);
    expect(errors).toEqual([]);
  });
});
