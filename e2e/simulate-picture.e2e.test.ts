import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { canvasPixels } from './canvasPixels';
import { connectChromium } from './browser';
import { sharedPage, type SharedPage } from './sharedPage';

// The picture teaches (issue #15, first slices): the drawn request's whole route in its leg colours,
// the hop being crossed named with its cost, a running latency/CPU meter, and "Into the kernel"
// showing the node's network stack with the design's unused parts dimmed. Checked by the scene probe
// and the canvas pixels in Chromium (software WebGL); nothing here asserts a frame rate.

const baseURL = inject('baseURL');
let browser: Browser;
let shared: SharedPage;

const probe = (p: Page) => p.evaluate(() => window.__meshpathScene ?? null);

async function open(p: Page, query: string) {
  await shared.open(`#/simulate?${query}`);
  await p.getByTestId('scene').waitFor({ timeout: 60_000 });
  await p.waitForFunction(() => (window.__meshpathScene?.frames ?? 0) > 0, null, { timeout: 60_000 });
}

let stopWatching = () => {};
/** The file's one page (a fresh Simulate view per open, see sharedPage.ts); `errors`: what it throws meanwhile. */
function newPage(): { page: Page; errors: string[] } {
  const errors: string[] = [];
  const onError = (e: Error) => errors.push(String(e));
  stopWatching();
  shared.page.on('pageerror', onError);
  stopWatching = () => shared.page.off('pageerror', onError);
  return { page: shared.page, errors };
}

const step = (p: Page) => p.getByRole('button', { name: 'Step', exact: true }).click();

/** Pixels within a small distance of an RGB colour (the route's tubes are unlit, so drawn in their colour). */
function near(d: ArrayLike<number>, hex: string, tol = 60): number {
  const v = parseInt(hex.slice(1), 16);
  const [r, g, b] = [(v >> 16) & 255, (v >> 8) & 255, v & 255];
  let n = 0;
  for (let k = 0; k < d.length; k += 4)
    if (Math.abs(d[k] - r) + Math.abs(d[k + 1] - g) + Math.abs(d[k + 2] - b) < tol) n++;
  return n;
}

beforeAll(async () => {
  browser = await connectChromium();
  shared = await sharedPage(browser, baseURL);
}, 60_000);

afterAll(() => browser?.close());

describe('the path drawn (3D)', () => {
  it('draws the first request’s route in request and response colours, names the hop and meters it', async () => {
    const { page, errors } = newPage();
    await open(page, 'preset=one-request-slowly&arch=sidecar-envoy&aa=0');
    expect((await probe(page))!.path.request).toBeNull();
    await page.waitForTimeout(300);
    const before = await canvasPixels(page);
    await step(page);
    await page.waitForFunction(() => window.__meshpathScene?.path.request !== null, null, {
      timeout: 20_000,
    });
    const p = (await probe(page))!;
    expect(p.mode).toBe('3d');
    expect(p.path.points).toBeGreaterThan(10);
    expect(p.path.segments.request).toBeGreaterThan(3);
    expect(p.path.segments.response).toBeGreaterThan(3);
    expect(p.path.hop).toMatch(/ — [\d.]+\u00a0(µs|ms)$/);
    // The hop named on the picture is the probe's, and the meter reads latency and CPU so far.
    await expect.poll(() => page.getByTestId('path-hop').textContent()).toBe(p.path.hop);
    expect(await page.getByTestId('path-meter').textContent()).toMatch(
      /^Request #\d+ so far: latency [\d.]+\u00a0(µs|ms) · CPU [\d.]+\u00a0(µs|ms)$/,
    );
    // The route shows in the pixels: new response-orange (no response packet is in flight yet) and request-blue.
    await page.waitForTimeout(300);
    const after = await canvasPixels(page);
    expect(near(after, '#f08a14') - near(before, '#f08a14')).toBeGreaterThan(150);
    expect(near(after, '#2f7bf6') - near(before, '#2f7bf6')).toBeGreaterThan(150);
    // Stepping on: the hop named changes, the latency so far grows.
    const lat0 = p.path.latencyUs!;
    for (let i = 0; i < 6; i++) await step(page);
    await expect
      .poll(async () => (await probe(page))!.path.latencyUs!, { timeout: 10_000 })
      .toBeGreaterThan(lat0);
    expect(errors).toEqual([]);
  }, 120_000);

  it('in the 2D view too: the route as lines in leg colours, and the overlay', async () => {
    const { page, errors } = newPage();
    await open(page, 'preset=one-request-slowly&arch=ambient&gl=0');
    await step(page);
    const route = page.getByTestId('route-2d');
    await route.waitFor({ timeout: 20_000 });
    expect(await route.locator('line[data-leg="request"]').count()).toBeGreaterThan(3);
    expect(await route.locator('line[data-leg="response"]').first().getAttribute('stroke')).toBe('#f08a14');
    const p = (await probe(page))!;
    expect(p.mode).toBe('2d');
    expect(await page.getByTestId('path-hop').textContent()).toBe(p.path.hop);
    expect(errors).toEqual([]);
  }, 120_000);
});

