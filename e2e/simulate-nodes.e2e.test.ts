import { axeOn } from './axe';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { canvasPixels, litCount } from './canvasPixels';
import { connectChromium } from './browser';

// The Simulate page at 30 nodes on the built site: the 30-node preset draws, the link filter changes
// which links between nodes are drawn (counted by the scene probe and seen in the pixels), and an
// architecture switch names what appeared and disappeared — animated, or at once with reduced motion.
// Software WebGL is slow: nothing here asserts a frame rate.

const baseURL = inject('baseURL');
let browser: Browser;
let page: Page;
const errors: string[] = [];

const probe = (p: Page = page) => p.evaluate(() => window.__meshpathScene ?? null);
const drawn = async (p: Page = page) => (await probe(p))?.linksDrawn ?? -1;

const pixels = (p: Page = page) => canvasPixels(p);
const lit = litCount;
/** Pixels that differ clearly between two pictures of the same size. */
const differing = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let n = 0;
  for (let k = 0; k < Math.min(a.length, b.length); k += 4)
    if (Math.abs(a[k] - b[k]) + Math.abs(a[k + 1] - b[k + 1]) + Math.abs(a[k + 2] - b[k + 2]) > 40) n++;
  return n;
};

async function open(p: Page, query: string) {
  // A page that showed a view before: through the home page, so that view is gone (it can answer for the
  // next one while that one loads: its scene probe, even the next address's view=), and its probe with it.
  if (p.url().startsWith(baseURL)) {
    await p.goto(`${baseURL}#/`);
    await p.evaluate(() => delete window.__meshpathScene);
  }
  await p.goto(`${baseURL}#/simulate?${query}`);
  await p.getByTestId('scene').waitFor({ timeout: 60_000 });
  await p.waitForFunction(() => (window.__meshpathScene?.frames ?? 0) > 0, null, { timeout: 60_000 });
}
const waitArch = (p: Page, arch: string) =>
  p.waitForFunction((a) => window.__meshpathScene?.arch === a, arch, { timeout: 60_000 });

beforeAll(async () => {
  browser = await connectChromium();
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    reducedMotion: 'no-preference',
  });
  page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  await open(page, 'preset=nodes-30&arch=sidecar-envoy&aa=0');
}, 120_000);

afterAll(() => browser?.close());

describe('Simulate page at 30 nodes (built site, Chromium)', () => {
  it('draws the 30-node preset in 3D: every node, non-blank pixels, only the busy links to begin with', async () => {
    const p = (await probe())!;
    expect(p.mode).toBe('3d');
    expect(p.counts).toMatchObject({ nodes: 30, pods: 91, sidecars: 91, kernelLayers: 30 });
    expect(p.counts.links).toBeGreaterThan(100);
    expect(p.linkFilter).toBe('traffic');
    expect(
      await page.getByRole('button', { name: 'Carrying traffic now' }).getAttribute('aria-pressed'),
    ).toBe('true');
    expect(lit(await pixels())).toBeGreaterThan(5_000);
    // At the start nothing is on the wire yet: no link is drawn.
    expect(p.linksDrawn).toBe(0);
  }, 120_000);

  it('the link filter changes what is drawn: all links, then only the selected node’s', async () => {
    const none = await pixels();
    const total = (await probe())!.counts.links;
    await page.getByRole('button', { name: 'All', exact: true }).click();
    await expect.poll(() => drawn(), { timeout: 20_000 }).toBe(total);
    expect((await probe())!.linkFilter).toBe('all');
    await expect.poll(async () => differing(none, await pixels()), { timeout: 20_000 }).toBeGreaterThan(500);

    await page.getByRole('button', { name: 'Of the selected node' }).click();
    await expect.poll(() => drawn(), { timeout: 20_000 }).toBe(0);
    expect(await page.getByTestId('links-hint').textContent()).toContain('select a node');
    // Select an event: its hop's node's links are drawn, a few of the whole web.
    for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Step', exact: true }).click();
    await page.locator('.sim-events tbody tr').last().getByRole('button').click();
    await expect.poll(() => drawn(), { timeout: 20_000 }).toBeGreaterThan(0);
    expect(await drawn()).toBeLessThan(total / 4);
  }, 120_000);

  it('“carrying traffic now” draws the links a message is crossing as playback steps', async () => {
    await page.getByRole('button', { name: 'Carrying traffic now' }).click();
    // Step by step until a message is on a wire between nodes (about 45 steps into this preset), each
    // step the Step button's own click, the links read from the frame drawn after it. In the page: a
    // step driven from here cost about 170 ms (the click's checks, then a fixed 50 ms wait).
    const step = page.getByRole('button', { name: 'Step', exact: true });
    await step.waitFor();
    const { steps, seen } = await step.evaluate(async (button) => {
      const probe = () => window.__meshpathScene!;
      /** The next frame the scene draws (at most 2 s: a step that changes nothing draws none). */
      const nextFrame = (after: number) =>
        new Promise<void>((done) => {
          const until = performance.now() + 2_000;
          const check = () =>
            probe().frames > after || performance.now() > until ? done() : requestAnimationFrame(check);
          requestAnimationFrame(check);
        });
      for (let i = 1; i <= 60; i++) {
        const frames = probe().frames;
        (button as HTMLButtonElement).click();
        await nextFrame(frames);
        if (probe().linksDrawn > 0) return { steps: i, seen: probe().linksDrawn };
      }
      return { steps: 60, seen: 0 };
    });
    expect(seen, `links drawn after ${steps} steps`).toBeGreaterThan(0);
    expect(seen).toBeLessThan(10); // a few messages in flight, not the web
  }, 120_000);

  it('an architecture switch names what appeared and disappeared and animates them in and out', async () => {
    await page.getByTestId('arch-select').selectOption('ambient');
    await waitArch(page, 'ambient');
    const caption = page.getByTestId('arch-caption');
    await expect
      .poll(() => caption.textContent(), { timeout: 20_000 })
      .toMatch(/Appeared: 30 node proxies \(ztunnel\)\./);
    expect(await caption.textContent()).toMatch(/Disappeared: 91 sidecar proxies \(Envoy\)/);
    await expect.poll(async () => (await probe())!.growth, { timeout: 30_000 }).toBe(1);
    const p = (await probe())!;
    expect(p).toMatchObject({ appearing: 30, growthMin: 0 });
    expect(p.vanishing).toBeGreaterThanOrEqual(91);
    expect(lit(await pixels())).toBeGreaterThan(5_000);

    await page.getByTestId('arch-select').selectOption('cilium-ebpf');
    await waitArch(page, 'cilium-ebpf');
    await expect.poll(() => caption.textContent(), { timeout: 20_000 }).toMatch(/Appeared: .*eBPF hooks/);
    expect(await caption.textContent()).toMatch(/Disappeared: .*netfilter hooks/);
  }, 120_000);

  it('logged no errors', () => {
    expect(errors.filter((e) => !/GPU stall|THREE\.Clock/.test(e))).toEqual([]);
  });
});

