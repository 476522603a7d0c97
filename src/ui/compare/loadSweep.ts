import type { Interval } from '../../model/comparison';
import type { Sweep } from '../../machines/compare/types';
import type { Mark } from './charts/LineChart';
import type { Figures } from './figures';

/**
 * The latency-against-load chart's simulated points: the main run at the scenario's load and the load
 * sweep's points, each as the simulated mean (circle) and p99 (diamond) with its confidence interval,
 * in ms. The analytic line stays the mean (the analytic model gives means only).
 */

/** One simulated value: where it was measured and what came out, µs. */
export interface SimulatedAt {
  rps: number;
  /** Share of the sweep's reference saturation load; null for the scenario's own load. */
  fraction: number | null;
  source: 'scenario' | 'sweep';
  mean: Interval;
  p99: Interval;
}

/** Every simulated value of a design: the scenario's load first (when simulated), then the sweep's points. */
export function simulatedPoints(f: Figures, sweep: Sweep | null, simulated: boolean): SimulatedAt[] {
  const out: SimulatedAt[] = [];
  const lat = simulated ? f.simulated?.latency : undefined;
  if (lat && f.estimate?.rps)
    out.push({ rps: f.estimate.rps, fraction: null, source: 'scenario', mean: lat.mean, p99: lat.p99 });
  if (simulated && sweep) {
    for (const p of sweep.points) {
      const v = p.values.find((x) => x.architecture === f.id);
      if (v) out.push({ rps: p.rps, fraction: p.fraction, source: 'sweep', mean: v.mean, p99: v.p99 });
    }
  }
  return out;
}

/** The chart's marks for a design: the analytic mean at the scenario's load until it is simulated, then the simulated points. */
export function loadMarks(f: Figures, sweep: Sweep | null, simulated: boolean): Mark[] {
  const pts = simulatedPoints(f, sweep, simulated);
  if (pts.length === 0) {
    const e = f.estimate;
    return e?.rps
      ? [
          {
            x: e.rps,
            y: (e.meanLatencyUs ?? NaN) / 1000,
            label: `${f.name} at the scenario’s load (analytic mean)`,
            kind: 'analytic-mean',
          },
        ]
      : [];
  }
  const at = (p: SimulatedAt) =>
    p.source === 'scenario' ? 'the scenario’s load' : `${Math.round(p.rps).toLocaleString('en')} req/s`;
  return pts.flatMap((p): Mark[] => [
    {
      x: p.rps,
      y: p.mean.mean / 1000,
      low: p.mean.lower / 1000,
      high: p.mean.upper / 1000,
      shape: 'circle',
      kind: 'sim-mean',
      label: `${f.name} at ${at(p)}: simulated mean`,
    },
    {
      x: p.rps,
      y: p.p99.mean / 1000,
      low: p.p99.lower / 1000,
      high: p.p99.upper / 1000,
      shape: 'diamond',
      kind: 'sim-p99',
      label: `${f.name} at ${at(p)}: simulated p99`,
    },
  ]);
}

/**
 * The analytic mean at a load, read off the design's analytic curve (linear between its points). Below
 * the curve's lightest load (0.005 % of the design's saturation) the mean can only be lower (it rises
 * with load), so the lightest point is given as an upper bound; beyond the curve, NaN.
 */
export function analyticMeanAt(f: Figures, rps: number): { us: number; atMost: boolean } {
  const curve = f.estimate?.loadCurve ?? [];
  if (curve.length > 0 && rps < curve[0].rps) return { us: curve[0].meanUs, atMost: true };
  for (let i = 1; i < curve.length; i++) {
    const a = curve[i - 1];
    const b = curve[i];
    if (rps >= a.rps && rps <= b.rps)
      return { us: a.meanUs + ((rps - a.rps) / (b.rps - a.rps)) * (b.meanUs - a.meanUs), atMost: false };
  }
  return { us: NaN, atMost: false };
}
