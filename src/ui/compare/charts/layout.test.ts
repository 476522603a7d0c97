import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FONT, LABEL, rowLabelLines } from './BarChart';
import { compactNumber, textWidth, thinTicks, wrapLabel } from './layout';
import { lineChartLayout, UNIT_BASELINE, X_TICK_DY } from './LineChart';

/** A text's box from its baseline, as browsers measure the system sans-serif (ascent, descent in em). */
const ASCENT = 0.95;
const DESCENT = 0.25;

const dir = new URL('../../../../models/architectures/', import.meta.url);
const names = readdirSync(dir).map(
  (f) => (JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as { name: string }).name,
);

/** Every pair of centred labels is apart. */
function overlaps(ticks: { at: number; label: string }[]): boolean {
  for (let i = 1; i < ticks.length; i++) {
    const a = ticks[i - 1]!;
    const b = ticks[i]!;
    if (b.at - textWidth(b.label, FONT) / 2 < a.at + textWidth(a.label, FONT) / 2) return true;
  }
  return false;
}

describe('chart text layout', () => {
  it('wraps every shipped architecture name within the label column, whole', () => {
    expect(names).toContain('Cilium (eBPF, per-node Envoy for L7)');
    for (const n of names) {
      const { lines, cut } = rowLabelLines(n);
      expect(cut, n).toBe(false);
      expect(lines.join(' '), n).toBe(n);
      for (const l of lines) expect(textWidth(l, FONT), l).toBeLessThanOrEqual(LABEL - 16);
    }
  });

  it('cuts a label too long for its lines with an ellipsis', () => {
    const { lines, cut } = wrapLabel('a very long architecture name that goes on and on and on', 21, 120, 2);
    expect(cut).toBe(true);
    expect(lines).toHaveLength(2);
    expect(lines[1]!.endsWith('…')).toBe(true);
    for (const l of lines) expect(textWidth(l, 21)).toBeLessThanOrEqual(120);
  });

  it('writes axis numbers in three significant digits, with k and M', () => {
    expect([2, 50, 1234, 500_000, 1_000_000, 2_500_000].map(compactNumber)).toEqual([
      '2',
      '50',
      '1.23k',
      '500k',
      '1M',
      '2.5M',
    ]);
  });

  it('thins x ticks that would collide and keeps the axis end', () => {
    const ticks = [100000, 200000, 500000].map((v, i) => ({ at: 600 + i * 40, label: compactNumber(v) }));
    const kept = thinTicks(ticks, FONT);
    expect(overlaps(kept)).toBe(false);
    expect(kept.at(-1)!.label).toBe('500k');
  });

  for (const [lo, hi, what] of [
    [2, 2000, 'pods'],
    [100, 500000, 'offered load'],
    [10, 1000, 'services'],
    [1000, 500000, 'high load'],
  ] as const) {
    it(`lays out a ${what} axis from ${lo} to ${hi} without overlaps or clipping`, () => {
      const lay = lineChartLayout(lo, hi, 4, compactNumber, (v) => v.toFixed(2));
      expect(lay.xTicks.length).toBeGreaterThanOrEqual(2);
      expect(overlaps(lay.xTicks)).toBe(false);
      const last = lay.xTicks.at(-1)!;
      expect(last.at + textWidth(last.label, FONT) / 2).toBeLessThanOrEqual(lay.W);
      const first = lay.xTicks[0]!;
      expect(first.at - textWidth(first.label, FONT) / 2).toBeGreaterThanOrEqual(0);
      // y tick labels end 6 left of the axis and fit in the left margin.
      for (const t of lay.y.ticks) expect(textWidth(t.toFixed(2), FONT)).toBeLessThanOrEqual(lay.L - 6);
    });
  }

  it('puts the y unit above the plot, clear of the top tick label', () => {
    const lay = lineChartLayout(2, 2000, 4, compactNumber, (v) => v.toFixed(2));
    const topTickTop = lay.y.at(lay.y.max) + 4 - FONT * ASCENT;
    expect(UNIT_BASELINE + FONT * DESCENT).toBeLessThan(topTickTop);
    expect(UNIT_BASELINE - FONT * ASCENT).toBeGreaterThanOrEqual(0);
  });

  it('keeps the x tick labels below the lowest y tick label and above the x axis title', () => {
    const lay = lineChartLayout(2, 2000, 4, compactNumber, (v) => v.toFixed(2));
    const xTickBaseline = lay.H - lay.B + X_TICK_DY;
    expect(lay.y.at(0) + 4 + FONT * DESCENT).toBeLessThan(xTickBaseline - FONT * ASCENT);
    expect(xTickBaseline + FONT * DESCENT).toBeLessThan(lay.H - 6 - FONT * ASCENT);
  });
});
