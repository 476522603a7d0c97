import { useSelector } from '@xstate/react';
import { useEffect, useMemo, useRef, useSyncExternalStore, type ReactNode } from 'react';
import type { LessonStage } from '../../machines/lesson/host';
import type { LessonRunner } from '../../machines/lesson/runner';
import { lessonLink } from '../../machines/lesson/setup';
import type { Quantity } from '../../model/lesson';
import type { LoadedLesson } from '../../model/lessons';
import { isMetric, type Placeholder } from '../../model/lessonText';
import { formatMetric } from './figures';
import { InlineText, type TextContext } from './LessonText';
import { LessonPlay } from './LessonPlay';
import { PointerSpot, PresenterTools, SpeakerNotes, usePresenter } from './Presenter';
import { StepBody, STEP_LABELS, type StepBodyProps } from './StepBody';
import './lessons.css';

/**
 * A lesson being taken (#/lesson/<id>/<step>): the step's words beside the simulation it drives, and
 * Back / Replay step / Next. Keys for presenters' remotes and keyboards: → Page Down Space "." next,
 * ← Page Up back — except while a form field has focus (a slider or a radio group uses arrows itself),
 * and Space on a button presses the button. Presenter mode (Presenter.tsx: "p", Escape to leave) lays
 * the same page out for a projector and adds speaker notes and a pointer.
 */

export interface LessonPageProps {
  lesson: LoadedLesson;
  runner: LessonRunner;
  host: LessonStage;
  /** The picture for the current step (the scene and its playback, or the comparison), composed by the app. */
  picture: ReactNode;
  ctx: Omit<TextContext, 'figure'>;
  names: StepBodyProps['names'];
  citations: StepBodyProps['citations'];
  /** Why saved progress could not be read, if it could not. */
  problem?: string | null;
  /** Presenter mode (the app keeps it in the address: `?present=1`). */
  presenting?: boolean;
  onPresenting?: (on: boolean) => void;
  /** Where the sandbox opens the lesson's scenario (null: the pages as they are). */
  sandbox?: { compare: string; simulate: string } | null;
}

const ignore = () => undefined;

const NEXT_KEYS = new Set(['ArrowRight', 'PageDown', ' ', '.']);
const BACK_KEYS = new Set(['ArrowLeft', 'PageUp']);

/** Whether a key press belongs to the element that has focus rather than to the lesson. */
function ownKey(e: KeyboardEvent): boolean {
  const t = e.target as HTMLElement | null;
  if (!t || !t.tagName) return false;
  const tag = t.tagName.toLowerCase();
  if (tag === 'input' || tag === 'select' || tag === 'textarea' || t.isContentEditable) return true;
  // Space and Enter press a focused button or link; arrows do nothing there, so they step the lesson.
  if ((tag === 'button' || tag === 'a' || tag === 'summary') && (e.key === ' ' || e.key === 'Enter'))
    return true;
  return t.closest('[role="dialog"]') !== null && e.key !== 'PageDown' && e.key !== 'PageUp';
}

