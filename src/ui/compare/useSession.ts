import { useRef, useSyncExternalStore } from 'react';
import type { CompareSession, CompareSnapshot } from '../../machines/compare/session';

/**
 * A part of the session's snapshot, re-rendering only when that part changes (by `equal`): the page
 * follows everything but progress, the status line follows progress.
 */
export function useSession<T>(
  session: CompareSession,
  select: (s: CompareSnapshot) => T,
  equal: (a: T, b: T) => boolean = Object.is,
): T {
  const last = useRef<{ snap: CompareSnapshot; value: T } | null>(null);
  const read = () => {
    const snap = session.getSnapshot();
    const prev = last.current;
    if (prev && prev.snap === snap) return prev.value;
    const value = select(snap);
    last.current = { snap, value: prev && equal(prev.value, value) ? prev.value : value };
    return last.current.value;
  };
  return useSyncExternalStore(session.subscribe, read, read);
}

/** Equal but for progress: what the page (not the status line) re-renders on. */
export function sameButProgress(a: CompareSnapshot, b: CompareSnapshot): boolean {
  if (a === b) return true;
  return (Object.keys(a) as (keyof CompareSnapshot)[]).every((k) => k === 'progress' || a[k] === b[k]);
}
