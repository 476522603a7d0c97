/**
 * Deterministic log/exp for the engine.
 *
 * ECMAScript lets Math.log/Math.exp be "implementation-approximated", so engines may differ in the
 * last bit, which would make replays diverge across browsers. These are faithful ports of fdlibm 5.3
 * (e_log.c, e_exp.c) using only IEEE-754 basic operations (+ - * /, each correctly rounded; JS never
 * fuses them) plus bit access through one shared 8-byte buffer, so every engine gives the same bits.
 * Hot path: no allocation, no closures; the scratch buffer is module-level.
 *
 * One mechanical change from fdlibm: where it rewrites a double's exponent bits in place (log's
 * normalisation, exp's final scaling) we multiply by an exact power of two from a table instead. The
 * result is bit-identical (the product is exact whenever it is normal) and ~2x faster, because writing
 * 4 bytes then reading the 8-byte double defeats the CPU's store-to-load forwarding.
 */

const scratch = new ArrayBuffer(8);
const f64 = new Float64Array(scratch);
const i32 = new Int32Array(scratch);
f64[0] = 1; // detect endianness once: 1.0 is 0x3ff00000_00000000
const HI = i32[1] === 0x3ff00000 ? 1 : 0;
const LO = 1 - HI;

/** POW2[e + 1074] = 2^e exactly, for e in [-1074, 1023] (doubling/halving powers of two is exact). */
const POW2 = new Float64Array(2098);
for (let e = 0, p = 1; e <= 1023; e++, p *= 2) POW2[e + 1074] = p;
for (let e = 0, p = 1; e >= -1074; e--, p /= 2) POW2[e + 1074] = p;

const ln2_hi = 6.9314718036912381649e-1; // 0x3fe62e42 fee00000
const ln2_lo = 1.90821492927058770002e-10; // 0x3dea39ef 35793c76
const two54 = 1.8014398509481984e16; // 0x43500000 00000000
const Lg1 = 6.66666666666673513e-1; // 0x3fe55555 55555593
const Lg2 = 3.999999999940941908e-1; // 0x3fd99999 9997fa04
const Lg3 = 2.857142874366239149e-1; // 0x3fd24924 94229359
const Lg4 = 2.222219843214978396e-1; // 0x3fcc71c5 1d8e78af
const Lg5 = 1.818357216161805012e-1; // 0x3fc74664 96cb03de
const Lg6 = 1.531383769920937332e-1; // 0x3fc39a09 d078c69f
const Lg7 = 1.479819860511658591e-1; // 0x3fc2f112 df3e5244

/**
 * Natural logarithm, bit-identical to `logFdlibm`: for a normal positive finite x whose scaled fraction
 * is not within 2^-20 of 1 (nearly every draw's argument), fdlibm's main path; anything else goes to
 * logFdlibm. Small enough for V8 to inline where logFdlibm is not (a call and two boxed doubles saved).
 */
export function log(x: number): number {
  f64[0] = x;
  const hx0 = i32[HI];
  if (hx0 < 0x00100000 || hx0 >= 0x7ff00000) return logFdlibm(x); // zero, negative, subnormal, Inf, NaN
  const hx = hx0 & 0x000fffff;
  if ((0x000fffff & (2 + hx)) < 3) return logFdlibm(x); // |f| < 2^-20
  const k = (hx0 >> 20) - 1023 + (((hx + 0x95f64) & 0x100000) >> 20);
  const f = x * POW2[1074 - k] - 1;
  const s = f / (2 + f);
  const z = s * s;
  const w = z * z;
  const t1 = w * (Lg2 + w * (Lg4 + w * Lg6));
  const t2 = z * (Lg1 + w * (Lg3 + w * (Lg5 + w * Lg7)));
  const R = t2 + t1;
  if (((hx - 0x6147a) | (0x6b851 - hx)) > 0) {
    const hfsq = 0.5 * f * f;
    return k === 0 ? f - (hfsq - s * (hfsq + R)) : k * ln2_hi - (hfsq - (s * (hfsq + R) + k * ln2_lo) - f);
  }
  return k === 0 ? f - s * (f - R) : k * ln2_hi - (s * (f - R) - k * ln2_lo - f);
}

