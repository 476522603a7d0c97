import { describe, expect, it } from 'vitest';
import largeMesh from '../../../models/presets/large-mesh.json';
import pods400 from '../../../models/presets/pods-400.json';
import type { ScenarioInput } from '../../model/scenario';
import { validScenario } from '../../model/valid';
import { analyseSteps, type Analysis } from './analyse';
import { drain, StepBudget, STEP_WORK } from './stepBudget';

/** Each step's work (hop-equivalents, stepBudget.ts) over the whole analysis, and its result. */
function workPerStep(budget: StepBudget, input: unknown = largeMesh): { work: number[]; analysis: Analysis } {
  const scenario = validScenario(input as ScenarioInput);
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

describe('a step budget with a clock', () => {
  it('ends a step once it has run its time, or done its work, whichever comes first', () => {
    let t = 0;
    const b = new StepBudget(STEP_WORK, () => t, 4);
    expect(b.spend('numeric', 1)).toBe(false);
    t = 3.9;
    expect(b.spend('numeric', 1)).toBe(false);
    t = 4;
    expect(b.spend('numeric', 1)).toBe(true);
    // The next step's time counts from the end of the last.
    t = 7.9;
    expect(b.spend('numeric', 1)).toBe(false);
    t = 8;
    expect(b.spend('numeric', 1)).toBe(true);
    // The work limit still ends a step with no time gone.
    expect(b.spend('numeric', STEP_WORK)).toBe(true);
    // A restart (the host yielded between designs) starts the time afresh.
    t = 11;
    b.restart();
    t = 14.9;
    expect(b.spend('numeric', 1)).toBe(false);
  });

  it("cuts pods-400's analysis into more steps, and the analysis is the same, number for number", () => {
    let t = 0;
    // A clock that moves 1 ms a read: a step ends at its fourth part at the latest.
    const timed = workPerStep(new StepBudget(STEP_WORK, () => t++, 4), pods400);
    const plain = workPerStep(new StepBudget(), pods400);
    expect(timed.work.length).toBeGreaterThan(plain.work.length * 1.5);
    expect(timed.analysis.estimate).toEqual(plain.analysis.estimate);
    expect(timed.analysis.compiled.map((e) => e.status === 'compiled' && e.compiled.spec)).toEqual(
      plain.analysis.compiled.map((e) => e.status === 'compiled' && e.compiled.spec),
    );
    // And the same as the analysis run in one go.
    const whole = drain(analyseSteps(validScenario(pods400 as unknown as ScenarioInput)));
    expect(whole.estimate).toEqual(timed.analysis.estimate);
  });
});
