import { sceneWords } from './sceneWords';
import { useSyncExternalStore } from 'react';
import { holds, judge, type Measure } from '../../machines/lesson/evaluate';
import type { Citation } from '../../model/citation';
import type { GlossaryEntry } from '../../model/glossary';
import type { Condition, Quantity, Step } from '../../model/lesson';
import type { LoadedLesson } from '../../model/lessons';
import { isMetric, renderPlain, type Placeholder } from '../../model/lessonText';
import { betText } from './BetInput';
import { formatInUnit, formatMetric } from './figures';
import {
  citationsUsed,
  glossaryUsed,
  handoutTextIds,
  measuredRequests,
  type HandoutFigures,
  type HandoutRun,
} from './handout';
import { InlineText, LessonText, type TextContext } from './LessonText';
import { ResultsTable } from './ResultsTable';
import { METRIC_WORDS, STEP_LABELS, type StepBodyProps } from './StepBody';
import './handout.css';
import { useBodyClass } from './useBodyClass';

/**
 * A lesson's handout (#/lesson/<id>/handout): every step's words in order with the predict questions
 * and their choices, the checks, things to notice and to try, the glossary terms used and the sources,
 * and the figures of the lesson's own comparisons run in this browser. Made to print (handout.css): no
 * navigation, buttons or scene. A figure not computed yet says so.
 */

export interface HandoutProps {
  lesson: LoadedLesson;
  runs: HandoutRun[];
  stepRun: number[];
  figures: HandoutFigures;
  glossary: Map<string, GlossaryEntry>;
  citation: (id: string) => Citation | undefined;
  cite: TextContext['cite'];
  names: StepBodyProps['names'];
  presetName: (id: string) => string;
}

const NOT_YET = 'not computed yet';
const NONE = 'not available in this run';

