/** A horizontal extent on the page, CSS px. */
export interface Span {
  left: number;
  right: number;
}

/**
 * Where a popover opened at its term goes so it stays inside the box that would clip it (a scrolling
 * text column, or the window): as wide as it asks, at most the box's width less the margins, and moved
 * left by as much as it overflows on the right, never past the box's left edge. `dx` is added to its
 * CSS left (0: where it opened); `width` is null when it fits as it is.
 */
export function fitPopover(pop: Span, box: Span, margin = 8): { dx: number; width: number | null } {
  const room = box.right - box.left - 2 * margin;
  const asked = pop.right - pop.left;
  const width = asked > room ? Math.max(0, room) : null;
  const right = pop.left + (width ?? asked);
  const over = right - (box.right - margin);
  const dx = over > 0 ? -Math.min(over, pop.left - (box.left + margin)) : 0;
  return { dx: Math.min(0, dx), width };
}

/** The nearest ancestor that clips horizontally (overflow-x not visible), else the window. */
export function clippingSpan(el: HTMLElement): Span {
  for (let a = el.parentElement; a; a = a.parentElement) {
    const o = getComputedStyle(a).overflowX;
    if (o && o !== 'visible') {
      const r = a.getBoundingClientRect();
      return { left: r.left, right: r.left + a.clientWidth };
    }
  }
  return { left: 0, right: document.documentElement.clientWidth };
}
