import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { shippedLessonContext } from '../src/model/lessonContext';
import {
  validateCourse,
  type LessonContext,
  type LessonSource,
  type LoadedLesson,
} from '../src/model/lessons';
import { formatZodError } from '../src/model/catalogs';
import { LessonReferenceSchema, referenceProblems } from '../src/machines/lesson/reference';

/**
 * The build-time check: reads every lessons/<NN-slug>/ folder (and the authoring guide's example)
 * and validates them. `npm run build` runs this file first (`tsx scripts/checkLessons.ts`), so the
 * build fails on an invalid lesson with every problem, each naming its file and field.
 */

/** Lesson folders under `root` whose names look like lessons (NN-slug). */
export function readLessonSources(root: string, label = root): LessonSource[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && /^\d\d-/.test(d.name))
    .map((d) => d.name)
    .sort()
    .map((dir) => readLessonFolder(join(root, dir), `${label}/${dir}`, dir));
}

export function readLessonFolder(folder: string, label: string, dir: string): LessonSource {
  const jsonPath = join(folder, 'lesson.json');
  const textPath = join(folder, 'text.md');
  let json: unknown = undefined;
  if (existsSync(jsonPath)) {
    try {
      json = JSON.parse(readFileSync(jsonPath, 'utf8'));
    } catch (e) {
      json = { __unreadable: `${(e as Error).message}` };
    }
  }
  return { dir, path: label, json, text: existsSync(textPath) ? readFileSync(textPath, 'utf8') : null };
}

/** Problems with the lessons in `root` (empty when all are valid). */
export function checkLessons(
  root: string,
  opts: { label?: string; extra?: LessonSource[]; context?: LessonContext } = {},
): string[] {
  const sources = [...readLessonSources(root, opts.label ?? 'lessons'), ...(opts.extra ?? [])];
  const problems: string[] = [];
  for (const s of sources) {
    if (s.json === undefined) problems.push(`${s.path}/lesson.json: missing`);
    else if (typeof s.json === 'object' && s.json && '__unreadable' in s.json)
      problems.push(
        `${s.path}/lesson.json: not valid JSON: ${(s.json as { __unreadable: string }).__unreadable}`,
      );
  }
  const readable = sources.filter(
    (s) => s.json !== undefined && !(typeof s.json === 'object' && s.json && '__unreadable' in s.json),
  );
  let context: LessonContext;
  try {
    context = opts.context ?? shippedLessonContext();
  } catch (e) {
    return [...problems, (e as Error).message];
  }
  const course = validateCourse(readable, context);
  const inRoot = new Set(readLessonSources(root).map((s) => s.dir));
  const shipped = course.lessons.filter((l) => inRoot.has(l.id));
  return [...problems, ...course.problems, ...checkReferences(root, shipped, opts.label ?? 'lessons')];
}

/**
 * Every lesson keeps a reference solution beside it (reference.json: the answers a learner who
 * understood it gives), replayed by lessons/walkthrough.test.ts; here it must exist and fit the steps.
 */
export function checkReferences(root: string, lessons: readonly LoadedLesson[], label = root): string[] {
  const problems: string[] = [];
  for (const lesson of lessons) {
    const file = `${label}/${lesson.id}/reference.json`;
    const path = join(root, lesson.id, 'reference.json');
    if (!existsSync(path)) {
      problems.push(`${file}: missing (every lesson has a reference solution)`);
      continue;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(path, 'utf8'));
    } catch (e) {
      problems.push(`${file}: not valid JSON: ${(e as Error).message}`);
      continue;
    }
    const r = LessonReferenceSchema.safeParse(raw);
    if (!r.success) problems.push(...formatZodError(r.error, file));
    else problems.push(...referenceProblems(lesson, r.data, file));
  }
  return problems;
}

/** The authoring guide's example lesson, validated with the course. */
export function exampleLesson(repoRoot: string): LessonSource {
  return readLessonFolder(join(repoRoot, 'docs', 'example-lesson'), 'docs/example-lesson', '00-example');
}

/** Every problem with the repository's lessons and the guide's example (empty when valid). */
export function checkRepository(repoRoot: string): string[] {
  return checkLessons(join(repoRoot, 'lessons'), { extra: [exampleLesson(repoRoot)] });
}

/** Command line: prints the problems and exits 1 when there are any. */
export function main(repoRoot: string): number {
  const problems = checkRepository(repoRoot);
  if (problems.length) {
    console.error(`Invalid lessons (${problems.length} problems):\n${problems.join('\n')}`);
    return 1;
  }
  console.log('lessons: all valid');
  return 0;
}

if (import.meta.url === pathToFileURL(resolve(process.argv[1] ?? '')).href)
  process.exit(main(resolve(import.meta.dirname, '..')));
