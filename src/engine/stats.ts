import type { ConfidenceInterval } from '../model/comparison';
/**
 * Statistics for replications: Welford mean/variance and Student-t confidence intervals.
 * Deterministic (no randomness); Math.log/exp are fine here, this is reporting code.
 */

/**
 * Welford's running mean and unbiased variance, on data shifted by the first value:
 * x − shift is exact for nearby values, so a large common offset costs no precision.
 */
export class RunningStats {
  private n = 0;
  private shift = 0;
  private m = 0;
  private m2 = 0;

  push(x: number): void {
    if (this.n === 0 && Number.isFinite(x)) this.shift = x;
    const y = x - this.shift;
    this.n++;
    const d = y - this.m;
    this.m += d / this.n;
    this.m2 += d * (y - this.m);
  }
  get count(): number {
    return this.n;
  }
  /** NaN when empty. */
  get mean(): number {
    return this.n === 0 ? Number.NaN : this.shift + this.m;
  }
  /** Unbiased sample variance; NaN below two samples. */
  get variance(): number {
    return this.n < 2 ? Number.NaN : this.m2 / (this.n - 1);
  }
}

/** Arithmetic mean; NaN when empty. */
export function mean(xs: readonly number[]): number {
  const s = new RunningStats();
  for (const x of xs) s.push(x);
  return s.mean;
}

/** Unbiased sample variance (Welford); NaN below two samples. */
export function sampleVariance(xs: readonly number[]): number {
  const s = new RunningStats();
  for (const x of xs) s.push(x);
  return s.variance;
}

// Lanczos (g = 7, n = 9): ~1e-15 relative for x > 0.
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
function lnGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  x -= 1;
  let a = LANCZOS[0];
  for (let i = 1; i < 9; i++) a += LANCZOS[i] / (x + i);
  const t = x + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Continued fraction for I_x(a, b) (modified Lentz); converges fast for x < (a+1)/(a+b+2). */
function betaContinuedFraction(x: number, a: number, b: number): number {
  const TINY = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 100_000; m++) {
    const m2 = 2 * m;
    for (const aa of [
      (m * (b - m) * x) / ((a - 1 + m2) * (a + m2)),
      (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + 1 + m2)),
    ]) {
      d = 1 + aa * d;
      if (Math.abs(d) < TINY) d = TINY;
      c = 1 + aa / c;
      if (Math.abs(c) < TINY) c = TINY;
      d = 1 / d;
      h *= d * c;
    }
    if (Math.abs(d * c - 1) < 1e-15) break;
  }
  return h;
}

/** Regularised incomplete beta I_x(a, b), given x and y = 1 − x separately to avoid cancellation. */
function incompleteBeta(x: number, y: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (y <= 0) return 1;
  const front = Math.exp(a * Math.log(x) + b * Math.log(y) - (lnGamma(a) + lnGamma(b) - lnGamma(a + b)));
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(x, a, b)) / a;
  return 1 - (front * betaContinuedFraction(y, b, a)) / b;
}

/** P(T > t) for t ≥ 0, computed directly so far tails keep their relative accuracy. */
function tUpperTail(t: number, df: number): number {
  const t2 = t * t;
  return 0.5 * incompleteBeta(df / (df + t2), t2 / (df + t2), df / 2, 0.5);
}

function tDensity(t: number, df: number): number {
  const lnC = lnGamma((df + 1) / 2) - lnGamma(df / 2) - 0.5 * Math.log(df * Math.PI);
  return Math.exp(lnC - ((df + 1) / 2) * Math.log1p((t * t) / df));
}

/** Standard normal quantile, Acklam's rational approximation (relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) return p === 0 ? -Infinity : p === 1 ? Infinity : Number.NaN;
  const a = [
    -39.69683028665376, 220.9460984245205, -275.928510446969, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const tail = (q: number) =>
    (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
    ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  if (p < 0.02425) return tail(Math.sqrt(-2 * Math.log(p)));
  if (p > 1 - 0.02425) return -tail(Math.sqrt(-2 * Math.log1p(-p)));
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
    (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
  );
}

/** Hill (1970), CACM algorithm 396: t with two-sided tail probability P; a starting point for Newton. */
function hillInitial(P: number, n: number): number {
  const a = 1 / (n - 0.5);
  const b = 48 / (a * a);
  let c = (((20700 * a) / b - 98) * a - 16) * a + 96.36;
  const d = ((94.5 / (b + c) - 3) / b + 1) * Math.sqrt((a * Math.PI) / 2) * n;
  let y = Math.pow(d * P, 2 / n);
  if ((n < 2.1 && P > 0.5) || y > 0.05 + a) {
    const x = normalQuantile(0.5 * P);
    y = x * x;
    if (n < 5) c += 0.3 * (n - 4.5) * (x + 0.6);
    c = (((0.05 * d * x - 5) * x - 7) * x - 2) * x + b + c;
    y = (((((0.4 * y + 6.3) * y + 36) * y + 94.5) / c - y - 3) / b + 1) * x;
    y = Math.expm1(a * y * y);
  } else {
    y =
      (((1 / (((n + 6) / (n * y) - 0.089 * d - 0.822) * (n + 2) * 3) + 0.5 / (n + 4)) * y - 1) * (n + 1)) /
        (n + 2) +
      1 / y;
  }
  return Math.sqrt(n * y);
}

