/** Linear scales and "nice" ticks for the hand-drawn SVG charts. */

export interface Scale {
  min: number;
  max: number;
  ticks: number[];
  /** Value → x in [x0, x1]. */
  at(v: number): number;
}

/** 1, 2 or 5 × a power of ten, the smallest at least `raw`. */
export function niceStep(raw: number): number {
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const p = 10 ** Math.floor(Math.log10(raw));
  const f = raw / p;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
}

/** A scale over [lo, hi] widened to nice ticks, always including zero. */
export function linearScale(lo: number, hi: number, x0: number, x1: number, count = 5): Scale {
  let a = Math.min(0, Number.isFinite(lo) ? lo : 0);
  let b = Math.max(0, Number.isFinite(hi) ? hi : 0);
  if (a === b) b = a + 1;
  const step = niceStep((b - a) / count);
  a = Math.floor(a / step) * step;
  b = Math.ceil(b / step) * step;
  const ticks: number[] = [];
  for (let t = a; t <= b + step / 2; t += step) ticks.push(Number(t.toPrecision(12)));
  const at = (v: number) => x0 + ((v - a) / (b - a)) * (x1 - x0);
  return { min: a, max: b, ticks, at };
}

/** Log-scale position for values in [lo, hi] (all positive). */
export function logScale(lo: number, hi: number, x0: number, x1: number): Scale {
  const a = Math.log10(lo);
  const b = Math.log10(hi);
  const ticks: number[] = [];
  for (let e = Math.floor(a); e <= Math.ceil(b); e++)
    for (const m of [1, 2, 5]) {
      const t = m * 10 ** e;
      if (t >= lo * 0.999 && t <= hi * 1.001) ticks.push(t);
    }
  const at = (v: number) => x0 + ((Math.log10(v) - a) / (b - a || 1)) * (x1 - x0);
  return { min: lo, max: hi, ticks, at };
}
