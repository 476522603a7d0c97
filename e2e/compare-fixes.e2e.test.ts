import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEFAULT_SCENARIO } from '../src/app/compareModels';
import { ScenarioSchema, type Scenario } from '../src/model/scenario';
import { encodeScenarioParam } from '../src/model/scenarioCodec';
import { connectChromium } from './browser';
import { simulatedAndDrawn } from './compareSections';

// Every shipped architecture, short runs: the longest names and all charts are drawn.
const baseURL = inject('baseURL');
const all: Scenario = ScenarioSchema.parse({
  ...DEFAULT_SCENARIO,
  name: 'e2e-fixes',
  architectures: [
    'no-mesh',
    'sidecar-envoy',
    'sidecar-linkerd',
    'sidecar-ebpf-redirect',
    'cilium-ebpf',
    'ambient',
    'ambient-waypoint',
    'proxyless-grpc',
    'library',
  ],
  run: { warmupRequests: 100, measuredRequests: 1_000 },
});
const link = (s: Scenario, extra = '') =>
  `${baseURL}#/compare?s=${encodeScenarioParam(s)}&r=2&p=fixed${extra}`;
const simulated = (p: Page) => simulatedAndDrawn(p, 60_000);

interface Box {
  cls: string;
  text: string;
  x: number;
  y: number;
  w: number;
  h: number;
}
interface ChartBoxes {
  vw: number;
  vh: number;
  boxes: Box[];
}

/** Each chart's text boxes in viewBox units (getBBox), with the viewBox's size. */
const chartText = (p: Page) =>
  p.locator('figure.chart svg').evaluateAll((svgs) =>
    svgs.map((svg) => {
      const vb = (svg as SVGSVGElement).viewBox.baseVal;
      const boxes = [...svg.querySelectorAll('text')].map((t) => {
        const b = (t as SVGTextElement).getBBox();
        const cls = t.closest('.tick')
          ? t.closest('.x-tick')
            ? 'x-tick'
            : 'tick'
          : (t.getAttribute('class') ?? '');
        return { cls, text: t.textContent ?? '', x: b.x, y: b.y, w: b.width, h: b.height };
      });
      return { vw: vb.width, vh: vb.height, boxes };
    }),
  );

const apart = (a: Box, b: Box) =>
  a.x + a.w <= b.x + 0.5 || b.x + b.w <= a.x + 0.5 || a.y + a.h <= b.y + 0.5 || b.y + b.h <= a.y + 0.5;

function check(charts: ChartBoxes[]) {
  expect(charts.length).toBeGreaterThanOrEqual(3);
  for (const c of charts) {
    const labels = c.boxes.filter((b) =>
      ['tick', 'x-tick', 'row-label', 'axis-label', 'axis-label y-unit'].includes(b.cls),
    );
    for (const b of labels) {
      expect(b.x, `${b.text} left`).toBeGreaterThanOrEqual(-0.5);
      expect(b.y, `${b.text} top`).toBeGreaterThanOrEqual(-0.5);
      expect(b.x + b.w, `${b.text} right`).toBeLessThanOrEqual(c.vw + 0.5);
      expect(b.y + b.h, `${b.text} bottom`).toBeLessThanOrEqual(c.vh + 0.5);
    }
    for (let i = 0; i < labels.length; i++)
      for (let j = i + 1; j < labels.length; j++)
        expect(apart(labels[i]!, labels[j]!), `"${labels[i]!.text}" overlaps "${labels[j]!.text}"`).toBe(
          true,
        );
  }
}

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await connectChromium();
});

// A fresh page per check: a link that differs only after the '#' would not reload the app.
async function open(url: string) {
  await page?.close();
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.goto(url);
}

afterAll(() => browser?.close());

