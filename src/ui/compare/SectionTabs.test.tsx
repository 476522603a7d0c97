// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { SectionTabs } from './SectionTabs';

afterEach(cleanup);

function Harness() {
  const [current, setCurrent] = useState('latency');
  return (
    <SectionTabs
      label="Detailed results"
      current={current}
      onChange={setCurrent}
      tabs={[
        { id: 'latency', label: 'Latency', content: <p>latency body</p> },
        { id: 'cpu', label: 'CPU', content: <p>cpu body</p> },
        { id: 'memory', label: 'Memory', content: <p>memory body</p> },
      ]}
    />
  );
}

const selected = () => screen.getAllByRole('tab').find((t) => t.getAttribute('aria-selected') === 'true');

describe('section tabs', () => {
  it('shows one group at a time; the others stay in the document, hidden', () => {
    render(<Harness />);
    expect(screen.getByRole('tablist', { name: 'Detailed results' })).toBeTruthy();
    expect(screen.getByRole('tabpanel').textContent).toBe('latency body');
    expect(screen.getByText('cpu body').closest('[role=tabpanel]')!.hasAttribute('hidden')).toBe(true);
    fireEvent.click(screen.getByRole('tab', { name: 'CPU' }));
    expect(screen.getByRole('tabpanel').textContent).toBe('cpu body');
    expect(screen.getByRole('tabpanel').getAttribute('aria-labelledby')).toBe(selected()!.id);
  });

  it('moves by arrow keys, Home and End, wrapping, with one tab in the Tab order', () => {
    render(<Harness />);
    const first = screen.getByRole('tab', { name: 'Latency' });
    first.focus();
    fireEvent.keyDown(first, { key: 'ArrowLeft' });
    expect(selected()!.textContent).toBe('Memory');
    expect(document.activeElement).toBe(selected());
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowRight' });
    expect(selected()!.textContent).toBe('Latency');
    fireEvent.keyDown(document.activeElement!, { key: 'End' });
    expect(selected()!.textContent).toBe('Memory');
    fireEvent.keyDown(document.activeElement!, { key: 'Home' });
    expect(selected()!.textContent).toBe('Latency');
    expect(screen.getAllByRole('tab').map((t) => t.tabIndex)).toEqual([0, -1, -1]);
  });

  it('an unknown current group falls back to the first', () => {
    render(
      <SectionTabs
        label="x"
        current="nope"
        onChange={() => {}}
        tabs={[
          { id: 'a', label: 'A', content: 'a' },
          { id: 'b', label: 'B', content: 'b' },
        ]}
      />,
    );
    expect(selected()!.textContent).toBe('A');
  });
});
