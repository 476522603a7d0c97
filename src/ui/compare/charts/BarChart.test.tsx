// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { BarChart, FONT, LABEL } from './BarChart';
import { evenTicks, textWidth } from './layout';
import { linearScale } from './scale';

afterEach(cleanup);

describe('bar chart', () => {
  it('keeps the axis on the finite values and marks saturated ones', () => {
    const { container } = render(
      <BarChart
        title="t"
        description="d"
        unit="ms"
        format={(v) => (v / 1000).toFixed(1)}
        series={[{ key: 'mean', label: 'mean', color: 0 }]}
        rows={[
          { id: 'a', label: 'A', values: { mean: { value: 200, low: 150, high: 400 } } },
          { id: 'b', label: 'B', values: { mean: { value: 300, low: 200, high: Infinity } } },
          { id: 'c', label: 'C', values: { mean: { value: Infinity } } },
        ]}
      />,
    );
    const ticks = [...container.querySelectorAll('.tick text')].map((t) => t.textContent);
    expect(ticks.at(-1)).toBe('0.4'); // scaled to 400 µs, not to infinity
    expect(container.querySelectorAll('.sat-label')).toHaveLength(2);
    expect(container.querySelector('[data-row="c"] [data-saturated="true"]')).not.toBeNull();
    expect(container.querySelector('[data-row="b"] [data-saturated="high"]')).not.toBeNull();
    expect(container.querySelector('.axis-label')!.textContent).toBe('ms');
    expect(container.querySelector('svg')!.getAttribute('aria-label')).toMatch(/saturates/);
  });
});

describe('bar chart axis', () => {
  it('keeps only ticks whose labels do not run into each other, and the axis end', () => {
    const long = (v: number) => `${(v / 1000).toFixed(3)} long label`;
    const { container } = render(
      <BarChart
        title="t"
        description="d"
        format={long}
        series={[{ key: 'mean', label: 'mean', color: 0 }]}
        rows={[
          { id: 'a', label: 'A', values: { mean: { value: -2000 } } },
          { id: 'b', label: 'B', values: { mean: { value: 3500 } } },
        ]}
      />,
    );
    const ticks = [...container.querySelectorAll('.tick text')].map((t) => ({
      x: Number(t.getAttribute('x')),
      half: textWidth(t.textContent!, FONT) / 2,
    }));
    expect(ticks.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < ticks.length; i++)
      expect(ticks[i].x - ticks[i].half, `tick ${i}`).toBeGreaterThan(ticks[i - 1].x + ticks[i - 1].half);
    // Every tick of the scale would have run together at this label width.
    const all = linearScale(-2000, 3500, LABEL, 720 - 135).ticks.length;
    expect(ticks.length).toBeLessThan(all);
    // Evenly spaced (labels this long leave room for two ticks: the ends of a step that fits).
    const steps = ticks.slice(1).map((t, i) => t.x - ticks[i].x);
    for (const d of steps) expect(d).toBeCloseTo(steps[0], 6);
  });

  it('evenTicks keeps every k-th tick from zero, for the smallest k that fits', () => {
    // Ticks 0.6 of a label (and its gap) apart: every other one fits.
    const d = (textWidth('xxxx', FONT) + 8) * 0.6;
    const t = (value: number, i: number) => ({ value, at: i * d, label: 'xxxx' });
    const ticks = [t(-1, 0), t(-0.5, 1), t(0, 2), t(0.5, 3), t(1, 4), t(1.5, 5)];
    expect(evenTicks(ticks, FONT).map((x) => x.value)).toEqual([-1, 0, 1]);
    expect(evenTicks(ticks, FONT, -1000).map((x) => x.value)).toEqual([-1, -0.5, 0, 0.5, 1, 1.5]);
  });
});

describe('bar chart markers', () => {
  it('stacks close markers in lanes so that no two tags overlap (both kept, the row taller)', () => {
    const chart = (markers: { value: number; tag: string }[]) =>
      render(
        <BarChart
          title="t"
          description="d"
          unit="ms"
          format={(v) => (v / 1000).toFixed(1)}
          series={[{ key: 'mean', label: 'mean', color: 0 }]}
          rows={[{ id: 'a', label: 'A', values: { mean: { value: 1000 } } }]}
          markers={markers.map((m) => ({ ...m, row: 'a', shape: 'triangle', title: m.tag }))}
        />,
      ).container;
    const apart = chart([
      { value: 0, tag: '1' },
      { value: 1000, tag: '2' },
    ]);
    const close = chart([
      { value: 500, tag: '5' },
      { value: 510, tag: '6' },
    ]);
    const tags = (c: HTMLElement) =>
      [...c.querySelectorAll('.marker-tag')].map((t) => ({
        x: Number(t.getAttribute('x')),
        y: Number(t.getAttribute('y')),
      }));
    const [a1, a2] = tags(apart);
    expect(a1.y).toBe(a2.y);
    const [c1, c2] = tags(close);
    // Tags are 16 units tall: the second sits a lane (20) lower.
    expect(Math.abs(c2.y - c1.y)).toBeGreaterThanOrEqual(16);
    const height = (c: HTMLElement) => Number(c.querySelector('svg')!.getAttribute('viewBox')!.split(' ')[3]);
    expect(height(close)).toBeGreaterThan(height(apart));
    cleanup();
  });
});
