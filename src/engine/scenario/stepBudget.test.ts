import { describe, expect, it } from 'vitest';
import largeMesh from '../../../models/presets/large-mesh.json';
import type { ScenarioInput } from '../../model/scenario';
import { validScenario } from '../../model/valid';
import { analyseSteps, type Analysis } from './analyse';
import { StepBudget, STEP_WORK } from './stepBudget';

/** Each step's work (hop-equivalents, stepBudget.ts) over the whole analysis, and its result. */
function workPerStep(budget: StepBudget): { work: number[]; analysis: Analysis } {
  const scenario = validScenario(largeMesh as unknown as ScenarioInput);
  const steps = analyseSteps(scenario, undefined, [], undefined, budget);
  const work: number[] = [];
  for (;;) {
    const before = budget.spent;
    const next = steps.next();
    work.push(budget.spent - before);
    if (next.done) return { work, analysis: next.value };
  }
}

describe('the analysis of the large mesh (2,000 pods, five designs), a step at a time', () => {
  const bounded = workPerStep(new StepBudget());
  const hops = bounded.analysis.compiled.map((e) =>
    e.status === 'compiled' ? e.compiled.spec.hops.length : 0,
  );
  const largest = Math.max(...hops);

  it('does no more in any step than the budget and one pass over the largest design', () => {
    // Compiling a design (up to 33,816 hops) was one step, its network, saturation search and band others:
    // 100–500 ms each on the page. Now a step ends within a part of a pass.
    expect(largest).toBeGreaterThan(30_000);
    const most = Math.max(...bounded.work);
    expect(most).toBeLessThanOrEqual(STEP_WORK + largest);
    // The whole analysis is ~60 budgets' worth of work or more, so it is spread over many steps.
    const total = bounded.work.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(60 * STEP_WORK);
    expect(bounded.work.length).toBeGreaterThan(total / (STEP_WORK + largest));
  });

  it('counts the work that an unlimited budget leaves in single steps (the meter sees a whole design)', () => {
    const unbounded = workPerStep(new StepBudget(Infinity));
    // Placing every hop of the largest design in one step alone is 12 hop-equivalents a hop.
    expect(Math.max(...unbounded.work)).toBeGreaterThan(10 * largest);
    // The same work in all: splitting adds none and drops none.
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect(sum(unbounded.work)).toBe(sum(bounded.work));
    // And the same analysis, number for number.
    expect(unbounded.analysis.estimate).toEqual(bounded.analysis.estimate);
    expect(unbounded.analysis.compiled.map((e) => e.status === 'compiled' && e.compiled.spec)).toEqual(
      bounded.analysis.compiled.map((e) => e.status === 'compiled' && e.compiled.spec),
    );
  });
});