/** Natural logarithm; port of fdlibm __ieee754_log (error < 1 ulp). */
export function logFdlibm(x: number): number {
  f64[0] = x;
  let hx = i32[HI];
  const lx = i32[LO];
  let k = 0;
  if (hx < 0x00100000) {
    // x < 2^-1022: zero, negative, or subnormal
    if (((hx & 0x7fffffff) | lx) === 0) return -Infinity; // log(±0)
    if (hx < 0) return NaN; // log(negative), incl. -Infinity and negative-signed NaN
    k -= 54;
    x *= two54; // scale the subnormal up
    f64[0] = x;
    hx = i32[HI];
  }
  if (hx >= 0x7ff00000) return x + x; // +Infinity or NaN
  const e = (hx >> 20) - 1023;
  hx &= 0x000fffff;
  let i = (hx + 0x95f64) & 0x100000;
  const ke = e + (i >> 20); // normalise x or x/2 into [sqrt(2)/2, sqrt(2)): x *= 2^-ke, exact
  x *= POW2[1074 - ke];
  k += ke;
  const f = x - 1;
  if ((0x000fffff & (2 + hx)) < 3) {
    // |f| < 2^-20
    if (f === 0) return k === 0 ? 0 : k * ln2_hi + k * ln2_lo;
    const R = f * f * (0.5 - 0.33333333333333333 * f);
    return k === 0 ? f - R : k * ln2_hi - (R - k * ln2_lo - f);
  }
  const s = f / (2 + f);
  const dk = k;
  const z = s * s;
  i = hx - 0x6147a;
  const w = z * z;
  const j = 0x6b851 - hx;
  const t1 = w * (Lg2 + w * (Lg4 + w * Lg6));
  const t2 = z * (Lg1 + w * (Lg3 + w * (Lg5 + w * Lg7)));
  i |= j;
  const R = t2 + t1;
  if (i > 0) {
    const hfsq = 0.5 * f * f;
    return k === 0 ? f - (hfsq - s * (hfsq + R)) : dk * ln2_hi - (hfsq - (s * (hfsq + R) + dk * ln2_lo) - f);
  }
  return k === 0 ? f - s * (f - R) : dk * ln2_hi - (s * (f - R) - dk * ln2_lo - f);
}

const o_threshold = 7.09782712893383973096e2; // 0x40862e42 fefa39ef
const u_threshold = -7.4513321910194110842e2; // 0xc0874910 d52d3051
const twom1000 = 9.3326361850321887899e-302; // 2^-1000
const invln2 = 1.442695040888963387; // 0x3ff71547 652b82fe
const P1 = 1.66666666666666019037e-1; // 0x3fc55555 5555553e
const P2 = -2.77777777770155933842e-3; // 0xbf66c16c 16bebd93
const P3 = 6.61375632143793436117e-5; // 0x3f11566a af25de2c
const P4 = -1.6533902205465251539e-6; // 0xbebbbd41 c5d26bf1
const P5 = 4.13813679705723846039e-8; // 0x3e663769 72bea4d0

/** The double whose high and low 32-bit words are `hi` and `lo` (for thresholds fdlibm states as bits). */
function fromWords(hi: number, lo: number): number {
  i32[HI] = hi;
  i32[LO] = lo;
  return f64[0];
}
// fdlibm's tests on the high word of |x|, as comparisons of |x| with the first double past each bound
// (doubles of one sign order as their bit patterns do).
const EXP_BIG = fromWords(0x40862e42, 0); // hx >= 0x40862e42 ⟺ |x| >= EXP_BIG
const EXP_HALF_LN2 = fromWords(0x3fd62e43, 0); // hx > 0x3fd62e42 ⟺ |x| >= EXP_HALF_LN2
const EXP_3HALF_LN2 = fromWords(0x3ff0a2b2, 0); // hx < 0x3ff0a2b2 ⟺ |x| < EXP_3HALF_LN2
const EXP_TINY = fromWords(0x3e300000, 0); // hx < 0x3e300000 ⟺ |x| < EXP_TINY (2^-28)

