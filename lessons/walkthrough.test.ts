import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { engineComparisons } from '../src/app/lessonComparisons';
import { createLessonHost } from '../src/machines/lesson/host';
import {
  LessonReferenceSchema,
  referenceProblems,
  type LessonReference,
} from '../src/machines/lesson/reference';
import { highlightOf } from '../src/machines/lesson/lessonMachine';
import { createLessonRunner } from '../src/machines/lesson/runner';
import { isTracePredicate } from '../src/machines/lesson/tracePredicates';
import { createSimulateSession } from '../src/machines/simulate/session';
import type { Lesson, Predicate } from '../src/model/lesson';
import { shippedLessonContext } from '../src/model/lessonContext';
import { validateLesson } from '../src/model/lessons';
import { shippedLessons } from '../src/model/shippedLessons';
import { exampleLesson } from '../scripts/checkLessons';
import { fakeTrace, handClock } from '../src/test/simulateHarness';

/**
 * Headless reference walk-throughs (the learnGitBranching pattern): every shipped lesson taken from
 * its first step to its sandbox by the real runner, over the real Simulate session (trace sessions in
 * this process, a clock advanced 16 ms per frame by hand) and comparisons by the engine itself, with
 * the answers of lessons/<id>/reference.json. Every wait must come to hold within a bounded number of
 * frames — and not hold already on entry, or it would show nothing; every check must hold; every
 * reference answer must be judged right.
 */

const FRAME_MS = 16;
/** Frames a wait on the trace may take (at the lesson's own speed), ≈ 3 minutes on screen. */
const MAX_FRAMES = 12_000;
/** Turns of the event loop a wait on results may take (comparisons run in this thread). */
const MAX_TURNS = 2_000;

const turn = () => new Promise<void>((r) => setImmediate(r));

function referenceOf(lesson: Lesson, folder = join(import.meta.dirname, lesson.id)): LessonReference {
  const file = join(folder, 'reference.json');
  const ref = LessonReferenceSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  expect(referenceProblems(lesson, ref, file)).toEqual([]);
  return ref;
}

interface Walk {
  /** Frames each trace wait took, by step id. */
  frames: Record<string, number>;
  /** Measured values behind checks and bets, for the report when one fails. */
  seen: string[];
}

