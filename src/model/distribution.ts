import { z } from 'zod';

/**
 * A service-time (or think-time, or delay) distribution, in microseconds.
 * Plain data so scenarios and models can carry it in URLs and files.
 */
export const DistributionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('deterministic'), value: z.number().nonnegative() }),
  z.object({ kind: z.literal('exponential'), mean: z.number().positive() }),
  /** Lognormal given its mean and coefficient of variation (sd / mean); cv = 0 degenerates to deterministic. */
  z.object({ kind: z.literal('lognormal'), mean: z.number().positive(), cv: z.number().nonnegative() }),
  /** Empirical: draws one of `values`, with optional relative `weights` (same length). */
  z
    .object({
      kind: z.literal('empirical'),
      values: z.array(z.number().nonnegative()).min(1),
      weights: z.array(z.number().positive()).optional(),
    })
    .refine((d) => !d.weights || d.weights.length === d.values.length, {
      message: 'weights must have the same length as values',
      path: ['weights'],
    }),
]);

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