/**
 * e^x, bit-identical to `expFdlibm`: for |x| < 709.78 (every sample the engine draws) it runs fdlibm's
 * own steps without the bit access; anything else (overflow, underflow, NaN) goes to expFdlibm. Small enough
 * for V8 to inline into the samplers (expFdlibm is not), which spares a call and two boxed doubles per draw.
 */
export function exp(x: number): number {
  const ax = x < 0 ? -x : x;
  if (!(ax < EXP_BIG)) return expFdlibm(x); // also NaN
  if (ax < EXP_HALF_LN2) {
    // No argument reduction (k = 0).
    if (ax < EXP_TINY) return 1 + x;
    const t = x * x;
    const c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
    return 1 - ((x * c) / (c - 2) - x);
  }
  let k: number;
  let hi: number;
  let lo: number;
  if (ax < EXP_3HALF_LN2) {
    if (x > 0) {
      hi = x - ln2_hi;
      lo = ln2_lo;
      k = 1;
    } else {
      hi = x + ln2_hi;
      lo = -ln2_lo;
      k = -1;
    }
  } else {
    k = (invln2 * x + (x > 0 ? 0.5 : -0.5)) | 0;
    hi = x - k * ln2_hi;
    lo = k * ln2_lo;
  }
  const r = hi - lo; // k is never 0 here
  const t = r * r;
  const c = r - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  const y = 1 - (lo - (r * c) / (2 - c) - hi);
  if (k >= -1021) return k === 1024 ? y * 2 * POW2[1074 + 1023] : y * POW2[1074 + k];
  return y * POW2[1074 + k + 1000] * twom1000;
}

/** e^x; port of fdlibm __ieee754_exp (error < 1 ulp). */
export function expFdlibm(x: number): number {
  f64[0] = x;
  let hx = i32[HI];
  const xsb = hx >>> 31;
  hx &= 0x7fffffff;
  let k = 0;
  let hi = 0;
  let lo = 0;
  if (hx >= 0x40862e42) {
    // |x| >= 709.78...
    if (hx >= 0x7ff00000) {
      if (((hx & 0xfffff) | i32[LO]) !== 0) return x + x; // NaN
      return xsb === 0 ? x : 0; // exp(+Inf) = Inf, exp(-Inf) = 0
    }
    if (x > o_threshold) return Infinity; // overflow (fdlibm: huge*huge)
    if (x < u_threshold) return 0; // underflow (fdlibm: twom1000*twom1000)
  }
  // argument reduction: x = k*ln2 + r, |r| <= 0.5*ln2, r carried as hi - lo
  if (hx > 0x3fd62e42) {
    if (hx < 0x3ff0a2b2) {
      // 0.5*ln2 < |x| < 1.5*ln2: k = ±1
      if (xsb === 0) {
        hi = x - ln2_hi;
        lo = ln2_lo;
        k = 1;
      } else {
        hi = x + ln2_hi;
        lo = -ln2_lo;
        k = -1;
      }
    } else {
      k = (invln2 * x + (xsb === 0 ? 0.5 : -0.5)) | 0; // C (int) cast truncates toward zero, as does |0
      hi = x - k * ln2_hi; // exact: ln2_hi has trailing zero bits
      lo = k * ln2_lo;
    }
    x = hi - lo;
  } else if (hx < 0x3e300000) {
    return 1 + x; // |x| < 2^-28
  }
  const t = x * x;
  const c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k === 0) return 1 - ((x * c) / (c - 2) - x);
  const y = 1 - (lo - (x * c) / (2 - c) - hi);
  // scale by 2^k (exact while the result is normal); 2^1024 is not a double, so k = 1024 goes in two steps
  if (k >= -1021) return k === 1024 ? y * 2 * POW2[1074 + 1023] : y * POW2[1074 + k];
  return y * POW2[1074 + k + 1000] * twom1000; // subnormal result: exact step, then one rounding
}

/**
 * IEEE-754 requires sqrt to be correctly rounded, and engines compile Math.sqrt to the hardware
 * instruction, so it is bit-identical everywhere: the one Math function the engine relies on.
 */
export const sqrt = Math.sqrt;
