/**
 * The rule that decides how long a comparison runs (see src/engine/precision.ts): replications come in
 * rounds until the headline figures reach a relative precision, or until the cap. Plain data, so the
 * page, its link, the CLI and the engine share it.
 */

export interface PrecisionRule {
  /** Relative half-width asked for, e.g. 0.02 for ±2 %. */
  target: number;
  /** Most replications a comparison may run. */
  maxReplications: number;
}

/** ±2 %: tighter than the figures are read (the models' own sources differ by more), loose enough to be quick. */
export const DEFAULT_PRECISION = 0.02;
/** The cap: beyond it a comparison says the target was not reached rather than run on. */
export const MAX_REPLICATIONS = 30;
/** The targets the page offers (relative half-width). */
export const PRECISION_CHOICES = [0.01, 0.02, 0.05] as const;
/** Tightest and loosest target accepted from a link or the command line. */
export const PRECISION_RANGE = { min: 0.001, max: 0.5 } as const;

export const precisionRule = (target: number | null): PrecisionRule | null =>
  target === null ? null : { target, maxReplications: MAX_REPLICATIONS };

/** "±2 %" */
export const formatPrecision = (relative: number): string =>
  Number.isFinite(relative) ? `±${+(relative * 100).toPrecision(2)} %` : '± unknown';
