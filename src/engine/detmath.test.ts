import { describe, expect, it } from 'vitest';
import { exp, expFdlibm, log, logFdlibm, sqrt } from './detmath';

const buf = new ArrayBuffer(8);
const f64 = new Float64Array(buf);
const view = new DataView(buf);
const MAG = 0x7fffffffffffffffn;

/** 64-bit pattern of a double as 16 hex digits. */
function hex(x: number): string {
  view.setFloat64(0, x);
  return view.getBigUint64(0).toString(16).padStart(16, '0');
}
/** Distance in ulps: doubles ordered as integers (sign-magnitude → two's complement). */
function ulps(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b) ? 0 : Infinity;
  const ord = (x: number) => {
    view.setFloat64(0, x);
    const bits = view.getBigInt64(0);
    return bits < 0n ? -(bits & MAG) : bits;
  };
  const d = ord(a) - ord(b);
  return Number(d < 0n ? -d : d);
}

/** xorshift32 with a fixed seed: test inputs only. */
function inputs(seed: number) {
  let s = seed;
  const u32 = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return s >>> 0;
  };
  return { u32, u01: () => u32() / 2 ** 32 };
}

function compare(fn: (x: number) => number, ref: (x: number) => number, xs: number[]) {
  let identical = 0;
  let worst = 0;
  for (const x of xs) {
    const a = fn(x);
    const b = ref(x);
    if (Object.is(a, b)) identical++;
    else worst = Math.max(worst, ulps(a, b));
  }
  return { identical: identical / xs.length, worst };
}

describe('log', () => {
  it('agrees with Math.log within 1 ulp over many magnitudes, mostly bit-identical', () => {
    const r = inputs(0x9e3779b9);
    const xs: number[] = [];
    const u = new Uint32Array(buf);
    f64[0] = 1;
    const hi = u[1] === 0x3ff00000 ? 1 : 0; // index of the high word (platform endianness)
    for (let i = 0; i < 100_000; i++) {
      // random positive bit patterns: every exponent, subnormals included
      u[hi] = r.u32() % 0x7ff00000;
      u[1 - hi] = r.u32();
      xs.push(f64[0]);
    }
    for (let i = 0; i < 50_000; i++) xs.push(0.5 + 1.5 * r.u01()); // around 1
    for (let i = 0; i < 50_000; i++) xs.push(1 + (r.u01() - 0.5) * 2 ** -18); // |f| < 2^-20 path
    const { identical, worst } = compare(log, Math.log, xs);
    expect(worst).toBeLessThanOrEqual(1);
    expect(identical).toBeGreaterThanOrEqual(0.999);
  });

  it('handles special values exactly', () => {
    expect(Object.is(log(1), 0)).toBe(true);
    expect(log(0)).toBe(-Infinity);
    expect(log(-0)).toBe(-Infinity);
    expect(log(-1)).toBeNaN();
    expect(log(-Infinity)).toBeNaN();
    expect(log(NaN)).toBeNaN();
    expect(log(Infinity)).toBe(Infinity);
    expect(log(Math.E)).toBe(Math.log(Math.E));
    expect(log(2 ** -1074)).toBe(-744.4400719213812); // smallest subnormal
    expect(log(Number.MIN_VALUE * 3)).toBe(Math.log(Number.MIN_VALUE * 3));
    expect(log(2.2250738585072e-308)).toBe(Math.log(2.2250738585072e-308)); // largest subnormals
    expect(log(Number.MAX_VALUE)).toBe(709.782712893384);
  });
});

describe('log fast path', () => {
  it('gives exactly the fdlibm port for every input', () => {
    const r = inputs(0x3c6ef372);
    const w = new Float64Array(1);
    const u = new Uint32Array(w.buffer);
    const hi = new Float64Array(new Uint32Array([0, 0x3ff00000]).buffer)[0] === 1 ? 1 : 0;
    const xs: number[] = [
      0,
      -0,
      -1,
      NaN,
      Infinity,
      -Infinity,
      1,
      2,
      0.5,
      Number.MAX_VALUE,
      2 ** -1022,
      2 ** -1074,
    ];
    for (let i = 0; i < 100_000; i++) {
      u[hi] = r.u32(); // every sign and exponent, subnormals, Inf and NaN patterns included
      u[1 - hi] = r.u32();
      xs.push(w[0]);
    }
    for (let i = 0; i < 50_000; i++) xs.push(r.u01()); // the samplers' arguments
    for (let i = 0; i < 20_000; i++)
      xs.push(2 ** Math.floor(-60 + 120 * r.u01()) * (1 + (r.u01() - 0.5) * 2 ** -17));
    // Each branch's edges: the |f| < 2^-20 test and fdlibm's (i > 0) split at 0x6147a / 0x6b851.
    for (const m of [
      0, 1, 2, 0xffffd, 0xffffe, 0xfffff, 0x6147a, 0x6147b, 0x6b851, 0x6b850, 0x95f63, 0x95f64, 0x6a09e,
    ])
      for (const e of [0x3fe, 0x3ff, 0x400, 0x001, 0x7fe])
        for (const lo of [0, 1, 0xffffffff]) {
          u[hi] = (e << 20) | m;
          u[1 - hi] = lo;
          xs.push(w[0]);
        }
    for (const x of xs) if (!Object.is(log(x), logFdlibm(x))) expect([x, log(x)]).toEqual([x, logFdlibm(x)]);
  });
});

