import { describe, expect, it } from 'vitest';
import * as hdr from 'hdr-histogram-js';
import { HIGHEST_TRACKABLE_NS, LatencyHistogram } from './histogram';
import { mulberry32 } from '../test/prng';

function normal(rand: () => number): number {
  const u = 1 - rand(); // (0, 1]
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

const cap = (ns: number) => Math.min(Math.round(ns), HIGHEST_TRACKABLE_NS);

/** Fixed-seed data sets of integer nanoseconds. */
function datasets(): Record<string, number[]> {
  const r = mulberry32(12345);
  const n = 100_000;
  const gen = (f: () => number, len = n) => Array.from({ length: len }, f);
  const huge = gen(() => 1 + Math.floor(r() * 50_000), 20_000);
  huge.push(4_294_967_295, 4_294_967_296, 5e9, 1.2e11, 987_654_321_987, 3.599999e12, HIGHEST_TRACKABLE_NS);
  // Values either side of every power of two exercise bucket boundaries and the ≥ 2^32 path.
  const edges: number[] = [];
  for (let k = 0; k <= 41; k++) for (const d of [-1, 0, 1]) if (2 ** k + d >= 1) edges.push(2 ** k + d);
  return {
    exponential: gen(() => 1 + cap(-Math.log(1 - r()) * 100_000)),
    lognormalHeavyTail: gen(() => 1 + cap(Math.exp(Math.log(50_000) + 2.5 * normal(r)))),
    uniform: gen(() => 1 + Math.floor(r() * 5_000_000)),
    smallIntegers: gen(() => 1 + Math.floor(r() * 5000)),
    hugeValues: huge,
    powerOfTwoEdges: edges,
    allEqual: new Array<number>(10_000).fill(1_234_567),
    single: [42],
  };
}

function fill(ns: number[]) {
  const mine = new LatencyHistogram();
  const ref = hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: HIGHEST_TRACKABLE_NS,
    numberOfSignificantValueDigits: 3,
    useWebAssembly: false,
  });
  for (const v of ns) {
    mine.record(v / 1000);
    ref.recordValue(v);
  }
  return { mine, ref };
}

const PS = [0, 0.1, 1, 10, 25, 50, 75, 90, 95, 99, 99.9, 99.99, 99.999];
const toNs = (us: number) => Math.round(us * 1000);

describe('LatencyHistogram vs hdr-histogram-js', () => {
  for (const [name, ns] of Object.entries(datasets())) {
    it(`agrees on ${name}`, () => {
      const { mine, ref } = fill(ns);
      expect(mine.count).toBe(ref.totalCount);
      expect(toNs(mine.min)).toBe(ref.minNonZeroValue);
      expect(toNs(mine.max)).toBe(ref.maxValue);
      expect(toNs(mine.valueAtPercentile(100))).toBe(ref.maxValue);
      for (const p of PS) expect(toNs(mine.valueAtPercentile(p)), `p${p}`).toBe(ref.getValueAtPercentile(p));
      expect(mine.percentiles(PS).map(toNs)).toEqual(PS.map((p) => ref.getValueAtPercentile(p)));
      // Every rank, so each distinct value's bucket is compared.
      if (ns.length <= 200) {
        for (let k = 1; k < ns.length; k++) {
          const p = (100 * k) / ns.length;
          expect(toNs(mine.valueAtPercentile(p)), `p${p}`).toBe(ref.getValueAtPercentile(p));
        }
      }
      // Our mean is exact; hdr's uses bucket midpoints, so it agrees only to within half a bucket.
      const exactMean = ns.reduce((a, b) => a + b, 0) / ns.length / 1000;
      expect(mine.mean).toBeCloseTo(exactMean, 9);
      expect(Math.abs(mine.mean * 1000 - ref.mean) / ref.mean).toBeLessThanOrEqual(1 / 2048);
    });
  }
});

