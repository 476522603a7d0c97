import { shippedLessonContext } from './lessonContext';
import { LessonError, validateCourse, type LoadedLesson, type LessonSource } from './lessons';

/**
 * The course as bundled into the site: every lessons/<NN-slug>/lesson.json with its text.md. The
 * build already refused invalid lessons (scripts/checkLessons.ts); this validates again where the
 * data enters the app, so a page gets trusted, typed lessons.
 */

const jsons = import.meta.glob('../../lessons/*/lesson.json', { eager: true, import: 'default' });
const texts = import.meta.glob('../../lessons/*/text.md', { eager: true, query: '?raw', import: 'default' });

export function bundledLessonSources(): LessonSource[] {
  return Object.keys(jsons)
    .map((key) => {
      const dir = key.split('/').at(-2)!;
      const text = texts[key.replace(/lesson\.json$/, 'text.md')];
      return { dir, path: `lessons/${dir}`, json: jsons[key], text: typeof text === 'string' ? text : null };
    })
    .filter((s) => /^\d\d-/.test(s.dir))
    .sort((a, b) => a.dir.localeCompare(b.dir));
}

let cached: LoadedLesson[] | null = null;

/** The shipped lessons in course order; throws LessonError listing every problem. */
export function shippedLessons(): LoadedLesson[] {
  if (!cached) {
    const { lessons, problems } = validateCourse(bundledLessonSources(), shippedLessonContext());
    if (problems.length) throw new LessonError(problems);
    cached = lessons;
  }
  return cached;
}
