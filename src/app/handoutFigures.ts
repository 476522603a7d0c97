import { createLessonHost, type LessonStage } from '../machines/lesson/host';
import type { ComparisonSource, LessonComparison } from '../machines/lesson/comparison';
import type { LoadedLesson } from '../model/lessons';
import { handoutRuns, type HandoutFigures, type HandoutRun } from '../ui/lessons/handout';

/**
 * The handout's figures: one lesson host per distinct comparison of the lesson (the runner's host, on
 * the Compare page, so no scene opens), all over one comparison source that runs each scenario once
 * and counts the runs still going, so a missing figure can say "not computed yet" rather than nothing.
 */
export interface HandoutSession extends HandoutFigures {
  runs: HandoutRun[];
  stepRun: number[];
  /** Applies every run's setup on its host: the comparisons start. */
  start(): void;
  dispose(): void;
}

export function createHandoutSession(lesson: LoadedLesson, source: ComparisonSource): HandoutSession {
  const { runs, stepRun } = handoutRuns(lesson);
  let pending = 0;
  const once = new Map<string, Promise<LessonComparison>>();
  const counted: ComparisonSource = {
    run(scenario, architectures) {
      const key = JSON.stringify([scenario, architectures]);
      let p = once.get(key);
      if (!p) {
        pending++;
        // Counted down before the host hears of the result, so its listeners read the new count.
        p = source.run(scenario, architectures).then(
          (r) => (pending--, r),
          (e: unknown) => {
            pending--;
            throw e;
          },
        );
        once.set(key, p);
      }
      return p;
    },
  };
  const hosts: LessonStage[] = runs.map(() =>
    createLessonHost({
      openSimulate: () => {
        throw new Error('the handout shows no scene');
      },
      comparisons: counted,
    }),
  );
  return {
    runs,
    stepRun,
    start() {
      // A setup that cannot run shows its reason in the run's table (the host keeps the error).
      runs.forEach((r, i) => void hosts[i].apply(r.setup, { restart: false }).catch(() => undefined));
    },
    measure: (step, q) => (stepRun[step] >= 0 ? hosts[stepRun[step]].measure(q) : null),
    comparison: (run) => hosts[run].comparison(),
    pending: () => pending,
    subscribe(listener) {
      const offs = hosts.map((h) => h.subscribe(listener));
      return () => offs.forEach((off) => off());
    },
    version: () => hosts.reduce((n, h) => n + h.resultsVersion(), 0),
    dispose: () => hosts.forEach((h) => h.dispose()),
  };
}
