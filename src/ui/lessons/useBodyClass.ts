import { useEffect } from 'react';

/**
 * Puts a class on <body> while a view is shown (and `on`), so its styles can reach the site's chrome
 * outside the view — the navigation hidden in presenter mode and on the printed handout.
 */
export function useBodyClass(name: string, on = true): void {
  useEffect(() => {
    if (!on) return;
    document.body.classList.add(name);
    return () => document.body.classList.remove(name);
  }, [name, on]);
}
