import { useId, useState } from 'react';
import type { BetAnswer, Verdict } from '../../machines/lesson/evaluate';
import type { StepStatus } from '../../machines/lesson/lessonMachine';
import type { Condition, Predicate, Quantity, Step } from '../../model/lesson';
import { betText, BetInput } from './BetInput';
import { formatMetric } from './figures';
import { InlineText, LessonText, type TextContext } from './LessonText';
import { sceneWords } from './sceneWords';

/** What one step shows in the narration panel, by its type. */

export interface StepBodyProps {
  step: Step;
  status: StepStatus;
  answers: Record<string, BetAnswer>;
  verdicts: Record<string, Verdict>;
  checks: Record<string, boolean>;
  text: (id: string) => string;
  ctx: TextContext;
  measure: (q: Quantity) => number | null;
  /** Names of architectures, hop kinds and scenario presets, for plain sentences. */
  names: {
    architecture: (id: string) => string;
    hop: (kind: string) => string;
    preset: (id: string) => string;
  };
  onBet: (a: BetAnswer) => void;
  onAnswer: (options: string[]) => void;
  citations: (ids: readonly string[]) => string[];
}

export const STEP_LABELS: Record<Step['type'], string> = {
  set: 'The scene changes',
  narrate: 'Read',
  waitUntil: 'Watch',
  predict: 'Predict',
  challenge: 'Question',
  check: 'Check',
  notice: 'Notice',
  try: 'Try',
  sandbox: 'Your sandbox',
};

export function describePredicate(p: Predicate, names: StepBodyProps['names']): string {
  switch (p.kind) {
    case 'hopReached': {
      const what = [p.hop.hopKind && names.hop(p.hop.hopKind), p.hop.side && `on the ${p.hop.side} side`]
        .filter(Boolean)
        .join(' ');
      return `request ${p.request} reaching ${what || 'the hop'}`;
    }
    case 'queueAbove':
      return `more than ${p.n} waiting at a ${p.station.component} queue`;
    case 'requestsDone':
      return p.n === 1 ? 'the first reply' : `${p.n} replies`;
    case 'timeReached':
      return 'the clock to reach that moment';
    case 'resultsReady':
      return 'the comparison’s results';
  }
}

const COMPONENT_WORDS: Record<string, string> = {
  app: 'the applications',
  library: 'the in-app library',
  sidecar: 'the sidecar proxies',
  nodeproxy: 'the per-node proxies',
  waypoint: 'the waypoint',
  kernel: 'the kernel',
  wire: 'the wire between nodes',
};

/** What a narration points at, in words. */
function lookAt(
  h: NonNullable<Extract<Step, { type: 'narrate' }>['highlight']>,
  names: StepBodyProps['names'],
) {
  return [
    ...(h.components ?? []).map((c) => COMPONENT_WORDS[c] ?? c),
    ...(h.hops ?? []).map((x) =>
      // "netfilter pass (established flow) on the client side": a second bracket after the name's read badly.
      [x.hopKind ? names.hop(x.hopKind) : 'the hop', x.side && `on the ${x.side} side`]
        .filter(Boolean)
        .join(' '),
    ),
    ...(h.packet ? [`request ${h.packet}`] : []),
  ];
}

const quantitiesOf = (c: Condition): Quantity[] =>
  c.kind === 'ascending' ? c.values : c.kind === 'ratio' ? [c.numerator, c.denominator] : [c.value];

function Figures({
  qs,
  measure,
  names,
}: {
  qs: Quantity[];
  measure: StepBodyProps['measure'];
  names: StepBodyProps['names'];
}) {
  return (
    <ul className="lesson-figures" data-testid="check-figures">
      {qs.map((q, i) => {
        const v = measure(q);
        return (
          <li key={i}>
            {names.architecture(q.architecture)}
            {q.component ? ` (${q.component})` : ''}, {METRIC_WORDS[q.metric] ?? q.metric}:{' '}
            <span className="lesson-figure">{v === null ? '…' : formatMetric(q.metric, v)}</span>
          </li>
        );
      })}
    </ul>
  );
}

export const METRIC_WORDS: Partial<Record<Quantity['metric'], string>> = {
  latencyP50: 'p50 latency',
  latencyP90: 'p90 latency',
  latencyP99: 'p99 latency',
  latencyP99Actual: 'p99 from the actual send',
  addedLatencyP50: 'added p50',
  addedLatencyP90: 'added p90',
  addedLatencyP99: 'added p99',
  vcpuPer1000rps: 'CPU per 1000 rps',
  vcpuContainerPer1000rps: 'container CPU per 1000 rps',
  vcpuKernelPer1000rps: 'kernel CPU per 1000 rps',
  hopsPerRequest: 'hops per request',
  kernelCrossings: 'kernel crossings per request',
  proxiesPerRequest: 'proxies on a call’s path',
  failedShare: 'failed requests',
  retriesPerRequest: 'retries per request',
  memoryPerPodMiB: 'memory per pod',
  busiestUtilization: 'busiest utilisation',
};

function Feedback({
  verdict,
  right,
  wrong,
  text,
  ctx,
}: {
  verdict: Verdict;
  right: string;
  wrong: string;
  text: StepBodyProps['text'];
  ctx: TextContext;
}) {
  return (
    <div
      className={verdict.right ? 'lesson-feedback right' : 'lesson-feedback wrong'}
      data-testid="feedback"
      role="status"
    >
      <p className="lesson-verdict">{verdict.right ? 'Right.' : 'Not quite.'}</p>
      <LessonText text={text(verdict.right ? right : wrong)} ctx={ctx} />
    </div>
  );
}

