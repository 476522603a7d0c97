import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import {
  LessonSchema,
  type LessonInput as LessonData,
  type Predicate,
  type Quantity,
} from '../../model/lesson';
import { figuresHidden, lessonMachine, type LessonHost } from './lessonMachine';
import type { HostSetup } from './setup';

/** A host whose state the test sets: which predicates hold, which quantities exist. */
class FakeHost implements LessonHost {
  applied: Array<{ setup: HostSetup; restart: boolean }> = [];
  holding = new Set<string>();
  values = new Map<string, number>();
  fail: string | null = null;
  private listeners = new Set<() => void>();
  apply(setup: HostSetup, opts: { restart: boolean }) {
    if (this.fail) return Promise.reject(new Error(this.fail));
    this.applied.push({ setup, restart: opts.restart });
    return Promise.resolve();
  }
  holds(p: Predicate) {
    return this.holding.has(p.kind);
  }
  measure(q: Quantity) {
    return this.values.get(`${q.metric}:${q.architecture}`) ?? null;
  }
  subscribe(l: () => void) {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
  change(fn: () => void) {
    fn();
    this.listeners.forEach((l) => l());
  }
}

const q = (metric: string, architecture: string) => ({ metric, architecture });
const data: LessonData = {
  id: '01-test',
  order: 1,
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
    { type: 'narrate', id: 'hello', text: 'hello' },
    { type: 'waitUntil', id: 'wait', text: 'w', until: { kind: 'hopReached', hop: { actor: 'sidecar' } } },
    {
      type: 'set',
      id: 'cmp',
      page: 'compare',
      scenario: { preset: 'istio-benchmark', changes: { mtls: false } },
      architectures: ['sidecar-envoy', 'ambient'],
    },
    {
      type: 'predict',
      id: 'bet',
      question: 'q',
      bet: {
        kind: 'ordering',
        items: [
          { id: 'sc', text: 'a', value: q('addedLatencyP50', 'sidecar-envoy') as never },
          { id: 'amb', text: 'b', value: q('addedLatencyP50', 'ambient') as never },
        ],
        tolerance: 0.05,
      },
      feedback: { right: 'r', wrong: 'w' },
    },
    {
      type: 'check',
      id: 'chk',
      text: 'c',
      condition: {
        kind: 'ratio',
        numerator: q('vcpuPer1000rps', 'sidecar-envoy') as never,
        denominator: q('vcpuPer1000rps', 'ambient') as never,
        min: 1.5,
      },
      pass: 'p',
      fail: 'f',
    },
    {
      type: 'challenge',
      id: 'ch',
      question: 'q',
      on: { hopKind: 'proxy.l7' },
      options: [
        { id: 'sidecar', text: 'a' },
        { id: 'kernel', text: 'b' },
      ],
      correct: ['sidecar'],
      feedback: { right: 'r', wrong: 'w' },
    },
    { type: 'try', id: 'try', items: ['t'] },
    { type: 'sandbox', id: 'end', text: 'e' },
  ],
};
const lesson = LessonSchema.parse(data);

const flush = () => new Promise((r) => setTimeout(r, 0));

async function start(startAt?: number) {
  const host = new FakeHost();
  const actor = createActor(lessonMachine, { input: { lesson, host, startAt } }).start();
  await flush();
  return { host, actor, ctx: () => actor.getSnapshot().context };
}

