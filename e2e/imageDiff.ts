/**
 * Comparing a screenshot with its reference picture. Both are RGBA bytes at the stored scale (half the
 * CSS size: references stay small, and half-pixel anti-aliasing noise averages out). A pixel differs
 * when any channel differs by more than CHANNEL_THRESHOLD; a picture fails when more than
 * MAX_DIFF_FRACTION of its pixels differ. Both were chosen from repeated runs in software WebGL
 * (docs/testing.md gives the figures): well above what a re-run changes, well below what hiding one
 * scene label changes (imageDiff.unit.test.ts and the browser test check the latter).
 */

export interface Picture {
  width: number;
  height: number;
  data: Uint8Array;
}

/** Per-channel difference (0–255) above which a pixel counts as different. */
export const CHANNEL_THRESHOLD = 32;
/** Fraction of differing pixels above which the picture has changed (re-runs: 0; one small label hidden: 0.08 %). */
export const MAX_DIFF_FRACTION = 0.0002;

/** Halves a picture by averaging each 2×2 block (an odd last row or column is dropped). */
export function halve(p: Picture): Picture {
  const width = p.width >> 1;
  const height = p.height >> 1;
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      const a = (2 * y * p.width + 2 * x) * 4;
      const b = a + p.width * 4;
      for (let c = 0; c < 4; c++)
        data[o + c] = (p.data[a + c] + p.data[a + 4 + c] + p.data[b + c] + p.data[b + 4 + c] + 2) >> 2;
    }
  return { width, height, data };
}

export interface Difference {
  /** Pixels that differ beyond the channel threshold (all of them when the sizes differ). */
  differing: number;
  fraction: number;
  /** The largest per-channel difference seen. */
  maxChannel: number;
  sameSize: boolean;
  /** The actual picture, faded, with differing pixels in magenta: for a reviewer. */
  diff: Picture;
}

export function compare(actual: Picture, reference: Picture, threshold = CHANNEL_THRESHOLD): Difference {
  const sameSize = actual.width === reference.width && actual.height === reference.height;
  const { width, height } = actual;
  const diff = new Uint8Array(width * height * 4);
  let differing = 0;
  let maxChannel = 0;
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const k = (y * width + x) * 4;
      let d = 255;
      if (sameSize)
        d = Math.max(
          Math.abs(actual.data[k] - reference.data[k]),
          Math.abs(actual.data[k + 1] - reference.data[k + 1]),
          Math.abs(actual.data[k + 2] - reference.data[k + 2]),
        );
      maxChannel = Math.max(maxChannel, d);
      const grey = (actual.data[k] + actual.data[k + 1] + actual.data[k + 2]) / 3;
      if (d > threshold) {
        differing++;
        diff.set([255, 0, 255, 255], k);
      } else diff.set([192 + grey / 4, 192 + grey / 4, 192 + grey / 4, 255], k);
    }
  return {
    differing,
    fraction: width * height ? differing / (width * height) : 0,
    maxChannel,
    sameSize,
    diff: { width, height, data: diff },
  };
}

/** Whether a difference is a change to review (a size change always is). */
export const changed = (d: Difference, maxFraction = MAX_DIFF_FRACTION) =>
  !d.sameSize || d.fraction > maxFraction;
