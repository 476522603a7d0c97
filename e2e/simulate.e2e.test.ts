import { axeOn } from './axe';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { countCanvasPixels } from './canvasPixels';
import { connectChromium } from './browser';
import { CHROMIUM_ARGS } from './chromium';

// The Simulate page on the built site: the 3D scene draws, playback and the event list agree,
// the inspector cites sources, an architecture switch changes what is drawn, and without WebGL the
// 2D view takes over. Software WebGL is slow: nothing here asserts a frame rate.

const baseURL = inject('baseURL');
let browser: Browser;
let page: Page;
const errors: string[] = [];

const probe = (p: Page = page) => p.evaluate(() => window.__meshpathScene ?? null);
const clock = async () => ((await page.getByTestId('sim-time').textContent()) ?? '').replace(/\s+/g, ' ');
const eventCount = async () => page.locator('.sim-events tbody tr').count();
const lastEventTime = async () =>
  ((await page.locator('.sim-events tbody tr').last().getByRole('button').textContent()) ?? '').replace(
    /\s+/g,
    ' ',
  );

/** Pixels of the canvas that differ clearly from the dark background. */
const litPixels = () => countCanvasPixels(page, 'lit');

async function openSimulate(query: string) {
  await page.goto(`${baseURL}#/simulate?${query}`);
  await page.getByTestId('scene').waitFor({ timeout: 30_000 });
  await page.waitForFunction(() => (window.__meshpathScene?.frames ?? 0) > 0, null, { timeout: 30_000 });
}

beforeAll(async () => {
  browser = await connectChromium();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  await openSimulate('preset=one-request-slowly&arch=sidecar-envoy&aa=0');
});

afterAll(() => browser?.close());

