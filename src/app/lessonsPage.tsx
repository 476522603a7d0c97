import { useMemo } from 'react';
import { createProgressStore, type KeyValueStorage } from '../machines/lesson/progress';
import { LessonError } from '../model/lessons';
import { shippedLessons } from '../model/shippedLessons';
import { CoursePage } from '../ui/lessons/CoursePage';

/** localStorage when the browser allows it (private modes may throw); otherwise memory for this visit. */
export function browserStorage(): KeyValueStorage {
  try {
    const s = window.localStorage;
    s.getItem('meshpath.probe');
    return s;
  } catch {
    const m = new Map<string, string>();
    return { getItem: (k) => m.get(k) ?? null, setItem: (k, v) => void m.set(k, v) };
  }
}

/** #/lessons: the shipped course and this browser's progress. */
export function LessonsPageRoute() {
  const loaded = useMemo(() => {
    try {
      return { lessons: shippedLessons(), error: null };
    } catch (e) {
      return { lessons: [], error: e instanceof LessonError ? e.problems.join('\n') : String(e) };
    }
  }, []);
  const store = useMemo(() => createProgressStore(browserStorage()), []);
  if (loaded.error)
    return (
      <main>
        <h1>Lessons</h1>
        <p role="alert">The lessons could not be loaded:</p>
        <pre>{loaded.error}</pre>
      </main>
    );
  return <CoursePage lessons={loaded.lessons} progressOf={(id) => store.of(id)} problem={store.loadError} />;
}
