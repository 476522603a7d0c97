import { z } from '../../model/zod';
import type { Lesson } from '../../model/lesson';
import { BetAnswerSchema, type BetAnswer } from './evaluate';

/**
 * A lesson's reference solution (lessons/<NN-slug>/reference.json, beside lesson.json; not shipped to
 * the browser): what a learner who understood the lesson answers at each predict and challenge step.
 * A test replays every lesson with it through the real runner (the learnGitBranching pattern): each
 * bet must be judged right by the run and each challenge answer right.
 *
 *   { "lesson": "01-what-a-mesh-does",
 *     "answers": { "who-translates": { "kind": "challenge", "options": ["kernel"] },
 *                  "bet-hops": { "kind": "number", "value": 2.6 } } }
 */

export const ChallengeAnswerSchema = z.strictObject({
  kind: z.literal('challenge'),
  options: z.array(z.string().max(48)).min(1).max(6),
});

export const ReferenceAnswerSchema = z.union([BetAnswerSchema, ChallengeAnswerSchema]);
export type ReferenceAnswer = BetAnswer | z.infer<typeof ChallengeAnswerSchema>;

export const LessonReferenceSchema = z.strictObject({
  lesson: z.string().max(64),
  answers: z.record(z.string().max(48), ReferenceAnswerSchema),
});
export type LessonReference = z.infer<typeof LessonReferenceSchema>;

/** Problems with a reference solution for a lesson: missing, extra or ill-fitting answers, by step id. */
export function referenceProblems(lesson: Lesson, ref: LessonReference, file: string): string[] {
  const problems: string[] = [];
  const at = (field: string, msg: string) => problems.push(`${file}: ${field}: ${msg}`);
  if (ref.lesson !== lesson.id) at('lesson', `'${ref.lesson}' must be the lesson's id '${lesson.id}'`);
  const asked = new Set<string>();
  for (const step of lesson.steps) {
    if (step.type !== 'predict' && step.type !== 'challenge') continue;
    asked.add(step.id);
    const a = ref.answers[step.id];
    const field = `answers.${step.id}`;
    if (!a) {
      at(field, `missing (a ${step.type} step needs a reference answer)`);
      continue;
    }
    if (step.type === 'challenge') {
      if (a.kind !== 'challenge') at(`${field}.kind`, `must be 'challenge'`);
      else {
        const ids = new Set(step.options.map((o) => o.id));
        a.options.forEach((o, i) => {
          if (!ids.has(o)) at(`${field}.options[${i}]`, `'${o}' is not one of the options`);
        });
      }
      continue;
    }
    const bet = step.bet;
    if (a.kind !== bet.kind) {
      at(`${field}.kind`, `must be '${bet.kind}' (the step's bet)`);
      continue;
    }
    if (a.kind === 'choice' && bet.kind === 'choice' && !bet.options.some((o) => o.id === a.option))
      at(`${field}.option`, `'${a.option}' is not one of the options`);
    if (a.kind === 'ordering' && bet.kind === 'ordering') {
      const ids = bet.items.map((i) => i.id).sort();
      if (JSON.stringify([...a.order].sort()) !== JSON.stringify(ids))
        at(`${field}.order`, `must list each of ${ids.join(', ')} once`);
    }
    if (
      a.kind === 'number' &&
      bet.kind === 'number' &&
      (a.value < bet.slider.min || a.value > bet.slider.max)
    )
      at(`${field}.value`, `${a.value} is off the slider (${bet.slider.min}–${bet.slider.max})`);
  }
  for (const id of Object.keys(ref.answers))
    if (!asked.has(id)) at(`answers.${id}`, 'no predict or challenge step has this id');
  return problems;
}
