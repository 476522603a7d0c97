import { useEffect } from 'react';

/**
 * Renders committed per part of the picture, read by tests: the route changes ten times a second
 * while playing, and a part that does not draw it must not re-render with it (a 400-pod picker list
 * re-rendered at that rate was a visible share of the page's main-thread time).
 */
export const renderCounts: Record<string, number> = {};

/** Counts each committed render of the calling component under `part` (an effect: no render-phase writes). */
export function useRenderCount(part: string): void {
  useEffect(() => {
    renderCounts[part] = (renderCounts[part] ?? 0) + 1;
  });
}
