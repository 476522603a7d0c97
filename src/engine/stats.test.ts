import { describe, expect, it } from 'vitest';
import {
  confidenceInterval,
  mean,
  normalQuantile,
  RunningStats,
  sampleVariance,
  studentTQuantile,
} from './stats';
import { mulberry32 } from '../test/prng';

const normal = (r: () => number) => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
const relErr = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('studentTQuantile', () => {
  it('matches textbook table values', () => {
    const table: [p: number, df: number, t: number, digits: number][] = [
      [0.995, 1, 63.657, 3],
      [0.975, 1, 12.706, 3],
      [0.995, 9, 3.2498, 4],
      [0.975, 9, 2.2622, 4],
      [0.995, 29, 2.7564, 4],
      [0.995, 1000, 2.5808, 4],
      [0.995, 1e9, 2.5758, 4],
      [0.995, Infinity, 2.5758, 4],
    ];
    for (const [p, df, t, digits] of table)
      expect(studentTQuantile(p, df), `df=${df} p=${p}`).toBeCloseTo(t, digits);
  });

  it('is accurate to 1e-8 relative against 15-digit reference values', () => {
    // Reference: mpmath (40 digits), root of 0.5·I_{df/(df+t²)}(df/2, 1/2) = 1 − p.
    const ref: [df: number, p995: number, p975: number, p95: number, p9995: number][] = [
      [1, 63.6567411628716, 12.7062047361747, 6.31375151467504, 636.61924876872],
      [2, 9.92484320091829, 4.30265272974946, 2.91998558035373, 31.5990545764436],
      [3, 5.84090930973336, 3.18244630528371, 2.35336343480182, 12.9239786366875],
      [5, 4.03214298355523, 2.57058183563632, 2.01504837333302, 6.86882662588111],
      [9, 3.24983554159213, 2.26215716279821, 1.83311293265624, 4.78091258593114],
      [10, 3.16927267261695, 2.22813885198627, 1.81246112281168, 4.58689385870264],
      [29, 2.75638590367061, 2.0452296421327, 1.6991270265335, 3.65940501946633],
      [30, 2.74999565356723, 2.04227245630124, 1.69726088659396, 3.64595863504202],
      [100, 2.62589052143802, 1.98397151852355, 1.66023432608534, 3.39049131116423],
      [1000, 2.58075469806595, 1.96233908082641, 1.64637881728546, 3.30028264842391],
      [1e5, 2.57587846990838, 1.95998770753461, 1.64486886478497, 3.29062403141188],
    ];
    for (const [df, ...ts] of ref) {
      [0.995, 0.975, 0.95, 0.9995].forEach((p, k) => {
        expect(relErr(studentTQuantile(p, df), ts[k]), `df=${df} p=${p}`).toBeLessThan(1e-8);
      });
    }
    expect(relErr(studentTQuantile(0.995, 0.5), 4113.96458880418)).toBeLessThan(1e-8);
    expect(relErr(studentTQuantile(0.9, 0.8), 4.06329119996658)).toBeLessThan(1e-8);
    expect(relErr(normalQuantile(0.995), 2.5758293035489)).toBeLessThan(2e-9);
  });

  it('is antisymmetric with edge cases', () => {
    expect(studentTQuantile(1 - 0.995, 9)).toBe(-studentTQuantile(0.995, 9));
    expect(studentTQuantile(0.5, 7)).toBe(0);
    expect(studentTQuantile(1, 7)).toBe(Infinity);
    expect(studentTQuantile(0, 7)).toBe(-Infinity);
    expect(studentTQuantile(0.9, 0)).toBeNaN();
    expect(studentTQuantile(1.5, 3)).toBeNaN();
  });
});

describe('mean / variance', () => {
  it('sampleVariance agrees with a two-pass computation, even with a large offset', () => {
    const r = mulberry32(7);
    const xs = Array.from({ length: 1000 }, () => 1e9 + normal(r) * 3);
    const m = xs.reduce((a, b) => a + b, 0) / xs.length;
    const twoPass = xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1);
    expect(relErr(mean(xs), m)).toBeLessThan(1e-14);
    expect(relErr(sampleVariance(xs), twoPass)).toBeLessThan(1e-12);
    const rs = new RunningStats();
    xs.forEach((x) => rs.push(x));
    expect([rs.count, rs.mean, rs.variance]).toEqual([1000, mean(xs), sampleVariance(xs)]);
  });

  it('is NaN where undefined', () => {
    expect(mean([])).toBeNaN();
    expect(sampleVariance([3])).toBeNaN();
    expect(sampleVariance([3, 5])).toBe(2);
  });
});

describe('confidenceInterval', () => {
  it('matches a hand computation', () => {
    // mean 11; squared deviations sum to 30, so s² = 30/9; t(0.995, 9) = 3.24983554159213.
    const ci = confidenceInterval([10, 12, 9, 11, 13, 8, 10, 12, 11, 14]);
    const hw = 3.24983554159213 * Math.sqrt(30 / 9 / 10);
    expect(ci.n).toBe(10);
    expect(ci.mean).toBe(11);
    expect(relErr(ci.halfWidth, hw)).toBeLessThan(1e-12);
    expect(ci.lower).toBeCloseTo(11 - hw, 12);
    expect(ci.upper).toBeCloseTo(11 + hw, 12);
    expect(ci.relativeHalfWidth).toBeCloseTo(hw / 11, 12);
    const ci95 = confidenceInterval([10, 12, 9, 11, 13, 8, 10, 12, 11, 14], 0.95);
    expect(relErr(ci95.halfWidth, 2.26215716279821 * Math.sqrt(30 / 9 / 10))).toBeLessThan(1e-12);
  });

  it('handles degenerate inputs', () => {
    expect(confidenceInterval([5]).halfWidth).toBe(Infinity);
    expect(confidenceInterval([4, 4, 4]).relativeHalfWidth).toBe(0);
    expect(() => confidenceInterval([])).toThrow(RangeError);
    expect(() => confidenceInterval([1, 2], 1)).toThrow(RangeError);
  });

  it('99% intervals cover the true mean in 98.3–99.6% of 2000 replications', () => {
    // Binomial SE at p = 0.99, n = 2000 is sqrt(0.99·0.01/2000) ≈ 0.22%; ±3 SE ≈ [98.33%, 99.67%].
    const r = mulberry32(2024);
    const trueMean = 5;
    let covered = 0;
    for (let rep = 0; rep < 2000; rep++) {
      const xs = Array.from({ length: 10 }, () => trueMean + 2 * normal(r));
      const ci = confidenceInterval(xs, 0.99);
      if (ci.lower <= trueMean && trueMean <= ci.upper) covered++;
    }
    expect(covered / 2000).toBeGreaterThanOrEqual(0.983);
    expect(covered / 2000).toBeLessThanOrEqual(0.996);
  });
});
