import type { Page } from 'playwright-core';

/**
 * The scene canvas's pixels, decoded in the page from a screenshot (WebGL buffers are not readable
 * after the frame): either counted there by a named test, or returned whole as RGBA for comparisons.
 *  - 'lit': clearly lit against the scene's dark background (#11151c);
 *  - 'dropped': close to the dropped-packet colour (lit and shaded, so a loose match on a strong red-pink).
 */
export async function countCanvasPixels(page: Page, test: 'lit' | 'dropped'): Promise<number> {
  return (await decode(page, test)) as number;
}

export async function canvasPixels(page: Page): Promise<number[]> {
  return (await decode(page, 'all')) as number[];
}

async function decode(page: Page, mode: 'lit' | 'dropped' | 'all'): Promise<number | number[]> {
  const png = await page.locator('.sim-canvas canvas').screenshot();
  return page.evaluate(
    async ([b64, m]) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.width;
      c.height = img.height;
      const x = c.getContext('2d')!;
      x.drawImage(img, 0, 0);
      const d = x.getImageData(0, 0, c.width, c.height).data;
      if (m === 'all') return Array.from(d);
      let n = 0;
      for (let k = 0; k < d.length; k += 4) {
        const hit =
          m === 'lit'
            ? Math.abs(d[k] - 0x11) + Math.abs(d[k + 1] - 0x15) + Math.abs(d[k + 2] - 0x1c) > 60
            : d[k] > 140 && d[k] - d[k + 1] > 90 && d[k + 2] > 40 && d[k] - d[k + 2] > 50;
        if (hit) n++;
      }
      return n;
    },
    [png.toString('base64'), mode] as const,
  );
}

/** Pixels clearly lit against the scene's dark background, in an RGBA array from `canvasPixels`. */
export function litCount(d: readonly number[]): number {
  let n = 0;
  for (let k = 0; k < d.length; k += 4)
    if (Math.abs(d[k] - 0x11) + Math.abs(d[k + 1] - 0x15) + Math.abs(d[k + 2] - 0x1c) > 60) n++;
  return n;
}
