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

/** A vertical extent on the page, CSS px. */
export interface Extent {
  top: number;
  bottom: number;
}

/**
 * Whether a popover `height` tall opens above its term rather than below: when it would pass the
 * bottom of the box that clips it (a presenter's scrolling notes, the window) and there is more room
 * above the term than below it.
 */
export function opensAbove(height: number, term: Extent, box: Extent, margin = 8): boolean {
  const below = box.bottom - margin - term.bottom;
  const above = term.top - (box.top + margin);
  return height > below && above > below;
}

/** The nearest ancestor that clips (overflow not visible: both axes then clip), else the window. */
export function clippingBox(el: HTMLElement): Span & Extent {
  for (let a = el.parentElement; a; a = a.parentElement) {
    const o = getComputedStyle(a);
    if ((o.overflowX && o.overflowX !== 'visible') || (o.overflowY && o.overflowY !== 'visible')) {
      const r = a.getBoundingClientRect();
      return { left: r.left, right: r.left + a.clientWidth, top: r.top, bottom: r.top + a.clientHeight };
    }
  }
  const d = document.documentElement;
  return { left: 0, right: d.clientWidth, top: 0, bottom: window.innerHeight };
}