describe('into the kernel: the network stack', () => {
  it('names the stack’s parts; the sidecar design lights netfilter, Cilium lights eBPF and dims what it replaces', async () => {
    const { page, errors } = newPage();
    await open(page, 'preset=one-request-slowly&arch=sidecar-envoy&aa=0');
    await page.getByRole('button', { name: 'Into the kernel of' }).click();
    await page.waitForFunction(() => window.__meshpathScene?.kernel?.node === 0, null, { timeout: 20_000 });
    let k = (await probe(page))!.kernel!;
    expect(k.parts).toBe(13);
    expect(k.lit).toEqual(expect.arrayContaining(['socket', 'tcpip', 'nf-output', 'conntrack', 'loopback']));
    expect(k.dimmed).toEqual(expect.arrayContaining(['sock-ebpf']));
    // Step until the request crosses a netfilter hook on node 0: those parts are marked as crossed.
    for (let i = 0; i < 40; i++) {
      const p = (await probe(page))!;
      if (p.kernel?.crossing.includes('nf-output')) break;
      await step(page);
      await page.waitForTimeout(150);
    }
    k = (await probe(page))!.kernel!;
    expect(k.crossing).toEqual(expect.arrayContaining(['nf-output', 'conntrack']));
    // The crossed plates are drawn highlight-yellow.
    await page.waitForTimeout(400);
    expect(near(await canvasPixels(page), '#ffe14d')).toBeGreaterThan(300);

    await open(page, 'preset=one-request-slowly&arch=cilium-ebpf&aa=0');
    await page.getByRole('button', { name: 'Into the kernel of' }).click();
    await page.waitForFunction(() => window.__meshpathScene?.kernel?.node === 0, null, { timeout: 20_000 });
    k = (await probe(page))!.kernel!;
    expect(k.parts).toBe(13);
    expect(k.lit.some((id) => id === 'tc-ebpf' || id === 'sock-ebpf')).toBe(true);
    expect(k.dimmed.length).toBeGreaterThan(0);
    // Leaving the kernel view removes the stack.
    await page.getByRole('button', { name: 'Overview' }).click();
    await page.waitForFunction(() => window.__meshpathScene?.kernel === null, null, { timeout: 10_000 });
    expect(errors).toEqual([]);
  }, 180_000);
});

describe('at scale: one route, the stack only in the kernel view', () => {
  for (const preset of ['pods-400', 'nodes-30']) {
    it(`${preset}: the route of one request is drawn; no stack in the overview`, async () => {
      const { page, errors } = newPage();
      await open(page, `preset=${preset}&arch=sidecar-envoy&aa=0`);
      for (let i = 0; i < 3; i++) await step(page);
      await page.waitForFunction(() => (window.__meshpathScene?.path.points ?? 0) > 0, null, {
        timeout: 30_000,
      });
      const p = (await probe(page))!;
      expect(p.path.request).not.toBeNull();
      expect(p.kernel).toBeNull();
      const frames = p.frames;
      await step(page);
      await expect.poll(async () => (await probe(page))!.frames, { timeout: 20_000 }).toBeGreaterThan(frames);
      expect(errors).toEqual([]);
    }, 180_000);
  }
});
