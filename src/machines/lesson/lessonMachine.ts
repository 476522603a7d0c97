import { assign, fromCallback, fromPromise, setup } from 'xstate';
import type { Highlight, Lesson, Predicate, Quantity, Step } from '../../model/lesson';
import { holds, judge, type BetAnswer, type Verdict } from './evaluate';
import { hostSetupAt, type HostSetup } from './setup';

/**
 * The lesson runner's pure part: which step is shown, whether it may be left, and what the learner
 * answered. It drives the page sessions only through `LessonHost`, which the Simulate and Compare
 * sessions implement, so tests run a lesson headlessly with a fake host.
 *
 * Entering a step by Next applies that step's setting (if it is a set step). Entering it any other
 * way — back, a deep link, replay — applies the setup every set step up to it adds up to, restarting
 * the run from its seed, so the step looks exactly as when first reached.
 */

export interface LessonHost {
  /** Show what `setup` describes; `restart` starts the run again from its seed. Rejects with a readable reason. */
  apply(setup: HostSetup, opts: { restart: boolean }): Promise<void>;
  /** Whether a predicate holds on the sessions' current state. */
  holds(p: Predicate): boolean;
  /** A measured quantity from the current results, or null while the run has not produced it. */
  measure(q: Quantity): number | null;
  /** Calls `listener` when the sessions' state changes (the clock moves, results arrive). */
  subscribe(listener: () => void): () => void;
  /** Point the picture at what the current narration names (null: the step names nothing). */
  highlight?(h: Highlight | null): void;
}

/** What a step points at on the picture: a narrate step's highlight; nothing for any other step. */
export const highlightOf = (step: Step | undefined): Highlight | null =>
  step?.type === 'narrate' ? (step.highlight ?? null) : null;

/**
 * Where the current step stands: `waiting` for its predicate (waitUntil, a predict's reveal after the
 * bet, a check's results), `betting`/`answering` for the learner, `done` when Next may leave it.
 */
export type StepStatus = 'waiting' | 'betting' | 'answering' | 'done';

/**
 * Whether the comparison's figures stay hidden at step `index`: while its bet is being placed, and on
 * the step that sets up the comparison a bet comes next about (showing them there gives the answer
 * away). Once the bet is placed — Back to the set step, say — they show.
 */
export function figuresHidden(
  steps: readonly Step[],
  index: number,
  status: StepStatus,
  answers: Record<string, BetAnswer>,
): boolean {
  const step = steps[index];
  if (step?.type === 'predict') return status === 'betting';
  const next = steps[index + 1];
  return step?.type === 'set' && next?.type === 'predict' && !answers[next.id];
}

export interface LessonContext {
  lesson: Lesson;
  host: LessonHost;
  index: number;
  status: StepStatus;
  /** Bets and challenge answers by step id, kept across back and replay. */
  answers: Record<string, BetAnswer>;
  /** Predict and challenge verdicts, check outcomes, by step id. */
  verdicts: Record<string, Verdict>;
  checks: Record<string, boolean>;
  /** Highest step index reached. */
  furthest: number;
  /** Why the last setup failed (the previous state is kept). */
  error: string | null;
}

export type LessonEvent =
  | { type: 'NEXT' }
  | { type: 'BACK' }
  | { type: 'GOTO'; index: number }
  | { type: 'REPLAY' }
  | { type: 'BET'; answer: BetAnswer }
  | { type: 'ANSWER'; options: string[] }
  | { type: 'HOST_CHANGED' };

export interface LessonInput {
  lesson: Lesson;
  host: LessonHost;
  /** Start here (a deep link or saved progress); clamped to the lesson. */
  startAt?: number;
  answers?: Record<string, BetAnswer>;
}

const clampIndex = (lesson: Lesson, i: number) =>
  Math.max(0, Math.min(lesson.steps.length - 1, Math.floor(i)));

/** The status a step starts in. */
function initialStatus(step: Step, answers: Record<string, BetAnswer>): StepStatus {
  switch (step.type) {
    case 'waitUntil':
    case 'check':
      return 'waiting';
    case 'predict':
      return answers[step.id] ? 'waiting' : 'betting';
    case 'challenge':
      return 'answering';
    default:
      return 'done';
  }
}

/** Re-evaluates a waiting step against the host: a predicate holding, or results to judge. */
function settle(ctx: LessonContext): Partial<LessonContext> {
  const step = ctx.lesson.steps[ctx.index];
  if (ctx.status !== 'waiting') return {};
  const measure = (q: Quantity) => ctx.host.measure(q);
  if (step.type === 'waitUntil') return ctx.host.holds(step.until) ? { status: 'done' } : {};
  if (step.type === 'check') {
    const h = holds(step.condition, measure);
    return h === 'pending' ? {} : { status: 'done', checks: { ...ctx.checks, [step.id]: h } };
  }
  if (step.type === 'predict') {
    const answer = ctx.answers[step.id];
    if (!answer || !ctx.host.holds(step.reveal)) return {};
    const v = judge(step.bet, answer, measure);
    return v === 'pending' ? {} : { status: 'done', verdicts: { ...ctx.verdicts, [step.id]: v } };
  }
  return {};
}

