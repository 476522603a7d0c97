import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { countCanvasPixels, litCount } from './canvasPixels';
import { decodePng } from './png';
import { connectChromium } from './browser';
import { pathOverlayBox } from '../src/scene/sceneLabels';

// The scene at scale (issue #14): the 400-pod preset in 3D at 1280×800 and in 2D at 1024×768, opened
// side by side in one browser. Far nodes are one block with a pod count, no two labels overlap (their
// boxes read from the DOM overlay), packets keep a minimum size, the 2D drawing stands centred.
// Software WebGL is slow: nothing here asserts a frame rate (that is `npm run bench:scene`).

const baseURL = inject('baseURL');
let browser: Browser;
let p3: Page;
let p2: Page;
const errors: string[] = [];

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
  text: string;
}

const probe = (p: Page) => p.evaluate(() => window.__meshpathScene!);

/** The labels shown over the picture, as the browser laid them out. */
const labelBoxes = (p: Page) =>
  p.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('[data-testid="scene-labels"] .sim-label')]
      .filter((el) => getComputedStyle(el).display !== 'none')
      .map((el) => {
        const r = el.getBoundingClientRect();
        return { x: r.x, y: r.y, w: r.width, h: r.height, text: el.textContent ?? '' };
      }),
  );

function overlapping(boxes: Box[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i], boxes[j]];
      if (a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h)
        out.push(`"${a.text}" × "${b.text}"`);
    }
  return out;
}

async function open(viewport: { width: number; height: number }, query: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport })).newPage();
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${baseURL}#/simulate?${query}`);
  await page.waitForFunction(() => (window.__meshpathScene?.labels.nodesShown ?? 0) > 0, null, {
    timeout: 60_000,
  });
  return page;
}

beforeAll(async () => {
  browser = await connectChromium();
  [p3, p2] = await Promise.all([
    open({ width: 1280, height: 800 }, 'preset=pods-400&arch=sidecar-envoy&aa=0'),
    open({ width: 1024, height: 768 }, 'preset=pods-400&arch=sidecar-envoy&gl=0'),
  ]);
}, 90_000);

afterAll(() => browser?.close());

