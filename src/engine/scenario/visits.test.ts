import { describe, expect, it } from 'vitest';
import { SCENARIO_PRESETS } from '../../model/presets';
import { parseScenario } from '../../model/valid';
import {
  compileSpec,
  STEP_ACQUIRE,
  STEP_CALL_PARALLEL,
  STEP_CHOOSE,
  STEP_HOP,
  STEP_RELEASE,
  type Compiled,
} from '../compile';
import { compileScenario } from './compileScenario';
import { walkVisits, walkVisitsSteps } from './visits';

/** The walk as a plain recursion (what walkVisits did before it kept its own stack). */
function recursive(net: Compiled, nh: number) {
  const visits = new Float64Array(nh);
  const routeVisits = new Float64Array(net.routes.length);
  let fanOut = false;
  let heldPools = false;
  const walk = (route: number, weight: number): void => {
    routeVisits[route] += weight;
    const r = net.routes[route];
    for (let s = 0; s < r.stepType.length; s++) {
      if (r.stepType[s] === STEP_HOP) visits[r.stepArg[s]] += weight;
      else if (r.stepType[s] === STEP_ACQUIRE) heldPools = true;
      else if (r.stepType[s] !== STEP_RELEASE) {
        const targets = r.calls[r.stepArg[s]];
        if (r.stepType[s] === STEP_CHOOSE) for (const t of targets) walk(t, weight / targets.length);
        else {
          if (r.stepType[s] === STEP_CALL_PARALLEL && targets.length > 1) fanOut = true;
          for (const t of targets) walk(t, weight);
        }
      }
    }
  };
  walk(net.entry, 1);
  return { visits, routeVisits, fanOut, heldPools };
}

const bits = (a: Float64Array) => Array.from(new Uint32Array(a.buffer));

describe('walkVisits keeps its own stack and walks in steps', () => {
  // Fan-out, held pools (the library's), choices over replicas, and the largest call tree.
  const cases = [
    ['fan-out-under-load', 'sidecar-envoy'],
    ['fan-out-under-load', 'library'],
    ['failures-and-retries', 'ambient'],
    ['pods-400', 'sidecar-envoy'],
    ['large-mesh', 'ambient'],
  ] as const;

  it.each(cases)('%s, %s: every visit count as the recursion gives it, to the bit', (preset, arch) => {
    const spec = compileScenario(parseScenario(SCENARIO_PRESETS[preset]), arch).spec;
    const net = compileSpec(spec);
    const want = recursive(net, spec.hops.length);
    const got = walkVisits(net, spec.hops.length);
    expect(bits(got.visits)).toEqual(bits(want.visits));
    expect(bits(got.routeVisits)).toEqual(bits(want.routeVisits));
    expect([got.fanOut, got.heldPools]).toEqual([want.fanOut, want.heldPools]);
    expect(got.visits.some((v) => v > 0)).toBe(true);
  });

  it('the fan-out preset has parallel fan-out and the library held pools (the cases above cover both)', () => {
    const flags = (preset: keyof typeof SCENARIO_PRESETS, arch: 'sidecar-envoy' | 'library') => {
      const spec = compileScenario(parseScenario(SCENARIO_PRESETS[preset]), arch).spec;
      const w = walkVisits(compileSpec(spec), spec.hops.length);
      return [w.fanOut, w.heldPools];
    };
    expect(flags('fan-out-under-load', 'sidecar-envoy')).toEqual([true, false]);
    expect(flags('fan-out-under-load', 'library')[1]).toBe(true);
  });

  it('yields when its budget says so, every 4,096 route steps, and gives the same walk', () => {
    const spec = compileScenario(parseScenario(SCENARIO_PRESETS['large-mesh']), 'sidecar-envoy').spec;
    const net = compileSpec(spec);
    let told = 0;
    const steps = walkVisitsSteps(net, spec.hops.length, (n) => {
      told += n;
      return true;
    });
    let yields = 0;
    let next = steps.next();
    for (; !next.done; next = steps.next()) yields++;
    expect(yields).toBeGreaterThan(10); // a long walk, cut into many steps
    expect(told).toBe(yields * 4_096);
    expect(bits(next.value.visits)).toEqual(bits(walkVisits(net, spec.hops.length).visits));
  });
});
