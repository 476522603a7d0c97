// @vitest-environment jsdom
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SectionTabs } from './SectionTabs';

// Outside act(): React schedules work as in a browser, so the test sees what a single task commits.
const g = globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean };
let actBefore: boolean | undefined;

let root: Root | null = null;
let host: HTMLElement | null = null;
beforeEach(() => {
  actBefore = g.IS_REACT_ACT_ENVIRONMENT;
  g.IS_REACT_ACT_ENVIRONMENT = false;
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
});
afterEach(() => {
  root?.unmount();
  host?.remove();
  root = null;
  host = null;
  g.IS_REACT_ACT_ENVIRONMENT = actBefore;
});

const tabs = (figure: string) => [
  { id: 'latency', label: 'Latency', content: <p data-testid="shown">{figure}</p> },
  { id: 'cpu', label: 'CPU', content: <p data-testid="hidden">{figure}</p> },
];
const text = (id: string) => host!.querySelector(`[data-testid="${id}"]`)?.textContent;
const panel = (id: string) => host!.querySelector(`[data-section-panel="${id}"]`) as HTMLElement;
/** Renders the tabs with `figure` in both groups, synchronously (as the session's updates render). */
const draw = (figure: string, current = 'latency') => {
  // Set here too: with files sharing a worker, a hook outside this file may have set it since.
  g.IS_REACT_ACT_ENVIRONMENT = false;
  flushSync(() =>
    root!.render(
      <SectionTabs label="Detailed results" current={current} onChange={() => {}} tabs={tabs(figure)} />,
    ),
  );
};
/** Waits (in later tasks) until the hidden group shows `figure`, for at most 0.5 s. */
const hiddenShows = async (figure: string) => {
  for (let i = 0; i < 100 && text('hidden') !== figure; i++) await new Promise((r) => setTimeout(r, 5));
};

describe('section tabs: the hidden groups render after the shown one', () => {
  it('a change renders the shown group at once and the hidden groups after it, in a later task', async () => {
    draw('1.0 ms');
    // The hidden group's first render is deferred too; wait for it.
    await hiddenShows('1.0 ms');
    expect(text('shown')).toBe('1.0 ms');
    expect(text('hidden')).toBe('1.0 ms');

    draw('2.0 ms');
    // The synchronous render committed the shown group only.
    expect(text('shown')).toBe('2.0 ms');
    expect(text('hidden')).toBe('1.0 ms');
    // The hidden group follows in a task of its own, and stays hidden.
    await hiddenShows('2.0 ms');
    expect(text('hidden')).toBe('2.0 ms');
    expect(panel('cpu').hidden).toBe(true);
  });

  it('switching tabs shows the group picked, with its latest figures, in the same render', () => {
    draw('1.0 ms', 'latency');
    draw('3.0 ms', 'cpu');
    expect(text('hidden')).toBe('3.0 ms');
    expect(panel('cpu').hidden).toBe(false);
    expect(panel('latency').hidden).toBe(true);
  });
});
