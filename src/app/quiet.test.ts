import { describe, expect, it } from 'vitest';
import { createQuiet, HOLD_LIMIT_MS, type QuietEnv } from './quiet';

/** A page whose load, idle callbacks and timers the test fires by hand, recording what ran in order. */
function fakePage(loaded = false) {
  const log: string[] = [];
  let onLoad: (() => void) | null = null;
  const idle: (() => void)[] = [];
  const timers: { at: number; f: () => void }[] = [];
  let now = 0;
  const env: QuietEnv = {
    loaded: () => loaded,
    onLoad: (f) => (onLoad = f),
    idle: (f) => void idle.push(f),
    setTimeout: (f, ms) => void timers.push({ at: now + ms, f }),
  };
  return {
    env,
    log,
    idle,
    load() {
      loaded = true;
      onLoad?.();
    },
    /** Fires every idle callback asked for so far. */
    goIdle() {
      for (const f of idle.splice(0)) f();
    },
    advance(ms: number) {
      now += ms;
      for (const t of timers.filter((t) => t.at <= now)) {
        timers.splice(timers.indexOf(t), 1);
        t.f();
      }
    },
  };
}

describe('background work waits until the page is quiet', () => {
  it('nothing runs before load; after load it runs when the browser is idle', () => {
    const page = fakePage();
    const quiet = createQuiet(page.env);
    quiet.whenQuiet(() => page.log.push('service worker'));
    quiet.whenQuiet(() => page.log.push('preload pages'));
    expect(page.idle).toHaveLength(0);
    page.load();
    expect(page.log).toEqual([]);
    page.goIdle();
    expect(page.log).toEqual(['service worker', 'preload pages']);
    page.goIdle();
    expect(page.log).toHaveLength(2); // once each
  });

  it('a page’s hold (Compare until its comparison is finished) keeps it back past load and idle', () => {
    const page = fakePage();
    const quiet = createQuiet(page.env);
    const release = quiet.hold(); // taken at boot for a link to Compare
    quiet.whenQuiet(() => page.log.push('service worker'));
    page.load();
    page.goIdle();
    page.log.push('first result on screen');
    page.goIdle();
    page.log.push('comparison finished');
    release();
    expect(page.log).toEqual(['first result on screen', 'comparison finished']); // still waits for idle
    page.goIdle();
    expect(page.log).toEqual(['first result on screen', 'comparison finished', 'service worker']);
    release(); // releasing twice changes nothing
    expect(page.idle).toHaveLength(0);
  });

  it('a hold taken while idle was awaited: the idle callback runs nothing, the release asks again', () => {
    const page = fakePage(true);
    const quiet = createQuiet(page.env);
    quiet.whenQuiet(() => page.log.push('service worker'));
    expect(page.idle).toHaveLength(1);
    const release = quiet.hold();
    page.goIdle();
    expect(page.log).toEqual([]);
    release();
    page.goIdle();
    expect(page.log).toEqual(['service worker']);
  });

  it('two holds: both must be released', () => {
    const page = fakePage(true);
    const quiet = createQuiet(page.env);
    const a = quiet.hold();
    const b = quiet.hold();
    quiet.whenQuiet(() => page.log.push('ran'));
    a();
    page.goIdle();
    expect(page.log).toEqual([]);
    b();
    page.goIdle();
    expect(page.log).toEqual(['ran']);
  });

  it('a hold never released ends by itself after HOLD_LIMIT_MS, so the site still becomes usable offline', () => {
    const page = fakePage(true);
    const quiet = createQuiet(page.env);
    quiet.hold();
    quiet.whenQuiet(() => page.log.push('service worker'));
    page.advance(HOLD_LIMIT_MS - 1);
    page.goIdle();
    expect(page.log).toEqual([]);
    page.advance(1);
    page.goIdle();
    expect(page.log).toEqual(['service worker']);
  });
});
