import { describe, expect, it } from 'vitest';
import { shippedLessons } from '../../model/shippedLessons';
import { fakeTrace, handClock } from '../../test/simulateHarness';
import { createSimulateSession } from '../simulate/session';
import type { ComparisonSource } from './comparison';
import { createLessonHost } from './host';
import { highlightOf } from './lessonMachine';
import { createLessonRunner } from './runner';

/**
 * A narrate step's highlight reaches the Simulate session through the lesson host (no DOM): the real
 * runner over the real host and session, on lesson 3 (the sidecar), whose narration points at the
 * sidecars, then at the client's netfilter redirect, then at nothing while a wait runs.
 */

const turn = () => new Promise<void>((r) => setImmediate(r));
const never: ComparisonSource = { run: () => new Promise(() => {}) };

describe('lesson highlights in the Simulate session', () => {
  it('each narrate step sets its highlight; the next step clears or replaces it; back restores it', async () => {
    const lesson = shippedLessons().find((l) => l.id === '03-the-sidecar')!;
    const ids = lesson.steps.map((s) => s.id);
    const at = (id: string) => ids.indexOf(id);
    expect(at('idea')).toBe(1);
    const clock = handClock();
    const host = createLessonHost({
      openSimulate: (choices) =>
        createSimulateSession({ trace: fakeTrace().trace, ticker: clock.ticker }, { choices }),
      comparisons: never,
    });
    const runner = createLessonRunner({ lesson, host });
    const showing = async () => {
      for (let i = 0; i < 500 && runner.getSnapshot().value !== 'showing'; i++) await turn();
      expect(runner.getSnapshot().value).toBe('showing');
    };
    const shown = () => host.simulate()!.snapshot().highlight;
    try {
      await showing();
      // Step 1 (a set step) points at nothing.
      expect(shown()).toBeNull();
      runner.next();
      await showing();
      expect(shown()).toEqual({ components: ['sidecar'] });
      runner.next();
      await showing();
      expect(shown()).toEqual({ hops: [{ hopKind: 'nf.pass', side: 'client' }] });
      expect(shown()).toEqual(highlightOf(lesson.steps[at('redirect')]));
      // A set step (the camera turns to follow the packet) names nothing: the highlight is cleared.
      runner.next();
      await showing();
      expect(runner.getSnapshot().context.index).toBe(at('follow'));
      expect(shown()).toBeNull();
      // Back (a restart from the seed) shows the redirect's highlight again.
      runner.back();
      await showing();
      expect(runner.getSnapshot().context.index).toBe(at('redirect'));
      expect(shown()).toEqual({ hops: [{ hopKind: 'nf.pass', side: 'client' }] });
      // A wait step names nothing either.
      runner.goto(at('client-sidecar'));
      await showing();
      expect(shown()).toBeNull();
      // A deep link straight to a narrate step sets it too.
      runner.goto(at('server-sidecar'));
      await showing();
      expect(shown()).toEqual({ hops: [{ hopKind: 'proxy.l7', side: 'server', actor: 'sidecar' }] });
    } finally {
      runner.dispose();
      host.dispose();
    }
  });

  it('a highlight given before the Simulate session opens reaches it when it opens', async () => {
    const lesson = shippedLessons().find((l) => l.id === '03-the-sidecar')!;
    const clock = handClock();
    const host = createLessonHost({
      openSimulate: (choices) =>
        createSimulateSession({ trace: fakeTrace().trace, ticker: clock.ticker }, { choices }),
      comparisons: never,
    });
    // Started on a deep link to the first narration: the entry sets the highlight before the setup opens the session.
    const runner = createLessonRunner({ lesson, host, startAt: 1 });
    try {
      for (let i = 0; i < 500 && runner.getSnapshot().value !== 'showing'; i++) await turn();
      expect(host.simulate()!.snapshot().highlight).toEqual({ components: ['sidecar'] });
    } finally {
      runner.dispose();
      host.dispose();
    }
  });
});
