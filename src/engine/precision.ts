import type { ArchitectureId } from '../model/architecture';
import type { HeadlineFigure, Interval, PrecisionReport, SimulatedDesign } from '../model/comparison';
import type { PrecisionRule } from '../model/precision';
import { studentTQuantile } from './stats';

/**
 * Precision, not a fixed count, decides how long a comparison runs: replications come in rounds until
 * every design's headline figures — the latency it adds at p50 and p99 (paired with the no-mesh
 * baseline on each seed, and read against the design's own p50 and p99, as what is added can be near
 * zero) and its vCPU per 1000 rps in containers and in the kernel — are known to the target relative
 * half-width, or until the cap. The decision reads only the results, so it is the same on every host and for any
 * number of workers: same seed, same rounds, same numbers.
 */

export { DEFAULT_PRECISION, MAX_REPLICATIONS, precisionRule, type PrecisionRule } from '../model/precision';

interface Figure {
  architecture: ArchitectureId;
  figure: HeadlineFigure;
  /** The interval's half-width measured against this value. */
  halfWidth: number;
  scale: number;
  n: number;
}

/** Relative half-width of a figure: against its scale; an exact zero is exact, a missing interval unknown. */
const relative = (f: Figure) =>
  f.halfWidth === 0 ? 0 : f.scale > 0 ? f.halfWidth / f.scale : Number.POSITIVE_INFINITY;

function figuresOf(d: SimulatedDesign): Figure[] {
  const own = (figure: HeadlineFigure, i: Interval): Figure => ({
    architecture: d.architecture,
    figure,
    halfWidth: i.halfWidth,
    scale: Math.abs(i.mean),
    n: i.n,
  });
  const out = [own('vCPU container', d.cpuTotal.container)];
  // Kernel CPU is part of every design, but a design may put nothing there.
  if (d.cpuTotal.kernel.mean !== 0) out.push(own('vCPU kernel', d.cpuTotal.kernel));
  if (d.architecture === 'no-mesh') return out;
  // What a design adds can be near zero (eBPF against no mesh): it is read against the latency it is
  // part of. Without a baseline, the latency itself is the headline.
  if (d.added) {
    out.push({ ...own('added p50', d.added.p50), scale: Math.abs(d.latency.p50.mean) });
    out.push({ ...own('added p99', d.added.p99), scale: Math.abs(d.latency.p99.mean) });
  } else out.push(own('p50', d.latency.p50), own('p99', d.latency.p99));
  return out;
}

/**
 * Replications for the next round: the fewest that bring the widest figure within the target if its
 * spread stays as measured (the half-width shrinks with √n and with Student's t), at least one more,
 * at most double (a spread measured on few runs can mislead) and at most the cap.
 */
export function replicationsNeeded(
  relativeHalfWidth: number,
  n: number,
  target: number,
  level: number,
  max: number,
): number {
  if (relativeHalfWidth <= target) return n;
  const upper = Math.min(max, 2 * n);
  if (!Number.isFinite(relativeHalfWidth)) return upper;
  const tNow = studentTQuantile((1 + level) / 2, n - 1);
  for (let m = n + 1; m < upper; m++) {
    const t = studentTQuantile((1 + level) / 2, m - 1);
    if (relativeHalfWidth * (t / tNow) * Math.sqrt(n / m) <= target) return m;
  }
  return upper;
}

/** How precise a comparison is and how many replications its next round needs (null rule: fixed count). */
export function precisionReport(
  designs: readonly (SimulatedDesign | { unsupported: string[] })[],
  replications: number,
  level: number,
  rule: PrecisionRule | null,
): PrecisionReport {
  let worst: Figure | null = null;
  let worstRel = 0;
  for (const d of designs) {
    if ('unsupported' in d && d.unsupported) continue;
    for (const f of figuresOf(d as SimulatedDesign)) {
      const rel = relative(f);
      if (worst === null || rel > worstRel) {
        worst = f;
        worstRel = rel;
      }
    }
  }
  const limitedBy = worst && { architecture: worst.architecture, figure: worst.figure };
  if (!rule) return { target: null, reached: worstRel, limitedBy, replications, next: null, atCap: false };
  const reachedTarget = worstRel <= rule.target;
  const atCap = !reachedTarget && replications >= rule.maxReplications;
  const next =
    reachedTarget || atCap
      ? null
      : replicationsNeeded(worstRel, replications, rule.target, level, rule.maxReplications);
  return { target: rule.target, reached: worstRel, limitedBy, replications, next, atCap };
}
