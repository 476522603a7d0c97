// @vitest-environment jsdom
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { shippedModels } from '../model/models';
import { createSimulateSession } from '../machines/simulate/session';
import { fakeTrace, handClock } from '../test/simulateHarness';
import { readParams } from './simulate/params';
import { SimulateView } from './simulatePage';

// The worker's reply that makes the scenario ready must not also mount the whole page in its task
// (a 2,000-pod mesh's picture, panels and lists: 250–520 ms in Chromium). React is left to schedule
// for real here (no act), so what renders inside the reply's task and what renders later can be told apart.

let root: Root | null = null;
let container: HTMLElement | null = null;
const g = globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean };

afterEach(() => {
  root?.unmount();
  container?.remove();
  g.IS_REACT_ACT_ENVIRONMENT = true;
});

const microtasks = async (n = 50) => {
  for (let i = 0; i < n; i++) await Promise.resolve();
};
const macrotasks = async (n = 20) => {
  for (let i = 0; i < n; i++) await new Promise((r) => setTimeout(r, 0));
};

describe('the Simulate page on a ready scenario', () => {
  it('mounts the picture and panels in a later task than the reply that made it ready', async () => {
    g.IS_REACT_ACT_ENVIRONMENT = false;
    // The worker answers the open only when the test lets it, so the page is mounted (loading) first.
    const { trace } = fakeTrace();
    let answer = () => {};
    const gate = new Promise<void>((r) => (answer = r));
    const open = trace.open;
    trace.open = async (...a) => {
      await gate;
      return open(...a);
    };
    const session = createSimulateSession(
      { trace, ticker: handClock().ticker },
      {
        choices: {
          presetId: 'one-request-slowly',
          seed: null,
          protocol: null,
          arch: 'sidecar-envoy',
          view: 'trace',
        },
      },
    );
    const archs = [...shippedModels().architectures.values()].map((a) => ({ id: a.id, name: a.name }));
    const initial = readParams(new URLSearchParams('gl=0'), archs);
    container = document.body.appendChild(document.createElement('div'));
    root = createRoot(container);
    root.render(<SimulateView session={session} initial={initial} />);
    await macrotasks();
    expect(container.textContent).toContain('Compiling the scenario');

    // At the moment the session turns ready, follow its notification to the end of that task.
    let inTheSameTask: { scene: boolean; compiling: boolean } | null = null;
    const stop = session.subscribe(() => {
      if (inTheSameTask || session.page().view.status !== 'ready') return;
      inTheSameTask = { scene: false, compiling: false };
      const seen = inTheSameTask;
      void microtasks().then(() => {
        seen.scene = !!container!.querySelector('[data-testid="scene"]');
        seen.compiling = container!.textContent!.includes('Compiling the scenario');
      });
    });
    answer();
    for (let i = 0; i < 200 && session.page().view.status !== 'ready'; i++) await macrotasks(1);
    await macrotasks();
    stop();
    expect(inTheSameTask).toEqual({ scene: false, compiling: true });
    // …and in later tasks it is all there. React renders the page in 5 ms slices, each a task of its own:
    // on a loaded machine that is more tasks than the 20 waited above, so wait for the scene (at most 2 s).
    const until = Date.now() + 2_000;
    while (!container.querySelector('[data-testid="scene"]') && Date.now() < until) await macrotasks(1);
    expect(container.querySelector('[data-testid="scene"]')).not.toBeNull();
    expect(container.querySelector('[data-testid="scene-picker"]')).not.toBeNull();
    expect(container.textContent).not.toContain('Compiling the scenario');

    // A choice renders within the task that made it — a controlled control must not show its old
    // value meanwhile — and the address follows it (links are shared from it at once).
    const toggle = () => container!.querySelector('.sim-present-toggle')!.getAttribute('aria-pressed');
    expect(toggle()).toBe('false');
    expect(window.location.hash).not.toContain('present=1');
    session.setPresentation(true);
    await microtasks();
    expect(toggle()).toBe('true');
    expect(window.location.hash).toContain('present=1');
  });
});
