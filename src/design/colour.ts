/**
 * Colour arithmetic the design tokens are checked with: WCAG 2 contrast, CIELAB distance, and
 * colour-vision-deficiency simulation. Pure functions of hex strings; imports nothing.
 */

export type Rgb = readonly [number, number, number];

/** '#rrggbb' → sRGB channels in 0–1. */
export function hexToRgb(hex: string): [number, number, number] {
  if (!/^#[0-9a-f]{6}$/i.test(hex)) throw new Error(`colour: expected #rrggbb, got "${hex}"`);
  const v = parseInt(hex.slice(1), 16);
  return [((v >> 16) & 255) / 255, ((v >> 8) & 255) / 255, (v & 255) / 255];
}

const toLinear = (v: number) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
const toGamma = (v: number) => (v <= 0.0031308 ? v * 12.92 : 1.055 * v ** (1 / 2.4) - 0.055);
const clamp01 = (v: number) => Math.min(1, Math.max(0, v));

/** WCAG 2 relative luminance. */
export function luminance(hex: string): number {
  const [r, g, b] = hexToRgb(hex).map(toLinear);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio, 1–21. */
export function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

export type Deficiency = 'protanopia' | 'deuteranopia' | 'tritanopia';

/**
 * Machado, Oliveira & Fernandes (2009), "A Physiologically-based Model for Simulation of Color Vision
 * Deficiency", IEEE TVCG 15(6): the severity-1.0 matrices, applied to linear RGB.
 */
export const MACHADO_2009: Record<Deficiency, readonly (readonly [number, number, number])[]> = {
  protanopia: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
  ],
  deuteranopia: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ],
  tritanopia: [
    [1.255528, -0.076749, -0.178779],
    [-0.078411, 0.930809, 0.147602],
    [0.004733, 0.691367, 0.3039],
  ],
};

/** How a colour looks with the deficiency, as sRGB 0–1. */
export function simulate(hex: string, d: Deficiency): Rgb {
  const lin = hexToRgb(hex).map(toLinear);
  const m = MACHADO_2009[d];
  return m.map((row) => toGamma(clamp01(row[0] * lin[0] + row[1] * lin[1] + row[2] * lin[2]))) as [
    number,
    number,
    number,
  ];
}

/** sRGB 0–1 → CIELAB (D65). */
export function rgbToLab(rgb: Rgb): [number, number, number] {
  const [r, g, b] = rgb.map(toLinear);
  const x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047;
  const y = 0.2126729 * r + 0.7151522 * g + 0.072175 * b;
  const z = (0.0193339 * r + 0.119192 * g + 0.9503041 * b) / 1.08883;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 / 116) * t + 16 / 116);
  const [fx, fy, fz] = [f(x), f(y), f(z)];
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}

/** CIE76 ΔE: Euclidean distance in CIELAB (≈ 2.3 is a just-noticeable difference). */
export function deltaE(a: Rgb, b: Rgb): number {
  const [p, q] = [rgbToLab(a), rgbToLab(b)];
  return Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
}

/** ΔE between two colours as seen with normal vision (`d` omitted) or with a deficiency. */
export function distance(a: string, b: string, d?: Deficiency): number {
  return d ? deltaE(simulate(a, d), simulate(b, d)) : deltaE(hexToRgb(a), hexToRgb(b));
}
