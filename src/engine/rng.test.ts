import { describe, expect, it } from 'vitest';
import { createStream, next01At, nextOpen01At, RandomStream, streamTable } from './rng';
import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';

const take = (s: RandomStream, n: number) => Array.from({ length: n }, () => s.next01());

describe('createStream', () => {
  it('same seed and purpose give the same sequence', () => {
    expect(take(createStream(7, 'arrivals'), 100)).toEqual(take(createStream(7, 'arrivals'), 100));
  });

  it('different purposes or seeds give different sequences', () => {
    const base = take(createStream(7, 'arrivals'), 10);
    for (const [seed, purpose] of [
      [7, 'failures'],
      [8, 'arrivals'],
      [7, 'arrivalS'],
      [7, ''],
      [0, 'arrivals'],
    ] as const) {
      const other = take(createStream(seed, purpose), 10);
      expect(other.filter((x, i) => x === base[i])).toEqual([]);
    }
    // near-identical purposes must not be correlated either
    const a = take(createStream(1, 'service:node-1/cpu'), 1000);
    const b = take(createStream(1, 'service:node-2/cpu'), 1000);
    expect(a.filter((x, i) => x === b[i])).toEqual([]);
  });

  it('does not depend on creation order', () => {
    const first = createStream(3, 'think:conn');
    createStream(3, 'arrivals').next01();
    const later = createStream(3, 'think:conn');
    expect(take(first, 50)).toEqual(take(later, 50));
  });

  it('validates the seed', () => {
    for (const bad of [-1, 2 ** 32, 1.5, NaN, Infinity]) {
      expect(() => createStream(bad, 'x')).toThrow(/seed must be an integer in \[0, 2\^32\)/);
    }
    expect(() => createStream(2 ** 32 - 1, 'x')).not.toThrow();
    expect(() => createStream(0, 'x')).not.toThrow();
  });
});

describe('RandomStream', () => {
  it('getState/setState resumes exactly', () => {
    const s = createStream(11, 'failures');
    take(s, 17);
    const state = s.getState();
    const expected = take(s, 100);
    const other = createStream(99, 'other');
    other.setState(state);
    expect(take(other, 100)).toEqual(expected);
    expect(take(new RandomStream(state), 100)).toEqual(expected);
    s.setState(state);
    expect(take(s, 100)).toEqual(expected);
  });

  it('rejects malformed states', () => {
    const s = createStream(1, 'a');
    expect(() => s.setState([1, 2, 3])).toThrow();
    expect(() => s.setState([0, 0, 0, 0])).toThrow(/all zero/);
    expect(() => s.setState([1, 2, 3, 0.5])).toThrow();
  });

  it('next01 is in [0,1) and nextOpen01 in (0,1)', () => {
    const s = createStream(5, 'range');
    let bad = 0;
    for (let i = 0; i < 200_000; i++) {
      const u = s.next01();
      const v = s.nextOpen01();
      if (!(u >= 0 && u < 1) || !(v > 0 && v < 1)) bad++;
    }
    expect(bad).toBe(0);
  });

  it('is uniform: chi-square over 10 bins and the mean of 1e6 draws', () => {
    const s = createStream(2024, 'uniformity');
    const n = 1_000_000;
    const bins = new Array<number>(10).fill(0);
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const u = s.next01();
      bins[Math.floor(u * 10)]++;
      sum += u;
    }
    const e = n / 10;
    const chi2 = bins.reduce((acc, o) => acc + ((o - e) * (o - e)) / e, 0);
    expect(chi2).toBeLessThan(27.877); // chi-square 99.9% critical value, 9 degrees of freedom
    // Standard error of the mean of U(0,1) is sqrt(1/12)/sqrt(n); allow 4 standard errors.
    expect(Math.abs(sum / n - 0.5)).toBeLessThan((4 * Math.sqrt(1 / 12)) / Math.sqrt(n));
  });

  it('golden: first 5 outputs for seed 42, purpose "arrivals"', () => {
    expect(take(createStream(42, 'arrivals'), 5)).toEqual(GOLDEN_42_ARRIVALS);
  });
});

const GOLDEN_42_ARRIVALS = [
  0.9563889858457398, 0.7769623918193153, 0.45301397596551574, 0.020333490681512023, 0.9376465567188175,
];

describe('RandomStream draws', () => {
  // The stream inlines pure-rand's xoroshiro128+; every draw must stay pure-rand's, bit for bit.
  it("next01 and nextOpen01 build on exactly pure-rand's xoroshiro128+ outputs", () => {
    const states = [
      [1, 2, 3, 4],
      [-1, 0x7fffffff, -0x80000000, 0x12345678],
      createStream(9, 'arrivals').getState(),
    ];
    for (const state of states) {
      const ref = xoroshiro128plusFromState(state.map((w) => w | 0));
      const s = new RandomStream(state);
      for (let i = 0; i < 2000; i++) {
        const open = i % 3 === 0;
        const a = ref.next() & 0x3ffffff;
        const b = ref.next() & (open ? 0x3ffffff : 0x7ffffff);
        const want = open ? a * 2 ** -26 + b * 2 ** -52 + 2 ** -53 : a * 2 ** -26 + b * 2 ** -53;
        expect(open ? s.nextOpen01() : s.next01()).toBe(want);
      }
      expect(s.getState()).toEqual(ref.getState());
    }
  });
});

describe('streamTable', () => {
  it('draws exactly what the streams draw, each stream at its own offset, interleaved at random', () => {
    const purposes = ['delay:a', 'delay:b', 'service:c'];
    const objects = purposes.map((p) => createStream(7, p));
    const S = streamTable(purposes.map((p) => createStream(7, p)));
    let pick = 12345;
    for (let k = 0; k < 30_000; k++) {
      pick = (Math.imul(pick, 1103515245) + 12345) >>> 0;
      const i = pick % 3;
      const open = (pick >>> 8) % 2 === 1;
      const want = open ? objects[i].nextOpen01() : objects[i].next01();
      const got = open ? nextOpen01At(S, 4 * i) : next01At(S, 4 * i);
      if (!Object.is(got, want)) expect.fail(`draw ${k} of stream ${i}: ${got} ≠ ${want}`);
    }
    purposes.forEach((_, i) =>
      expect(Array.from(S.subarray(4 * i, 4 * i + 4))).toEqual(objects[i].getState()),
    );
  });
});
