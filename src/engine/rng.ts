/**
 * Seeded random streams: one xoroshiro128+ generator (pure-rand) per purpose.
 *
 * A stream's start state is a pure function of (seed, purpose), never of creation order, so two runs
 * on the same seed share e.g. the 'arrivals' stream even if they model different architectures
 * (common random numbers). The purpose is hashed to 64 bits (FNV-1a plus a second, murmur-style lane,
 * so two purposes collide with probability ~2^-64 rather than 2^-32), then (seed, hashA, hashB) is
 * pushed through a bijective murmur3-finaliser mix into the four 32-bit state words. With period
 * 2^128 - 1 and well-spread start points, the chance that n streams of L draws overlap is about
 * n^2 * L / 2^128: for a million streams of 2^40 draws each, ~2^-48.
 */
const TWO_M26 = 1 / 67108864; // 2^-26
const TWO_M52 = TWO_M26 * TWO_M26;
const TWO_M53 = TWO_M52 / 2;

/**
 * xoroshiro128+ as pure-rand 8 implements it (same state words, same output), with the state in the
 * stream's own fields: the generator object the stream used to hold cost a load and a call per draw,
 * twice per number. `rng.test.ts` checks the outputs against pure-rand's.
 */
export class RandomStream {
  private s01 = 0;
  private s00 = 0;
  private s11 = 0;
  private s10 = 0;

  /** Prefer createStream; this takes a raw 4-word state (e.g. from a checkpoint). */
  constructor(state: readonly number[]) {
    this.setState(state);
  }

  /** The generator's next 32-bit output (pure-rand's XoroShiro128Plus.next). */
  private next(): number {
    const s00 = this.s00;
    const s01 = this.s01;
    const out = (s00 + this.s10) | 0;
    const a0 = this.s10 ^ s00;
    const a1 = this.s11 ^ s01;
    this.s00 = (s00 << 24) ^ (s01 >>> 8) ^ a0 ^ (a0 << 16);
    this.s01 = (s01 << 24) ^ (s00 >>> 8) ^ a1 ^ ((a1 << 16) | (a0 >>> 16));
    this.s10 = (a1 << 5) ^ (a0 >>> 27);
    this.s11 = (a0 << 5) ^ (a1 >>> 27);
    return out;
  }

  /** Uniform in [0, 1): a multiple of 2^-53 built from two 32-bit outputs (as pure-rand's uniformFloat64). */
  next01(): number {
    const a = this.next() & 0x3ffffff;
    const b = this.next() & 0x7ffffff;
    return a * TWO_M26 + b * TWO_M53;
  }

  /**
   * Uniform in (0, 1), for logarithms: the midpoints (2k+1)·2^-53 for 52-bit k. Exactly representable,
   * so it never rounds to 0 or 1, always costs two draws (no rejection loop) and is symmetric (1-u ~ u).
   */
  nextOpen01(): number {
    const a = this.next() & 0x3ffffff;
    const b = this.next() & 0x3ffffff;
    return a * TWO_M26 + b * TWO_M52 + TWO_M53;
  }

  /** The generator state (four int32 words, in pure-rand's getState order), for checkpoints. */
  getState(): number[] {
    return [this.s01, this.s00, this.s11, this.s10];
  }

  /** Resume exactly from a state returned by getState. */
  setState(state: readonly number[]): void {
    const s = checkState(state);
    this.s01 = s[0];
    this.s00 = s[1];
    this.s11 = s[2];
    this.s10 = s[3];
  }
}

/**
 * Many streams' states side by side in one Int32Array, four words each in getState's order (s01, s00,
 * s11, s10), drawn with next01At/nextOpen01At: the same numbers as the streams' own methods. A large
 * scenario has a stream per hop (its delays) and per station (its CPU bursts); as objects they were
 * tens of thousands of scattered allocations (and in browsers, whose small integers are 31 bits, each
 * state word is a separate boxed number), so a draw touched several cache lines where this touches one.
 */
export function streamTable(streams: readonly RandomStream[]): Int32Array {
  const words = new Int32Array(4 * streams.length);
  streams.forEach((s, i) => words.set(s.getState(), 4 * i));
  return words;
}