describe('Compare chart text in Chromium', () => {
  it('no tick, unit or row label overlaps another or leaves its chart', async () => {
    await open(link(all));
    await simulated(page);
    const charts = await chartText(page);
    check(charts);
    const rows = charts.flatMap((c) => c.boxes.filter((b) => b.cls === 'row-label').map((b) => b.text));
    expect(rows.some((t) => t.includes('Cilium (eBPF, per-node Envoy') && t.includes('for L7)'))).toBe(true);
  }, 90_000);

  it('interval whiskers stay inside their plots, even with two replications', async () => {
    await open(link(all));
    await simulated(page);
    const charts = await page.locator('figure.chart svg').evaluateAll((svgs) =>
      svgs.map((svg) => {
        const box = (e: Element) => (e as SVGGraphicsElement).getBBox();
        const xTicks = [...svg.querySelectorAll('.x-tick text')].map((t) => box(t).y);
        const rowLabels = [...svg.querySelectorAll('text.row-label')].map((t) => {
          const b = box(t);
          return b.x + b.width;
        });
        const whiskers = [...svg.querySelectorAll('.whisker')].map((w) => {
          const b = box(w);
          return { left: b.x, bottom: b.y + b.height };
        });
        return {
          xTickTop: xTicks.length ? Math.min(...xTicks) : Infinity,
          labelsRight: rowLabels.length ? Math.max(...rowLabels) : -Infinity,
          whiskers,
        };
      }),
    );
    expect(charts.some((c) => c.whiskers.length > 0)).toBe(true);
    for (const c of charts)
      for (const w of c.whiskers) {
        expect(w.bottom).toBeLessThanOrEqual(c.xTickTop);
        expect(w.left).toBeGreaterThanOrEqual(c.labelsRight);
      }
  }, 90_000);

  it('the failure controls fit the form column at 1280 and 1024 wide', async () => {
    const one = ScenarioSchema.parse({
      ...all,
      architectures: ['no-mesh', 'sidecar-envoy'],
      failure: { kind: 'pod-down', service: all.topology.services.at(-1)!.id },
    });
    for (const width of [1280, 1024]) {
      await page?.close();
      page = await browser.newPage({ viewport: { width, height: 900 } });
      await page.goto(link(one));
      await page.getByTestId('single-replica-warning').waitFor();
      const fit = await page.evaluate(() => {
        const form = document.querySelector('.scenario-form')!.getBoundingClientRect();
        const set = document.getElementById('failure-kind')!.closest('fieldset')!.getBoundingClientRect();
        const warn = document
          .querySelector('[data-testid="single-replica-warning"]')!
          .getBoundingClientRect();
        return { form: form.right, set: set.right, warn: warn.right };
      });
      expect(fit.set).toBeLessThanOrEqual(fit.form + 1);
      expect(fit.warn).toBeLessThanOrEqual(fit.form + 1);
    }
  }, 90_000);

  it('the embed view too', async () => {
    await open(link(all, '&embed=1'));
    await page.locator('main.compare-embed').waitFor();
    await simulated(page);
    check(await chartText(page));
  }, 90_000);

  it('a pod down in a one-replica service: warned in the control, no latency of nothing', async () => {
    const one = ScenarioSchema.parse({
      ...all,
      architectures: ['no-mesh', 'sidecar-envoy'],
      failure: { kind: 'pod-down', service: all.topology.services.at(-1)!.id },
    });
    expect(one.topology.services.at(-1)!.replicas).toBe(1);
    await open(link(one));
    await simulated(page);
    await expect(page.getByTestId('single-replica-warning').innerText()).resolves.toMatch(
      /its only replica is down, so every call to it fails/,
    );
    await expect(page.getByTestId('no-success').innerText()).resolves.toMatch(
      /No successful requests in any design/,
    );
    const heads = await page.getByTestId('headlines').innerText();
    expect(heads).toMatch(/Every request failed; retries could not help: no replica was up\./);
    expect(heads).not.toMatch(/—|kept failures to 100/);
  }, 90_000);
});
