import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { parseCssColor, requiredRatio, worstContrast } from './contrast';
import { changed, compare, halve, type Difference, type Picture } from './imageDiff';
import { decodePng } from './png';
import { encodePng } from './pngEncode';

/** Where reference pictures are kept (in the repository) and where a failed comparison is written (ignored). */
export const REFERENCE_DIR = resolve('e2e/reference');
export const DIFF_DIR = resolve('e2e/.picture-diffs');
export const UPDATE = process.env.UPDATE_REFERENCES === '1';

/** Text laid over the picture: the scene's labels, the path overlay, the caption after a switch, chart text. */
const OVERLAY_TEXT = '.sim-label, .sim-path-overlay, .sim-scene-caption';
const CHART_TEXT = 'svg text';

export interface TextBox {
  x: number;
  y: number;
  w: number;
  h: number;
  text: string;
  /** Drawn over the scene (canvas or SVG picture): its contrast is measured on the pixels beneath. */
  overlay: boolean;
  color: string;
  background: string;
  fontPx: number;
  weight: number;
}

/**
 * The area's box (CSS px, relative to the viewport; scrolled into view when it fits) and every visible
 * text box in it that could collide: overlay labels and chart text, relative to the area.
 */
export async function readArea(page: Page, area: string): Promise<{ box: DOMRect; texts: TextBox[] }> {
  await page.locator(area).first().scrollIntoViewIfNeeded();
  return page.evaluate(
    ([sel, overlaySel, chartSel]) => {
      const root = document.querySelector(sel)!;
      const box = root.getBoundingClientRect();
      const visible = (el: Element) => {
        const s = getComputedStyle(el);
        const r = el.getBoundingClientRect();
        return s.display !== 'none' && s.visibility !== 'hidden' && r.width > 0 && r.height > 0;
      };
      const texts = [
        ...[...root.querySelectorAll(overlaySel)].map((el) => [el, true] as const),
        ...[...root.querySelectorAll(chartSel)].map((el) => [el, false] as const),
      ]
        .filter(([el]) => visible(el) && (el.textContent ?? '').trim() !== '')
        .map(([el, overlay]) => {
          const r = el.getBoundingClientRect();
          const s = getComputedStyle(el);
          return {
            x: r.x - box.x,
            y: r.y - box.y,
            w: r.width,
            h: r.height,
            text: (el.textContent ?? '').trim(),
            overlay,
            color: s.color,
            background: s.backgroundColor,
            fontPx: parseFloat(s.fontSize),
            weight: Number(s.fontWeight),
          };
        });
      return { box: box.toJSON() as DOMRect, texts };
    },
    [area, OVERLAY_TEXT, CHART_TEXT] as const,
  );
}

/** Pairs of text boxes that overlap by more than half a pixel each way. */
export function overlapping(texts: readonly TextBox[]): string[] {
  const out: string[] = [];
  const e = 0.5;
  for (let i = 0; i < texts.length; i++)
    for (let j = i + 1; j < texts.length; j++) {
      const [a, b] = [texts[i], texts[j]];
      if (a.x + e < b.x + b.w && b.x + e < a.x + a.w && a.y + e < b.y + b.h && b.y + e < a.y + a.h)
        out.push(`“${a.text}” × “${b.text}”`);
    }
  return out;
}

/** A screenshot of the area (page coordinates when it is taller than the viewport), at most maxH CSS px tall. */
export async function shoot(page: Page, box: DOMRect, maxH = Infinity): Promise<Picture> {
  const vh = page.viewportSize()!.height;
  const h = Math.floor(Math.min(box.height, maxH));
  const clip = { x: Math.round(box.x), y: Math.round(box.y), width: Math.floor(box.width), height: h };
  if (box.y >= 0 && box.y + h <= vh) return decodePng(await page.screenshot({ clip }));
  const scrollY = await page.evaluate(() => window.scrollY);
  return decodePng(await page.screenshot({ fullPage: true, clip: { ...clip, y: clip.y + scrollY } }));
}

/**
 * The area read and shot once its pixels have stopped changing: two shots `gapMs` apart, same box, no
 * pixel different, and the same `key` read before each (a scene passes its frame counter and canvas
 * size: no frame drawn in between, so the two shots bracket a quiet stretch of the scene). A still
 * canvas can be followed by late changes the frame counter does not see (text over the picture, a
 * layout shift, a trace batch arriving on a loaded machine), so the comparison waits for the pixels
 * themselves. `still: false` when they kept changing for STILL_TRIES shots.
 */
