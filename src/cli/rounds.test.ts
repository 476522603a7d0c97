import { describe, expect, it } from 'vitest';
import preset from '../../models/presets/istio-benchmark.json';
import { runComparison, type ComparisonResult } from '../engine';
import { precisionRule } from '../model/precision';
import { parseScenario } from '../model/valid';
import { compareInRounds } from './rounds';

/** The Istio benchmark, short, on three designs: a few rounds of runs to reach ±2 %. */
const scenario = parseScenario({
  ...preset,
  architectures: ['no-mesh', 'sidecar-envoy', 'ambient'],
  run: { warmupRequests: 100, measuredRequests: 1500 },
});
const rule = precisionRule(0.02);

/** The result without the compiled designs (objects too large to compare usefully). */
const figures = (r: ComparisonResult) =>
  JSON.stringify(
    r.results.map((a) => {
      const { compiled: _c, ...rest } = a as unknown as Record<string, unknown>;
      return rest;
    }),
  );

describe('the CLI’s rounds on threads', () => {
  const direct = runComparison(scenario, { replications: 2, precision: rule });

  it('takes more than one round here, so the runs started ahead of a round are exercised', () => {
    expect(direct.replications).toBeGreaterThan(3);
    expect(direct.precision.next).toBeNull();
  });

  it.each([
    { threads: 1, mainRuns: true },
    { threads: 2, mainRuns: true },
    { threads: 3, mainRuns: true },
    { threads: 1, mainRuns: false },
    { threads: 2, mainRuns: false },
  ])(
    'gives runComparison’s numbers exactly on $threads thread(s) (main thread runs: $mainRuns)',
    (o) => {
      const warned: string[] = [];
      const seen: [number, number][] = [];
      const result = compareInRounds(scenario, {
        replications: 2,
        precision: rule,
        ...o,
        progress: (done, total) => seen.push([done, total]),
        onNoThreads: () => warned.push('no threads'),
      });
      expect(warned).toEqual([]);
      expect(result.replications).toBe(direct.replications);
      expect(result.precision).toEqual(direct.precision);
      expect(figures(result)).toBe(figures(direct));
      // Progress counts each round's runs: the first round is 3 designs × 2 replications.
      expect(seen[0][1]).toBe(6);
      expect(seen.every(([done, total]) => done >= 0 && done <= total)).toBe(true);
    },
    120_000,
  );

  it('runs a fixed count in one round', () => {
    const fixed = compareInRounds(scenario, { replications: 3, precision: null, threads: 2 });
    expect(fixed.replications).toBe(3);
    expect(figures(fixed)).toBe(figures(runComparison(scenario, { replications: 3 })));
  }, 120_000);
});