export function StepBody(p: StepBodyProps) {
  const { step, status, text, ctx } = p;
  const cites = 'citations' in step ? p.citations(step.citations) : [];
  return (
    <div className="lesson-step-body" data-step-type={step.type}>
      {body(p)}
      {cites.length > 0 && <p className="lesson-sources">Sources: {cites.join('; ')}</p>}
      {status === 'waiting' && step.type !== 'predict' && (
        <p className="lesson-waiting" role="status" data-testid="step-waiting">
          {step.type === 'waitUntil'
            ? `Waiting for ${describePredicate(step.until, p.names)}…`
            : 'Waiting for the comparison’s results…'}
        </p>
      )}
      {step.type === 'set' && step.text && <LessonText text={text(step.text)} ctx={ctx} />}
    </div>
  );
}

function body(p: StepBodyProps) {
  const { step, status, text, ctx } = p;
  switch (step.type) {
    case 'set':
      // A step with words of its own shows them (below); else what it changes, in a sentence.
      return step.text ? null : (
        <p className="lesson-scene-words" data-testid="scene-words">
          {sceneWords(step, p.names)}
        </p>
      );
    case 'narrate':
      return (
        <>
          <LessonText text={text(step.text)} ctx={ctx} />
          {step.highlight && (
            <p className="lesson-look" data-testid="lesson-look">
              Look at: {lookAt(step.highlight, p.names).join(', ')}
            </p>
          )}
        </>
      );
    case 'waitUntil':
    case 'sandbox':
      return <LessonText text={text(step.text)} ctx={ctx} />;
    case 'notice':
    case 'try':
      return (
        <ul className="lesson-items">
          {step.items.map((it) => (
            <li key={it}>
              <InlineText text={text(it)} ctx={ctx} />
            </li>
          ))}
        </ul>
      );
    case 'check': {
      const passed = p.checks[step.id];
      return (
        <>
          <LessonText text={text(step.text)} ctx={ctx} />
          {status === 'done' && passed !== undefined && (
            <div
              className={passed ? 'lesson-feedback right' : 'lesson-feedback wrong'}
              data-testid="check-result"
              role="status"
            >
              <p className="lesson-verdict">
                {passed ? 'The run bears it out.' : 'The run does not bear it out.'}
              </p>
              <LessonText text={text(passed ? step.pass : step.fail)} ctx={ctx} />
            </div>
          )}
          <Figures qs={quantitiesOf(step.condition)} measure={p.measure} names={p.names} />
        </>
      );
    }
    case 'predict': {
      const answer = p.answers[step.id];
      const verdict = p.verdicts[step.id];
      return (
        <>
          <LessonText text={text(step.question)} ctx={ctx} />
          {status === 'betting' && (
            <BetInput bet={step.bet} text={text} ctx={ctx} initial={answer} onBet={p.onBet} />
          )}
          {status !== 'betting' && answer && (
            <dl className="lesson-bet-result" data-testid="bet-result">
              <div>
                <dt>Your bet</dt>
                <dd data-testid="your-bet">{betText(step.bet, answer, text)}</dd>
              </div>
              <div>
                <dt>The run</dt>
                <dd data-testid="run-answer">
                  {verdict ? betText(step.bet, verdict.answer, text) : 'running…'}
                </dd>
              </div>
            </dl>
          )}
          {status === 'done' && verdict && (
            <>
              <Feedback
                verdict={verdict}
                right={step.feedback.right}
                wrong={step.feedback.wrong}
                text={text}
                ctx={ctx}
              />
              {step.misconception && (
                <LessonText className="lesson-misconception" text={text(step.misconception)} ctx={ctx} />
              )}
            </>
          )}
        </>
      );
    }
    case 'challenge':
      return <Challenge {...p} step={step} />;
  }
}

function Challenge(p: StepBodyProps & { step: Extract<Step, { type: 'challenge' }> }) {
  const { step, text, ctx } = p;
  const many = step.correct.length > 1;
  const [chosen, setChosen] = useState<string[]>([]);
  const id = useId();
  const verdict = p.verdicts[step.id];
  return (
    <>
      <LessonText text={text(step.question)} ctx={ctx} />
      {p.status === 'answering' ? (
        <form
          className="lesson-challenge"
          data-testid="challenge-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (chosen.length) p.onAnswer(chosen);
          }}
        >
          <fieldset>
            <legend>{many ? 'Choose every right answer' : 'Choose one'}</legend>
            {step.options.map((o) => (
              <label key={o.id} className="lesson-option">
                <input
                  type={many ? 'checkbox' : 'radio'}
                  name={`${id}-answer`}
                  value={o.id}
                  checked={chosen.includes(o.id)}
                  onChange={(e) =>
                    setChosen((c) =>
                      many ? (e.target.checked ? [...c, o.id] : c.filter((x) => x !== o.id)) : [o.id],
                    )
                  }
                />{' '}
                {/* One flex item: a glossary term inside the words split them into columns. */}
                <span>
                  <InlineText text={text(o.text)} ctx={ctx} />
                </span>
              </label>
            ))}
          </fieldset>
          <button type="submit" className="primary" disabled={chosen.length === 0}>
            Answer
          </button>
        </form>
      ) : (
        verdict && (
          <Feedback
            verdict={verdict}
            right={step.feedback.right}
            wrong={step.feedback.wrong}
            text={text}
            ctx={ctx}
          />
        )
      )}
    </>
  );
}
