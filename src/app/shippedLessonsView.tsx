// The shipped lessons as a page loads them once, and the page shown when a link names no lesson.
import { useMemo } from 'react';
import { LessonError, type LoadedLesson } from '../model/lessons';
import { shippedLessons } from '../model/shippedLessons';

export interface ShippedLessons {
  lessons: readonly LoadedLesson[];
  /** Why the lessons could not be loaded, or null. */
  error: string | null;
}

export function useShippedLessons(): ShippedLessons {
  return useMemo(() => {
    try {
      return { lessons: shippedLessons(), error: null };
    } catch (e) {
      return { lessons: [], error: e instanceof LessonError ? e.problems.join('\n') : String(e) };
    }
  }, []);
}

export function LessonNotFound({ what, path, error }: { what: string; path: string; error: string | null }) {
  return (
    <main>
      <h1>{what} not found</h1>
      <p role="alert">
        {error ? `The lessons could not be loaded: ${error}` : `There is no lesson at “${path}”.`}{' '}
        <a href="#/lessons">See all lessons</a>.
      </p>
    </main>
  );
}
