import { describe, expect, it } from 'vitest';
import { ARCHITECTURE_IDS } from '../../model/architecture';
import { shippedModels } from '../../model/models';
import { SCENARIO_PRESET_IDS, SCENARIO_PRESETS } from '../../model/presets';
import type { Scenario, ScenarioInput } from '../../model/scenario';
import { derivedScenario, validScenario, type ValidScenario } from '../../model/valid';
import { analyseSteps } from './analyse';
import { compileScenario, UnsupportedError, type CompiledScenario } from './compileScenario';
import { designEstimateSteps } from './designEstimate';
import { prepare } from './estimateModel';
import { recostCompiled } from './recost';
import { reuseCompiled } from './reuse';
import { drain } from './stepBudget';
import { expectSame } from '../../test/sameValue';

const models = shippedModels();
const presets = SCENARIO_PRESET_IDS.filter((id) => id !== 'large-mesh').map(
  (id) => [id, validScenario(SCENARIO_PRESETS[id] as unknown as ScenarioInput)] as const,
);

function designs(s: ValidScenario): CompiledScenario[] {
  return ARCHITECTURE_IDS.flatMap((a) => {
    try {
      return [compileScenario(s, a, models)];
    } catch (e) {
      if (e instanceof UnsupportedError) return [];
      throw e;
    }
  });
}

/** A change of the load's rate (or think time), the seed and the run: what the rate field makes, and more. */
function loadChange(s: Scenario): Scenario {
  const load = s.workload.load;
  return {
    ...s,
    seed: s.seed + 1,
    run: { ...s.run },
    workload: {
      ...s.workload,
      load:
        load.kind === 'closed'
          ? { ...load, think: { kind: 'exponential', mean: 1234 } }
          : { ...load, rps: load.rps + 10 },
    },
  };
}

const structural: [string, (s: Scenario) => Scenario][] = [
  [
    'replicas',
    (s) => ({
      ...s,
      topology: {
        ...s.topology,
        services: s.topology.services.map((x, i) => (i === 0 ? { ...x, replicas: x.replicas + 1 } : x)),
      },
    }),
  ],
  ['profile', (s) => ({ ...s, profile: s.profile === 'low' ? 'high' : 'low' })],
  ['message size', (s) => ({ ...s, workload: { ...s.workload, requestKiB: s.workload.requestKiB + 1 } })],
  ['mTLS', (s) => ({ ...s, features: { ...s.features, mtls: !s.features.mtls } })],
  [
    'load kind',
    (s) => ({
      ...s,
      workload: {
        ...s.workload,
        load: { kind: 'closed', connections: 7, think: { kind: 'exponential', mean: 1000 } },
      },
    }),
  ],
];

describe('reusing a compiled design for a change of load', () => {
  it.each(presets)('%s: equals compiling the changed scenario, every design', (_, s) => {
    const changed = derivedScenario(s, loadChange);
    for (const c of designs(s)) {
      const reused = reuseCompiled(c, changed, models);
      const expected = compileScenario(changed, c.architecture.id, models);
      const a = c.architecture.id;
      // The same value bit for bit, keys in the same order (what a worker or a file receives is the same
      // text): toStrictEqual and a JSON comparison in one walk (src/test/sameValue.ts).
      expectSame(reused, expected, `${a} reused`);
      // Its model, from the previous design's (same hops: only the load is new), is its own model.
      expectSame(prepare(reused!.spec, prepare(c.spec)), prepare(expected.spec), `${a}'s model`);
      // It can still be re-costed for the band, as the changed scenario compiled.
      expectSame(recostCompiled(reused!, 'high'), recostCompiled(expected, 'high'), `${a} re-costed`);
    }
  });

  it.each(structural)('is not reused when the %s changes', (_, change) => {
    const s = presets.find(([id]) => id === 'istio-benchmark')![1];
    const changed = derivedScenario(s, change);
    for (const c of designs(s)) expect(reuseCompiled(c, changed, models)).toBeUndefined();
  });

  it('is not reused with other models', () => {
    const s = presets[0][1];
    const c = compileScenario(s, 'no-mesh', models);
    expect(reuseCompiled(c, derivedScenario(s, loadChange), { ...models })).toBeUndefined();
  });

  it.each(presets)('%s: the analysis from the previous designs equals the analysis from scratch', (_, s) => {
    const run = <T>(g: Generator<void, T, void>): T => {
      for (;;) {
        const next = g.next();
        if (next.done) return next.value;
      }
    };
    const first = run(analyseSteps(s, models));
    const changed = derivedScenario(s, loadChange);
    const again = run(analyseSteps(changed, models, first.compiled));
    const fresh = run(analyseSteps(changed, models));
    expect(JSON.stringify(again)).toBe(JSON.stringify(fresh));
    // And a change after that one, from the reused designs.
    const twice = derivedScenario(changed, loadChange);
    expect(JSON.stringify(run(analyseSteps(twice, models, again.compiled)))).toBe(
      JSON.stringify(run(analyseSteps(twice, models))),
    );
    // Reused, not compiled again: the same hops as the first analysis's designs.
    const hopsOf = (e: (typeof first.compiled)[number]) =>
      e.status === 'compiled' ? e.compiled.spec.hops : null;
    expect(again.compiled.map(hopsOf)).toEqual(first.compiled.map(hopsOf));
    again.compiled.forEach((e, i) => {
      if (e.status === 'compiled') expect(hopsOf(e)).toBe(hopsOf(first.compiled[i]));
    });
  });

  it('keeps the saturation load and load curve for a change of rate, not for one of connections', () => {
    const s = presets.find(([id]) => id === 'fan-out-under-load')![1];
    const withLoad = (load: Partial<{ rps: number; connections: number }>) =>
      derivedScenario(s, (x) => ({
        ...x,
        workload: { ...x.workload, load: { ...x.workload.load, ...load } as typeof x.workload.load },
      }));
    const faster = withLoad({ rps: 2345 });
    const fewer = withLoad({ connections: 3 });
    for (const c of designs(s)) {
      const a = c.architecture.id;
      const first = drain(designEstimateSteps(c));
      expect(first.curve, a).toBeDefined();
      expect(first.core.loadCurve.length, a).toBe(16);
      // The rate changed: the curve worked out for the first estimate is taken as it is…
      const reused = reuseCompiled(c, faster, models)!;
      const again = drain(designEstimateSteps(reused));
      expect(again.curve, a).toBe(first.curve);
      // …and equals what working it out again gives, as does the whole estimate.
      const fresh = drain(designEstimateSteps(compileScenario(faster, a, models)));
      expect(fresh.curve, a).not.toBe(first.curve);
      expectSame(again.core, fresh.core, `${a} at a new rate`);
      // Other connections: the design is reused, but its pinned pools' shares differ, so the curve is new.
      const other = reuseCompiled(c, fewer, models)!;
      expect(other, a).toBeDefined();
      const redone = drain(designEstimateSteps(other));
      expect(redone.curve, a).not.toBe(first.curve);
      expectSame(redone.core, drain(designEstimateSteps(compileScenario(fewer, a, models))).core, a);
    }
  });
});
