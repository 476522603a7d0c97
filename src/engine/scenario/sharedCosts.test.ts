import { describe, expect, it } from 'vitest';
import type { Distribution } from '../../model/distribution';
import { SCENARIO_PRESETS } from '../../model/presets';
import type { ScenarioInput } from '../../model/scenario';
import { SimSpecSchema } from '../../model/simSpec';
import { validScenario } from '../../model/valid';
import { compileScenario } from './compileScenario';
import { recipeOf } from './costRecipe';
import { recostCompiled } from './recost';
import { sharedCpu, sharedDist } from './sharedCosts';
import { stationId } from '../../model/ids';

const pods400 = validScenario(SCENARIO_PRESETS['pods-400'] as unknown as ScenarioInput);

/** Every cost object the hops hold, by identity. */
function costObjects(hops: ReturnType<typeof compileScenario>['spec']['hops']) {
  const dists = new Set<Distribution>();
  const cpus = new Set<object>();
  for (const h of hops) {
    if (h.cpu) {
      cpus.add(h.cpu);
      dists.add(h.cpu.service);
    }
    if (h.post) dists.add(h.post);
    if (h.delay) dists.add(h.delay);
  }
  return { dists, cpus };
}

describe('shared cost objects', () => {
  it('a 400-pod sidecar design holds one object per distinct cost, not one per hop', () => {
    const c = compileScenario(pods400, 'sidecar-envoy');
    const hops = c.spec.hops;
    const { dists, cpus } = costObjects(hops);
    // Equal values are one object: no two distinct distributions (or bursts) are deep-equal.
    const distKeys = new Set([...dists].map((d) => JSON.stringify(d)));
    expect(distKeys.size).toBe(dists.size);
    const cpuKeys = new Set([...cpus].map((x) => JSON.stringify(x)));
    expect(cpuKeys.size).toBe(cpus.size);
    // 4,701 hops; a few dozen costs, and a burst per (cost, node).
    expect(hops.length).toBeGreaterThan(4000);
    expect(dists.size).toBeLessThan(100);
    expect(cpus.size).toBeLessThan(hops.length / 4);
    // The segment recipes are shared the same way.
    const recipes = new Set(recipeOf(c)!.segments.filter((s) => s !== null));
    expect(recipes.size).toBeLessThan(100);
  });

  it('the shared objects are frozen: a write throws instead of changing other hops', () => {
    const c = compileScenario(pods400, 'sidecar-envoy');
    const hop = c.spec.hops.find((h) => h.cpu?.service.kind === 'lognormal')!;
    expect(() => {
      (hop.cpu!.service as { mean: number }).mean = 1;
    }).toThrow(TypeError);
    expect(() => {
      (hop.cpu as { station: string }).station = 'cpu:n9';
    }).toThrow(TypeError);
  });

  it('sharing changes no value: the compiled spec equals its own parse, and re-costing equals compiling', () => {
    const c = compileScenario(pods400, 'ambient');
    expect(SimSpecSchema.parse(c.spec)).toEqual(c.spec);
    const high = compileScenario({ ...pods400, profile: 'high' }, 'ambient');
    expect(recostCompiled(c, 'high').spec).toEqual(high.spec);
  });

  it('hands out equal values for equal inputs, distinct ones otherwise', () => {
    expect(sharedDist(12.5, 0.3)).toBe(sharedDist(12.5, 0.3));
    expect(sharedDist(12.5, 0.3)).toEqual({ kind: 'lognormal', mean: 12.5, cv: 0.3 });
    expect(sharedDist(12.5, 0.3)).not.toBe(sharedDist(12.5, 0.31));
    expect(sharedDist(12.5, 0)).toEqual({ kind: 'deterministic', value: 12.5 });
    expect(sharedDist(0, 0.3)).toEqual({ kind: 'deterministic', value: 0 });
    expect(sharedDist(-1, 0.3)).toBe(sharedDist(0, 0));
    const d = sharedDist(7, 0.2);
    expect(sharedCpu(stationId.cpu(3), d, 'container')).toBe(sharedCpu(stationId.cpu(3), d, 'container'));
    expect(sharedCpu(stationId.cpu(3), d, 'container')).not.toBe(sharedCpu(stationId.cpu(3), d, 'kernel'));
    expect(sharedCpu(stationId.cpu(4), d, 'container')).toEqual({
      station: 'cpu:n4',
      service: d,
      cpuClass: 'container',
    });
  });

  it('past its limit the table starts again, and values stay right', () => {
    const first = sharedDist(1.25, 0.5);
    for (let i = 0; i < 60_000; i++) sharedDist(1000 + i / 7, 0.5);
    const again = sharedDist(1.25, 0.5);
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
    expect(sharedDist(1.25, 0.5)).toBe(again);
  });
});
