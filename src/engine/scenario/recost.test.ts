import { describe, expect, it } from 'vitest';
import { ARCHITECTURE_IDS } from '../../model/architecture';
import { SCENARIO_PRESET_IDS, SCENARIO_PRESETS } from '../../model/presets';
import type { Scenario, ScenarioInput } from '../../model/scenario';
import { derivedScenario, validScenario, type ValidScenario } from '../../model/valid';
import { compileScenario, UnsupportedError, type CompiledScenario } from './compileScenario';
import { recostCompiled } from './recost';
import { expectSame } from '../../test/sameValue';

const PROFILES: Scenario['profile'][] = ['low', 'default', 'high'];

/** The compiled design, or null when the design cannot run the scenario. */
function compiled(s: ValidScenario, a: (typeof ARCHITECTURE_IDS)[number]): CompiledScenario | null {
  try {
    return compileScenario(s, a);
  } catch (e) {
    if (e instanceof UnsupportedError) return null;
    throw e;
  }
}

/** Every preset, and variants that exercise what the costs meet: faults, telemetry off, other dataplanes, semaphores. */
const scenarios: [string, ValidScenario][] = SCENARIO_PRESET_IDS.flatMap((id) => {
  const s = validScenario(SCENARIO_PRESETS[id] as unknown as ScenarioInput);
  return [[id, s] as [string, ValidScenario]];
});
const bench = scenarios.find(([id]) => id === 'istio-benchmark')![1];
const entry = bench.topology.entry;
const variants: [string, (s: Scenario) => Scenario][] = [
  ['delay fault', (s) => ({ ...s, failure: { kind: 'delay', service: entry, addedUs: 300 } })],
  ['loss fault', (s) => ({ ...s, failure: { kind: 'loss', service: entry, probability: 0.1 } })],
  ['pod down', (s) => ({ ...s, failure: { kind: 'pod-down', service: entry } })],
  [
    'no telemetry, new connections',
    (s) => ({ ...s, features: { ...s.features, telemetry: false, connectionReuse: false } }),
  ],
  [
    'eBPF dataplane, node encryption',
    (s) => ({ ...s, dataplane: 'cilium-ebpf', features: { ...s.features, nodeEncryption: true } }),
  ],
  [
    'L7 egress, semaphores',
    (s) => ({
      ...s,
      features: { ...s.features, l7Policy: true, l7Direction: 'egress', isolation: 'semaphore' },
    }),
  ],
  [
    'no variability, big messages',
    (s) => ({
      ...s,
      variability: { cpuCv: 0, wireCv: 0 },
      workload: { ...s.workload, requestKiB: 64, responseKiB: 200 },
    }),
  ],
];
for (const [name, change] of variants)
  scenarios.push([`istio-benchmark, ${name}`, derivedScenario(bench, change)]);

describe('re-costing a compiled scenario at another cost profile', () => {
  it.each(scenarios)('%s: equals compiling it at that profile, every design and profile', (_, s) => {
    let checked = 0;
    for (const a of ARCHITECTURE_IDS) {
      const base = compiled(s, a);
      if (!base) continue;
      for (const profile of PROFILES) {
        const expected = compileScenario(
          derivedScenario(s, (x) => ({ ...x, profile })),
          a,
        );
        const got = recostCompiled(base, profile);
        // The same value bit for bit, and the same keys in the same order (what a worker or a file
        // receives is the same text): toStrictEqual and a JSON comparison in one walk.
        expectSame(got, expected, `${a} at the ${profile} profile`);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(3 * 3);
  });

  it('moves costs: the low and high profiles differ from the scenario’s', () => {
    const base = compileScenario(bench, 'sidecar-envoy');
    const sum = (c: CompiledScenario) => c.hops.reduce((t, h) => t + h.onPathUs, 0);
    expect(sum(recostCompiled(base, 'low'))).toBeLessThan(sum(base));
    expect(sum(recostCompiled(base, 'high'))).toBeGreaterThan(sum(base));
  });

  it('refuses a compiled scenario it did not see compiled', () => {
    const base = compileScenario(bench, 'no-mesh');
    expect(() => recostCompiled(structuredClone(base), 'low')).toThrow(/not compiled by compileScenario/);
  });
});
