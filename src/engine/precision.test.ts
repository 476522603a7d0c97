import { describe, expect, it } from 'vitest';
import bench from '../../models/presets/istio-benchmark.json';
import type { Interval, SimulatedDesign } from '../model/comparison';
import { DEFAULT_PRECISION, MAX_REPLICATIONS, precisionRule } from '../model/precision';
import { parseScenario } from '../model/valid';
import { runComparison } from './compare';
import { precisionReport, replicationsNeeded } from './precision';
import { studentTQuantile } from './stats';

const iv = (mean: number, halfWidth: number, n = 5): Interval => ({
  mean,
  halfWidth,
  lower: mean - halfWidth,
  upper: mean + halfWidth,
  n,
  relativeHalfWidth: halfWidth / Math.abs(mean),
});
/** A design with only the figures the precision reads. */
const design = (
  architecture: string,
  f: {
    p50?: Interval;
    p99?: Interval;
    addedP50?: Interval;
    addedP99?: Interval;
    cont?: Interval;
    kern?: Interval;
  },
) =>
  ({
    architecture,
    latency: { p50: f.p50 ?? iv(100, 0), p99: f.p99 ?? iv(200, 0) },
    added:
      f.addedP50 || f.addedP99 ? { p50: f.addedP50 ?? iv(1, 0), p99: f.addedP99 ?? iv(1, 0) } : undefined,
    cpuTotal: { container: f.cont ?? iv(1, 0), kernel: f.kern ?? iv(0, 0) },
  }) as unknown as SimulatedDesign;

describe('replicationsNeeded: the fewest replications that bring a half-width within the target', () => {
  it('follows Student t and √n: ±3 % on 5 runs needs 8 for ±2 % at 99 % (closed form)', () => {
    const t = (n: number) => studentTQuantile(0.995, n - 1);
    const at = (m: number) => 0.03 * (t(m) / t(5)) * Math.sqrt(5 / m);
    // 7 runs would give just over ±2 %, 8 just under.
    expect(at(7)).toBeGreaterThan(0.02);
    expect(at(8)).toBeLessThanOrEqual(0.02);
    expect(replicationsNeeded(0.03, 5, 0.02, 0.99, 30)).toBe(8);
  });
  it('never less than one more, never more than double or the cap; none when precise enough', () => {
    expect(replicationsNeeded(0.02, 5, 0.02, 0.99, 30)).toBe(5);
    expect(replicationsNeeded(0.0201, 5, 0.02, 0.99, 30)).toBe(6);
    expect(replicationsNeeded(0.5, 5, 0.02, 0.99, 30)).toBe(10);
    expect(replicationsNeeded(0.5, 20, 0.02, 0.99, 30)).toBe(30);
    expect(replicationsNeeded(Infinity, 2, 0.02, 0.99, 30)).toBe(4);
  });
});

describe('precisionReport: the widest headline figure decides', () => {
  const rule = precisionRule(0.02)!;
  it('reads added latency against the design’s own percentile, and skips a design that cannot run', () => {
    // eBPF adds −5 µs ± 4 µs: ±80 % of itself, but ±2 % of its 200 µs p99.
    const r = precisionReport(
      [
        design('no-mesh', { cont: iv(0.5, 0.005) }),
        design('cilium-ebpf', { p99: iv(200, 1), addedP99: iv(-5, 4), addedP50: iv(-2, 1) }),
        { unsupported: ['needs gRPC'] },
      ],
      5,
      0.99,
      rule,
    );
    expect(r.reached).toBeCloseTo(0.02, 12);
    expect(r.limitedBy).toEqual({ architecture: 'cilium-ebpf', figure: 'added p99' });
    expect(r.next).toBeNull();
  });
  it('the no-mesh baseline counts by its CPU only; a design without a baseline by its latency', () => {
    const r = precisionReport(
      [design('no-mesh', { p99: iv(200, 100), cont: iv(1, 0.01) }), design('ambient', { p50: iv(100, 3) })],
      5,
      0.99,
      rule,
    );
    expect(r.limitedBy).toEqual({ architecture: 'ambient', figure: 'p50' });
    expect(r.reached).toBeCloseTo(0.03, 12);
    expect(r.next).toBe(8);
  });
  it('at the cap it stops and says so; with no rule it only reports', () => {
    const wide = [design('ambient', { cont: iv(1, 0.1) })];
    expect(precisionReport(wide, MAX_REPLICATIONS, 0.99, rule)).toMatchObject({ next: null, atCap: true });
    expect(precisionReport(wide, 5, 0.99, null)).toMatchObject({
      target: null,
      next: null,
      atCap: false,
      reached: 0.1,
    });
  });
});

describe('runComparison in rounds', () => {
  const scenario = parseScenario({
    ...bench,
    architectures: ['no-mesh', 'sidecar-envoy', 'ambient'],
    run: { warmupRequests: 100, measuredRequests: 1_000 },
  });
  const rounds = runComparison(scenario, { replications: 3, precision: precisionRule(DEFAULT_PRECISION) });

  it('adds replications until the target is met (or the cap), the same seeds as a fixed run of that many', () => {
    const p = rounds.precision;
    expect(p.replications).toBeGreaterThan(3);
    expect(p.atCap || p.reached <= DEFAULT_PRECISION).toBe(true);
    const fixed = runComparison(scenario, { replications: p.replications });
    // Identical figures: rounds only decide how many replications; each replication is the same run.
    expect(JSON.stringify(rounds.results)).toBe(JSON.stringify(fixed.results));
    // The fixed run reports its precision too, against no target.
    expect(fixed.precision).toMatchObject({ target: null, next: null, reached: p.reached });
  });
  it('each round ends short of the target but the last: the rounds follow the report of the one before', () => {
    const totals: number[] = [];
    const again = runComparison(scenario, {
      replications: 3,
      precision: precisionRule(DEFAULT_PRECISION),
      onRun: (_done, total) => {
        if (totals.at(-1) !== total) totals.push(total);
      },
    });
    // Three designs run (no-mesh, sidecar-envoy, ambient): a round of R replications is 3 R runs.
    const counts = totals.map((t) => t / 3);
    expect(counts[0]).toBe(3);
    expect(counts.at(-1)).toBe(again.precision.replications);
    expect(counts.length).toBeGreaterThan(1);
    for (let i = 0; i + 1 < counts.length; i++) {
      const fixedRun = runComparison(scenario, { replications: counts[i] });
      expect(fixedRun.precision.reached).toBeGreaterThan(DEFAULT_PRECISION);
      const next = precisionReport(fixedRun.results, counts[i], 0.99, precisionRule(DEFAULT_PRECISION)).next;
      expect(next).toBe(counts[i + 1]);
    }
  });
});
