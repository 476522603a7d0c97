import { describe, expect, it } from 'vitest';
import { createActor, toPromise } from 'xstate';
import bench from '../../../models/presets/istio-benchmark.json';
import { runComparison } from '../../engine/compare';
import { compileAll } from '../../engine/scenario/compiledSet';
import { assembleSteps, ComparisonSession, specsOf } from '../../engine/scenario/session';
import { toComparisonView, toComparisonViewSteps } from '../../engine/scenario/view';
import { parseScenario } from '../../model/valid';
import { assembleOnPage } from './engineActors';

const scenario = parseScenario({
  ...bench,
  architectures: ['no-mesh', 'sidecar-envoy', 'ambient'],
  run: { warmupRequests: 50, measuredRequests: 500 },
});
const set = compileAll(scenario);
const REPS = 3;
const session = new ComparisonSession(scenario.seed, specsOf(set), { replications: REPS });
while (!session.step(1e6));
const runs = [...session.summariesByRun];

const count = (steps: Generator<void, unknown, void>) => {
  let n = 0;
  while (!steps.next().done) n++;
  return n;
};

describe("the comparison's assembly on the page", () => {
  it("steps a run's pass over its hops at a time, then a design's figures at a time; its view a design at a time", () => {
    const designs = set.length;
    // Each design's slots worked out (its first assembly), each run read once (one pass over its hops: CPU
    // sums, breakdown and ledger together), then each design's figures in three steps (headline, per
    // instance, per station).
    expect(count(assembleSteps(scenario, set, REPS, runs))).toBe(designs + designs * REPS + 3 * designs);
    const result = runComparison(scenario, { replications: REPS });
    // Between designs: the ledger's sums were made as the runs were read.
    expect(count(toComparisonViewSteps(result))).toBe(designs - 1);
  });

  it("runs its steps in slices by the page's clock, yielding between them, and gives runComparison's numbers", async () => {
    let t = 0;
    let yields = 0;
    // Each reading 3 ms later: a slice of 10 ms (its start read, then one reading per step) holds 4 steps.
    const clock = () => (t += 3);
    const actor = createActor(
      assembleOnPage(undefined, async () => void yields++, clock, 10),
      { input: { scenario, compiled: set, replications: REPS, runs, precision: null } },
    );
    actor.start();
    const out = await toPromise(actor);
    expect(out.status).toBe('done');
    const steps = set.length + set.length * REPS + 3 * set.length + set.length - 1;
    // One yield before the first slice, then one per full slice (the summary's and the view's).
    expect(yields).toBeGreaterThanOrEqual(Math.floor(steps / 4));
    expect(yields).toBeLessThanOrEqual(Math.ceil(steps / 4) + 2);
    if (out.status === 'done')
      expect(JSON.stringify(out.result)).toBe(
        JSON.stringify(toComparisonView(runComparison(scenario, { replications: REPS }))),
      );
  });

  it('hands the result over in a task of its own: with a slice longer than the work, one yield first and one last', async () => {
    let yields = 0;
    const actor = createActor(
      assembleOnPage(
        undefined,
        async () => void yields++,
        () => 0,
        Infinity,
      ),
      { input: { scenario, compiled: set, replications: REPS, runs, precision: null } },
    );
    actor.start();
    const out = await toPromise(actor);
    expect(out.status).toBe('done');
    // Before: the result went to the session (and the page rendered it) in the last slice's task.
    expect(yields).toBe(2);
  });
});