describe('lesson runner machine', () => {
  it('applies the first setup from the seed, then Next walks the steps', async () => {
    const { host, actor, ctx } = await start();
    expect(host.applied).toEqual([
      {
        restart: true,
        setup: expect.objectContaining({
          page: 'simulate',
          preset: 'one-request-slowly',
          architecture: 'no-mesh',
        }),
      },
    ]);
    actor.send({ type: 'NEXT' });
    expect(ctx().index).toBe(1);
    actor.send({ type: 'NEXT' });
    expect(ctx()).toMatchObject({ index: 2, status: 'waiting' });
  });

  it('a waitUntil step holds Next until the host says its predicate holds', async () => {
    const { host, actor, ctx } = await start(2);
    actor.send({ type: 'NEXT' });
    expect(ctx().index).toBe(2);
    host.change(() => host.holding.add('hopReached'));
    expect(ctx().status).toBe('done');
    actor.send({ type: 'NEXT' });
    await flush();
    expect(ctx().index).toBe(3);
    // Next onto a set step applies it on top, without restarting the run.
    expect(host.applied.at(-1)).toEqual({
      restart: false,
      setup: expect.objectContaining({
        page: 'compare',
        preset: 'istio-benchmark',
        changes: { mtls: false },
      }),
    });
  });

  it('place your bets: the bet waits for the results, then is judged against the run', async () => {
    const { host, actor, ctx } = await start(4);
    expect(ctx().status).toBe('betting');
    actor.send({ type: 'NEXT' });
    expect(ctx().index).toBe(4); // no skipping the bet
    actor.send({ type: 'BET', answer: { kind: 'ordering', order: ['sc', 'amb'] } });
    expect(ctx().status).toBe('waiting');
    host.change(() => host.holding.add('resultsReady'));
    expect(ctx().status).toBe('waiting'); // results announced but the quantities are not there yet
    host.change(() => {
      host.values.set('addedLatencyP50:sidecar-envoy', 300);
      host.values.set('addedLatencyP50:ambient', 150);
    });
    expect(ctx().status).toBe('done');
    expect(ctx().verdicts.bet).toEqual({ right: false, answer: ['amb', 'sc'] });
    expect(ctx().answers.bet).toEqual({ kind: 'ordering', order: ['sc', 'amb'] });
  });

  it('a check reports pass or fail from measured ratios', async () => {
    const { host, actor, ctx } = await start(5);
    expect(ctx().status).toBe('waiting');
    host.change(() => {
      host.values.set('vcpuPer1000rps:sidecar-envoy', 0.4);
      host.values.set('vcpuPer1000rps:ambient', 0.3);
    });
    expect(ctx().checks.chk).toBe(false); // 1.33 < 1.5
    // A replay restarts the run: results are gone until the new run produces them.
    host.values.clear();
    actor.send({ type: 'REPLAY' });
    await flush();
    expect(ctx().status).toBe('waiting');
    host.change(() => {
      host.values.set('vcpuPer1000rps:sidecar-envoy', 0.4);
      host.values.set('vcpuPer1000rps:ambient', 0.1);
    });
    expect(ctx().checks.chk).toBe(true);
  });

  it('a challenge is judged on the options chosen', async () => {
    const { actor, ctx } = await start(6);
    actor.send({ type: 'ANSWER', options: ['kernel'] });
    expect(ctx().verdicts.ch).toEqual({ right: false, answer: ['sidecar'] });
    expect(ctx().status).toBe('done');
  });

  it('back, deep links and replay re-apply the whole setup up to the step from the seed', async () => {
    const { host, actor, ctx } = await start(6);
    expect(host.applied.at(-1)).toEqual({
      restart: true,
      setup: expect.objectContaining({
        page: 'compare',
        preset: 'istio-benchmark',
        changes: { mtls: false },
        architectures: ['sidecar-envoy', 'ambient'],
        architecture: 'no-mesh',
      }),
    });
    actor.send({ type: 'GOTO', index: 1 });
    await flush();
    expect(ctx().index).toBe(1);
    expect(host.applied.at(-1)).toEqual({
      restart: true,
      setup: expect.objectContaining({ page: 'simulate', preset: 'one-request-slowly', changes: null }),
    });
    actor.send({ type: 'BACK' });
    await flush();
    expect(ctx().index).toBe(0);
    actor.send({ type: 'BACK' });
    expect(ctx().index).toBe(0);
    const before = host.applied.length;
    actor.send({ type: 'REPLAY' });
    await flush();
    expect(host.applied.length).toBe(before + 1);
    expect(host.applied.at(-1)!.restart).toBe(true);
    actor.send({ type: 'GOTO', index: 99 });
    expect(ctx().index).toBe(0);
    expect(ctx().furthest).toBe(6);
  });

  it('a failed setup keeps the step and says why', async () => {
    const { host, actor, ctx } = await start(1);
    host.fail = 'the scenario is unsupported on ambient';
    actor.send({ type: 'GOTO', index: 4 });
    await flush();
    expect(ctx().error).toBe('the scenario is unsupported on ambient');
    expect(actor.getSnapshot().value).toBe('showing');
  });

  it('a deep link past the end starts at the last step', async () => {
    const { ctx } = await start(50);
    expect(ctx().index).toBe(lesson.steps.length - 1);
  });
});

describe('the comparison’s figures before a bet', () => {
  const steps = lesson.steps;
  const placed = { bet: { kind: 'ordering' as const, order: ['sc', 'amb'] } };
  it('are hidden on the bet while it is placed, and on the step that sets up the comparison before it', () => {
    expect(steps[3].type).toBe('set');
    expect(steps[4].type).toBe('predict');
    expect(figuresHidden(steps, 3, 'done', {})).toBe(true);
    expect(figuresHidden(steps, 4, 'betting', {})).toBe(true);
  });
  it('show once the bet is placed (also back on the set step), and on steps no bet follows', () => {
    expect(figuresHidden(steps, 4, 'waiting', placed)).toBe(false);
    expect(figuresHidden(steps, 4, 'done', placed)).toBe(false);
    expect(figuresHidden(steps, 3, 'done', placed)).toBe(false);
    expect(figuresHidden(steps, 5, 'done', placed)).toBe(false);
    // A set step followed by a narration gives nothing away.
    expect(steps[1].type).toBe('narrate');
    expect(figuresHidden(steps, 0, 'done', {})).toBe(false);
  });
});
