// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { BarChart } from './BarChart';

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
