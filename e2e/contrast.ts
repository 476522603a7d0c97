/**
 * WCAG 2.x contrast, for checking text drawn over the scene: relative luminance of an sRGB colour, the
 * contrast ratio of two colours, a translucent plate composited over what lies beneath it, and the
 * ratio the text's size asks for. Pure maths (https://www.w3.org/TR/WCAG21/#dfn-relative-luminance).
 */

export type Rgb = readonly [number, number, number];
export interface Rgba {
  rgb: Rgb;
  /** 0 (transparent) to 1 (opaque). */
  alpha: number;
}

const linear = (c: number) => {
  const s = c / 255;
  return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
};

/** Relative luminance, 0 (black) to 1 (white). */
export const relativeLuminance = ([r, g, b]: Rgb): number =>
  0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);

/** Contrast ratio of two opaque colours, 1 to 21 (order does not matter). */
export function contrastRatio(a: Rgb, b: Rgb): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** A translucent colour drawn over an opaque one (source-over, in sRGB as browsers blend). */
export const over = (top: Rgba, below: Rgb): Rgb =>
  [0, 1, 2].map((i) => top.alpha * top.rgb[i] + (1 - top.alpha) * below[i]) as unknown as Rgb;

/** A computed CSS colour, as getComputedStyle gives it: `rgb(r, g, b)` or `rgba(r, g, b, a)`. */
export function parseCssColor(css: string): Rgba {
  const m = /^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)$/.exec(css.trim());
  if (!m) throw new Error(`parseCssColor: cannot read the colour ‘${css}’ (expected rgb() or rgba())`);
  const a = m[4] === undefined ? 1 : m[4].endsWith('%') ? parseFloat(m[4]) / 100 : parseFloat(m[4]);
  return { rgb: [Number(m[1]), Number(m[2]), Number(m[3])], alpha: a };
}

/**
 * WCAG's large text: at least 18 pt (24 CSS px), or 14 pt (18.67 px) when bold (weight ≥ 700). Large
 * text needs 3:1 (AA), other text 4.5:1.
 */
export const requiredRatio = (fontPx: number, weight: number): number =>
  fontPx >= 24 || (fontPx >= 18.66 && weight >= 700) ? 3 : 4.5;

/**
 * The worst contrast of text in `text` colour on a plate of `plate` colour laid over each of the pixels
 * beneath it (RGBA bytes; each pixel's alpha is ignored, a screenshot is opaque). With an opaque plate
 * the pixels do not matter.
 */
export function worstContrast(text: Rgba, plate: Rgba, beneath: ArrayLike<number>): number {
  const on = (bg: Rgb) => contrastRatio(over(text, bg), bg);
  if (plate.alpha >= 1) return on(plate.rgb);
  if (beneath.length < 4) throw new Error('worstContrast: a translucent plate needs the pixels beneath it');
  let worst = Infinity;
  for (let k = 0; k + 3 < beneath.length; k += 4)
    worst = Math.min(worst, on(over(plate, [beneath[k], beneath[k + 1], beneath[k + 2]])));
  return worst;
}
