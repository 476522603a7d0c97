import { describe, expect, it } from 'vitest';
import { LessonSchema, type Predicate } from '../../model/lesson';
import type { ComparisonState, LessonStage } from './host';
import { createProgressStore } from './progress';
import { createLessonRunner } from './runner';
import type { HostSetup } from './setup';

/** A stage whose predicates the test switches on, recording play and pause. */
function fakeStage() {
  const listeners = new Set<() => void>();
  const holding = new Set<string>();
  const calls: string[] = [];
  let setup: HostSetup | null = null;
  const stage: LessonStage = {
    apply: async (s) => void (setup = s),
    holds: (p: Predicate) => holding.has(p.kind),
    measure: () => 2,
    subscribe: (l) => (listeners.add(l), () => listeners.delete(l)),
    setup: () => setup,
    simulate: () => null,
    comparison: (): ComparisonState => ({ status: 'idle' }),
    resultsVersion: () => 0,
    play: () => calls.push('play'),
    pause: () => calls.push('pause'),
    stopAt: (p: Predicate) => calls.push(`stop at ${p.kind}`),
    dispose: () => {},
  };
  const set = (kind: string, on: boolean) => {
    if (on) holding.add(kind);
    else holding.delete(kind);
    listeners.forEach((l) => l());
  };
  return { stage, calls, set };
}

const lesson = LessonSchema.parse({
  id: '03-x',
  order: 3,
  minutes: 5,
  level: 'beginner',
  title: 't',
  summary: 's',
  objectives: ['o'],
  steps: [
    {
      type: 'set',
      id: 'start',
      page: 'simulate',
      scenario: { preset: 'one-request-slowly' },
      architecture: 'no-mesh',
    },
    { type: 'waitUntil', id: 'wait', text: 'w', until: { kind: 'timeReached', us: 5 } },
    {
      type: 'challenge',
      id: 'ask',
      question: 'q',
      on: { hopKind: 'tcp.tx' },
      options: [
        { id: 'a', text: 'a' },
        { id: 'b', text: 'b' },
      ],
      correct: ['a'],
      feedback: { right: 'r', wrong: 'w' },
    },
    {
      type: 'predict',
      id: 'bet',
      question: 'q',
      bet: {
        kind: 'number',
        value: { metric: 'hopsPerRequest', architecture: 'no-mesh' },
        unit: 'count',
        slider: { min: 0, max: 10, step: 1 },
      },
      feedback: { right: 'r', wrong: 'w' },
    },
    { type: 'try', id: 'try', items: ['t'] },
    { type: 'sandbox', id: 'end', text: 'e' },
  ],
});

const turn = () => new Promise((r) => setTimeout(r, 0));

describe('lesson runner', () => {
  it('plays into a wait and pauses where it ends; plays a challenge to its hop and stops there', async () => {
    const { stage, calls, set } = fakeStage();
    const r = createLessonRunner({ lesson, host: stage });
    await turn();
    expect(r.getSnapshot().value).toBe('showing');
    expect(calls).toEqual([]);
    r.next();
    expect(calls).toEqual(['play']);
    set('timeReached', true);
    expect(r.getSnapshot().context.status).toBe('done');
    // It stops where the wait's moment came, not a frame later.
    expect(calls).toEqual(['play', 'stop at timeReached']);
    // The learner may play on: the runner does not pause again on later changes.
    set('timeReached', true);
    expect(calls).toEqual(['play', 'stop at timeReached']);
    r.next();
    expect(calls).toEqual(['play', 'stop at timeReached', 'play']);
    set('hopReached', true);
    expect(calls).toEqual(['play', 'stop at timeReached', 'play', 'stop at hopReached']);
    r.answer(['a']);
    expect(r.getSnapshot().context.verdicts.ask).toEqual({ right: true, answer: ['a'] });
    r.dispose();
  });

  it('saves the step shown, the furthest reached and the bets; replaying a step re-enters it from fresh', async () => {
    const map = new Map<string, string>();
    const store = createProgressStore({
      getItem: (k) => map.get(k) ?? null,
      setItem: (k, v) => void map.set(k, v),
    });
    const { stage, calls, set } = fakeStage();
    set('timeReached', true);
    set('hopReached', true);
    set('resultsReady', true);
    const r = createLessonRunner({ lesson, host: stage, progress: store, startAt: 3 });
    await turn();
    expect(store.of('03-x')).toMatchObject({ step: 3, furthest: 3, completed: false });
    r.bet({ kind: 'number', value: 2 });
    expect(r.getSnapshot().context.verdicts.bet).toEqual({ right: true, answer: 2 });
    expect(store.of('03-x')!.bets).toEqual({ bet: { kind: 'number', value: 2 } });
    r.next();
    r.next();
    expect(store.of('03-x')).toMatchObject({ step: 5, furthest: 5, completed: true });
    r.back();
    await turn();
    expect(store.of('03-x')).toMatchObject({ step: 4, furthest: 5 });
    // A wait already holding on a restart needs no playing.
    r.goto(1);
    await turn();
    expect(r.getSnapshot().context.status).toBe('done');
    expect(calls).toEqual([]);
    r.dispose();
  });
});
