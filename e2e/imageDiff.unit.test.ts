import { describe, expect, it } from 'vitest';
import { CHANNEL_THRESHOLD, changed, compare, halve, MAX_DIFF_FRACTION, type Picture } from './imageDiff';
import { decodePng } from './png';
import { encodePng } from './pngEncode';

/** A scene-like picture: the dark background, a lit block, and optionally a small label with text strokes. */
function scene(opts: { label?: boolean; block?: [number, number, number]; noise?: number } = {}): Picture {
  const width = 800;
  const height = 498;
  const data = new Uint8Array(width * height * 4);
  const block = opts.block ?? [47, 123, 246];
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff - 0.5) * 2;
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      let c = [0x11, 0x15, 0x1c];
      if (x >= 300 && x < 420 && y >= 200 && y < 280) c = block;
      // "node 0": a 46×16 plate at 13 px, strokes 1 px wide every 3 px on 5 rows of 10.
      if (opts.label && x >= 200 && x < 246 && y >= 150 && y < 166)
        c = x > 203 && x < 243 && y > 152 && y < 163 && x % 3 === 0 ? [240, 243, 247] : [17, 21, 28];
      const k = (y * width + x) * 4;
      const n = opts.noise ? Math.round(rand() * opts.noise) : 0;
      data.set(
        [c[0] + n, c[1] + n, c[2] + n, 255].map((v) => Math.max(0, Math.min(255, v))),
        k,
      );
    }
  return { width, height, data };
}

describe('reference picture comparison', () => {
  it('encodes a PNG that decodes to the same pixels (alpha dropped, opaque)', () => {
    const p = halve(scene({ label: true }));
    const back = decodePng(encodePng(p.width, p.height, p.data));
    expect([back.width, back.height]).toEqual([400, 249]);
    expect(Buffer.from(back.data).equals(Buffer.from(p.data))).toBe(true);
    expect(() => encodePng(2, 2, new Uint8Array(3))).toThrow(/2×2/);
  });

  it('halves by averaging 2×2 blocks', () => {
    const p = {
      width: 2,
      height: 2,
      data: new Uint8Array([0, 0, 0, 255, 255, 255, 255, 255, 0, 0, 0, 255, 1, 1, 1, 255]),
    };
    expect([...halve(p).data]).toEqual([64, 64, 64, 255]);
  });

  it('passes the same picture with re-run noise below the channel threshold', () => {
    const ref = halve(scene({ label: true }));
    const d = compare(halve(scene({ label: true, noise: 20 })), ref);
    expect(d.maxChannel).toBeLessThanOrEqual(CHANNEL_THRESHOLD);
    expect(d.differing).toBe(0);
    expect(changed(d)).toBe(false);
  });

  it('fails a picture with one small label hidden, a colour swapped, or a new size', () => {
    const ref = halve(scene({ label: true }));
    const hidden = compare(halve(scene()), ref);
    expect(hidden.fraction).toBeGreaterThan(MAX_DIFF_FRACTION);
    expect(changed(hidden)).toBe(true);
    const swapped = compare(halve(scene({ label: true, block: [240, 138, 20] })), ref);
    expect(swapped.fraction).toBeGreaterThan(0.02);
    expect(changed(swapped)).toBe(true);
    const smaller = { width: 399, height: 249, data: new Uint8Array(399 * 249 * 4) };
    expect(changed(compare(smaller, ref))).toBe(true);
  });

  it('marks differing pixels magenta in the diff picture', () => {
    const d = compare(halve(scene()), halve(scene({ label: true })));
    const magenta = [...Array(d.diff.width * d.diff.height).keys()].filter(
      (i) => d.diff.data[i * 4] === 255 && d.diff.data[i * 4 + 1] === 0 && d.diff.data[i * 4 + 2] === 255,
    ).length;
    expect(magenta).toBe(d.differing);
    expect(magenta).toBeGreaterThan(0);
  });
});