describe('Simulate page (built site, Chromium)', () => {
  it('draws the 3D scene: non-blank pixels, and the sidecars the architecture has', async () => {
    const p = (await probe())!;
    expect(p.mode).toBe('3d');
    expect(p.counts).toMatchObject({
      nodes: 2,
      pods: 2,
      sidecars: 2,
      nodeProxies: 0,
      kernelLayers: 2,
      links: 1,
    });
    expect(await page.getByRole('img', { name: /3D view of Istio sidecar \(Envoy\)/ }).count()).toBe(1);
    expect(await litPixels()).toBeGreaterThan(5_000);
    expect(await page.getByTestId('sim-slowdown').textContent()).toContain('10,000× slower');
  });

  it('step and step back move the clock and the event list together', async () => {
    expect(await eventCount()).toBe(0);
    for (let i = 1; i <= 5; i++) {
      await page.getByRole('button', { name: 'Step', exact: true }).click();
      await expect.poll(eventCount).toBe(i);
      expect(await lastEventTime()).toBe(await clock());
    }
    const fifth = await clock();
    await page.getByRole('button', { name: 'Step back' }).click();
    await expect.poll(eventCount).toBe(4);
    expect(await lastEventTime()).toBe(await clock());
    expect(await clock()).not.toBe(fifth);
    // the keyboard does the same: → steps, ← steps back
    await page.locator('h1').click();
    await page.keyboard.press('ArrowRight');
    await expect.poll(eventCount).toBe(5);
    expect(await clock()).toBe(fifth);
    await page.keyboard.press('ArrowLeft');
    await expect.poll(eventCount).toBe(4);
  });

  it('play moves the clock forward and packets across the scene; pause stops it', async () => {
    const before = await clock();
    const rows = await eventCount();
    await page.getByRole('button', { name: 'Play' }).click();
    await expect.poll(clock, { timeout: 20_000 }).not.toBe(before);
    await expect.poll(eventCount, { timeout: 20_000 }).toBeGreaterThan(rows);
    await page.getByRole('button', { name: 'Pause' }).click();
    const stopped = await clock();
    const stoppedRows = await eventCount();
    await page.waitForTimeout(600);
    expect(await clock()).toBe(stopped);
    expect(await eventCount()).toBe(stoppedRows);
    // the last listed event started at or before the clock
    // The clock reads like a stopwatch ("1 s 345 ms 60.4 µs"): add up its parts.
    const scale: Record<string, number> = { s: 1e6, ms: 1e3, µs: 1 };
    const toUs = (s: string) =>
      [...s.replace(/,/g, '').matchAll(/([0-9.]+)\s(s|ms|µs)\b/g)].reduce(
        (t, m) => t + Number(m[1]) * scale[m[2]],
        0,
      );
    expect(toUs('1 s 345 ms 60.4 µs')).toBeCloseTo(1_345_060.4, 6);
    expect(toUs(await lastEventTime())).toBeLessThanOrEqual(toUs(stopped));
  });

  it('clicking an event opens the inspector with its cost model and cited source, and the path view', async () => {
    const row = page.locator('.sim-events tbody tr').first();
    const time = ((await row.getByRole('button').textContent()) ?? '').replace(/\s+/g, ' ');
    await row.getByRole('button').click();
    expect(await clock()).toBe(time);
    const inspector = page.getByTestId('inspector');
    await inspector.getByText('A packet here is one whole request or response message').waitFor();
    await expect.poll(() => inspector.getByTestId('sources').locator('li').count()).toBeGreaterThan(0);
    expect(await inspector.locator('table.sim-cost tbody tr').count()).toBe(3); // low, default, high
    await inspector.getByTestId('cumulative').waitFor();
    await inspector.getByTestId('queue-state').waitFor();
    await page.getByTestId('path-total').waitFor();
    expect(await page.locator('.sim-waterfall tbody tr').count()).toBe(42);
  });

  it('switching architecture keeps the scenario and changes what is drawn', async () => {
    await page.getByTestId('arch-select').selectOption('ambient');
    await page.waitForFunction(() => window.__meshpathScene?.arch === 'ambient', null, { timeout: 30_000 });
    const p = (await probe())!;
    expect(p.counts).toMatchObject({ sidecars: 0, nodeProxies: 2, pods: 2, nodes: 2 });
    expect(await page.getByTestId('scene').getAttribute('data-node-proxies')).toBe('2');
    await expect
      .poll(() => page.getByTestId('arch-change').textContent())
      .toMatch(/2 sidecar proxies disappear; 2 node proxies appear/);
    expect(page.url()).toContain('arch=ambient');
    await page.getByTestId('arch-select').selectOption('ambient-waypoint');
    await page.waitForFunction(() => window.__meshpathScene?.arch === 'ambient-waypoint', null, {
      timeout: 30_000,
    });
    expect((await probe())!.counts).toMatchObject({ waypoints: 1, nodeProxies: 2, pods: 3 });
    await page.getByTestId('arch-select').selectOption('cilium-ebpf');
    await page.waitForFunction(() => window.__meshpathScene?.arch === 'cilium-ebpf', null, {
      timeout: 30_000,
    });
    expect((await probe())!.counts.ebpfHooks).toBeGreaterThan(0);
    expect((await probe())!.counts.netfilterHooks).toBe(0);
    await expect.poll(litPixels, { timeout: 10_000 }).toBeGreaterThan(5_000);
  });

  it('camera presets: into a node’s kernel, follow a packet, back to the overview', async () => {
    await page.getByRole('button', { name: 'Into the kernel of' }).click();
    expect(await page.getByRole('button', { name: 'Into the kernel of' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    // The node looked into is selected: the inspector shows it.
    await page.getByTestId('inspector').getByRole('heading', { name: 'Node 0' }).waitFor();
    await expect.poll(litPixels, { timeout: 10_000 }).toBeGreaterThan(5_000);
    await page.getByRole('button', { name: 'Follow a packet' }).click();
    await page.getByRole('button', { name: 'Step', exact: true }).click();
    await expect.poll(litPixels, { timeout: 10_000 }).toBeGreaterThan(1_000);
    await page.getByRole('button', { name: 'Overview' }).click();
    expect(await page.getByRole('button', { name: 'Overview' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('picks packets and components by keyboard, as a click in the canvas would', async () => {
    await page.getByRole('button', { name: 'Step', exact: true }).click();
    const next = page.getByRole('button', { name: 'Next packet in flight' });
    await next.focus();
    await page.keyboard.press('Enter');
    const inspector = page.getByTestId('inspector');
    await inspector.getByText('A packet here is one whole request or response message').waitFor();
    await expect
      .poll(() => page.getByTestId('picker-status').textContent())
      .toMatch(/^Packet 1 of \d+ in flight: request #\d+/);
    await page.getByTestId('component-pick').focus();
    await page.getByTestId('component-pick').selectOption('node:1');
    await inspector.getByRole('heading', { name: 'Node 1' }).waitFor();
  });

  it('the shortcut sheet opens with ? and closes with Escape', async () => {
    await page.locator('h1').click();
    await page.keyboard.press('?');
    const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await sheet.waitFor();
    expect(await sheet.textContent()).toContain('Step back to the previous event');
    await page.keyboard.press('Escape');
    await sheet.waitFor({ state: 'hidden' });
  });

  it('the load view draws resource bars and lists utilisation and queues', async () => {
    await openSimulate('preset=fan-out-under-load&arch=sidecar-envoy&view=load&aa=0');
    await page.getByRole('heading', { name: 'Resources', exact: true }).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Play' }).click();
    await expect.poll(async () => (await probe())!.packets, { timeout: 30_000 }).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Pause' }).click();
    expect(await page.locator('.sim-resource-table tbody tr').count()).toBeGreaterThan(5);
    await expect
      .poll(() => page.locator('.sim-resource-table meter').first().getAttribute('value'), {
        timeout: 10_000,
      })
      .not.toBe('0');
    const r = await axeOn(page).withTags(['wcag2a', 'wcag2aa']).analyze();
    expect(
      r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id),
    ).toEqual([]);
  });

  it('has no serious or critical axe violations (trace view with the inspector open)', async () => {
    await openSimulate('preset=one-request-slowly&arch=sidecar-envoy&aa=0');
    for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Step', exact: true }).click();
    await page.locator('.sim-events tbody tr').last().getByRole('button').click();
    await page.getByTestId('path-total').waitFor();
    const r = await axeOn(page).withTags(['wcag2a', 'wcag2aa']).analyze();
    const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });

  it('logged no errors', () => {
    expect(errors.filter((e) => !/GPU stall|THREE\.Clock/.test(e))).toEqual([]);
  });
});

describe('Simulate page without WebGL', () => {
  it('shows the 2D view with a notice saying why, and every panel still works (gl=0)', async () => {
    await openSimulate('preset=one-request-slowly&arch=sidecar-envoy&gl=0');
    expect((await probe())!.mode).toBe('2d');
    expect(await page.getByTestId('no-webgl').textContent()).toContain('2D view was asked for');
    expect(await page.locator('.sim-canvas canvas').count()).toBe(0);
    await page.getByRole('img', { name: /2D view of Istio sidecar/ }).waitFor();
    for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Step', exact: true }).click();
    await expect.poll(eventCount).toBe(3);
    await page.locator('.sim-events tbody tr').last().getByRole('button').click();
    await expect
      .poll(() => page.getByTestId('inspector').getByTestId('sources').locator('li').count())
      .toBeGreaterThan(0);
    await expect.poll(async () => (await probe())!.packets).toBeGreaterThan(0);
    const r = await axeOn(page).withTags(['wcag2a', 'wcag2aa']).analyze();
    expect(
      r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id),
    ).toEqual([]);
  });

  it('detects a browser with WebGL turned off and falls back by itself', async () => {
    const noGl = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      args: [...CHROMIUM_ARGS, '--disable-webgl', '--disable-3d-apis'],
    });
    try {
      const p = await (await noGl.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
      await p.goto(`${baseURL}#/simulate?preset=one-request-slowly&arch=ambient`);
      await p.getByTestId('no-webgl').waitFor({ timeout: 30_000 });
      expect(await p.getByTestId('no-webgl').textContent()).toMatch(/could not start WebGL/);
      expect((await probe(p))!.mode).toBe('2d');
      expect((await probe(p))!.counts.nodeProxies).toBe(2);
      await p.getByRole('button', { name: 'Step', exact: true }).click();
      await expect.poll(() => p.locator('.sim-events tbody tr').count()).toBe(1);
    } finally {
      await noGl.close();
    }
  });
});

describe('Simulate page: never a blank page, and fits a projector', () => {
  let small: Page;
  beforeAll(async () => {
    small = await (await browser.newContext({ viewport: { width: 1024, height: 768 } })).newPage();
    small.on('pageerror', (e) => errors.push(String(e)));
  });
  const smallProbe = () => probe(small);
  const waitForScene = async (arch: string) => {
    await small.getByTestId('scene').waitFor({ timeout: 30_000 });
    await small.waitForFunction((a) => window.__meshpathScene?.arch === a, arch, { timeout: 30_000 });
  };

  it('a bad arch parameter says so by name and falls back to a working architecture', async () => {
    await small.goto(`${baseURL}#/simulate?arch=bogus&aa=0`);
    const notice = small.getByTestId('url-notice');
    await notice.waitFor({ timeout: 30_000 });
    expect(await notice.textContent()).toMatch(/arch=‘bogus’.*Istio sidecar \(Envoy\)/);
    await waitForScene('sidecar-envoy');
    expect(await small.getByTestId('arch-select').inputValue()).toBe('sidecar-envoy');
    await small.getByRole('button', { name: 'Step', exact: true }).click();
    await expect.poll(() => small.locator('.sim-events tbody tr').count()).toBe(1);
    expect(small.url()).toContain('arch=sidecar-envoy');
  });

  it('an architecture that cannot run the preset gives the reason and a fix that runs', async () => {
    await small.goto(`${baseURL}#/simulate?preset=one-request-slowly&arch=proxyless-grpc&aa=0`);
    const box = small.getByTestId('unsupported');
    await box.waitFor({ timeout: 30_000 });
    const text = (await box.textContent()) ?? '';
    expect(text).toContain('Proxyless gRPC (xDS) cannot run “One request, slowly”');
    expect(text).toMatch(/only for gRPC/);
    await box.getByRole('button', { name: 'Switch the protocol to gRPC and run again' }).click();
    await waitForScene('proxyless-grpc');
    expect(await small.getByTestId('protocol-note').textContent()).toContain('gRPC');
    expect(small.url()).toContain('proto=grpc');
    await small.getByRole('button', { name: 'Step', exact: true }).click();
    await expect.poll(() => small.locator('.sim-events tbody tr').count()).toBe(1);
  });

  it('at 1024 × 768 nothing overflows sideways; presentation mode gives the scene most of the screen', async () => {
    await small.goto(`${baseURL}#/simulate?preset=one-request-slowly&arch=ambient&aa=0`);
    await waitForScene('ambient');
    expect(await small.getByRole('button', { name: 'Step back' }).isDisabled()).toBe(true);
    const fits = () =>
      small.evaluate(() => {
        const c = document.querySelector('.sim-canvas')!.getBoundingClientRect();
        const stage = document.querySelector('.sim-stage')!.getBoundingClientRect();
        const events = document.querySelector('.sim-events-scroll')!;
        return {
          page: document.documentElement.scrollWidth <= window.innerWidth,
          canvas: c.right <= stage.right + 1,
          events: events.scrollWidth <= events.clientWidth + 1,
          share: (c.width * c.height) / (window.innerWidth * window.innerHeight),
        };
      });
    for (let i = 0; i < 12; i++) await small.getByRole('button', { name: 'Step', exact: true }).click();
    expect(await fits()).toMatchObject({ page: true, canvas: true, events: true });
    await small.getByRole('button', { name: 'Presentation (p)' }).click();
    expect(small.url()).toContain('present=1');
    await expect.poll(async () => (await fits()).share).toBeGreaterThan(0.5);
    const top = await small.evaluate(
      () => document.querySelector('.sim-canvas')!.getBoundingClientRect().top,
    );
    expect(top).toBeLessThan(768 * 0.3);
    expect(await fits()).toMatchObject({ page: true, canvas: true });
    await small.locator('.sim-controls .sim-clock').click();
    await small.keyboard.press('p');
    await expect.poll(() => small.url()).not.toContain('present=1');
    expect((await smallProbe())!.mode).toBe('3d');
  });

  it('the seek bar’s arrow keys step one event', async () => {
    await small.getByRole('button', { name: 'Restart' }).click();
    const seek = small.getByLabel('Seek');
    await seek.focus();
    await small.keyboard.press('ArrowRight');
    await expect.poll(() => small.locator('.sim-events tbody tr').count()).toBe(1);
    await small.keyboard.press('ArrowRight');
    await expect.poll(() => small.locator('.sim-events tbody tr').count()).toBe(2);
    await small.keyboard.press('ArrowLeft');
    await expect.poll(() => small.locator('.sim-events tbody tr').count()).toBe(1);
  });
});