describe('exp', () => {
  it('agrees with Math.exp within 1 ulp over many magnitudes, mostly bit-identical', () => {
    const r = inputs(0x2545f491);
    const xs: number[] = [];
    for (let i = 0; i < 100_000; i++) xs.push(-746 + 1456 * r.u01()); // whole range incl. subnormal results
    for (let i = 0; i < 50_000; i++) xs.push((r.u01() < 0.5 ? -1 : 1) * 2 ** (-60 + 70 * r.u01())); // small |x|
    for (let i = 0; i < 50_000; i++) xs.push(-2 + 4 * r.u01()); // primary range and k = ±1
    const { identical, worst } = compare(exp, Math.exp, xs);
    expect(worst).toBeLessThanOrEqual(1);
    expect(identical).toBeGreaterThanOrEqual(0.999);
  });

  it('gives exactly the fdlibm port for every input (the fast path is only a shortcut)', () => {
    const r = inputs(0x51ed270b);
    const xs: number[] = [0, -0, NaN, Infinity, -Infinity, 709.782712893384, 710, -745, -746, 1, -1];
    // Each range test's edges: the fast path replaces fdlibm's high-word tests with comparisons.
    for (const hiWord of [0x3e300000, 0x3fd62e42, 0x3fd62e43, 0x3ff0a2b2, 0x40862e42]) {
      const w = new Float64Array(1);
      const u = new Uint32Array(w.buffer);
      const hi = new Float64Array(new Uint32Array([0, 0x3ff00000]).buffer)[0] === 1 ? 1 : 0;
      for (const lo of [0, 1, 0xffffffff]) {
        for (const d of [-1, 0]) {
          u[hi] = hiWord + d;
          u[1 - hi] = lo;
          xs.push(w[0], -w[0]);
        }
      }
    }
    for (let i = 0; i < 100_000; i++) xs.push(-750 + 1462 * r.u01());
    for (let i = 0; i < 50_000; i++) xs.push((r.u01() < 0.5 ? -1 : 1) * 2 ** (-60 + 70 * r.u01()));
    for (let i = 0; i < 50_000; i++) xs.push(-2 + 4 * r.u01());
    for (const x of xs) if (!Object.is(exp(x), expFdlibm(x))) expect([x, exp(x)]).toEqual([x, expFdlibm(x)]);
  });

  it('handles special values exactly', () => {
    expect(exp(0)).toBe(1);
    expect(exp(-0)).toBe(1);
    expect(exp(710)).toBe(Infinity);
    expect(exp(709.782712893384)).toBe(1.7976931348622732e308);
    expect(Object.is(exp(-746), 0)).toBe(true);
    expect(exp(-745)).toBe(5e-324); // subnormal result
    expect(exp(-740)).toBe(Math.exp(-740));
    expect(exp(Infinity)).toBe(Infinity);
    expect(Object.is(exp(-Infinity), 0)).toBe(true);
    expect(exp(NaN)).toBeNaN();
    // fdlibm gives 1 ulp above Math.E (within its bound); V8 special-cases Math.exp(1) to return Math.E.
    expect(exp(1)).toBe(2.7182818284590455);
    expect(exp(1e-300)).toBe(1);
    expect(exp(5e-324)).toBe(1); // subnormal input
  });
});

describe('sqrt', () => {
  it('is the correctly rounded Math.sqrt', () => {
    expect(sqrt).toBe(Math.sqrt);
    expect(sqrt(2)).toBe(1.4142135623730951);
  });
});

/** Frozen outputs of this implementation (hex of the 64-bit double): any change to the bits fails here. */
const GOLDEN: ['log' | 'exp', number, string][] = [
  ['log', 5e-324, 'c0874385446d71c3'],
  ['log', 1e-310, 'c0864e69394d9508'],
  ['log', 1e-200, 'c07cc845b54b54f2'],
  ['log', 0.001, 'c01ba18a998fffa0'],
  ['log', 0.3, 'bff34378fcbda721'],
  ['log', 0.7071067811865476, 'bfd62e42fefa39ee'],
  ['log', 0.9999999, 'be7ad7f2b1049b9f'],
  ['log', 1.0000001, '3e7ad7f2847b6492'],
  ['log', 1.5, '3fd9f323ecbf984c'],
  ['log', 10, '40026bb1bbb55516'],
  ['log', 123456.789, '40277281cad8a844'],
  ['log', 1.7976931348623157e308, '40862e42fefa39ef'],
  ['exp', -745.1, '0000000000000001'],
  ['exp', -708.5, '000e6cf6d08897ac'],
  ['exp', -100, '36ea8c1f14e2af5d'],
  ['exp', -1, '3fd78b56362cef38'],
  ['exp', -1e-9, '3fefffffff768fa1'],
  ['exp', 1e-9, '3ff000000044b830'],
  ['exp', 0.25, '3ff48b5e3c3e8186'],
  ['exp', 0.75, '4000ef9db467dcf8'],
  ['exp', 2.5, '40285d6fd931e0bb'],
  ['exp', 100, '48f3494a9b171bf5'],
  ['exp', 709.78, '7fefe9ce5c4c52b4'],
];

describe('golden bits', () => {
  it.each(GOLDEN)('%s(%s) = 0x%s', (fn, x, bits) => {
    expect(hex(fn === 'log' ? log(x) : exp(x))).toBe(bits);
  });
});