/**
 * Quantile of Student's t with df > 0 degrees of freedom: P(T ≤ t) = p.
 * Two-sided use: p = 0.995 gives the 99% interval's multiplier.
 * Closed forms for df = 1, 2; Cornish–Fisher for df ≥ 1e5; otherwise Hill's
 * algorithm 396 refined by safeguarded Newton steps on the incomplete-beta CDF.
 */
export function studentTQuantile(p: number, df: number): number {
  if (!(df > 0) || Number.isNaN(p)) return Number.NaN;
  if (p <= 0 || p >= 1) return p === 0 ? -Infinity : p === 1 ? Infinity : Number.NaN;
  if (p === 0.5) return 0;
  const q = p < 0.5 ? p : 1 - p; // upper-tail probability; 1 − p is exact for p ≥ 0.5
  const sign = p < 0.5 ? -1 : 1;
  if (df === 1) return sign / Math.tan(Math.PI * q);
  if (df === 2) return (sign * (1 - 2 * q)) / Math.sqrt(2 * q * (1 - q));
  if (df >= 1e5) {
    // Abramowitz & Stegun 26.7.5; the first omitted term is O(df^-5), far below 1e-9 here.
    const z = -normalQuantile(q);
    const z2 = z * z;
    const g1 = (z * (z2 + 1)) / 4;
    const g2 = (z * ((5 * z2 + 16) * z2 + 3)) / 96;
    const g3 = (z * (((3 * z2 + 19) * z2 + 17) * z2 - 15)) / 384;
    const g4 = (z * ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945)) / 92160;
    return sign * (z + (g1 + (g2 + (g3 + g4 / df) / df) / df) / df);
  }
  let t = hillInitial(2 * q, df);
  if (!(t > 0 && Number.isFinite(t))) t = 1;
  // Bracket [lo, hi] keeps Newton from escaping: the upper tail decreases in t.
  let lo = 0;
  let hi = Infinity;
  for (let i = 0; i < 200; i++) {
    const f = tUpperTail(t, df) - q;
    if (f > 0) lo = t;
    else hi = t;
    let next = t + f / tDensity(t, df);
    if (!(next > lo && next < hi)) next = hi === Infinity ? 2 * t : (lo + hi) / 2;
    const done = Math.abs(next - t) <= 1e-14 * t;
    t = next;
    if (done) break;
  }
  return sign * t;
}

export type { ConfidenceInterval };

/**
 * The t multiplier of each (level, n) asked for: a comparison takes thousands of intervals over the same
 * number of replications (one per instance and per station of a large mesh), and each quantile is a
 * Newton iteration on the incomplete beta. A pure function's value, so kept; a handful of keys in all.
 */
const tMultipliers = new Map<string, number>();
function tMultiplier(level: number, n: number): number {
  const key = `${level}|${n}`;
  let t = tMultipliers.get(key);
  if (t === undefined) {
    t = studentTQuantile((1 + level) / 2, n - 1);
    if (tMultipliers.size > 256) tMultipliers.clear();
    tMultipliers.set(key, t);
  }
  return t;
}

/** Student-t confidence interval for the mean (n − 1 df). One sample gives an infinite half-width. */
export function confidenceInterval(xs: readonly number[], level = 0.99): ConfidenceInterval {
  const n = xs.length;
  if (n === 0) throw new RangeError('confidenceInterval needs at least one sample');
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), got ${level}`);
  const s = new RunningStats();
  for (const x of xs) s.push(x);
  const m = s.mean;
  const halfWidth = n < 2 ? Infinity : tMultiplier(level, n) * Math.sqrt(s.variance / n);
  const relativeHalfWidth = halfWidth === 0 ? 0 : halfWidth / Math.abs(m);
  return { mean: m, halfWidth, lower: m - halfWidth, upper: m + halfWidth, n, relativeHalfWidth };
}