describe('400 pods in the scene (built site, Chromium)', () => {
  it('3D: draws every node as one block with its pod count, every node named, no two labels overlapping', async () => {
    const p = await probe(p3);
    expect(p.mode).toBe('3d');
    expect(p.counts).toMatchObject({ nodes: 20, pods: 401 });
    expect(p.lod).toEqual({ aggregated: 20, expanded: 0 });
    expect(p.labels).toMatchObject({ nodesShown: 20, nodes: 20 });
    expect(await countCanvasPixels(p3, 'lit')).toBeGreaterThan(20_000);
    const boxes = await labelBoxes(p3);
    expect(boxes.filter((b) => /^node \d+$/.test(b.text))).toHaveLength(20);
    expect(boxes.filter((b) => /^2[01] pods$/.test(b.text)).length).toBeGreaterThanOrEqual(15);
    expect(overlapping(boxes)).toEqual([]);
    const canvas = (await p3.locator('.sim-canvas canvas').boundingBox())!;
    for (const b of boxes) {
      expect(b.h).toBeGreaterThanOrEqual(16); // ≥ 12 px text on its plate
      expect(b.x).toBeGreaterThanOrEqual(canvas.x - 1);
      expect(b.x + b.w).toBeLessThanOrEqual(canvas.x + canvas.width + 1);
    }
  });

  it('3D: a packet in flight is at least 6 px on screen; looking into a node expands it to its pods', async () => {
    await p3.getByRole('button', { name: 'Step', exact: true }).click();
    await p3.waitForFunction(() => (window.__meshpathScene?.packets ?? 0) > 0, null, { timeout: 10_000 });
    expect((await probe(p3)).packetMinPx).toBeGreaterThanOrEqual(6 - 1e-6);
    await p3.getByRole('button', { name: 'Into the kernel of' }).click();
    await p3.waitForFunction(() => (window.__meshpathScene?.lod.expanded ?? 0) >= 1, null, {
      timeout: 10_000,
    });
    expect(overlapping(await labelBoxes(p3))).toEqual([]);
    // The stack stands clear: below its last plate the background shows, where the row of nodes in
    // front of node 0 once stood between the camera and the stack (a brown slab over its lower half).
    await p3.waitForFunction(() => window.__meshpathScene?.cameraSettled === true, null, { timeout: 10_000 });
    const shot = decodePng(await p3.locator('.sim-canvas canvas').screenshot());
    const band = shot.data.subarray(
      Math.floor(shot.height * 0.8) * shot.width * 4,
      Math.floor(shot.height * 0.85) * shot.width * 4,
    );
    expect(litCount(band) / (band.length / 4)).toBeLessThan(0.3);
  });

  it('2D at 1024×768: the drawing stands centred in its box, every node named, no two labels overlapping', async () => {
    const p = await probe(p2);
    expect(p.mode).toBe('2d');
    expect(p.labels).toMatchObject({ nodesShown: 20, nodes: 20 });
    const { svg, content } = await p2.evaluate(() => {
      const el = document.querySelector('[data-testid="scene-2d"]')!;
      const rects = [...el.querySelectorAll('rect[data-node]')].map((r) => r.getBoundingClientRect());
      const labels = [...document.querySelectorAll<HTMLElement>('[data-testid="scene-labels"] .sim-label')]
        .filter((l) => getComputedStyle(l).display !== 'none')
        .map((l) => l.getBoundingClientRect());
      const all = [...rects, ...labels];
      const s = el.getBoundingClientRect();
      return {
        svg: { x: s.x, y: s.y, w: s.width, h: s.height },
        content: {
          x0: Math.min(...all.map((r) => r.left)),
          x1: Math.max(...all.map((r) => r.right)),
          y0: Math.min(...all.map((r) => r.top)),
          y1: Math.max(...all.map((r) => r.bottom)),
        },
      };
    });
    // Centred in the room above the band the path overlay takes while a request plays.
    const above = svg.h - pathOverlayBox(svg.w, svg.h).h;
    const dx = (content.x0 + content.x1) / 2 - (svg.x + svg.w / 2);
    const dy = (content.y0 + content.y1) / 2 - (svg.y + above / 2);
    expect(Math.abs(dx) / svg.w).toBeLessThan(0.03);
    expect(Math.abs(dy) / svg.h).toBeLessThan(0.03);
    expect(content.x0).toBeGreaterThanOrEqual(svg.x);
    expect(content.y1).toBeLessThanOrEqual(svg.y + above + 0.5);
    expect(overlapping(await labelBoxes(p2))).toEqual([]);
  });

  it('2D while a request plays: the path overlay covers no node (the front row once stood under it)', async () => {
    await p2.getByRole('button', { name: 'Step', exact: true }).click();
    await p2.getByTestId('path-overlay').waitFor({ timeout: 10_000 });
    const { overlay, nodes } = await p2.evaluate(() => {
      const box = (r: DOMRect) => ({ x: r.x, y: r.y, w: r.width, h: r.height, text: '' });
      const o = document.querySelector('[data-testid="path-overlay"]')!.getBoundingClientRect();
      const rects = [...document.querySelectorAll('[data-testid="scene-2d"] rect[data-node]')];
      return { overlay: box(o), nodes: rects.map((r) => box(r.getBoundingClientRect())) };
    });
    expect(nodes.length).toBeGreaterThanOrEqual(20);
    expect(overlay.h).toBeGreaterThan(20);
    const under = nodes.filter((n) => overlapping([{ ...overlay, text: 'overlay' }, n]).length > 0);
    expect(under).toEqual([]);
  });

  it('logged no errors', () => {
    expect(errors).toEqual([]);
  });
});
