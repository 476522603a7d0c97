import { describe, expect, it } from 'vitest';
import { fitPopover, opensAbove } from './fitPopover';

describe('a glossary popover inside the box that would clip it', () => {
  const column = { left: 0, right: 400 };
  it('stays where it opened when it fits', () => {
    expect(fitPopover({ left: 20, right: 300 }, column)).toEqual({ dx: 0, width: null });
  });
  it('moves left by what overflows on the right, keeping the margin', () => {
    // Opened at 150, 240 wide: its right edge (390) is inside the limit (400 − 8 margin = 392).
    expect(fitPopover({ left: 150, right: 390 }, column)).toEqual({ dx: 0, width: null });
    // At 200, 240 wide: 48 px over the 392 limit.
    expect(fitPopover({ left: 200, right: 440 }, column)).toEqual({ dx: -48, width: null });
  });
  it('never past the box’s left edge, and narrowed to the box when wider than it', () => {
    // 480 wide in a 400 px column: 384 wide (the margins), from the left margin.
    expect(fitPopover({ left: 145, right: 625 }, column)).toEqual({ dx: -137, width: 384 });
    // The 1024 px presenter's text column: a term at 145 in a column of 12–406.
    const fit = fitPopover({ left: 145, right: 625 }, { left: 12, right: 406 });
    expect(145 + fit.dx).toBe(20);
    expect(145 + fit.dx + fit.width!).toBe(398);
  });
});

describe('a glossary popover opens above its term only where there is no room below', () => {
  const box = { top: 0, bottom: 600 };
  it('below when it fits under the term', () => {
    // Term at 100–120: 472 px below (600 − 8 − 120), a 300 px popover fits.
    expect(opensAbove(300, { top: 100, bottom: 120 }, box)).toBe(false);
  });
  it('above when it would pass the bottom and there is more room above', () => {
    // Term at 480–500: 92 px below, 472 above.
    expect(opensAbove(300, { top: 480, bottom: 500 }, box)).toBe(true);
  });
  it('below when it fits nowhere but there is more room below', () => {
    expect(opensAbove(700, { top: 200, bottom: 220 }, box)).toBe(false);
    // The box's own top counts: a scrolled column starting at 400 leaves 72 px above a term at 480.
    expect(opensAbove(300, { top: 480, bottom: 500 }, { top: 400, bottom: 600 })).toBe(false);
  });
});