export function Handout(props: HandoutProps) {
  const { lesson, figures } = props;
  useBodyClass('handout-page');
  useSyncExternalStore(figures.subscribe, figures.version);
  const pending = figures.pending();
  const text = (id: string) => lesson.text[id] ?? '';
  const missing = () => (pending > 0 ? NOT_YET : NONE);
  const measureAt =
    (i: number): Measure =>
    (q) =>
      props.stepRun[i] < 0 ? null : figures.measure(i, q);
  const ctxAt = (i: number): TextContext => ({
    // Terms print as their words; the glossary below defines them.
    term: () => undefined,
    cite: props.cite,
    figure: (p: Placeholder) => {
      if (!isMetric(p.metric)) return NONE;
      const q = { metric: p.metric, architecture: p.architecture, component: p.component } as Quantity;
      const v = measureAt(i)(q);
      return v === null ? missing() : formatMetric(p.metric, v);
    },
  });
  const head = ctxAt(0);
  const ids = handoutTextIds(lesson);
  const terms = glossaryUsed(lesson, ids, props.glossary);
  const sources = citationsUsed(lesson, ids);
  const done = props.runs.filter((_, r) => figures.comparison(r).status === 'done').length;

  return (
    <main className="handout" data-testid="handout" data-lesson={lesson.id}>
      <p className="handout-actions">
        <a href={`#/lesson/${lesson.id}`}>Back to the lesson</a>
        <button type="button" onClick={() => window.print()}>
          Print the handout
        </button>
      </p>
      <h1>
        <InlineText text={text(lesson.title)} ctx={head} />
      </h1>
      <p className="handout-meta">
        Handout · {lesson.minutes} min · {lesson.level} · {lesson.steps.length} steps
      </p>
      <LessonText text={text(lesson.summary)} ctx={head} />
      <h2>Objectives</h2>
      <ul>
        {lesson.objectives.map((o) => (
          <li key={o}>
            <InlineText text={text(o)} ctx={head} />
          </li>
        ))}
      </ul>
      <p className="handout-status" role="status" data-testid="handout-status">
        {pending > 0
          ? `Running the lesson’s comparisons in this browser: ${done} of ${props.runs.length} done. Figures not computed yet say so.`
          : `Every figure below comes from the lesson’s own comparisons, run in this browser (${props.runs.length}).`}
      </p>

      <h2>The lesson, step by step</h2>
      <ol className="handout-steps">
        {lesson.steps.map((step, i) => (
          <li key={step.id} data-step={step.id} className="handout-step">
            <h3>
              Step {i + 1}: {STEP_LABELS[step.type]}
            </h3>
            <StepWords {...props} step={step} ctx={ctxAt(i)} measure={measureAt(i)} missing={missing} />
          </li>
        ))}
      </ol>

      <h2>Figures from the run</h2>
      <div data-testid="handout-results">
        {props.runs.map((run, r) => (
          <section key={run.plan.key} className="handout-run" aria-labelledby={`handout-run-${r}`}>
            <h3 id={`handout-run-${r}`}>{runTitle(run, props)}</h3>
            <p>
              Seed {String(run.plan.scenario.seed ?? '—')}, the same for every design; simulated in this
              browser when the handout opened.
            </p>
            <ResultsTable
              state={figures.comparison(r)}
              name={props.names.architecture}
              requests={measuredRequests(run.plan)}
              label={`Results: ${runTitle(run, props)}`}
            />
          </section>
        ))}
      </div>

      {terms.length > 0 && (
        <>
          <h2>Glossary</h2>
          <dl className="handout-glossary" data-testid="handout-glossary">
            {terms.map((e) => (
              <div key={e.id}>
                <dt>{e.term}</dt>
                <dd>{e.short}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
      <h2>Sources</h2>
      <ol className="handout-sources" data-testid="handout-sources">
        {sources.map((id) => {
          const c = props.citation(id);
          return (
            <li key={id}>
              {c ? `${c.publisher}, ${c.title} (${c.version}): ${c.figure}` : id}
              {c && <span className="handout-url"> {c.url}</span>}
            </li>
          );
        })}
      </ol>
    </main>
  );
}

function runTitle(run: HandoutRun, p: HandoutProps): string {
  const from = run.steps[0] + 1;
  const to = run.steps[run.steps.length - 1] + 1;
  const steps = from === to ? `Step ${from}` : `Steps ${from}–${to}`;
  const designs = run.plan.architectures.map(p.names.architecture).join(', ');
  return `${steps}: ${designs} on “${p.presetName(run.setup.preset)}”`;
}

const quantitiesOf = (c: Condition): Quantity[] =>
  c.kind === 'ascending' ? c.values : c.kind === 'ratio' ? [c.numerator, c.denominator] : [c.value];

function StepWords(
  p: HandoutProps & { step: Step; ctx: TextContext; measure: Measure; missing: () => string },
) {
  const { step, ctx, lesson } = p;
  const text = (id: string) => lesson.text[id] ?? '';
  const words = (id: string) => <LessonText text={text(id)} ctx={ctx} />;
  const line = (id: string) => <InlineText text={text(id)} ctx={ctx} />;
  switch (step.type) {
    case 'set':
      return (
        <>
          <p className="handout-scene">
            {sceneWords(step, { architecture: p.names.architecture, preset: p.presetName })}
          </p>
          {step.text && words(step.text)}
        </>
      );
    case 'narrate':
    case 'waitUntil':
    case 'sandbox':
      return words(step.text);
    case 'notice':
    case 'try':
      return (
        <>
          <p className="handout-kind">{step.type === 'notice' ? 'Things to notice' : 'Things to try'}</p>
          <ul>
            {step.items.map((it) => (
              <li key={it}>{line(it)}</li>
            ))}
          </ul>
        </>
      );
    case 'check': {
      const verdict = holds(step.condition, p.measure);
      return (
        <>
          {words(step.text)}
          <ul className="handout-figures">
            {quantitiesOf(step.condition).map((q, i) => {
              const v = p.measure(q);
              return (
                <li key={i}>
                  {p.names.architecture(q.architecture)}
                  {q.component ? ` (${q.component})` : ''}, {METRIC_WORDS[q.metric] ?? q.metric}:{' '}
                  <strong className="handout-figure">
                    {v === null ? p.missing() : formatMetric(q.metric, v)}
                  </strong>
                </li>
              );
            })}
          </ul>
          <p className="handout-answer">
            {verdict === 'pending' ? (
              `The run’s verdict: ${p.missing()}.`
            ) : (
              <strong>{verdict ? 'The run bears it out.' : 'The run does not bear it out.'}</strong>
            )}
          </p>
          {verdict !== 'pending' && words(verdict ? step.pass : step.fail)}
        </>
      );
    }
    case 'challenge':
      return (
        <>
          {words(step.question)}
          <ul className="handout-choices">
            {step.options.map((o) => (
              <li key={o.id}>{line(o.text)}</li>
            ))}
          </ul>
          <p className="handout-answer">
            Answer:{' '}
            <strong>
              {step.options
                .filter((o) => step.correct.includes(o.id))
                .map((o) => renderPlain(text(o.text), () => null))
                .join('; ')}
            </strong>
          </p>
          {words(step.feedback.right)}
        </>
      );
    case 'predict': {
      const b = step.bet;
      // The run's answer does not depend on the bet: judge any bet and keep the answer.
      const v = judge(b, { kind: 'number', value: 0 }, p.measure);
      return (
        <>
          {words(step.question)}
          {b.kind === 'choice' && (
            <ul className="handout-choices">
              {b.options.map((o) => (
                <li key={o.id}>{line(o.text)}</li>
              ))}
            </ul>
          )}
          {b.kind === 'ordering' && (
            <>
              <p className="handout-kind">Put in order, least first:</p>
              <ul className="handout-choices">
                {b.items.map((o) => (
                  <li key={o.id}>{line(o.text)}</li>
                ))}
              </ul>
            </>
          )}
          {b.kind === 'number' && (
            <p className="handout-kind">
              Your estimate, between {formatInUnit(b.slider.min, b.unit)} and{' '}
              {formatInUnit(b.slider.max, b.unit)}.
            </p>
          )}
          <p className="handout-bet">Your bet: ____________________</p>
          <p className="handout-answer">
            What the run showed: <strong>{v === 'pending' ? p.missing() : betText(b, v.answer, text)}</strong>
          </p>
          {words(step.feedback.right)}
          {step.misconception && words(step.misconception)}
        </>
      );
    }
  }
}
