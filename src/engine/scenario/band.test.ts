import { describe, expect, it } from 'vitest';
import { ARCHITECTURE_IDS } from '../../model/architecture';
import { SCENARIO_PRESET_IDS, SCENARIO_PRESETS } from '../../model/presets';
import type { Scenario, ScenarioInput } from '../../model/scenario';
import { derivedScenario, validScenario } from '../../model/valid';
import { bandSteps, SENSITIVE_HOPS } from './band';
import { compileScenario, UnsupportedError, type CompiledScenario } from './compileScenario';
import { designEstimateSteps, estimateCompiled } from './designEstimate';
import { prepare } from './estimateModel';
import { recostCompiled } from './recost';
import { expectSame } from '../../test/sameValue';

const run = <T>(g: Generator<void, T, void>): T => {
  for (;;) {
    const next = g.next();
    if (next.done) return next.value;
  }
};

const presets = SCENARIO_PRESET_IDS.map(
  (id) => [id, validScenario(SCENARIO_PRESETS[id] as unknown as ScenarioInput)] as const,
);

function designs(s: Scenario): CompiledScenario[] {
  return ARCHITECTURE_IDS.flatMap((a) => {
    try {
      return [compileScenario(s, a)];
    } catch (e) {
      if (e instanceof UnsupportedError) return [];
      throw e;
    }
  });
}

describe('the estimate’s low/high band', () => {
  // large-mesh is left out for time: recost.test.ts covers its re-costing, and its routes are pods-400's kind.
  it.each(presets.filter(([id]) => id !== 'large-mesh'))(
    '%s: a re-costed design’s model on the design’s network equals its own model',
    (_, s) => {
      for (const c of designs(s)) {
        const base = prepare(c.spec);
        for (const profile of ['low', 'high'] as const) {
          const spec = recostCompiled(c, profile).spec;
          expectSame(prepare(spec, base), prepare(spec), `${c.architecture.id} at ${profile}`);
        }
      }
    },
  );

  // The band as it was computed before re-costing: each profile compiled and estimated in full.
  const profiles = ['default', 'low'] as const;
  it.each(
    presets
      .filter(([id]) => id !== 'large-mesh')
      .flatMap(([id, s]) => profiles.map((p) => [id, p, s] as const)),
  )(
    '%s at the %s profile: the band and sensitivity equal compiling and estimating each profile',
    (_, profile, preset) => {
      const s = derivedScenario(preset, (x) => ({ ...x, profile }));
      for (const c of designs(s)) {
        const parts = run(designEstimateSteps(c));
        const got = run(bandSteps(s, c, parts));
        const at = (p: Scenario['profile']) =>
          estimateCompiled(
            compileScenario(
              derivedScenario(s, (x) => ({ ...x, profile: p })),
              c.architecture.id,
            ),
            undefined,
            true,
          );
        const low = at('low');
        const high = at('high');
        const point = (x: typeof low) => ({
          meanLatencyUs: x.meanLatencyUs,
          cpu: x.cpuTotal.container + x.cpuTotal.kernel,
        });
        expect(got.band).toStrictEqual({ low: point(low), high: point(high) });
        const lo = new Map(low.ledger.map((l) => [l.key, l.visits * l.serviceUs]));
        const byKind = new Map<
          string,
          { key: string; label: string; kind: string; call: string; spreadUs: number }
        >();
        for (const l of high.ledger) {
          const e = byKind.get(l.kind) ?? {
            key: l.kind,
            label: l.name,
            kind: l.kind,
            call: l.call,
            spreadUs: 0,
          };
          e.spreadUs += l.visits * l.serviceUs - (lo.get(l.key) ?? 0);
          byKind.set(l.kind, e);
        }
        const expected = [...byKind.values()]
          .filter((x) => x.spreadUs > 0)
          .sort((x, y) => y.spreadUs - x.spreadUs)
          .slice(0, SENSITIVE_HOPS);
        expect(got.sensitivity).toStrictEqual(expected);
        expect(got.band!.high.meanLatencyUs).toBeGreaterThan(got.band!.low.meanLatencyUs);
      }
    },
  );
});
