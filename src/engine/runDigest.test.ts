import { describe, expect, it } from 'vitest';
import bench from '../../models/presets/istio-benchmark.json';
import { parseScenario } from '../model/valid';
import { runComparison } from './compare';
import { packRun } from './packedRun';
import { designShape, designShapeSteps } from './runDigest';
import { compileScenario } from './scenario/compileScenario';
import { SCENARIO_PRESETS } from '../model/presets';
import { compileAll } from './scenario/compiledSet';
import { assembleComparison, assembleSteps, ComparisonSession, specsOf } from './scenario/session';
import { drain } from './scenario/stepBudget';
import { toComparisonView } from './scenario/view';

const scenario = parseScenario({
  ...bench,
  architectures: ['sidecar-envoy', 'ambient'],
  run: { warmupRequests: 50, measuredRequests: 600 },
});
const set = compileAll(scenario);
const REPS = 5;
const session = new ComparisonSession(scenario.seed, specsOf(set), { replications: REPS });
while (!session.step(1e6));
const runs = session.summariesByRun.map((r) => r!);
const designs = specsOf(set).length;
/** Replications `from` up to `to` of every design, laid out as the plan (each design's in turn). */
const slice = (from: number, to: number) =>
  Array.from({ length: designs }, (_, d) => runs.slice(d * REPS + from, d * REPS + to)).flat();
const view = (r: Parameters<typeof toComparisonView>[0]) => JSON.stringify(toComparisonView(r));

describe('reading each run once (run digests and ledger sums)', () => {
  const whole = view(runComparison(scenario, { replications: REPS }));

  it('packed runs (figures only) assemble to exactly the numbers their summaries give, and runComparison gives', () => {
    expect(view(assembleComparison(scenario, set, REPS, runs.map(packRun)))).toBe(whole);
    expect(view(assembleComparison(scenario, set, REPS, runs))).toBe(whole);
  });

  it('rounds assembled on top of the last one’s carry give exactly the whole comparison; a carry is never changed', () => {
    const first = drain(assembleSteps(scenario, set, 2, slice(0, 2)));
    const carried = JSON.stringify(
      [...first.carry.designs].map(([a, d]) => [a, d.digests, [...d.ledger.count]]),
    );
    const second = drain(assembleSteps(scenario, set, 3, slice(2, 3).map(packRun), { carry: first.carry }));
    const third = drain(assembleSteps(scenario, set, REPS, slice(3, REPS), { carry: second.carry }));
    expect(view(third.result)).toBe(whole);
    // The first round's result is still what two replications give, and its carry as it was.
    expect(view(first.result)).toBe(view(runComparison(scenario, { replications: 2 })));
    expect(
      JSON.stringify([...first.carry.designs].map(([a, d]) => [a, d.digests, [...d.ledger.count]])),
    ).toBe(carried);
    expect(first.carry.designs.get('ambient')!.digests).toHaveLength(2);
    expect(third.carry.designs.get('ambient')!.digests).toHaveLength(REPS);
  });

  it('a digest keeps no per-hop figure: its arrays are per component, instance and station', () => {
    const out = drain(assembleSteps(scenario, set, REPS, runs));
    for (const e of set) {
      if (e.status !== 'compiled') continue;
      const shape = designShape(e.compiled);
      const { digests, ledger } = out.carry.designs.get(e.architecture)!;
      expect(digests).toHaveLength(REPS);
      expect(ledger.runs).toBe(REPS);
      expect(ledger.count).toHaveLength(shape.hops);
      for (const d of digests) {
        expect(d.cpuContainer).toHaveLength(shape.components.length);
        expect(d.instanceContainer).toHaveLength(shape.instances.length);
        expect(d.stations).toHaveLength(3 * e.compiled.spec.stations.length);
        expect(Object.keys(d.head)).not.toContain('hops');
      }
      // The ledger's count is every run's count summed: what a pass over all runs' hops gives.
      const h = shape.hops - 1;
      const i = runs.findIndex((_, j) => session.plan[j].architecture === e.architecture);
      const direct = runs.slice(i, i + REPS).reduce((s, r) => s + r.hops[h].count, 0);
      expect(ledger.count[h]).toBe(direct);
    }
  });

  it('refuses runs that do not follow the carry or do not fit their design, naming the run', () => {
    const first = drain(assembleSteps(scenario, set, 2, slice(0, 2)));
    // Replications 0–2 again on top of a carry of 2: as many runs as 2–5 has, but not those replications.
    expect(() => drain(assembleSteps(scenario, set, REPS, slice(0, 3), { carry: first.carry }))).toThrow(
      /^run 0 \(no-mesh\) has seed \d+, not replication 2's$/,
    );
    expect(() => drain(assembleSteps(scenario, set, REPS, slice(2, 4), { carry: first.carry }))).toThrow(
      /expected 9 runs to assemble, got 6 of 6/,
    );
    // A design's run in another design's place: the figures do not fit.
    const swapped = slice(2, 3);
    [swapped[0], swapped[1]] = [swapped[1], swapped[0]];
    expect(() => drain(assembleSteps(scenario, set, 3, swapped, { carry: first.carry }))).toThrow(
      /^run 0 \(no-mesh\): \d+ figures where the design needs \d+$/,
    );
  });
});

describe("a design's shape, worked out a part at a time", () => {
  it("large-mesh's sidecar design: a yield every 4,000 hops, and the shape a single pass gives", () => {
    const scenario = parseScenario(SCENARIO_PRESETS['large-mesh']);
    const a = compileScenario(scenario, 'sidecar-envoy');
    const b = compileScenario(scenario, 'sidecar-envoy'); // its own object: no shape kept for it yet
    const steps = designShapeSteps(a);
    let yields = 0;
    let next = steps.next();
    for (; !next.done; next = steps.next()) yields++;
    expect(a.hops.length).toBeGreaterThan(30_000);
    expect(yields).toBe(Math.ceil(a.hops.length / 4_000) - 1);
    const whole = designShape(b);
    expect(next.value).toEqual(whole);
    expect(next.value.components).not.toContain('wire');
    expect(next.value.instances.length).toBeGreaterThan(2_000);
    // Kept: asked again, the same shape at once, no step.
    expect(designShapeSteps(a).next()).toEqual({ done: true, value: next.value });
  });
});
