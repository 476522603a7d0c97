import { comparisonPlan, type ComparisonPlan } from '../../machines/lesson/comparison';
import type { ComparisonState } from '../../machines/lesson/host';
import { hostSetupAt, type HostSetup } from '../../machines/lesson/setup';
import { findTerm, type GlossaryEntry } from '../../model/glossary';
import type { Quantity, Step } from '../../model/lesson';
import type { LoadedLesson } from '../../model/lessons';
import { citationsIn, termsIn } from '../../model/lessonText';

/**
 * What a lesson's handout holds, as plain data: the words in the order the lesson shows them, the
 * comparisons whose figures fill them in (one per distinct setup, run through the lesson host as the
 * runner runs them), the glossary terms used and the sources cited.
 *
 * Left out on purpose: speaker notes (for the teacher, not the class), a bet's "wrong" feedback (the
 * same explanation worded for a learner who missed) and a check's pass or fail words until the run
 * says which one holds.
 */

/** The figures of a handout: one comparison per run, each step's quantities read from its run. */
export interface HandoutFigures {
  /** A quantity from the comparison behind step `step`, or null while it runs (or when it has none). */
  measure(step: number, q: Quantity): number | null;
  /** The comparison of run `run` (an index into `handoutRuns`). */
  comparison(run: number): ComparisonState;
  /** Comparisons still running: a missing figure is "not computed yet" while this is above zero. */
  pending(): number;
  subscribe(listener: () => void): () => void;
  /** Changes whenever a comparison settles. */
  version(): number;
}

/** A stretch of steps that read their figures from one comparison. */
export interface HandoutRun {
  /** Indices of the first and last step (inclusive) the run covers, and every step that uses it. */
  steps: number[];
  /** The setup to apply on a lesson host: the Compare page on what the steps show (no-mesh beside it). */
  setup: HostSetup;
  plan: ComparisonPlan;
}

/**
 * A Simulate step's figures come from the architecture shown beside no-mesh: the same plan (and the
 * same numbers) as the Compare page on that architecture, so the handout can run it without a scene.
 */
export function asComparison(setup: HostSetup): HostSetup {
  if (setup.page === 'compare') return setup;
  return { ...setup, page: 'compare', architectures: setup.architecture ? [setup.architecture] : [] };
}

/** The comparisons behind a lesson's steps, in order of first use, each run once. */
export function handoutRuns(lesson: Pick<LoadedLesson, 'steps'>): { runs: HandoutRun[]; stepRun: number[] } {
  const runs: HandoutRun[] = [];
  const byKey = new Map<string, number>();
  const stepRun = lesson.steps.map((_, i) => {
    const setup = asComparison(hostSetupAt(lesson, i));
    const plan = comparisonPlan(setup);
    if (!plan) return -1;
    let r = byKey.get(plan.key);
    if (r === undefined) {
      r = runs.length;
      byKey.set(plan.key, r);
      runs.push({ steps: [], setup, plan });
    }
    runs[r].steps.push(i);
    return r;
  });
  return { runs, stepRun };
}

/** Measured requests per replication the plan runs (the preset's, capped for lessons), if it counts them. */
export function measuredRequests(plan: ComparisonPlan): number | null {
  const run = plan.scenario.run as { measuredRequests?: unknown } | undefined;
  return typeof run?.measuredRequests === 'number' ? run.measuredRequests : null;
}

/** The text ids a step always shows in the handout, in the order shown. */
export function handoutStepTexts(step: Step): string[] {
  switch (step.type) {
    case 'set':
      return step.text ? [step.text] : [];
    case 'narrate':
    case 'waitUntil':
    case 'sandbox':
      return [step.text];
    case 'notice':
    case 'try':
      return [...step.items];
    case 'check':
      return [step.text];
    case 'challenge':
      return [step.question, ...step.options.map((o) => o.text), step.feedback.right];
    case 'predict': {
      const b = step.bet;
      const choices =
        b.kind === 'choice'
          ? b.options.map((o) => o.text)
          : b.kind === 'ordering'
            ? b.items.map((o) => o.text)
            : [];
      return [
        step.question,
        ...choices,
        step.feedback.right,
        ...(step.misconception ? [step.misconception] : []),
      ];
    }
  }
}

/** Every text id the handout shows before any run settles: title, summary, objectives, each step's. */
export function handoutTextIds(
  lesson: Pick<LoadedLesson, 'title' | 'summary' | 'objectives' | 'steps'>,
): string[] {
  return [lesson.title, lesson.summary, ...lesson.objectives, ...lesson.steps.flatMap(handoutStepTexts)];
}

/** Glossary entries the handout's words use, each once, in alphabetical order of the term. */
export function glossaryUsed(
  lesson: Pick<LoadedLesson, 'text'>,
  ids: readonly string[],
  index: Map<string, GlossaryEntry>,
): GlossaryEntry[] {
  const found = new Map<string, GlossaryEntry>();
  for (const id of ids)
    for (const t of termsIn(lesson.text[id] ?? '')) {
      const e = findTerm(index, t.term);
      if (e) found.set(e.id, e);
    }
  return [...found.values()].sort((a, b) => a.term.localeCompare(b.term, 'en', { sensitivity: 'base' }));
}

/** Citation ids of the lesson, its steps and its words, each once, in order of first use. */
export function citationsUsed(lesson: LoadedLesson, ids: readonly string[]): string[] {
  const out = new Set<string>(lesson.citations);
  for (const s of lesson.steps) if ('citations' in s) s.citations.forEach((c) => out.add(c));
  for (const id of ids) citationsIn(lesson.text[id] ?? '').forEach((c) => out.add(c));
  return [...out];
}