export function LessonPage(props: LessonPageProps) {
  const { lesson, runner, host } = props;
  const view = useSelector(
    runner.actor,
    (s) => ({
      value: s.value as string,
      index: s.context.index,
      status: s.context.status,
      answers: s.context.answers,
      verdicts: s.context.verdicts,
      checks: s.context.checks,
      error: s.context.error,
      furthest: s.context.furthest,
    }),
    (a, b) =>
      a.value === b.value &&
      a.index === b.index &&
      a.status === b.status &&
      a.answers === b.answers &&
      a.verdicts === b.verdicts &&
      a.checks === b.checks &&
      a.error === b.error &&
      a.furthest === b.furthest,
  );
  // Results arriving re-render the figures; playback frames do not.
  useSyncExternalStore(host.subscribe, host.resultsVersion);

  const text = (id: string) => lesson.text[id] ?? '';
  const measure = (q: Quantity) => host.measure(q);
  const figure = (p: Placeholder) => {
    if (!isMetric(p.metric)) return null;
    const v = host.measure({
      metric: p.metric,
      architecture: p.architecture as Quantity['architecture'],
      component: p.component as Quantity['component'],
    });
    return v === null ? null : formatMetric(p.metric, v);
  };
  const ctx: TextContext = { ...props.ctx, figure };

  const step = lesson.steps[view.index];
  const last = lesson.steps.length - 1;
  const busy = view.value !== 'showing';
  const canNext = !busy && view.status === 'done' && view.index < last;
  const canBack = !busy && view.index > 0;
  const heading = useRef<HTMLHeadingElement>(null);
  const presenting = props.presenting ?? false;
  const onPresenting = props.onPresenting ?? ignore;
  const presenter = usePresenter(presenting, onPresenting);

  // Keys: attached once; they read the runner, not render-time values.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || ownKey(e)) return;
      if (NEXT_KEYS.has(e.key)) {
        e.preventDefault();
        runner.next();
      } else if (BACK_KEYS.has(e.key)) {
        e.preventDefault();
        runner.back();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [runner]);

  // A new step: focus its heading unless focus sits on a control that is still there (Next, Back).
  const shown = useRef(view.index);
  useEffect(() => {
    if (shown.current === view.index) return;
    shown.current = view.index;
    const a = document.activeElement;
    if (!a || a === document.body || !a.isConnected || !a.closest('.lesson-controls'))
      heading.current?.focus();
  }, [view.index]);

  const waitingWhy = useMemo(() => {
    if (busy) return 'Setting up the step…';
    if (view.status === 'betting') return 'Place your bet to go on.';
    if (view.status === 'answering') return 'Answer to go on.';
    if (view.status === 'waiting') return step.type === 'predict' ? 'Waiting for the run…' : 'Waiting…';
    return view.index === last ? 'This is the end of the lesson.' : '';
  }, [busy, view.status, view.index, last, step.type]);

  return (
    <main
      className={presenting ? 'lesson presenter' : 'lesson'}
      data-testid="lesson-page"
      data-lesson={lesson.id}
      data-presenting={presenting}
    >
      <header className="lesson-header">
        <p className="lesson-crumbs">
          <a href="#/lessons">All lessons</a>
        </p>
        <h1>
          <InlineText text={text(lesson.title)} ctx={ctx} />
        </h1>
        <p className="lesson-position" data-testid="lesson-position">
          Step {view.index + 1} of {lesson.steps.length}
        </p>
        <progress max={lesson.steps.length} value={view.index + 1} aria-label="Position in the lesson" />
        {props.problem && (
          <p role="alert" className="notice">
            {props.problem}
          </p>
        )}
      </header>
      <div className="lesson-layout">
        <section
          className="lesson-step"
          aria-labelledby="lesson-step-heading"
          data-testid="lesson-step"
          data-step={step.id}
          data-status={busy ? 'setting-up' : view.status}
        >
          <h2 id="lesson-step-heading" ref={heading} tabIndex={-1}>
            {STEP_LABELS[step.type]}
          </h2>
          {view.error && (
            <p role="alert" className="notice" data-testid="lesson-error">
              This step could not be set up: {view.error}
            </p>
          )}
          <StepBody
            step={step}
            status={view.status}
            answers={view.answers}
            verdicts={view.verdicts}
            checks={view.checks}
            text={text}
            ctx={ctx}
            measure={measure}
            names={props.names}
            citations={props.citations}
            onBet={runner.bet}
            onAnswer={runner.answer}
          />
          {presenting && presenter.notes && (
            <SpeakerNotes text={step.notes ? text(step.notes) : null} ctx={ctx} />
          )}
          {step.type === 'sandbox' && <SandboxLinks links={props.sandbox ?? null} />}
        </section>
        <section className="lesson-stage" aria-label="Simulation" data-testid="lesson-stage">
          {props.picture}
        </section>
      </div>
      <nav className="lesson-controls" aria-label="Lesson steps">
        <button type="button" onClick={runner.back} disabled={!canBack} aria-keyshortcuts="ArrowLeft PageUp">
          Back
        </button>
        <button type="button" onClick={runner.replay} disabled={busy}>
          Replay step
        </button>
        <button
          type="button"
          className="primary"
          onClick={runner.next}
          disabled={!canNext}
          aria-keyshortcuts="ArrowRight PageDown Space"
          data-testid="lesson-next"
        >
          Next
        </button>
        <LessonPlay host={host} />
        <span className="lesson-why" role="status" data-testid="lesson-why">
          {waitingWhy}
        </span>
        <a className="lesson-link" href={lessonLink(lesson.id, view.index)}>
          Link to this step
        </a>
        <a href={`#/lesson/${lesson.id}/handout`} data-testid="lesson-handout">
          Handout
        </a>
        <PresenterTools
          presenting={presenting}
          onPresenting={onPresenting}
          state={presenter}
          hasNotes={!!step.notes}
        />
      </nav>
      {presenting && presenter.pointer && <PointerSpot />}
    </main>
  );
}

/** The sandbox's way out: the lesson's scenario on Simulate and Compare, and back to the course. */
function SandboxLinks({ links }: { links: LessonPageProps['sandbox'] }) {
  return (
    <p className="lesson-sandbox-links" data-testid="sandbox-links">
      <a href={links?.simulate ?? '#/simulate'}>Open this scenario on the Simulate page</a> ·{' '}
      <a href={links?.compare ?? '#/compare'}>Open it on the Compare page</a> ·{' '}
      <a href="#/lessons">Back to the lessons</a>
    </p>
  );
}
