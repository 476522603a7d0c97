import { describe, expect, it } from 'vitest';
import { BetSchema, ConditionSchema, type Quantity } from '../../model/lesson';
import { holds, judge } from './evaluate';
import { hostSetupAt, lessonLink, parseLessonLink } from './setup';

const values: Record<string, number> = { 'a:no-mesh': 100, 'a:ambient': 180, 'a:sidecar-envoy': 300 };
const measure = (q: Quantity) => values[`${q.metric}:${q.architecture}`] ?? null;
const Q = (architecture: string) => ({ metric: 'addedLatencyP50', architecture }) as never;
const m = (q: Quantity) => measure({ ...q, metric: 'a' as never });

describe('conditions on measured results', () => {
  it('ascending orderings respect the tolerance', () => {
    const c = (tolerance: number, ...archs: string[]) =>
      ConditionSchema.parse({ kind: 'ascending', values: archs.map(Q), tolerance });
    expect(holds(c(0, 'no-mesh', 'ambient', 'sidecar-envoy'), m)).toBe(true);
    expect(holds(c(0, 'sidecar-envoy', 'ambient'), m)).toBe(false);
    expect(holds(c(0.45, 'sidecar-envoy', 'ambient'), m)).toBe(true); // 180 ≥ 300 × 0.55
    expect(holds(c(0, 'no-mesh', 'library'), m)).toBe('pending');
  });

  it('ratios are checked against their bounds', () => {
    const r = (min?: number, max?: number) =>
      ConditionSchema.parse({
        kind: 'ratio',
        numerator: Q('sidecar-envoy'),
        denominator: Q('no-mesh'),
        min,
        max,
      });
    expect(holds(r(2.9, 3.1), m)).toBe(true);
    expect(holds(r(3.1), m)).toBe(false);
    expect(holds(r(undefined, 2), m)).toBe(false);
  });
});

describe('bets', () => {
  it('a number bet is right within the tolerance, in the slider unit', () => {
    const bet = BetSchema.parse({
      kind: 'number',
      value: { ratio: [Q('sidecar-envoy'), Q('ambient')] },
      unit: 'x',
      slider: { min: 0, max: 5, step: 0.1 },
      tolerance: 0.1,
    });
    expect(judge(bet, { kind: 'number', value: 1.7 }, m)).toEqual({ right: true, answer: 300 / 180 });
    expect(judge(bet, { kind: 'number', value: 1.4 }, m)).toMatchObject({ right: false });
    const ms = BetSchema.parse({
      kind: 'number',
      value: Q('sidecar-envoy'),
      unit: 'ms',
      slider: { min: 0, max: 3, step: 0.05 },
    });
    expect(judge(ms, { kind: 'number', value: 0.3 }, m)).toEqual({ right: true, answer: 0.3 });
  });

  it('a choice takes its right answer from the first condition that holds in the run', () => {
    const bet = BetSchema.parse({
      kind: 'choice',
      options: [
        { id: 'x', text: 'x' },
        { id: 'y', text: 'y' },
      ],
      correct: {
        fromRun: [
          { option: 'x', when: { kind: 'ascending', values: [Q('sidecar-envoy'), Q('ambient')] } },
          { option: 'y', when: { kind: 'ascending', values: [Q('ambient'), Q('sidecar-envoy')] } },
        ],
      },
    });
    expect(judge(bet, { kind: 'choice', option: 'y' }, m)).toEqual({ right: true, answer: 'y' });
    expect(judge(bet, { kind: 'choice', option: 'x' }, m)).toEqual({ right: false, answer: 'y' });
  });

  it('an ordering with a duplicate or a missing item is wrong, not an error', () => {
    const bet = BetSchema.parse({
      kind: 'ordering',
      items: [
        { id: 'n', text: 'n', value: Q('no-mesh') },
        { id: 's', text: 's', value: Q('sidecar-envoy') },
      ],
    });
    expect(judge(bet, { kind: 'ordering', order: ['n', 's'] }, m)).toEqual({
      right: true,
      answer: ['n', 's'],
    });
    expect(judge(bet, { kind: 'ordering', order: ['n', 'n'] }, m)).toMatchObject({ right: false });
    expect(judge(bet, { kind: 'ordering', order: ['s'] }, m)).toMatchObject({ right: false });
  });
});

describe('setups and deep links', () => {
  it('changes add up on one preset and reset with a new one', () => {
    const steps = [
      { type: 'set', id: 'a', scenario: { preset: 'p', changes: { mtls: false } } },
      { type: 'set', id: 'b', scenario: { preset: 'p', changes: { rps: 500 } } },
      { type: 'set', id: 'c', scenario: { preset: 'q' } },
    ] as never;
    expect(hostSetupAt({ steps }, 1).changes).toEqual({ mtls: false, rps: 500 });
    expect(hostSetupAt({ steps }, 2)).toMatchObject({ preset: 'q', changes: null });
  });

  it('#/lesson/<id>/<step> counts steps from 1', () => {
    expect(lessonLink('03-the-sidecar', 4)).toBe('#/lesson/03-the-sidecar/5');
    expect(parseLessonLink('#/lesson/03-the-sidecar/5')).toEqual({
      id: '03-the-sidecar',
      stepIndex: 4,
      stepGiven: true,
    });
    expect(parseLessonLink('#/lesson/03-the-sidecar')).toEqual({
      id: '03-the-sidecar',
      stepIndex: 0,
      stepGiven: false,
    });
    expect(parseLessonLink('#/lesson/03-the-sidecar/0')).toBeNull();
    expect(parseLessonLink('#/lesson/../x/1')).toBeNull();
  });
});
