// @vitest-environment jsdom
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { SectionTabs } from './SectionTabs';

// Outside act(): React schedules work as in a browser, so the test sees what a single task commits.
const g = globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean };

let root: Root | null = null;
let host: HTMLElement | null = null;
afterEach(() => {
  root?.unmount();
  host?.remove();
  root = null;
  host = null;
});

const tabs = (figure: string) => [
  { id: 'latency', label: 'Latency', content: <p data-testid="shown">{figure}</p> },
  { id: 'cpu', label: 'CPU', content: <p data-testid="hidden">{figure}</p> },
];
const text = (id: string) => host!.querySelector(`[data-testid="${id}"]`)?.textContent;

describe('section tabs: the hidden groups render after the shown one', () => {
  it('a change renders the shown group at once and the hidden groups after it, in a later task', async () => {
    const before = g.IS_REACT_ACT_ENVIRONMENT;
    g.IS_REACT_ACT_ENVIRONMENT = false;
    try {
      host = document.createElement('div');
      document.body.append(host);
      root = createRoot(host);
      const draw = (figure: string) =>
        flushSync(() =>
          root!.render(
            <SectionTabs
              label="Detailed results"
              current="latency"
              onChange={() => {}}
              tabs={tabs(figure)}
            />,
          ),
        );
      draw('1.0 ms');
      // The hidden group's first render is deferred too; wait for it.
      for (let i = 0; i < 100 && text('hidden') !== '1.0 ms'; i++) await new Promise((r) => setTimeout(r, 5));
      expect(text('shown')).toBe('1.0 ms');
      expect(text('hidden')).toBe('1.0 ms');

      draw('2.0 ms');
      // The synchronous render committed the shown group only.
      expect(text('shown')).toBe('2.0 ms');
      expect(text('hidden')).toBe('1.0 ms');
      // The hidden group follows in a task of its own, and stays hidden.
      for (let i = 0; i < 100 && text('hidden') !== '2.0 ms'; i++) await new Promise((r) => setTimeout(r, 5));
      expect(text('hidden')).toBe('2.0 ms');
      const panel = host.querySelector('[data-section-panel="cpu"]') as HTMLElement;
      expect(panel.hidden).toBe(true);
    } finally {
      g.IS_REACT_ACT_ENVIRONMENT = before;
    }
  });

  it('switching tabs shows the group picked, with its latest figures, in the same render', async () => {
    const before = g.IS_REACT_ACT_ENVIRONMENT;
    g.IS_REACT_ACT_ENVIRONMENT = false;
    try {
      host = document.createElement('div');
      document.body.append(host);
      root = createRoot(host);
      const draw = (figure: string, current: string) =>
        flushSync(() =>
          root!.render(
            <SectionTabs
              label="Detailed results"
              current={current}
              onChange={() => {}}
              tabs={tabs(figure)}
            />,
          ),
        );
      draw('1.0 ms', 'latency');
      draw('3.0 ms', 'cpu');
      expect(text('hidden')).toBe('3.0 ms');
      expect((host.querySelector('[data-section-panel="cpu"]') as HTMLElement).hidden).toBe(false);
      expect((host.querySelector('[data-section-panel="latency"]') as HTMLElement).hidden).toBe(true);
    } finally {
      g.IS_REACT_ACT_ENVIRONMENT = before;
    }
  });
});
