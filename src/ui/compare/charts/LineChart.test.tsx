// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { fromX, LineChart } from './LineChart';
import { scenarioMark } from './scenarioMark';

afterEach(cleanup);

describe('fromX', () => {
  it('drops points left of the start and cuts the crossing segment where it crosses, straight on the log axis', () => {
    const pts = [
      { x: 10, y: 1 },
      { x: 1000, y: 3 },
      { x: 2000, y: 5 },
    ];
    // 100 is halfway from 10 to 1000 on a log axis: the cut point is halfway in y.
    expect(fromX(pts, 100)).toEqual([
      { x: 100, y: 2 },
      { x: 1000, y: 3 },
      { x: 2000, y: 5 },
    ]);
    expect(fromX(pts, 1000)).toEqual(pts.slice(1));
    expect(fromX(pts, 5)).toEqual(pts);
    expect(fromX(pts, 5000)).toEqual([]);
  });
});

describe('line chart', () => {
  /** What every chart here is given besides its lines and axis names. */
  const axes = {
    title: 't',
    description: 'd',
    formatX: (v: number) => String(v),
    formatY: (v: number) => v.toFixed(1),
  };
  /** The x of each line's first drawn point, in the SVG's units. */
  const starts = (container: HTMLElement) =>
    Object.fromEntries(
      [...container.querySelectorAll('g[data-line]')].map((g) => [
        g.getAttribute('data-line'),
        Number(/^M([\d.]+),/.exec(g.querySelector('path.line')!.getAttribute('d')!)![1]),
      ]),
    );

  it('with xFrom, the axis starts there and every line given from further left starts at it', () => {
    // A light design's line from 20 req/s, a heavy one's from 2,000: both start at the axis (200).
    const props = { ...axes, xLabel: 'req/s', yLabel: 'ms' };
    const lines = [
      {
        id: 'light',
        label: 'L',
        color: 0 as const,
        points: [20, 200, 2000, 9000].map((x) => ({ x, y: 1 + x / 10_000 })),
      },
      {
        id: 'heavy',
        label: 'H',
        color: 1 as const,
        points: [2, 20, 200, 900].map((x) => ({ x, y: 1 + x / 1000 })),
      },
    ];
    const cut = starts(render(<LineChart {...props} lines={lines} xFrom={200} />).container);
    expect(cut.light).toBeCloseTo(cut.heavy, 6);
    cleanup();
    // Without it the axis starts at the lightest point (2) and the light line starts to the right.
    const whole = starts(render(<LineChart {...props} lines={lines} />).container);
    expect(whole.light).toBeGreaterThan(whole.heavy + 100);
    // A mark left of xFrom lowers the axis to it: the lines start there, with the mark.
    cleanup();
    const marked = [
      { ...lines[0], marks: [{ x: 50, y: 1, label: 'sim', kind: 'sim-mean', shape: 'circle' as const }] },
      lines[1],
    ];
    const { container } = render(<LineChart {...props} lines={marked} xFrom={200} />);
    const low = starts(container);
    expect(low.light).toBeCloseTo(low.heavy, 6);
    expect(Number(container.querySelector('circle.mark')!.getAttribute('cx'))).toBeCloseTo(low.light, 0);
    expect(low.light).toBeCloseTo(cut.light, 6); // the same left edge, now at 50
    // A start that is not a number (no design with a saturation load) cuts nothing.
    cleanup();
    const none = starts(render(<LineChart {...props} lines={lines} xFrom={Infinity} />).container);
    expect(none).toEqual(whole);
  });

  it('points out the scenario’s own size where no tick falls: an upright line through the plot at its x, labelled', () => {
    const pods = [
      { pods: 2005, current: true, y: 10 },
      { pods: 5000, y: 20 },
      { pods: 10000, y: 30 },
    ];
    const base = {
      ...axes,
      xLabel: 'pods',
      yLabel: 'GiB',
      lines: [{ id: 'a', label: 'A', color: 0 as const, points: pods.map((p) => ({ x: p.pods, y: p.y })) }],
    };
    const mark = scenarioMark(pods, (p) => p.pods, 'pods');
    expect(mark).toEqual({ x: 2005, label: 'this scenario: 2,005 pods' });
    const { container } = render(<LineChart {...base} xMark={mark} />);
    const line = container.querySelector('[data-testid="x-mark"] line')!;
    // The line's first point: the scenario's point, so the mark stands exactly at it.
    const first = Number(/^M([\d.]+),/.exec(container.querySelector('path.line')!.getAttribute('d')!)![1]);
    expect(Number(line.getAttribute('x1'))).toBeCloseTo(first, 0);
    expect(line.getAttribute('x2')).toBe(line.getAttribute('x1'));
    expect(Number(line.getAttribute('y2'))).toBeGreaterThan(Number(line.getAttribute('y1')));
    expect(container.querySelector('[data-testid="x-mark"] text')!.textContent).toBe(
      'this scenario: 2,005 pods',
    );
    // None of the ticks falls on it (why it is pointed out).
    const ticks = [...container.querySelectorAll('.x-tick text')].map((t) => t.textContent);
    expect(ticks).not.toContain('2005');
    cleanup();
    // At the right edge, its label turns to the left of the line, inside the chart.
    const right = render(<LineChart {...base} xMark={{ x: 10000, label: 'this scenario: 10,000 pods' }} />);
    expect(right.container.querySelector('[data-testid="x-mark"] text')!.getAttribute('text-anchor')).toBe(
      'end',
    );
    cleanup();
    // Outside the axis, or with no point marked current, nothing is drawn.
    const none = render(<LineChart {...base} xMark={scenarioMark(pods.slice(1), (p) => p.pods, 'pods')} />);
    expect(none.container.querySelector('[data-testid="x-mark"]')).toBeNull();
    cleanup();
    const outside = render(<LineChart {...base} xMark={{ x: 50, label: 'x' }} />);
    expect(outside.container.querySelector('[data-testid="x-mark"]')).toBeNull();
  });
});
