import { describe, expect, it } from 'vitest';
import type { Distribution } from '../model/distribution';
import { log } from './detmath';
import { makeSampler } from './distributions';
import { createStream } from './rng';

// Tolerances: with n = 200,000 draws and a fixed seed, each moment must lie within 5 standard
// errors of theory (a correct sampler fails a given check with probability ~6e-7). SE of the mean is
// sd/sqrt(n); SE of the sample variance is sqrt((mu4 - sigma^4)/n), mu4 being the 4th central moment.
const N = 200_000;
const Z = 5;

function draw(d: Distribution, seed: number, n = N): Float64Array {
  const sample = makeSampler(d);
  const s = createStream(seed, 'dist-test');
  const xs = new Float64Array(n);
  for (let i = 0; i < n; i++) xs[i] = sample(s);
  return xs;
}

function moments(xs: Float64Array) {
  let sum = 0;
  let min = Infinity;
  for (const x of xs) {
    sum += x;
    min = Math.min(min, x);
  }
  const mean = sum / xs.length;
  let ss = 0;
  for (const x of xs) ss += (x - mean) ** 2;
  return { mean, variance: ss / (xs.length - 1), min };
}

/** Sample mean and variance against theory; kurtosis = mu4 / sigma^4 (3 for a normal). */
function checkMoments(xs: Float64Array, mean: number, variance: number, kurtosis: number) {
  const m = moments(xs);
  expect(Math.abs(m.mean - mean)).toBeLessThan(Z * Math.sqrt(variance / xs.length));
  expect(Math.abs(m.variance - variance)).toBeLessThan(Z * variance * Math.sqrt((kurtosis - 1) / xs.length));
  expect(m.min).toBeGreaterThanOrEqual(0);
}

