import type { LoadedLesson } from '../../model/lessons';
import { renderPlain } from '../../model/lessonText';
import type { LessonProgress } from '../../machines/lesson/progress';

/**
 * The course page (#/lessons): every lesson with its length, level, objectives and the learner's
 * progress. Lessons are data (lessons/<NN-slug>); the words come from each lesson's text.md.
 */

/** A lesson string as plain words: terms shown as their words, figures from a run not yet known. */
const plain = (l: LoadedLesson, id: string) => renderPlain(l.text[id] ?? '', () => null);

function progressText(p: LessonProgress | null, steps: number): string {
  if (!p) return 'Not started';
  if (p.completed) return 'Completed';
  return `Reached step ${p.furthest + 1} of ${steps}`;
}

export function CoursePage({
  lessons,
  progressOf,
  problem,
}: {
  lessons: readonly LoadedLesson[];
  progressOf: (id: string) => LessonProgress | null;
  /** Why saved progress could not be read, if it could not. */
  problem?: string | null;
}) {
  return (
    <main className="course">
      <h1>Lessons</h1>
      <p className="lead">
        A course in {lessons.length} short lessons: what a service mesh does for a call, what each design
        costs, and how to measure it honestly. Each lesson drives the simulator, asks you to predict before it
        runs, and ends with something to try. Figures come from the run, not from the text.
      </p>
      {problem && (
        <p role="alert" className="notice">
          {problem}
        </p>
      )}
      <ol className="course-list" data-testid="course-list">
        {lessons.map((l) => {
          const p = progressOf(l.id);
          return (
            <li key={l.id} data-lesson={l.id}>
              <h2>{plain(l, l.title)}</h2>
              <p className="course-meta">
                <span>{l.minutes} min</span> · <span>{l.level}</span> ·{' '}
                <span data-testid="lesson-progress">{progressText(p, l.steps.length)}</span>
              </p>
              <p>{plain(l, l.summary)}</p>
              <p className="course-open">
                {/* The lesson alone resumes where this browser left off; the step is in the address after that. */}
                <a href={`#/lesson/${l.id}`} data-testid="open-lesson">
                  {p ? (p.completed ? 'Take it again' : 'Continue') : 'Start'}
                  <span className="sr-only">: {plain(l, l.title)}</span>
                </a>
                {' · '}
                <a href={`#/lesson/${l.id}/handout`} data-testid="open-handout">
                  Handout
                  <span className="sr-only">: {plain(l, l.title)}</span>
                </a>
              </p>
              <h3 className="sr-only">Objectives</h3>
              <ul className="course-objectives" aria-label={`Objectives of ${plain(l, l.title)}`}>
                {l.objectives.map((o) => (
                  <li key={o}>{plain(l, o)}</li>
                ))}
              </ul>
            </li>
          );
        })}
      </ol>
    </main>
  );
}
