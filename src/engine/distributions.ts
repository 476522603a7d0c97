/**
 * Samplers for model Distributions. Each kind gets its own specialised closure (parameters
 * precomputed, no allocation per call); only detmath's log/exp/sqrt are used, so samples are
 * bit-identical across JS engines.
 *
 * All randomness comes from the RandomStream. The lognormal sampler keeps the polar method's spare
 * normal between calls (see there); `held()`/`hold()` read and set it, so a checkpoint of the engine
 * (snapshot.ts) includes it. Note that deterministic distributions draw nothing from the stream.
 */
import { DistributionSchema, type Distribution } from '../model/distribution';
import * as detmath from './detmath';
import type { RandomStream } from './rng';

// Local copies: samplers run millions of times a second; see simulation.ts on module interop.
const { exp, log, sqrt } = detmath;

/**
 * A sampler, and the one number of state it carries between calls: the lognormal sampler's spare
 * normal, NaN when it holds none (every other kind always NaN). Read and set only by checkpoints.
 */
export interface Sampler {
  (s: RandomStream): number;
  held(): number;
  hold(spare: number): void;
}

const NOTHING_HELD = () => NaN;
const HOLD_NOTHING = (spare: number) => {
  if (!Number.isNaN(spare)) throw new Error('this sampler holds no state between calls');
};

/** A stateless sampler. */
function stateless(f: (s: RandomStream) => number): Sampler {
  return Object.assign(f, { held: NOTHING_HELD, hold: HOLD_NOTHING });
}

export function makeSampler(d: Distribution): Sampler {
  const p = DistributionSchema.parse(d); // reject bad parameters at build time, not mid-run
  switch (p.kind) {
    case 'deterministic':
      return constant(p.value);
    case 'exponential': {
      const mean = p.mean;
      return stateless((s) => -mean * log(s.nextOpen01()));
    }
    case 'lognormal':
      return p.cv === 0 ? constant(p.mean) : lognormal(p.mean, p.cv);
    case 'empirical':
      return empirical(p.values, p.weights);
  }
}

function constant(value: number): Sampler {
  return stateless(() => value);
}

/** The lognormal's log-scale parameters for a mean and coefficient of variation (shared with samplerTable.ts). */
export function lognormalParams(mean: number, cv: number): { mu: number; sigma: number } {
  const c2 = cv * cv;
  const u = 1 + c2;
  // ln(1 + c2) without losing c2's low bits for small cv (Goldberg's log1p trick).
  const sigma2 = u === 1 ? c2 : (log(u) * c2) / (u - 1);
  return { mu: log(mean) - sigma2 / 2, sigma: sqrt(sigma2) };
}

/** mean·exp(σZ − σ²/2) with σ² = ln(1 + cv²); Z from the Marsaglia polar method. */
function lognormal(mean: number, cv: number): Sampler {
  const { mu, sigma } = lognormalParams(mean, cv);
  // The polar method yields normals in pairs; the second is kept for the next call (halves log/sqrt
  // per sample). That makes the sampler stateful: a checkpoint saves the spare with held() and a
  // restore puts it back with hold(), so a resumed run draws exactly what an unbroken one would.
  let spare = 0;
  let hasSpare = false;
  const sample = (s: RandomStream) => {
    if (hasSpare) {
      hasSpare = false;
      return exp(mu + sigma * spare);
    }
    let v1: number;
    let v2: number;
    let q: number;
    do {
      v1 = 2 * s.next01() - 1;
      v2 = 2 * s.next01() - 1;
      q = v1 * v1 + v2 * v2;
    } while (q >= 1 || q === 0);
    const f = sqrt((-2 * log(q)) / q);
    spare = v2 * f;
    hasSpare = true;
    return exp(mu + sigma * v1 * f);
  };
  // The spare is finite whenever it is held, so NaN can stand for "none held".
  const held = () => (hasSpare ? spare : NaN);
  const hold = (x: number) => {
    hasSpare = !Number.isNaN(x);
    spare = hasSpare ? x : 0;
  };
  return Object.assign(sample, { held, hold });
}

/** Draws one of `values`; weighted by inverse CDF over cumulative weights (binary search). */
function empirical(values: readonly number[], weights: readonly number[] | undefined): Sampler {
  const n = values.length;
  const vals = Float64Array.from(values); // copy: later edits to the model must not leak in
  if (n === 1) return constant(vals[0]);
  if (!weights) {
    return stateless((s) => {
      const i = (s.next01() * n) | 0;
      return vals[i < n ? i : n - 1];
    });
  }
  const cum = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) cum[i] = total += weights[i];
  const last = n - 1;
  return stateless((s) => {
    const x = s.next01() * total;
    let lo = 0;
    let hi = last; // first i with cum[i] > x; the last bucket also absorbs x rounding up to total
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cum[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return vals[lo];
  });
}
