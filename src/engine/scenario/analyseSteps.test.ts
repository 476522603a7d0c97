import { describe, expect, it, vi } from 'vitest';
import pods400 from '../../../models/presets/pods-400.json';
import { validScenario } from '../../model/valid';
import type { ScenarioInput } from '../../model/scenario';

// Every call of the expensive pieces of the analysis, in order, so each step's work can be counted.
const calls: string[] = [];
vi.mock('./estimateModel', async (importOriginal) => {
  const m = await importOriginal<typeof import('./estimateModel')>();
  return {
    ...m,
    // The analysis runs each piece a part at a time: a piece is counted when it starts.
    prepareSteps: (...a: Parameters<typeof m.prepareSteps>) => (calls.push('prepare'), m.prepareSteps(...a)),
    // Load points (full evaluations); the saturation search's utilisation-only probes are its own.
    evaluateSteps: (...a: Parameters<typeof m.evaluateSteps>) => (
      a[2] || calls.push('evaluate'),
      m.evaluateSteps(...a)
    ),
  };
});
vi.mock('./saturation', async (importOriginal) => {
  const m = await importOriginal<typeof import('./saturation')>();
  return {
    ...m,
    saturationRateSteps: (...a: Parameters<typeof m.saturationRateSteps>) => (
      calls.push('saturation'),
      m.saturationRateSteps(...a)
    ),
  };
});
vi.mock('../compile', async (importOriginal) => {
  const m = await importOriginal<typeof import('../compile')>();
  return {
    ...m,
    compileSpecSteps: (...a: Parameters<typeof m.compileSpecSteps>) => (
      calls.push('compileSpec'),
      m.compileSpecSteps(...a)
    ),
  };
});
vi.mock('./recost', async (importOriginal) => {
  const m = await importOriginal<typeof import('./recost')>();
  return {
    ...m,
    recostCompiledSteps: (...a: Parameters<typeof m.recostCompiledSteps>) => (
      calls.push('recost'),
      m.recostCompiledSteps(...a)
    ),
  };
});
vi.mock('./compileScenario', async (importOriginal) => {
  const m = await importOriginal<typeof import('./compileScenario')>();
  return {
    ...m,
    compileScenarioSteps: (...a: Parameters<typeof m.compileScenarioSteps>) => (
      calls.push('compile'),
      m.compileScenarioSteps(...a)
    ),
  };
});

const { analyseSteps } = await import('./analyse');
const { estimateScenario } = await import('./estimate');

describe('the analysis of a large scenario, a step at a time', () => {
  const scenario = validScenario(pods400 as unknown as ScenarioInput);
  calls.length = 0;
  const perStep: string[][] = [];
  const steps = analyseSteps(scenario);
  let last = 0;
  let done;
  for (;;) {
    const next = steps.next();
    perStep.push(calls.slice(last));
    last = calls.length;
    if (next.done) {
      done = next.value;
      break;
    }
  }
  const count = (step: string[], what: string) => step.filter((c) => c === what).length;

  it('holds at most one compile, one model, one saturation search or four load points in any step', () => {
    // The pods-400 compile and a 13-point load curve each took 30–80 ms in one step before.
    for (const step of perStep) {
      expect(count(step, 'compile')).toBeLessThanOrEqual(1);
      expect(count(step, 'prepare')).toBeLessThanOrEqual(1);
      expect(count(step, 'saturation')).toBeLessThanOrEqual(1);
      expect(count(step, 'evaluate')).toBeLessThanOrEqual(4);
      expect(count(step, 'recost')).toBeLessThanOrEqual(1);
      const heavy = ['compile', 'prepare', 'saturation'].filter((w) => count(step, w) > 0);
      expect(heavy.length, step.join(' ')).toBeLessThanOrEqual(1);
    }
    // Every design is compiled once and its network once; the band's low and high profiles are the
    // design re-costed (recost.ts) and estimated on that network. (It was three compiles of each.)
    const designs = done!.compiled.filter((e) => e.status === 'compiled').length;
    expect(designs).toBeGreaterThanOrEqual(4);
    expect(count(calls, 'compile')).toBe(designs);
    expect(count(calls, 'compileSpec')).toBe(designs);
    expect(count(calls, 'recost')).toBe(2 * designs);
    expect(count(calls, 'prepare')).toBe(3 * designs);
  });

  it('compiles nothing again after a change of rate: the designs, their networks, plans and band variants are reused', () => {
    const changed = validScenario({
      ...(pods400 as unknown as ScenarioInput),
      workload: { ...scenario.workload, load: { kind: 'open', rps: 4321 } },
    } as ScenarioInput);
    calls.length = 0;
    const again = analyseSteps(changed, undefined, done!.compiled);
    let next = again.next();
    while (!next.done) next = again.next();
    expect(count(calls, 'compile')).toBe(0);
    expect(count(calls, 'compileSpec')).toBe(0);
    expect(count(calls, 'recost')).toBe(0);
    expect(next.value.estimate).toEqual(estimateScenario(changed));
  });

  it('gives the estimate the whole-estimate path gives, number for number', () => {
    expect(done!.estimate).toEqual(estimateScenario(scenario));
  });
});