describe('LatencyHistogram accuracy', () => {
  const ps = [0, ...Array.from({ length: 99 }, (_, i) => i + 1), 99.5, 99.9, 99.95, 99.99, 99.999, 100];
  for (const [name, ns] of Object.entries(datasets())) {
    it(`every percentile within 0.1% of the exact value on ${name}`, () => {
      const { mine } = fill(ns);
      const sorted = [...ns].sort((a, b) => a - b);
      const got = mine.percentiles(ps);
      ps.forEach((p, k) => {
        // Rank ceil(p·n/100), with a tolerance so fp noise (14/100·1e5 = 14000.000000000002) doesn't skip a rank.
        const exact = sorted[Math.max(Math.ceil((p / 100) * sorted.length - 1e-7), 1) - 1];
        expect(Math.abs(toNs(got[k]) - exact) / exact, `p${p}`).toBeLessThanOrEqual(0.001);
      });
    });
  }
});

describe('LatencyHistogram behaviour', () => {
  it('merge equals recording into one histogram', () => {
    const ns = datasets().lognormalHeavyTail;
    const one = new LatencyHistogram();
    const parts = [new LatencyHistogram(), new LatencyHistogram(), new LatencyHistogram()];
    ns.forEach((v, i) => {
      one.record(v / 1000);
      parts[i % 3].record(v / 1000);
    });
    parts[0].merge(parts[1]);
    parts[0].merge(parts[2]);
    parts[0].merge(new LatencyHistogram()); // merging an empty one changes nothing
    expect(parts[0].toJSON()).toEqual(one.toJSON());
    expect(parts[0].percentiles(PS)).toEqual(one.percentiles(PS));
    expect(parts[0].mean).toBe(one.mean);
  });

  it('toJSON/fromJSON round-trips through JSON text', () => {
    const { mine } = fill(datasets().hugeValues);
    mine.record(1e10); // clamped
    const back = LatencyHistogram.fromJSON(JSON.parse(JSON.stringify(mine.toJSON())));
    expect(back.toJSON()).toEqual(mine.toJSON());
    expect(back.percentiles(PS)).toEqual(mine.percentiles(PS));
    expect([back.count, back.min, back.max, back.mean, back.clamped]).toEqual([
      mine.count,
      mine.min,
      mine.max,
      mine.mean,
      mine.clamped,
    ]);
    const empty = LatencyHistogram.fromJSON(JSON.parse(JSON.stringify(new LatencyHistogram().toJSON())));
    expect([empty.count, empty.min, empty.max, empty.mean]).toEqual([0, 0, 0, 0]);
    empty.record(5);
    expect(empty.min).toBe(5);
    expect(() =>
      LatencyHistogram.fromJSON({ counts: [[40_000, 1]], sumNs: 0, minNs: 0, maxNs: 0, clamped: 0 }),
    ).toThrow(RangeError);
  });

  it('clamps values above one hour and counts them', () => {
    const h = new LatencyHistogram();
    h.record(3.6e9); // exactly one hour: not clamped
    expect(h.clamped).toBe(0);
    h.record(5e9);
    h.recordMany(1e12, 3);
    expect(h.clamped).toBe(4);
    expect(h.count).toBe(5);
    expect(h.max).toBe(3.6e9);
    expect(h.valueAtPercentile(50)).toBeCloseTo(3.6e9, -7);
    expect(h.mean).toBe(3.6e9);
  });

  it('rounds µs to the nearest ns and rejects invalid input', () => {
    const h = new LatencyHistogram();
    h.record(0.0004);
    h.record(1.0006);
    expect(h.min).toBe(0);
    expect(h.max).toBe(1.001);
    expect(() => h.record(-1)).toThrow(RangeError);
    expect(() => h.record(Number.NaN)).toThrow(RangeError);
    expect(() => h.recordMany(1, 1.5)).toThrow(RangeError);
    expect(h.count).toBe(2);
  });

  it('recordMany equals repeated record; reset empties', () => {
    const a = new LatencyHistogram();
    const b = new LatencyHistogram();
    a.recordMany(12.345, 1000);
    a.recordMany(7, 0);
    for (let i = 0; i < 1000; i++) b.record(12.345);
    expect(a.toJSON()).toEqual(b.toJSON());
    a.reset();
    expect(a.toJSON()).toEqual(new LatencyHistogram().toJSON());
    expect(a.percentiles([50, 100])).toEqual([0, 0]);
  });
});
