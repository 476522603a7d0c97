/**
 * All of one simulation's hop samplers (CPU bursts, post-response work, delays) as flat typed arrays,
 * drawn through one function. A large scenario has thousands of hops; one closure per sampler made every
 * draw an indirect call to one of thousands of functions (a megamorphic call V8 cannot inline) reading
 * parameters scattered over the heap. Here the parameters of sampler i sit side by side, and `sample`
 * is a single call site the compiler can inline into the hop handlers.
 *
 * The draws are exactly makeSampler's (distributions.ts): same formulas, same operation order, same use
 * of the stream — `samplerTable.test.ts` checks that bit for bit. A draw reads a sampler's row of four
 * words (kind, a, b, and the lognormal's held spare normal, NaN for none) from wherever the caller keeps
 * it: the table holds the parameters, never changed; a simulation copies each hop's rows next to the
 * hop's other state (hopRows.ts), so a simulation's changeable state stays in its own fields, where
 * snapshots find it.
 */
import type { Distribution } from '../model/distribution';
import * as detmath from './detmath';
import { lognormalParams } from './distributions';
import { next01At, nextOpen01At } from './rng';

// Local copies: see simCore.ts on module interop.
const { exp, log, sqrt } = detmath;

export const SAMPLE_CONSTANT = 0;
export const SAMPLE_EXPONENTIAL = 1;
export const SAMPLE_LOGNORMAL = 2;
/** Empirical without weights: one of `len` values at `off`, equally likely. */
export const SAMPLE_PICK = 3;
/** Empirical with weights: inverse CDF over the cumulative weights at `off`. */
export const SAMPLE_WEIGHTED = 4;

/** Words per sampler row: its kind, a, b and the held spare, side by side, so a draw reads one cache line. */
export const SAMPLER_STRIDE = 4;
const STRIDE = SAMPLER_STRIDE;

export class SamplerTable {
  readonly size: number;
  /** Sampler i's row at STRIDE·i: kind; a (constant: value, exponential: mean, lognormal: mu, weighted:
   *  total weight); b (lognormal: sigma; empirical: i, for its values); NaN (no spare held). */
  readonly param: Float64Array;
  /** Empirical: where its values (and cumulative weights) start in `values`/`cum`, and how many. */
  readonly off: Int32Array;
  readonly len: Int32Array;
  readonly values: Float64Array;
  readonly cum: Float64Array;

  /** `dists` must be valid (a parsed spec's); index i of the table draws from dists[i]. */
  constructor(dists: readonly Distribution[]) {
    const n = dists.length;
    this.size = n;
    this.param = new Float64Array(STRIDE * n);
    this.off = new Int32Array(n);
    this.len = new Int32Array(n);
    let points = 0;
    for (const d of dists) if (d.kind === 'empirical' && d.values.length > 1) points += d.values.length;
    this.values = new Float64Array(points);
    this.cum = new Float64Array(points);
    let at = 0;
    dists.forEach((d, i) => {
      switch (d.kind) {
        case 'deterministic':
          return this.constant(i, d.value);
        case 'exponential':
          return this.set(i, SAMPLE_EXPONENTIAL, d.mean, 0);
        case 'lognormal': {
          if (d.cv === 0) return this.constant(i, d.mean);
          const { mu, sigma } = lognormalParams(d.mean, d.cv);
          return this.set(i, SAMPLE_LOGNORMAL, mu, sigma);
        }
        case 'empirical': {
          const k = d.values.length;
          if (k === 1) return this.constant(i, d.values[0]);
          this.off[i] = at;
          this.len[i] = k;
          this.values.set(d.values, at);
          if (d.weights) {
            let total = 0;
            for (let j = 0; j < k; j++) this.cum[at + j] = total += d.weights[j];
            this.set(i, SAMPLE_WEIGHTED, total, i);
          } else this.set(i, SAMPLE_PICK, 0, i);
          at += k;
          return;
        }
      }
    });
  }

  private constant(i: number, value: number): void {
    this.set(i, SAMPLE_CONSTANT, value, 0);
  }

  private set(i: number, kind: number, a: number, b: number): void {
    this.param[STRIDE * i] = kind;
    this.param[STRIDE * i + 1] = a;
    this.param[STRIDE * i + 2] = b;
    this.param[STRIDE * i + 3] = NaN;
  }

  /** Copies sampler i's row (no spare held) to out[at…at+3]. */
  copyRow(i: number, out: Float64Array, at: number): void {
    const P = this.param;
    const p = STRIDE * i;
    out[at] = P[p];
    out[at + 1] = P[p + 1];
    out[at + 2] = P[p + 2];
    out[at + 3] = P[p + 3];
  }
}

/**
 * Draws from the sampler whose row starts at P[p] (a copy of one of `t`'s rows; its spare word changes),
 * using the stream whose state starts at S[o] (rng.ts streamTable).
 */
export function sample(t: SamplerTable, P: Float64Array, p: number, S: Int32Array, o: number): number {
  const kind = P[p];
  if (kind === SAMPLE_LOGNORMAL) {
    const held = P[p + 3];
    if (held === held) {
      P[p + 3] = NaN;
      return exp(P[p + 1] + P[p + 2] * held);
    }
    return lognormalPair(P, p, S, o);
  }
  if (kind === SAMPLE_CONSTANT) return P[p + 1];
  if (kind === SAMPLE_EXPONENTIAL) return -P[p + 1] * log(nextOpen01At(S, o));
  return empirical(t, P[p + 2], S, o);
}

/** The Marsaglia polar method's pair: returns one normal's lognormal and keeps the other. */
function lognormalPair(P: Float64Array, p: number, S: Int32Array, o: number): number {
  let v1: number;
  let v2: number;
  let q: number;
  do {
    v1 = 2 * next01At(S, o) - 1;
    v2 = 2 * next01At(S, o) - 1;
    q = v1 * v1 + v2 * v2;
  } while (q >= 1 || q === 0);
  const f = sqrt((-2 * log(q)) / q);
  P[p + 3] = v2 * f;
  return exp(P[p + 1] + P[p + 2] * v1 * f);
}

function empirical(t: SamplerTable, i: number, S: Int32Array, o: number): number {
  const off = t.off[i];
  const n = t.len[i];
  if (t.param[STRIDE * i] === SAMPLE_PICK) {
    const k = (next01At(S, o) * n) | 0;
    return t.values[off + (k < n ? k : n - 1)];
  }
  const x = next01At(S, o) * t.param[STRIDE * i + 1];
  let lo = 0;
  let hi = n - 1; // first k with cum[k] > x; the last bucket also absorbs x rounding up to total
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (t.cum[off + mid] > x) hi = mid;
    else lo = mid + 1;
  }
  return t.values[off + lo];
}
