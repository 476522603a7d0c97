// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ComparisonState } from '../../machines/lesson/host';
import { glossaryIndex } from '../../model/glossary';
import type { Quantity, Step } from '../../model/lesson';
import { shippedLessonContext } from '../../model/lessonContext';
import { renderPlain } from '../../model/lessonText';
import { textRefs } from '../../model/lessons';
import { shippedLessons } from '../../model/shippedLessons';
import { Handout } from './Handout';
import { handoutRuns, handoutTextIds, measuredRequests, type HandoutFigures } from './handout';
import { LESSON_RUN } from '../../machines/lesson/comparison';

const lessons = shippedLessons();
const lesson1 = lessons.find((l) => l.id === '01-what-a-mesh-does')!;
const glossary = glossaryIndex(shippedLessonContext().glossary);

/** Text ids the handout leaves out on purpose: notes, the "wrong" feedback, a check's verdict words. */
const leftOut = (s: Step) =>
  new Set(
    textRefs(s)
      .filter(([f]) => /^(notes|feedback\.wrong|pass|fail)$/.test(f))
      .map(([, id]) => id),
  );

function fakeFigures(value: ((q: Quantity) => number | null) | null, pending: number): HandoutFigures {
  return {
    measure: (_step, q) => (value ? value(q) : null),
    comparison: (): ComparisonState => ({ status: 'idle' }),
    pending: () => pending,
    subscribe: () => () => undefined,
    version: () => 0,
  };
}

function show(figures: HandoutFigures) {
  const { runs, stepRun } = handoutRuns(lesson1);
  return render(
    <Handout
      lesson={lesson1}
      runs={runs}
      stepRun={stepRun}
      figures={figures}
      glossary={glossary}
      citation={() => undefined}
      cite={(id) => ({ short: id, title: id })}
      names={{ architecture: (a) => `arch:${a}`, hop: (h) => h, preset: (p) => `preset:${p}` }}
      presetName={(p) => `preset:${p}`}
    />,
  );
}

/** The start of a section as the page shows it: first paragraph or item, terms as words, no markup. */
function shownStart(md: string): string {
  const first = md
    .split(/\n\s*\n/)[0]
    .split('\n')[0]
    .replace(/^\s*- /, '');
  const upTo = first.split('[@')[0].split('{{')[0];
  return renderPlain(upTo, () => '')
    .replace(/\*\*|\*|`/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 60);
}

afterEach(cleanup);

describe('lesson handout', () => {
  it('lists every text id of every step, in order, except notes and the alternative feedback; each resolves', () => {
    for (const l of lessons) {
      const ids = handoutTextIds(l);
      expect(ids.slice(0, 2)).toEqual([l.title, l.summary]);
      for (const s of l.steps) {
        const out = leftOut(s);
        const want = textRefs(s)
          .map(([, id]) => id)
          .filter((id) => !out.has(id));
        for (const id of want) expect(ids, `${l.id} step ${s.id}: ${id}`).toContain(id);
        for (const id of out) expect(ids, `${l.id} step ${s.id} leaves out ${id}`).not.toContain(id);
      }
      for (const id of ids) expect(l.text[id]?.trim(), `${l.id}: ${id}`).toBeTruthy();
    }
  });

  it('runs each distinct comparison once: lesson 1 needs no mesh alone, then no mesh beside sidecars', () => {
    const { runs, stepRun } = handoutRuns(lesson1);
    expect(runs.map((r) => r.plan.architectures)).toEqual([['no-mesh'], ['no-mesh', 'sidecar-envoy']]);
    expect(runs.map((r) => r.setup.preset)).toEqual(['one-request-slowly', 'istio-benchmark']);
    // The tables say how long each run was: the preset's own count, capped for lessons.
    expect(runs.map((r) => measuredRequests(r.plan))).toEqual([20, LESSON_RUN.measuredRequests]);
    const compareAt = lesson1.steps.findIndex((s) => s.id === 'compare');
    expect(stepRun.slice(0, compareAt).every((r) => r === 0)).toBe(true);
    expect(stepRun.slice(compareAt).every((r) => r === 1)).toBe(true);
  });

  it('shows every step’s words in order, with the choices of predict and challenge steps', () => {
    const { container } = show(fakeFigures(null, 2));
    const steps = [...container.querySelectorAll<HTMLElement>('.handout-step')];
    expect(steps.map((s) => s.getAttribute('data-step'))).toEqual(lesson1.steps.map((s) => s.id));
    lesson1.steps.forEach((s, i) => {
      const out = leftOut(s);
      for (const [, id] of textRefs(s))
        if (!out.has(id))
          expect(steps[i].textContent, `${s.id}: ${id}`).toContain(shownStart(lesson1.text[id]));
    });
    // Speaker notes are for the teacher: none in the handout.
    expect(container.textContent).not.toContain(shownStart(lesson1.text['why-notes']));
    expect(
      within(steps[4])
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['The kernel, with rules kube-proxy wrote', 'The app itself', 'A mesh proxy']);
    expect(steps[4].textContent).toContain('Answer: The kernel, with rules kube-proxy wrote');
    // The glossary explains the terms used; the sources list the lesson's citations.
    expect(within(screen.getByTestId('handout-glossary')).getByText('kube-proxy')).toBeTruthy();
    expect(screen.getByTestId('handout-sources').textContent).toContain('k8s-virtual-ips');
  });

  it('says a figure is not computed yet while the run goes on, never a blank, an ellipsis or NaN', () => {
    const { container } = show(fakeFigures(null, 1));
    const bet = container.querySelector('[data-step="bet-hops"]')!;
    expect(bet.textContent).toContain('What the run showed: not computed yet');
    expect(bet.textContent).toContain('Your estimate, between 1× and 6×.');
    const check = container.querySelector('[data-step="more-hops"]')!;
    expect(check.textContent).toContain('The run’s verdict: not computed yet.');
    const figures = [...container.querySelectorAll('[data-testid="lesson-figure"]')].map(
      (f) => f.textContent,
    );
    expect(figures.length).toBeGreaterThan(0);
    expect(figures.every((f) => f === 'not computed yet')).toBe(true);
    expect(container.textContent).not.toMatch(/NaN|…/);
    expect(screen.getByTestId('handout-status').textContent).toMatch(/0 of 2 done/);
  });

  it('fills the figures from the run: the bet’s answer, the check’s numbers and its verdict', () => {
    const hops = (q: Quantity) =>
      q.metric === 'hopsPerRequest' ? (q.architecture === 'sidecar-envoy' ? 42 : 21) : 1;
    const { container } = show(fakeFigures(hops, 0));
    const bet = container.querySelector('[data-step="bet-hops"]')!;
    expect(bet.textContent).toContain('What the run showed: 2×');
    expect(bet.textContent).toContain('with sidecars a request crosses 42 hops, against 21 with no mesh');
    const check = container.querySelector('[data-step="more-hops"]')!;
    expect(check.textContent).toContain('arch:sidecar-envoy, hops per request: 42');
    expect(check.textContent).toContain('The run bears it out.');
    expect(check.textContent).toContain(shownStart(lesson1.text['more-hops-pass']));
    expect(check.textContent).not.toContain(shownStart(lesson1.text['more-hops-fail']));
    expect(container.textContent).not.toMatch(/NaN|not computed yet/);
  });

  it('marks the page for the print stylesheet while it is shown', () => {
    const { unmount } = show(fakeFigures(null, 0));
    expect(document.body.classList.contains('handout-page')).toBe(true);
    unmount();
    expect(document.body.classList.contains('handout-page')).toBe(false);
  });
});
