import { createActor, type SnapshotFrom } from 'xstate';
import type { Lesson } from '../../model/lesson';
import type { BetAnswer } from './evaluate';
import type { LessonStage } from './host';
import { lessonMachine, type LessonContext } from './lessonMachine';
import type { ProgressStore } from './progress';
import { isTracePredicate } from './tracePredicates';

/**
 * A lesson being taken: the lesson machine over a host, plus what the runner does with playback so a
 * step that waits on the simulation is not a dead end — entering a wait plays the run and pauses it
 * where the awaited event happened (the picture stops there, e.g. on the first packet entering the
 * sidecar); a challenge plays to the hop it asks about and stops the packet there. Beyond that the
 * learner steers playback. Progress (step shown, furthest, bets) is saved as it changes.
 */

export type LessonSnapshot = SnapshotFrom<typeof lessonMachine>;

export interface LessonRunnerInput {
  lesson: Lesson;
  host: LessonStage;
  startAt?: number;
  answers?: Record<string, BetAnswer>;
  progress?: ProgressStore | null;
}

export type LessonRunner = ReturnType<typeof createLessonRunner>;

export function createLessonRunner(input: LessonRunnerInput) {
  const { lesson, host, progress } = input;
  const actor = createActor(lessonMachine, {
    input: { lesson, host, startAt: input.startAt, answers: input.answers },
  });

  // Which entry of a step the playback policy has acted on: a step is entered anew by moving to it or
  // by a restart (replay, back, deep link), each time from 'fresh'.
  let entered: { index: number; phase: 'fresh' | 'playing' | 'done' } | null = null;
  let lastValue: unknown = null;
  let savedIndex = -1;
  let savedAnswers: Record<string, BetAnswer> = input.answers ?? {};

  const policy = () => {
    const snap = actor.getSnapshot();
    if (snap.status !== 'active') return;
    const ctx: LessonContext = snap.context;
    if (snap.value !== 'showing') {
      lastValue = snap.value;
      entered = null;
      return;
    }
    if (!entered || entered.index !== ctx.index || lastValue !== 'showing')
      entered = { index: ctx.index, phase: 'fresh' };
    lastValue = snap.value;
    const step = lesson.steps[ctx.index];
    if (step.type === 'waitUntil' && isTracePredicate(step.until)) {
      if (entered.phase === 'fresh' && ctx.status === 'waiting') {
        entered.phase = 'playing';
        host.play();
      } else if (entered.phase === 'playing' && ctx.status === 'done') {
        entered.phase = 'done';
        host.stopAt(step.until);
      }
    } else if (step.type === 'challenge' && host.setup()?.page === 'simulate') {
      const at = { kind: 'hopReached' as const, hop: step.on, request: 1 };
      if (entered.phase === 'fresh') {
        entered.phase = host.holds(at) ? 'done' : 'playing';
        if (entered.phase === 'playing') host.play();
      } else if (entered.phase === 'playing' && host.holds(at)) {
        entered.phase = 'done';
        host.stopAt(at);
      }
    }
    save(ctx);
  };

  const save = (ctx: LessonContext) => {
    if (!progress) return;
    if (ctx.index !== savedIndex) {
      savedIndex = ctx.index;
      progress.visit(lesson.id, ctx.index, lesson.steps.length - 1);
    }
    if (ctx.answers !== savedAnswers) {
      for (const [stepId, a] of Object.entries(ctx.answers))
        if (savedAnswers[stepId] !== a) progress.bet(lesson.id, stepId, a);
      savedAnswers = ctx.answers;
    }
  };

  const subs = [actor.subscribe(policy)];
  const offHost = host.subscribe(policy);
  actor.start();
  policy();

  return {
    lesson,
    host,
    actor,
    getSnapshot: () => actor.getSnapshot(),
    subscribe(fn: () => void): () => void {
      const sub = actor.subscribe(fn);
      return () => sub.unsubscribe();
    },
    next: () => actor.send({ type: 'NEXT' }),
    back: () => actor.send({ type: 'BACK' }),
    goto: (index: number) => actor.send({ type: 'GOTO', index }),
    replay: () => actor.send({ type: 'REPLAY' }),
    bet: (answer: BetAnswer) => actor.send({ type: 'BET', answer }),
    answer: (options: string[]) => actor.send({ type: 'ANSWER', options }),
    dispose() {
      subs.forEach((s) => s.unsubscribe());
      offHost();
      actor.stop();
    },
  };
}