async function walk(lesson: Lesson, ref: LessonReference): Promise<Walk> {
  const clock = handClock();
  const comparisons = engineComparisons();
  const host = createLessonHost({
    openSimulate: (choices) =>
      createSimulateSession({ trace: fakeTrace().trace, ticker: clock.ticker }, { choices }),
    comparisons,
  });
  const runner = createLessonRunner({ lesson, host });
  const out: Walk = { frames: {}, seen: [] };
  const snap = () => runner.getSnapshot();
  const where = () =>
    `${lesson.id} step ${snap().context.index + 1} (${lesson.steps[snap().context.index].id})`;

  /** Lets the machine settle: applying a setup opens traces and may start comparisons. */
  const showing = async () => {
    for (let i = 0; i < MAX_TURNS && snap().value !== 'showing'; i++) await turn();
    expect(snap().value, where()).toBe('showing');
    expect(snap().context.error, where()).toBeNull();
  };
  /** Plays frames until `done` — or fails after MAX_FRAMES — and returns how many it took. */
  const frames = async (done: () => boolean, what: string): Promise<number> => {
    let n = 0;
    while (!done()) {
      if (++n > MAX_FRAMES) throw new Error(`${where()}: ${what} did not happen within ${MAX_FRAMES} frames`);
      clock.tickBy(FRAME_MS);
      // Chunks and request records arrive asynchronously, as from a worker.
      await turn();
    }
    return n;
  };
  const turns = async (done: () => boolean, what: string) => {
    for (let i = 0; i < MAX_TURNS && !done(); i++) await turn();
    if (!done()) throw new Error(`${where()}: ${what} did not happen within ${MAX_TURNS} turns`);
  };

  try {
    await showing();
    await steps();
  } finally {
    runner.dispose();
    host.dispose();
  }
  return out;

  async function steps() {
    for (let index = 0; index < lesson.steps.length; index++) {
      const step = lesson.steps[index];
      expect(snap().context.index, where()).toBe(index);
      // What the narration points at is on the picture (and nothing is, on any other step).
      const sim = host.simulate();
      if (sim) expect(sim.snapshot().highlight, where()).toEqual(highlightOf(step));
      const status = () => snap().context.status;
      switch (step.type) {
        case 'waitUntil': {
          if (isTracePredicate(step.until)) {
            expect(host.holds(step.until), `${where()}: holds already on entry`).toBe(false);
            out.frames[step.id] = await frames(() => status() === 'done', said(step.until));
            // The runner stops the picture where the event happened.
            await turn();
            expect(host.simulate()!.snapshot().playing, where()).toBe(false);
          } else await turns(() => status() === 'done', said(step.until));
          break;
        }
        case 'challenge': {
          const at: Predicate = { kind: 'hopReached', hop: step.on, request: 1 };
          out.frames[step.id] = await frames(
            () => host.holds(at),
            `the packet reaching ${JSON.stringify(step.on)}`,
          );
          const a = ref.answers[step.id];
          runner.answer(a.kind === 'challenge' ? a.options : []);
          expect(snap().context.verdicts[step.id]?.right, where()).toBe(true);
          break;
        }
        case 'predict': {
          const a = ref.answers[step.id];
          expect(a.kind, where()).not.toBe('challenge');
          runner.bet(a as Exclude<typeof a, { kind: 'challenge' }>);
          await turns(() => status() === 'done', 'the reveal');
          const v = snap().context.verdicts[step.id];
          out.seen.push(`${step.id}: bet ${JSON.stringify(a)}, run says ${JSON.stringify(v?.answer)}`);
          expect(v?.right, `${where()}: ${out.seen.at(-1)}`).toBe(true);
          break;
        }
        case 'check': {
          await turns(() => status() === 'done', 'the results');
          const q = step.condition;
          const values = (
            q.kind === 'ascending' ? q.values : q.kind === 'ratio' ? [q.numerator, q.denominator] : [q.value]
          ).map(
            (x) => `${x.metric}:${x.architecture}${x.component ? `:${x.component}` : ''}=${host.measure(x)}`,
          );
          out.seen.push(`${step.id}: ${values.join(', ')}`);
          expect(snap().context.checks[step.id], `${where()}: ${out.seen.at(-1)}`).toBe(true);
          break;
        }
        default:
          expect(status(), where()).toBe('done');
      }
      if (index < lesson.steps.length - 1) {
        runner.next();
        await showing();
      }
    }
    expect(lesson.steps[snap().context.index].type).toBe('sandbox');
  }
}

const said = (p: Predicate) => JSON.stringify(p);

const lessons = shippedLessons();
const walks: Record<string, Walk> = {};

describe('every shipped lesson, replayed with its reference solution', () => {
  for (const lesson of lessons)
    it(`${lesson.id}`, async () => {
      walks[lesson.id] = await walk(lesson, referenceOf(lesson));
    });

  it("the authoring guide's example lesson", async () => {
    const root = join(import.meta.dirname, '..');
    const example = validateLesson(exampleLesson(root), shippedLessonContext()).lesson!;
    await walk(example, referenceOf(example, join(root, 'docs', 'example-lesson')));
  });

  it('catches a wrong reference answer and a wait that could never end', async () => {
    const first = lessons.find((l) => l.id === '01-what-a-mesh-does')!;
    const wrong = structuredClone(referenceOf(first));
    wrong.answers['bet-hops'] = { kind: 'number', value: 4 };
    await expect(walk(first, wrong)).rejects.toThrow(/bet-hops: bet .* run says 2/);
    // Lesson 5 as first written: Cilium's connect-time socket LB runs only on a new connection, and the
    // preset reuses its connection, so the wait for it never ended.
    const ebpf = lessons.find((l) => l.id === '05-sidecar-less-ebpf')!;
    const reused = structuredClone(ebpf);
    const start = reused.steps[0];
    if (start.type === 'set' && start.scenario) delete start.scenario.changes;
    await expect(walk(reused, referenceOf(ebpf))).rejects.toThrow(/socket-lb.*did not happen within/);
  });

  afterAll(() => {
    // What the walk-throughs saw, for whoever tunes a lesson's tolerances.
    if (process.env.LESSON_REPORT) console.log(JSON.stringify(walks, null, 2));
  });
});
