import { estimated } from '../src/model/comparison';
import { simulated } from '../src/model/comparison';
import { axeOn } from './axe';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEFAULT_SCENARIO } from '../src/app/compareModels';
import { runComparison } from '../src/engine/compare';
import { estimateScenario } from '../src/engine/scenario/estimate';
import { toComparisonView } from '../src/engine/scenario/view';
import { ScenarioSchema, type Scenario } from '../src/model/scenario';
import { encodeScenarioParam } from '../src/model/scenarioCodec';
import { figuresOf, mib, percent } from '../src/ui/compare/figures';
import { bottleneckSentence } from '../src/ui/compare/stations';
import { cores } from '../src/ui/compare/scaling';
import { connectChromium } from './browser';
import { openFolds, showSection, simulatedAndDrawn } from './compareSections';

// The Compare page's scaling curves (CPU against pods, memory against services) and "Where it queues",
// against the same figures computed in Node. Short runs: 3 architectures × 2 replications × 1,500 requests.
const baseURL = inject('baseURL');
const scenario: Scenario = ScenarioSchema.parse({
  ...DEFAULT_SCENARIO,
  name: 'e2e scaling',
  architectures: ['no-mesh', 'sidecar-envoy', 'ambient-waypoint'],
  // Only the simulated pods: the pod axis then runs from the scenario's 2 pods to 10,000.
  topology: { ...DEFAULT_SCENARIO.topology, mesh: undefined, configScope: 'mesh' },
  run: { warmupRequests: 100, measuredRequests: 1_500 },
});
const link = `${baseURL}#/compare?s=${encodeScenarioParam(scenario)}&r=2&p=fixed`;

let browser: Browser;
let page: Page;
const errors: string[] = [];

const text = (sel: string) => page.locator(sel).innerText();
const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

beforeAll(async () => {
  browser = await connectChromium();
  page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(link);
});

afterAll(() => browser?.close());

describe('Compare page: scaling and where it queues (built site, Chromium)', () => {
  const estimate = estimateScenario(scenario);
  const [, envoy, waypoint] = estimate.results;

  it('draws CPU against pods and memory against services with tables that match the closed forms', async () => {
    // The folds are opened once the table is there: opened before (the estimate still coming, with both
    // cores busy), its fold stayed closed and the table hidden.
    await showSection(page, 'Scaling', { unfold: false });
    await page.getByTestId('cpu-scaling-table').waitFor({ state: 'attached', timeout: 30_000 });
    await openFolds(page);
    await page.getByTestId('cpu-scaling-table').waitFor({ timeout: 30_000 });
    const last = estimated(envoy).cpuScaling!.at(-1)!;
    expect(last.pods).toBe(10000);
    expect(
      norm(
        await text(
          '[data-testid="cpu-scaling-table"] tr[data-arch="sidecar-envoy"][data-row="used"] [data-stat="used-10000"]',
        ),
      ),
    ).toBe(cores(last.usedCores));
    expect(
      norm(
        await text(
          '[data-testid="cpu-scaling-table"] tr[data-arch="sidecar-envoy"][data-row="reserved"] [data-stat="reserved-10000"]',
        ),
      ),
    ).toBe(cores(last.reservedCores));
    // The memory table says how many waypoints it counts: the one service's namespace has one.
    await showSection(page, 'Memory');
    expect(norm(await text('[data-testid="waypoint-count"]'))).toBe(
      'Istio ambient + waypoint (L7) counts 1 waypoint (one per namespace).',
    );
    await showSection(page, 'Scaling');
    const wp1000 = estimated(waypoint).servicesScaling!.find((p) => p.services === 1000)!;
    expect(
      norm(
        await text(
          '[data-testid="services-scaling-table"] tr[data-arch="ambient-waypoint"] [data-stat="used-1000"]',
        ),
      ),
    ).toBe(norm(mib(wp1000.cluster.usedMemoryMiB)));
    expect(
      norm(
        await text('[data-testid="services-scaling-table"] tr[data-row="iptables"] [data-stat="nat-1000"]'),
      ),
    ).toBe('7.50 µs');
    // One line per architecture in each chart; the no-mesh line lies on zero.
    const charts = page.locator('[data-testid="scaling-section"] svg[role="img"]');
    expect(await charts.count()).toBe(2);
    for (let i = 0; i < 2; i++)
      expect(await charts.nth(i).locator('path, polyline').count()).toBeGreaterThanOrEqual(3);
    expect(await text('[data-testid="scaling-sources"] >> nth=0')).toContain('istio-helm-values');
  });

  it('a CPU figure opens the footprint components and their sources', async () => {
    await page
      .locator(
        '[data-testid="cpu-scaling-table"] tr[data-arch="sidecar-envoy"][data-row="reserved"] [data-stat="reserved-2000"] button',
      )
      .click();
    const details = page.getByTestId('details-table');
    await details.waitFor();
    expect(await details.innerText()).toMatch(/Envoy sidecar[\s\S]*istio-helm-values/);
    await page.getByRole('button', { name: 'Close details' }).click();
  });

  it('after the simulation, names each design’s busiest resource exactly as Node computes it', async () => {
    await showSection(page, 'CPU');
    await simulatedAndDrawn(page, 60_000);
    const view = toComparisonView(runComparison(scenario, { replications: 2 }));
    for (const r of view.results) {
      const top = simulated(r).stations![0];
      const row = page.locator(
        `[data-testid="queues-table"] tr[data-arch="${r.architecture}"][data-station="${top.id}"]`,
      );
      expect(norm(await row.locator('[data-stat="utilisation"]').innerText())).toBe(
        norm(`${percent(top.utilization.mean)} ± ${percent(top.utilization.halfWidth)}`),
      );
      expect(
        await page.locator(`[data-testid="queues-table"] tr[data-arch="${r.architecture}"]`).count(),
      ).toBe(Math.min(3, simulated(r).stations!.length));
    }
    // The busiest resource with Node's figures (and whichever others its interval cannot tell apart).
    const waypoint = figuresOf(estimateScenario(scenario), view).find((f) => f.id === 'ambient-waypoint')!;
    const sentence = norm(await text('[data-testid="bottlenecks"] li[data-arch="ambient-waypoint"]'));
    expect(sentence).toBe(norm(`Istio ambient + waypoint (L7): ${bottleneckSentence(waypoint)}`));
    expect(sentence).toMatch(
      /^Istio ambient \+ waypoint \(L7\): Busiest: waypoint workers of namespace default[ ,]/,
    );
    expect(sentence).toContain(
      norm(
        `${percent(simulated(view.results[2]).stations![0].utilization.mean)} ± ${percent(simulated(view.results[2]).stations![0].utilization.halfWidth)} busy (simulated).`,
      ),
    );
  });

  it('has no serious or critical axe violations in the new sections, and no console errors', async () => {
    // axe reads only what is shown: each group in turn.
    for (const [group, section] of [
      ['Scaling', 'scaling-section'],
      ['CPU', 'queues-section'],
    ] as const) {
      await showSection(page, group);
      const r = await axeOn(page)
        .include(`[data-testid="${section}"]`)
        .withTags(['wcag2a', 'wcag2aa'])
        .analyze();
      expect(
        r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id),
      ).toEqual([]);
    }
    expect(errors).toEqual([]);
  });
});
