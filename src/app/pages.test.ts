// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';

// Stand-ins for the page chunks, so the test counts downloads instead of loading the real pages.
const loads = vi.hoisted(() => ({ simulate: 0, compare: 0, lessons: 0, engine: 0, scene: 0 }));
vi.mock('./simulatePage', () => (loads.simulate++, { SimulatePageRoute: () => null }));
vi.mock('./comparePage', () => (loads.compare++, { ComparePageRoute: () => null }));
vi.mock('./lessonsPage', () => (loads.lessons++, { LessonsPageRoute: () => null }));
vi.mock('./enginePage', () => (loads.engine++, { EnginePageRoute: () => null }));
vi.mock('../scene/scene3dChunk', () => ({ preloadScene3D: async () => void loads.scene++ }));

const { installPreloading } = await import('./pages');
const { createQuiet } = await import('./quiet');

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('preloading pages', () => {
  it('hovering a link to Simulate fetches its page and the 3D view; other links their page; idle fetches the rest', async () => {
    const idle: (() => void)[] = [];
    const win = Object.assign(Object.create(window) as Window, {
      requestIdleCallback: (cb: () => void) => idle.push(cb),
    });
    document.body.innerHTML =
      '<a id="sim" href="#/simulate?preset=pods-400">Simulate</a><a id="cmp" href="#/compare"><b>Compare</b></a><a id="ext" href="https://example.org">x</a>';
    const stop = installPreloading(document, win);
    expect(loads).toEqual({ simulate: 0, compare: 0, lessons: 0, engine: 0, scene: 0 });

    document.getElementById('ext')!.dispatchEvent(new Event('pointerover', { bubbles: true }));
    document.getElementById('sim')!.dispatchEvent(new Event('pointerover', { bubbles: true }));
    await flush();
    expect(loads).toMatchObject({ simulate: 1, scene: 1, compare: 0 });

    // Focus reaches the link through a child element too (keyboard users preload as well).
    document.querySelector('#cmp b')!.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
    await flush();
    expect(loads).toMatchObject({ compare: 1, lessons: 0 });

    expect(idle).toHaveLength(1); // jsdom's document is already loaded: idle preloading is queued at once
    idle[0]();
    await flush();
    expect(loads).toMatchObject({ simulate: 1, compare: 1, lessons: 1, engine: 1 });
    stop();
  });

  it('while a page holds the quiet gate (Compare before its comparison is finished), idle preloading is not even asked for', () => {
    const idle: (() => void)[] = [];
    const quiet = createQuiet({
      loaded: () => true,
      onLoad: () => undefined,
      idle: (f) => void idle.push(f),
      setTimeout: () => undefined,
    });
    const release = quiet.hold();
    const stop = installPreloading(document, window, quiet);
    expect(idle).toHaveLength(0);
    release();
    // The rest is as above: the idle callback fetches every page.
    expect(idle).toHaveLength(1);
    stop();
  });
});
