import { SimSpecSchema } from '../model/simSpec';

export const SEED_MAX = 0xffffffff;

export type SeedParse = { ok: true; seed: number } | { ok: false; message: string };

/**
 * Reads the seed field. Only plain digits are accepted: Number() would also take '1e3', '0x10'
 * or '' (as 0), which a person did not mean as a seed. The range comes from the spec schema.
 */
export function parseSeed(text: string): SeedParse {
  const t = text.trim();
  const seed = /^\d{1,10}$/.test(t) ? Number(t) : NaN;
  if (SimSpecSchema.shape.seed.safeParse(seed).success) return { ok: true, seed };
  return { ok: false, message: `Seed must be a whole number from 0 to ${SEED_MAX}.` };
}
