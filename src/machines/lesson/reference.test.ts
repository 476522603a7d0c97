import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkLessons } from '../../../scripts/checkLessons';
import { LessonSchema } from '../../model/lesson';
import { LessonReferenceSchema, referenceProblems } from './reference';

const root = join(import.meta.dirname, '..', '..', '..');
const exampleJson = JSON.parse(readFileSync(join(root, 'docs/example-lesson/lesson.json'), 'utf8'));
const example = LessonSchema.parse(exampleJson);

describe('reference solutions', () => {
  it('accepts an answer for every predict and challenge step, of the step’s kind', () => {
    const ref = LessonReferenceSchema.parse({
      lesson: '00-example',
      answers: { bet: { kind: 'choice', option: 'ambient' } },
    });
    expect(referenceProblems(example, ref, 'ref.json')).toEqual([]);
  });

  it('names missing, ill-fitting and unknown answers by field', () => {
    const ref = LessonReferenceSchema.parse({
      lesson: '01-other',
      answers: { stray: { kind: 'choice', option: 'x' } },
    });
    expect(referenceProblems(example, ref, 'ref.json')).toEqual([
      "ref.json: lesson: '01-other' must be the lesson's id '00-example'",
      'ref.json: answers.bet: missing (a predict step needs a reference answer)',
      'ref.json: answers.stray: no predict or challenge step has this id',
    ]);
    const wrongKind = LessonReferenceSchema.parse({
      lesson: '00-example',
      answers: { bet: { kind: 'number', value: 1 } },
    });
    expect(referenceProblems(example, wrongKind, 'ref.json')).toEqual([
      "ref.json: answers.bet.kind: must be 'choice' (the step's bet)",
    ]);
    const noOption = LessonReferenceSchema.parse({
      lesson: '00-example',
      answers: { bet: { kind: 'choice', option: 'x' } },
    });
    expect(referenceProblems(example, noOption, 'ref.json')).toEqual([
      "ref.json: answers.bet.option: 'x' is not one of the options",
    ]);
  });

  it('the build check requires reference.json beside each lesson, and checks it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lessons-'));
    mkdirSync(join(dir, '07-copy'));
    writeFileSync(
      join(dir, '07-copy', 'lesson.json'),
      JSON.stringify({ ...exampleJson, id: '07-copy', order: 7 }),
    );
    writeFileSync(
      join(dir, '07-copy', 'text.md'),
      readFileSync(join(root, 'docs/example-lesson/text.md'), 'utf8'),
    );
    expect(checkLessons(dir, { label: 'lessons' })).toEqual([
      'lessons/07-copy/reference.json: missing (every lesson has a reference solution)',
    ]);
    writeFileSync(
      join(dir, '07-copy', 'reference.json'),
      JSON.stringify({ lesson: '07-copy', answers: { bet: { kind: 'ordering', order: [] } } }),
    );
    expect(checkLessons(dir, { label: 'lessons' })).toEqual([
      "lessons/07-copy/reference.json: answers.bet.kind: must be 'choice' (the step's bet)",
    ]);
    writeFileSync(
      join(dir, '07-copy', 'reference.json'),
      JSON.stringify({ lesson: '07-copy', answers: { bet: { kind: 'choice', option: 'ambient' } } }),
    );
    expect(checkLessons(dir, { label: 'lessons' })).toEqual([]);
  });
});