export async function stillShot(
  page: Page,
  area: string,
  maxH = Infinity,
  { gapMs = STILL_MS, key }: { gapMs?: number; key?: () => Promise<string> } = {},
): Promise<{ box: DOMRect; texts: TextBox[]; shot: Picture; still: boolean }> {
  let prev: { box: DOMRect; shot: Picture; key: string } | null = null;
  for (let i = 0; ; i++) {
    const k = key ? await key() : '';
    const { box, texts } = await readArea(page, area);
    const shot = await shoot(page, box, maxH);
    const same =
      prev !== null &&
      prev.key === k &&
      prev.box.x === box.x &&
      prev.box.y === box.y &&
      prev.box.width === box.width &&
      prev.box.height === box.height &&
      compare(prev.shot, shot).differing === 0;
    if (same || i >= STILL_TRIES) return { box, texts, shot, still: same };
    prev = { box, shot, key: k };
    await page.waitForTimeout(gapMs);
  }
}
const STILL_MS = 300;
const STILL_TRIES = 40;

/**
 * The worst contrast of each overlay label over the pixels beneath it (read from `beneath`, a shot of the
 * area with the overlays hidden), against the ratio its size asks for. Returns the failures, worded.
 */
export function overlayContrast(texts: readonly TextBox[], beneath: Picture): string[] {
  const out: string[] = [];
  for (const t of texts.filter((x) => x.overlay)) {
    const px: number[] = [];
    for (let y = Math.max(0, Math.floor(t.y)); y < Math.min(beneath.height, Math.ceil(t.y + t.h)); y++)
      for (let x = Math.max(0, Math.floor(t.x)); x < Math.min(beneath.width, Math.ceil(t.x + t.w)); x++) {
        const k = (y * beneath.width + x) * 4;
        px.push(beneath.data[k], beneath.data[k + 1], beneath.data[k + 2], 255);
      }
    if (px.length === 0) continue;
    const ratio = worstContrast(parseCssColor(t.color), parseCssColor(t.background), px);
    const need = requiredRatio(t.fontPx, t.weight);
    if (ratio < need) out.push(`“${t.text}”: ${ratio.toFixed(2)}:1 < ${need}:1 (${t.fontPx}px, ${t.weight})`);
  }
  return out;
}

/** Hides the overlays (labels over the picture) while a shot of what lies beneath them is taken. */
export async function withOverlaysHidden<T>(page: Page, run: () => Promise<T>): Promise<T> {
  const style = await page.addStyleTag({ content: `${OVERLAY_TEXT} { visibility: hidden !important; }` });
  try {
    return await run();
  } finally {
    await style.evaluate((el) => (el as Element).remove());
  }
}

export interface Verdict {
  name: string;
  ok: boolean;
  difference: Difference | null;
  /** What a reviewer reads: the paths written on a change, or that the reference was (re)written. */
  note: string;
}

/**
 * Compares a shot (full CSS scale) with its reference at half scale; with UPDATE_REFERENCES=1 writes the
 * reference instead. On a change writes the actual picture and a diff beside each other in DIFF_DIR.
 */
export function checkReference(name: string, shot: Picture): Verdict {
  const actual = halve(shot);
  const file = join(REFERENCE_DIR, `${name}.png`);
  if (UPDATE) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, encodePng(actual.width, actual.height, actual.data));
    return { name, ok: true, difference: null, note: `wrote ${file}` };
  }
  if (!existsSync(file))
    return {
      name,
      ok: false,
      difference: null,
      note: `${name}: no reference ${file} (UPDATE_REFERENCES=1 writes it)`,
    };
  const difference = compare(actual, decodePng(readFileSync(file)));
  if (!changed(difference)) return { name, ok: true, difference, note: '' };
  mkdirSync(DIFF_DIR, { recursive: true });
  const a = join(DIFF_DIR, `${name}.actual.png`);
  const d = join(DIFF_DIR, `${name}.diff.png`);
  writeFileSync(a, encodePng(actual.width, actual.height, actual.data));
  writeFileSync(d, encodePng(difference.diff.width, difference.diff.height, difference.diff.data));
  return {
    name,
    ok: false,
    difference,
    note: `${name} changed: ${(difference.fraction * 100).toFixed(3)} % of pixels differ (${difference.sameSize ? 'same size' : 'size changed'}); reference ${file}, actual ${a}, diff ${d}`,
  };
}