/** next01 of the stream whose state starts at S[o] (streamTable's layout). */
export function next01At(S: Int32Array, o: number): number {
  return twoOutputs(S, o, false);
}

/** nextOpen01 of the stream whose state starts at S[o] (streamTable's layout). */
export function nextOpen01At(S: Int32Array, o: number): number {
  return twoOutputs(S, o, true);
}

/**
 * Two steps of RandomStream.next on the state at S[o], kept in locals, built into next01's number or
 * (open) nextOpen01's. Small enough to inline into both callers, where `open` is a constant.
 */
function twoOutputs(S: Int32Array, o: number, open: boolean): number {
  const s01 = S[o];
  const s00 = S[o + 1];
  const s11 = S[o + 2];
  const s10 = S[o + 3];
  const a = ((s00 + s10) | 0) & 0x3ffffff;
  const a0 = s10 ^ s00;
  const a1 = s11 ^ s01;
  const t00 = (s00 << 24) ^ (s01 >>> 8) ^ a0 ^ (a0 << 16);
  const t01 = (s01 << 24) ^ (s00 >>> 8) ^ a1 ^ ((a1 << 16) | (a0 >>> 16));
  const t10 = (a1 << 5) ^ (a0 >>> 27);
  const t11 = (a0 << 5) ^ (a1 >>> 27);
  const b = ((t00 + t10) | 0) & (open ? 0x3ffffff : 0x7ffffff);
  const b0 = t10 ^ t00;
  const b1 = t11 ^ t01;
  S[o] = (t01 << 24) ^ (t00 >>> 8) ^ b1 ^ ((b1 << 16) | (b0 >>> 16));
  S[o + 1] = (t00 << 24) ^ (t01 >>> 8) ^ b0 ^ (b0 << 16);
  S[o + 2] = (b0 << 5) ^ (b1 >>> 27);
  S[o + 3] = (b1 << 5) ^ (b0 >>> 27);
  return open ? a * TWO_M26 + b * TWO_M52 + TWO_M53 : a * TWO_M26 + b * TWO_M53;
}

function checkState(state: readonly number[]): number[] {
  if (
    !Array.isArray(state) ||
    state.length !== 4 ||
    !state.every((w) => Number.isInteger(w) && w >= -0x80000000 && w <= 0xffffffff)
  ) {
    throw new Error('RandomStream state must be 4 integers, each a 32-bit word');
  }
  const s = state.map((w) => w | 0);
  if ((s[0] | s[1] | s[2] | s[3]) === 0) throw new Error('RandomStream state must not be all zero');
  return s;
}

/** murmur3 fmix32: a bijection on 32-bit words with full avalanche. */
function fmix32(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}

const WARM_UP = 8; // next01 calls (16 outputs) discarded: belt and braces, the mixed state is already well spread

/** The independent stream for `purpose` under `seed` (an integer in [0, 2^32)). */
export function createStream(seed: number, purpose: string): RandomStream {
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new Error(`seed must be an integer in [0, 2^32), got ${seed}`);
  }
  if (typeof purpose !== 'string') throw new Error('purpose must be a string');
  // Two hash lanes over UTF-16 code units: FNV-1a, and a murmur2-multiplier lane with a shift.
  let a = 0x811c9dc5 | 0;
  let b = 0x9747b28c | 0;
  for (let i = 0; i < purpose.length; i++) {
    const c = purpose.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  // Two rounds of "absorb the neighbour, then finalise": each step is invertible, so distinct
  // (seed, a, b) give distinct states, and after two rounds every word depends on every input bit.
  let s0 = seed | 0;
  let s1 = a;
  let s2 = b;
  let s3 = 0x6a09e667; // fractional bits of sqrt(2): keeps seed 0 + empty hash away from zero
  for (let r = 0; r < 2; r++) {
    s0 = fmix32(s0 ^ s3);
    s1 = fmix32(s1 ^ s0);
    s2 = fmix32(s2 ^ s1);
    s3 = fmix32(s3 ^ s2);
  }
  if ((s0 | s1 | s2 | s3) === 0) s3 = 0x6a09e667; // xoroshiro's one forbidden state (odds 2^-128)
  const stream = new RandomStream([s0, s1, s2, s3]);
  for (let i = 0; i < WARM_UP; i++) stream.next01();
  return stream;
}
