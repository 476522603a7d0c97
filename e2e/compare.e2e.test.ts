import { simulated as ran } from '../src/model/comparison';
import { axeOn } from './axe';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEFAULT_SCENARIO } from '../src/app/compareModels';
import { runComparison } from '../src/engine/compare';
import { toComparisonView, type ComparisonView } from '../src/engine/scenario/view';
import { ScenarioSchema, type Scenario } from '../src/model/scenario';
import { encodeScenarioParam } from '../src/model/scenarioCodec';
import { precisionRule } from '../src/model/precision';
import { connectChromium } from './browser';
import { showSection, simulatedAndDrawn } from './compareSections';

// Short runs: 3 architectures × 2 replications × 1,500 measured requests.
const baseURL = inject('baseURL');
const small: Scenario = ScenarioSchema.parse({
  ...DEFAULT_SCENARIO,
  name: 'e2e',
  architectures: ['no-mesh', 'sidecar-envoy', 'ambient'],
  run: { warmupRequests: 100, measuredRequests: 1_500 },
});
const link = (s: Scenario, r = 2, extra = '') =>
  `${baseURL}#/compare?s=${encodeScenarioParam(s)}&r=${r}&p=fixed${extra}`;

let browser: Browser;
let context: BrowserContext;
let page: Page;
const consoleErrors: string[] = [];
const requested: string[] = [];

const lastComparison = (p: Page) =>
  p.evaluate(
    () => (window as unknown as { __meshpathLastComparison?: ComparisonView }).__meshpathLastComparison,
  );
const simulated = (p: Page) => simulatedAndDrawn(p, 30_000);
/** A table cell's text; textContent, since the percentile table may be folded under its chart (closed). */
const cell = (p: Page, table: string, arch: string, stat: string) =>
  p
    .locator(`[data-testid="${table}"] tr[data-arch="${arch}"] [data-stat="${stat}"]`)
    .textContent()
    .then((t) => (t ?? '').trim());
const bars = (p: Page) =>
  p
    .locator('#latency-heading ~ .chart-and-table svg rect')
    .evaluateAll((rs) => rs.map((r) => r.getAttribute('data-value')));

function watch(p: Page) {
  p.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  p.on('pageerror', (e) => consoleErrors.push(String(e)));
  p.on('request', (r) => requested.push(r.url()));
}

beforeAll(async () => {
  browser = await connectChromium();
  context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
  page = await context.newPage();
  watch(page);
  await page.goto(link(small));
});

afterAll(() => browser?.close());

