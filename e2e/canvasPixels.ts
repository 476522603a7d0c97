import type { Page } from 'playwright-core';
import { decodePng } from './png';

/**
 * The scene canvas's pixels, from a screenshot (WebGL buffers are not readable after the frame) decoded
 * in Node: either counted by a named test, or returned whole as RGBA for comparisons.
 *  - 'lit': clearly lit against the scene's dark background (#11151c);
 *  - 'dropped': close to the dropped-packet colour (lit and shaded, so a loose match on a strong red-pink).
 */
export async function countCanvasPixels(page: Page, test: 'lit' | 'dropped'): Promise<number> {
  const d = await canvasPixels(page);
  if (test === 'lit') return litCount(d);
  let n = 0;
  for (let k = 0; k < d.length; k += 4)
    if (d[k] > 140 && d[k] - d[k + 1] > 90 && d[k + 2] > 40 && d[k] - d[k + 2] > 50) n++;
  return n;
}

export async function canvasPixels(page: Page): Promise<Uint8Array> {
  return decodePng(await page.locator('.sim-canvas canvas').screenshot()).data;
}

/** Pixels clearly lit against the scene's dark background, in an RGBA array from `canvasPixels`. */
export function litCount(d: ArrayLike<number>): number {
  let n = 0;
  for (let k = 0; k < d.length; k += 4)
    if (Math.abs(d[k] - 0x11) + Math.abs(d[k + 1] - 0x15) + Math.abs(d[k + 2] - 0x1c) > 60) n++;
  return n;
}
