import { useEffect } from 'react';

/**
 * The playback bar sticks to the top of the window and covers what scrolls under it. Whatever the
 * browser scrolls into view (a control reached by Tab, a scrollIntoView, a pointer tool revealing a
 * button) must land below it, or the reveal scrolls again and the page jumps: so the page's scroll
 * margin of everything under the bar (simulate.css, from --sim-bar-height) follows the bar's height.
 *
 * The height comes from a ResizeObserver, whose first report arrives after the browser's own layout:
 * reading it at once would force a layout of the whole page just mounted, inside the mount's task
 * (~60 ms for 400 pods, ~220 ms for the large mesh).
 */
export function useStickyBarMargin(selector: string, deps: readonly unknown[]): void {
  useEffect(() => {
    const bar = document.querySelector<HTMLElement>(selector);
    const root = document.documentElement;
    if (!bar) return;
    const set = (height: number) => root.style.setProperty('--sim-bar-height', `${Math.ceil(height)}px`);
    if (typeof ResizeObserver !== 'function') {
      set(bar.getBoundingClientRect().height);
      return () => root.style.removeProperty('--sim-bar-height');
    }
    const ro = new ResizeObserver((entries) => {
      const box = entries.at(-1)?.borderBoxSize?.[0];
      set(box ? box.blockSize : bar.getBoundingClientRect().height);
    });
    ro.observe(bar);
    return () => {
      ro.disconnect();
      root.style.removeProperty('--sim-bar-height');
    };
    // Re-attached when the bar may have been replaced (deps given by the page).
  }, deps);
}