describe('Compare page in Chromium (built site)', () => {
  it('shows the estimate, then simulates in the worker: exactly what Node computes', async () => {
    await simulated(page);
    const fromBrowser = (await lastComparison(page))!;
    const fromNode = toComparisonView(runComparison(small, { replications: 2 }));
    expect(JSON.stringify(fromBrowser)).toBe(JSON.stringify(fromNode));
    const envoy = fromNode.results[1];
    expect(await cell(page, 'latency-table', 'sidecar-envoy', 'p99')).toMatch(
      new RegExp(`^${(ran(envoy).latency!.p99.mean / 1000).toFixed(2)}\\s+ms ±`),
    );
    // The sentence sits on a line of its own under the design's name (compare.css: no layout shift).
    expect(await page.getByTestId('headlines').innerText()).toMatch(
      /Istio sidecar \(Envoy\):\n\+0\.\d\d\sms p99 and \+0\.\d+ vCPU per 1000 rps vs no mesh\./,
    );
  });

  it('a link with no fixed count runs rounds until ±2 %: each round shown, the last one what Node computes', async () => {
    const other = await context.newPage();
    watch(other);
    // As links made before rounds existed: no `p`, so the default target. (Which round is caught refining
    // depends on the machine's speed; the first round's text is checked in ComparePage.test.tsx.)
    await other.goto(`${baseURL}#/compare?s=${encodeScenarioParam(small)}&r=2`);
    // Read in the page, in one go: the state and its words while a round refines the shown one.
    const refining = await other.waitForFunction(
      () => {
        const el = document.querySelector('[data-testid="run-state"]');
        return el?.getAttribute('data-refining') === 'true' ? el.textContent : null;
      },
      undefined,
      { timeout: 30_000 },
    );
    expect(await refining.jsonValue()).toMatch(
      /^Refining to ±2 %: \d+ replications shown \(±[\d.]+ %\); running up to \d+, \d+ of (\d+|…) runs done\./,
    );
    await other
      .locator('[data-testid="run-state"][data-simulated="true"]:not([data-phase="running"])')
      .waitFor({ timeout: 60_000 });
    const fromNode = toComparisonView(
      runComparison(small, { replications: 2, precision: precisionRule(0.02) }),
    );
    expect(fromNode.precision!.replications).toBeGreaterThan(2);
    expect(JSON.stringify(await lastComparison(other))).toBe(JSON.stringify(fromNode));
    expect(await other.getByTestId('run-state').innerText()).toContain(
      `× ${fromNode.precision!.replications} replications`,
    );
    expect(await other.getByTestId('run-state').getAttribute('title')).toMatch(/^Least precise: /);
    await other.close();
  });

  it('changing a control changes the charts and tables (estimate at once, then the simulation)', async () => {
    const barsBefore = await bars(page);
    const p99Before = await cell(page, 'latency-table', 'sidecar-envoy', 'p99');
    const rate = page.getByLabel(/^Request rate/);
    await rate.fill('6000');
    await expect.poll(() => page.getByTestId('run-state').getAttribute('data-simulated')).toBe('false');
    await simulated(page);
    expect(await bars(page)).not.toEqual(barsBefore);
    const p99After = await cell(page, 'latency-table', 'sidecar-envoy', 'p99');
    expect(p99After).not.toBe(p99Before);
    const fromBrowser = (await lastComparison(page))!;
    expect(fromBrowser.scenario.workload.load).toMatchObject({ rps: 6000 });
    expect(page.url()).toContain('#/compare?s=');
  });

  it('a shared link opened in a new page gives the same numbers', async () => {
    const url = page.url();
    const other = await context.newPage();
    watch(other);
    await other.goto(url);
    await simulated(other);
    expect(JSON.stringify(await lastComparison(other))).toBe(JSON.stringify(await lastComparison(page)));
    for (const arch of ['no-mesh', 'sidecar-envoy', 'ambient'])
      for (const stat of ['p50', 'p99', 'p999'])
        expect(await cell(other, 'latency-table', arch, stat)).toBe(
          await cell(page, 'latency-table', arch, stat),
        );
    await other.close();
  });

  it('back returns to the previous scenario', async () => {
    await page.goBack();
    await expect.poll(() => page.getByLabel(/^Request rate/).inputValue()).toBe('1,000');
    await simulated(page);
    expect((await lastComparison(page))!.scenario.workload.load).toMatchObject({ rps: 1000 });
    await page.goForward();
    await expect.poll(() => page.getByLabel(/^Request rate/).inputValue()).toBe('6,000');
  });

  it('a broken file shows its error, naming the field, and the current scenario stays', async () => {
    await simulated(page);
    const urlBefore = page.url();
    const p99Before = await cell(page, 'latency-table', 'sidecar-envoy', 'p99');
    const broken = JSON.stringify({ ...small, topology: { ...small.topology, nodes: 'two' } });
    await page
      .getByTestId('load-file')
      .setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(broken) });
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toMatch(
      /^broken\.json is not a valid scenario\. topology\.nodes: .*The current scenario is kept\.$/,
    );
    expect(await page.getByLabel(/^Request rate/).inputValue()).toBe('6,000');
    expect(await page.getByLabel(/^Nodes/).inputValue()).toBe('2');
    expect(page.url()).toBe(urlBefore);
    expect(await page.getByTestId('run-state').getAttribute('data-simulated')).toBe('true');
    expect(await cell(page, 'latency-table', 'sidecar-envoy', 'p99')).toBe(p99Before);
  });

  it('saves the scenario and exports the results as files', async () => {
    const [save] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Save scenario file' }).click(),
    ]);
    expect(save.suggestedFilename()).toBe('e2e.meshpath.json');
    const saved = JSON.parse(await streamText(await save.createReadStream()));
    expect(saved.workload.load.rps).toBe(6000);
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'CSV' }).click(),
    ]);
    expect((await streamText(await csv.createReadStream())).split('\n')[2]).toMatch(
      /^sidecar-envoy,Istio sidecar \(Envoy\),true,meshpath simulation,/,
    );
  });

  it('opens the hops and sources behind a number', async () => {
    // The percentile table is folded under its chart: opened as a reader would.
    await showSection(page, 'Latency');
    await page
      .locator('[data-testid="latency-table"] tr[data-arch="ambient"] [data-stat="p99"] button')
      .click();
    const details = page.getByRole('region', { name: 'Behind Istio ambient (ztunnel, L4): p99 latency' });
    await details.waitFor();
    expect(await details.locator('tbody tr').count()).toBeGreaterThan(20);
    expect(await details.innerText()).toContain('istio-ztunnel-architecture');
  });

  it('has no serious or critical axe violations (results, details and an error shown)', async () => {
    const r = await axeOn(page).withTags(['wcag2a', 'wcag2aa']).analyze();
    const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });

  it('a bad link says what is wrong and shows the default scenario', async () => {
    const p = await context.newPage();
    watch(p);
    await p.goto(`${baseURL}#/compare?s=not-a-scenario&r=2`);
    const alert = p.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toMatch(
      /^The link’s scenario \(s=…\) is (damaged|not valid JSON).*The default scenario is shown instead\.$/,
    );
    expect(await p.getByLabel(/^Request rate/).inputValue()).toBe('1,000');
    await p.close();
  });

  it('embeds without site chrome, with a link back to the full page', async () => {
    const p = await context.newPage();
    watch(p);
    await p.goto(link(small, 2, '&embed=1'));
    await simulated(p);
    expect(await p.getByRole('navigation').count()).toBe(0);
    expect(await p.getByLabel(/^Request rate/).count()).toBe(0);
    const back = p.getByRole('link', { name: 'Open this scenario in meshpath' });
    expect(await back.getAttribute('href')).not.toContain('embed=1');
    const r = await axeOn(p).withTags(['wcag2a', 'wcag2aa']).analyze();
    expect(
      r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id),
    ).toEqual([]);
    await p.close();
  });

  it('at 1024×768 the headlines are on the first screen and stay in view while editing; the file error sits by its control', async () => {
    const p = await context.newPage();
    watch(p);
    await p.setViewportSize({ width: 1024, height: 768 });
    await p.goto(link(small));
    await simulated(p);
    const headlines = await p.getByTestId('headlines').boundingBox();
    expect(headlines!.y).toBeLessThan(768);
    expect(await p.getByTestId('scenario-name').innerText()).toBe('Scenario: e2e');
    // Editing a control low in the form: the form scrolls on its own, the summary stays on screen.
    const reps = p.getByLabel(/^Replications/);
    await reps.scrollIntoViewIfNeeded();
    const box = await p.getByTestId('headlines').boundingBox();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y).toBeLessThan(768);
    // Chart text is at least 14 px on screen.
    const px = await p
      .locator('#latency-heading ~ .chart-and-table svg')
      .first()
      .evaluate((svg) => {
        const t = svg.querySelector('.tick text')!;
        return parseFloat(getComputedStyle(t).fontSize) * (svg as SVGSVGElement).getScreenCTM()!.a;
      });
    expect(px).toBeGreaterThanOrEqual(14);
    const broken = JSON.stringify({ ...small, topology: { ...small.topology, coresPerNode: undefined } });
    await p
      .getByTestId('load-file')
      .setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(broken) });
    const err = p.getByTestId('load-file-error');
    await err.waitFor();
    expect(await err.innerText()).toMatch(/topology\.coresPerNode: missing; expected a number/);
    // Both boxes read in one step: the form may scroll between two separate reads.
    const gap = await p.evaluate(() => {
      const control = document.querySelector('.file-button')!.getBoundingClientRect();
      const shown = document.getElementById('load-file-error')!.getBoundingClientRect();
      return Math.abs(shown.y - control.y);
    });
    expect(gap).toBeLessThan(200);
    await p.close();
  });

  it('with 20 % loss, shows what failed and what retries saved', async () => {
    const p = await context.newPage();
    watch(p);
    const lossy = ScenarioSchema.parse({
      ...small,
      failure: { kind: 'loss', service: small.topology.services[0].id, probability: 0.2 },
    });
    await p.goto(link(lossy));
    await simulated(p);
    expect(await cell(p, 'outcomes-table', 'no-mesh', 'failed')).toMatch(/^(1\d|2\d)\s%/);
    expect(Number(await cell(p, 'outcomes-table', 'sidecar-envoy', 'retries'))).toBeGreaterThan(0);
    expect(await p.getByTestId('headlines').innerText()).toMatch(/of requests failed/);
    expect(await p.getByRole('heading', { name: 'Latency of successful requests' }).count()).toBe(1);
    await p.close();
  });

  it('made no request outside its origin and logged no errors', () => {
    const origin = new URL(baseURL).origin;
    expect(
      requested.filter((u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:')),
    ).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});

async function streamText(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}
