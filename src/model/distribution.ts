import { z } from './zod';

/** Largest value or mean a distribution may have, µs (about 11.6 days): far beyond any hop or think time. */
export const MAX_DISTRIBUTION_US = 1e12;
/** Most points an empirical distribution may list. */
export const MAX_EMPIRICAL_POINTS = 100_000;

/** A distribution whose values and means lie in 0..`maxUs` (strict: an unknown key is an error). */
export function distributionSchema(maxUs = MAX_DISTRIBUTION_US) {
  const value = z.number().nonnegative().max(maxUs);
  const mean = z.number().positive().max(maxUs);
  const cv = z.number().nonnegative().max(100);
  return z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('deterministic'), value }),
    z.strictObject({ kind: z.literal('exponential'), mean }),
    /** Lognormal given its mean and coefficient of variation (sd / mean); cv = 0 degenerates to deterministic. */
    z.strictObject({ kind: z.literal('lognormal'), mean, cv }),
    /** Empirical: draws one of `values`, with optional relative `weights` (same length). */
    z
      .strictObject({
        kind: z.literal('empirical'),
        values: z.array(value).min(1).max(MAX_EMPIRICAL_POINTS),
        weights: z.array(z.number().positive().max(1e12)).max(MAX_EMPIRICAL_POINTS).optional(),
      })
      .refine((d) => !d.weights || d.weights.length === d.values.length, {
        message: 'weights must have the same length as values',
        path: ['weights'],
      }),
  ]);
}

/**
 * A service-time (or think-time, or delay) distribution, in microseconds.
 * Plain data so scenarios and models can carry it in URLs and files.
 */
export const DistributionSchema = distributionSchema();

export type Distribution = z.infer<typeof DistributionSchema>;

/** Mean of a distribution, in the same unit as its parameters. */
export function distributionMean(d: Distribution): number {
  switch (d.kind) {
    case 'deterministic':
      return d.value;
    case 'exponential':
    case 'lognormal':
      return d.mean;
    case 'empirical': {
      const w = d.weights;
      if (!w) return d.values.reduce((a, b) => a + b, 0) / d.values.length;
      let s = 0;
      let t = 0;
      for (let i = 0; i < d.values.length; i++) {
        s += d.values[i] * w[i];
        t += w[i];
      }
      return s / t;
    }
  }
}

/** Squared coefficient of variation (variance / mean²); used by the analytic estimate. */
export function distributionScv(d: Distribution): number {
  switch (d.kind) {
    case 'deterministic':
      return 0;
    case 'exponential':
      return 1;
    case 'lognormal':
      return d.cv * d.cv;
    case 'empirical': {
      const m = distributionMean(d);
      if (m === 0) return 0;
      const w = d.weights;
      let s = 0;
      let t = 0;
      for (let i = 0; i < d.values.length; i++) {
        const wi = w ? w[i] : 1;
        s += wi * (d.values[i] - m) ** 2;
        t += wi;
      }
      return s / t / (m * m);
    }
  }
}