describe('makeSampler', () => {
  it('deterministic returns the value exactly and draws nothing', () => {
    const s = createStream(1, 'x');
    const before = s.getState();
    const sample = makeSampler({ kind: 'deterministic', value: 12.5 });
    for (let i = 0; i < 10; i++) expect(sample(s)).toBe(12.5);
    expect(s.getState()).toEqual(before);
    expect(makeSampler({ kind: 'lognormal', mean: 3, cv: 0 })(s)).toBe(3);
    expect(makeSampler({ kind: 'empirical', values: [4] })(s)).toBe(4);
  });

  it('exponential: mean, variance, P(X > mean) = 1/e', () => {
    const mean = 250;
    const xs = draw({ kind: 'exponential', mean }, 101);
    checkMoments(xs, mean, mean * mean, 9);
    const p = Math.exp(-1);
    const above = xs.filter((x) => x > mean).length / xs.length;
    expect(Math.abs(above - p)).toBeLessThan(Z * Math.sqrt((p * (1 - p)) / xs.length));
    expect(xs.every((x) => x > 0 && Number.isFinite(x))).toBe(true);
  });

  it.each([0.5, 2])('lognormal cv %s: mean, variance, and ln X normal(mu, sigma^2)', (cv) => {
    const mean = 1000;
    const xs = draw({ kind: 'lognormal', mean, cv }, 202);
    const s2 = Math.log(1 + cv * cv);
    // lognormal kurtosis: e^{4s2} + 2e^{3s2} + 3e^{2s2} - 3 (~948 for cv 2: variance is noisy)
    checkMoments(
      xs,
      mean,
      (cv * mean) ** 2,
      Math.exp(4 * s2) + 2 * Math.exp(3 * s2) + 3 * Math.exp(2 * s2) - 3,
    );
    // ln X is normal, checking the polar-method normals directly
    const logs = xs.map((x) => log(x));
    checkMomentsSigned(logs, Math.log(mean) - s2 / 2, s2);
  });

  it('empirical without weights: uniform over values', () => {
    const values = [1, 2, 3, 10];
    const xs = draw({ kind: 'empirical', values }, 303);
    checkFrequencies(xs, values, [1, 1, 1, 1]);
    const mean = 4;
    const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / values.length;
    const mu4 = values.reduce((a, v) => a + (v - mean) ** 4, 0) / values.length;
    checkMoments(xs, mean, variance, mu4 / variance ** 2);
  });

  it('empirical with weights: frequencies and moments', () => {
    const values = [0, 5, 50, 500];
    const weights = [4, 3, 2, 1];
    const xs = draw({ kind: 'empirical', values, weights }, 404);
    checkFrequencies(xs, values, weights);
    const p = weights.map((w) => w / 10);
    const mean = values.reduce((a, v, i) => a + p[i] * v, 0);
    const variance = values.reduce((a, v, i) => a + p[i] * (v - mean) ** 2, 0);
    const mu4 = values.reduce((a, v, i) => a + p[i] * (v - mean) ** 4, 0);
    checkMoments(xs, mean, variance, mu4 / variance ** 2);
  });

  it('same seed gives the same samples', () => {
    for (const d of [
      { kind: 'exponential', mean: 3 },
      { kind: 'lognormal', mean: 3, cv: 1.5 },
      { kind: 'empirical', values: [1, 2, 3], weights: [1, 5, 2] },
    ] as Distribution[]) {
      expect(draw(d, 9, 1000)).toEqual(draw(d, 9, 1000));
    }
  });

  it('held()/hold() carry the lognormal spare: restoring it and the stream repeats the draws exactly', () => {
    const sample = makeSampler({ kind: 'lognormal', mean: 3, cv: 1.5 });
    const s = createStream(4, 'dist-test');
    sample(s); // the first call of a pair keeps a spare
    expect(Number.isNaN(sample.held())).toBe(false);
    const spare = sample.held();
    const words = s.getState();
    const ahead = Array.from({ length: 7 }, () => sample(s));
    sample.hold(spare);
    s.setState(words);
    expect(Array.from({ length: 7 }, () => sample(s))).toEqual(ahead);
    expect(Number.isNaN(sample.held())).toBe(true); // seven calls since it held one: none held now
    // Holding nothing makes the next call draw a fresh pair from the stream, as a new sampler would.
    const fresh = makeSampler({ kind: 'lognormal', mean: 3, cv: 1.5 });
    const words2 = s.getState();
    const want = fresh(s);
    s.setState(words2);
    sample.hold(NaN);
    expect(sample(s)).toBe(want);
  });

  it('other samplers hold nothing and refuse a value', () => {
    for (const d of [
      { kind: 'exponential', mean: 3 },
      { kind: 'deterministic', value: 2 },
      { kind: 'empirical', values: [1, 2] },
    ] as Distribution[]) {
      const sample = makeSampler(d);
      expect(sample.held()).toBeNaN();
      expect(() => sample.hold(1)).toThrow(/holds no state/);
    }
  });

  it('rejects invalid parameters when building', () => {
    expect(() => makeSampler({ kind: 'exponential', mean: -1 })).toThrow();
    expect(() => makeSampler({ kind: 'empirical', values: [1, 2], weights: [1] })).toThrow();
  });
});

function checkMomentsSigned(xs: Float64Array, mean: number, variance: number) {
  const m = moments(xs);
  expect(Math.abs(m.mean - mean)).toBeLessThan(Z * Math.sqrt(variance / xs.length));
  expect(Math.abs(m.variance - variance)).toBeLessThan(Z * variance * Math.sqrt(2 / xs.length)); // normal: kurtosis 3
}

/** Each value's frequency within 5 SE (sqrt(p(1-p)/n)) of its weight share. */
function checkFrequencies(xs: Float64Array, values: number[], weights: number[]) {
  const total = weights.reduce((a, b) => a + b, 0);
  values.forEach((v, i) => {
    const p = weights[i] / total;
    const freq = xs.filter((x) => x === v).length / xs.length;
    expect(Math.abs(freq - p)).toBeLessThan(Z * Math.sqrt((p * (1 - p)) / xs.length));
  });
}
