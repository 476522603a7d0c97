import { useEffect } from 'react';

/**
 * The playback bar sticks to the top of the window and covers what scrolls under it. Whatever the
 * browser scrolls into view (a control reached by Tab, a scrollIntoView, a pointer tool revealing a
 * button) must land below it, or the reveal scrolls again and the page jumps: so the page's scroll
 * margin of everything under the bar (simulate.css, from --sim-bar-height) follows the bar's height.
 */
export function useStickyBarMargin(selector: string, deps: readonly unknown[]): void {
  useEffect(() => {
    const bar = document.querySelector<HTMLElement>(selector);
    const root = document.documentElement;
    if (!bar) return;
    const set = () => {
      root.style.setProperty('--sim-bar-height', `${Math.ceil(bar.getBoundingClientRect().height)}px`);
    };
    set();
    const ro = typeof ResizeObserver === 'function' ? new ResizeObserver(set) : null;
    ro?.observe(bar);
    return () => {
      ro?.disconnect();
      root.style.removeProperty('--sim-bar-height');
    };
    // Re-attached when the bar may have been replaced (deps given by the page).
  }, deps);
}
