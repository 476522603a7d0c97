import { describe, expect, it } from 'vitest';
import { fitPopover } from './fitPopover';

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