export const lessonMachine = setup({
  types: {
    context: {} as LessonContext,
    events: {} as LessonEvent,
    input: {} as LessonInput,
  },
  actors: {
    applySetup: fromPromise<void, { host: LessonHost; setup: HostSetup; restart: boolean }>(({ input }) =>
      input.host.apply(input.setup, { restart: input.restart }),
    ),
    watchHost: fromCallback<LessonEvent, { host: LessonHost }>(({ input, sendBack }) =>
      input.host.subscribe(() => sendBack({ type: 'HOST_CHANGED' })),
    ),
  },
  guards: {
    canAdvance: ({ context }) => context.status === 'done' && context.index < context.lesson.steps.length - 1,
    canGoBack: ({ context }) => context.index > 0,
    validGoto: ({ context, event }) =>
      event.type === 'GOTO' &&
      Number.isInteger(event.index) &&
      event.index >= 0 &&
      event.index < context.lesson.steps.length,
    betting: ({ context }) => context.status === 'betting',
    answering: ({ context }) => context.status === 'answering',
  },
  actions: {
    enter: assign(({ context }, params: { index: number }) => {
      const step = context.lesson.steps[params.index];
      return {
        index: params.index,
        status: initialStatus(step, context.answers),
        furthest: Math.max(context.furthest, params.index),
        error: null,
      };
    }),
    settle: assign(({ context }) => settle(context)),
    // Entering a step sets its highlight, which also clears the previous step's.
    point: ({ context }) => context.host.highlight?.(highlightOf(context.lesson.steps[context.index])),
  },
}).createMachine({
  id: 'lesson',
  context: ({ input }) => {
    const index = clampIndex(input.lesson, input.startAt ?? 0);
    const answers = input.answers ?? {};
    return {
      lesson: input.lesson,
      host: input.host,
      index,
      status: initialStatus(input.lesson.steps[index], answers),
      answers,
      verdicts: {},
      checks: {},
      furthest: index,
      error: null,
    };
  },
  // Every start is a jump: the setup of all set steps up to the start, from the seed.
  initial: 'restarting',
  entry: 'point',
  invoke: { src: 'watchHost', input: ({ context }) => ({ host: context.host }) },
  states: {
    /** Applying the whole setup up to the current step, restarting the run (start, back, deep link, replay). */
    restarting: {
      invoke: {
        src: 'applySetup',
        input: ({ context }) => ({
          host: context.host,
          setup: hostSetupAt(context.lesson, context.index),
          restart: true,
        }),
        onDone: { target: 'showing', actions: 'settle' },
        onError: {
          target: 'showing',
          actions: assign({ error: ({ event }) => String((event.error as Error)?.message ?? event.error) }),
        },
      },
    },
    /** Applying the next step's setting on top of what is shown (Next onto a set step). */
    advancing: {
      invoke: {
        src: 'applySetup',
        input: ({ context }) => ({
          host: context.host,
          setup: hostSetupAt(context.lesson, context.index),
          restart: false,
        }),
        onDone: { target: 'showing', actions: 'settle' },
        onError: {
          target: 'showing',
          actions: assign({ error: ({ event }) => String((event.error as Error)?.message ?? event.error) }),
        },
      },
    },
    showing: {
      on: {
        HOST_CHANGED: { actions: 'settle' },
        NEXT: [
          {
            guard: ({ context }) =>
              context.status === 'done' && context.lesson.steps[context.index + 1]?.type === 'set',
            target: 'advancing',
            actions: [{ type: 'enter', params: ({ context }) => ({ index: context.index + 1 }) }, 'point'],
          },
          {
            guard: 'canAdvance',
            actions: [
              { type: 'enter', params: ({ context }) => ({ index: context.index + 1 }) },
              'point',
              'settle',
            ],
          },
        ],
        BACK: {
          guard: 'canGoBack',
          target: 'restarting',
          actions: [{ type: 'enter', params: ({ context }) => ({ index: context.index - 1 }) }, 'point'],
        },
        GOTO: {
          guard: 'validGoto',
          target: 'restarting',
          actions: [
            { type: 'enter', params: ({ event }) => ({ index: (event as { index: number }).index }) },
            'point',
          ],
        },
        REPLAY: {
          target: 'restarting',
          // A replayed predict asks for the bet again; the earlier one stays stored until replaced.
          actions: assign(({ context }) => ({
            status: initialStatus(context.lesson.steps[context.index], {}),
            error: null,
          })),
        },
        BET: {
          guard: 'betting',
          actions: [
            assign(({ context, event }) => {
              const step = context.lesson.steps[context.index];
              if (event.type !== 'BET' || step.type !== 'predict' || event.answer.kind !== step.bet.kind)
                return {};
              return { answers: { ...context.answers, [step.id]: event.answer }, status: 'waiting' as const };
            }),
            'settle',
          ],
        },
        ANSWER: {
          guard: 'answering',
          actions: assign(({ context, event }) => {
            const step = context.lesson.steps[context.index];
            if (event.type !== 'ANSWER' || step.type !== 'challenge') return {};
            const chosen = [...new Set(event.options)].sort();
            const right = [...step.correct].sort();
            const verdict: Verdict = {
              right: chosen.length === right.length && chosen.every((c, i) => c === right[i]),
              answer: right,
            };
            return { status: 'done' as const, verdicts: { ...context.verdicts, [step.id]: verdict } };
          }),
        },
      },
    },
  },
});

export type LessonMachine = typeof lessonMachine;