// On the same page, each test a new Simulate view by its address (a view is keyed by it: nothing of the
// 30-node view above carries over), where a new context and a new load of the app cost a second or more.
describe('architecture switch with reduced motion, and the 2D view', () => {
  it('shows the end state at once (no animation) and still the caption', async () => {
    const p = page;
    await p.emulateMedia({ reducedMotion: 'reduce' });
    await open(p, 'preset=one-request-slowly&arch=sidecar-envoy&aa=0');
    await p.getByTestId('arch-select').selectOption('ambient-waypoint');
    await waitArch(p, 'ambient-waypoint');
    await expect
      .poll(() => p.getByTestId('arch-caption').textContent(), { timeout: 20_000 })
      .toMatch(/Appeared: 2 node proxies \(ztunnel\), 1 waypoint .*Disappeared: 2 sidecar proxies \(Envoy\)/);
    await expect.poll(async () => (await probe(p))!.appearing, { timeout: 20_000 }).toBe(3);
    await p.waitForFunction(() => (window.__meshpathScene?.frames ?? 0) > 1, null, { timeout: 30_000 });
    const r = (await probe(p))!;
    expect(r.growth).toBe(1);
    expect(r.growthMin).toBe(1); // never drawn part-way
    await p.emulateMedia({ reducedMotion: 'no-preference' });
  });

  it('the 2D view filters links the same way (gl=0), and passes an axe scan', async () => {
    const p = page;
    await open(p, 'preset=nodes-30&arch=sidecar-envoy&gl=0');
    expect((await probe(p))!.mode).toBe('2d');
    const visible = () => p.locator('[data-testid="links-2d"] line[visibility="visible"]').count();
    expect(await drawn(p)).toBe(0);
    expect(await visible()).toBe(0);
    await p.getByRole('button', { name: 'All', exact: true }).click();
    const total = (await probe(p))!.counts.links;
    await expect.poll(visible, { timeout: 20_000 }).toBe(total);
    expect(await drawn(p)).toBe(total);
    // The link control, the node labels and the caption after a switch pass an axe scan.
    await p.getByTestId('arch-select').selectOption('ambient');
    await waitArch(p, 'ambient');
    await p.getByTestId('arch-caption').waitFor();
    const r = await axeOn(p).withTags(['wcag2a', 'wcag2aa']).analyze();
    expect(
      r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id),
    ).toEqual([]);
    // The caption can be put away; the next switch brings its own.
    await p.getByRole('button', { name: 'Hide what appeared and disappeared' }).click();
    await p.getByTestId('arch-caption').waitFor({ state: 'detached' });
    await p.getByTestId('arch-select').selectOption('sidecar-envoy');
    await waitArch(p, 'sidecar-envoy');
    await expect
      .poll(() => p.getByTestId('arch-caption').textContent(), { timeout: 20_000 })
      .toMatch(/Appeared: .*sidecar proxies/);
  }, 120_000);
});
