// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { screenMs } from '../../model/ids';
import { traceFixture } from '../../test/traceFixture';
import { PlaybackControls } from './PlaybackControls';
import { formatSimTime } from './timeFormat';

// The clock's text was formatted and written into the page on every frame while playing (60 times a
// second, each a style and layout pass); text that reads needs about ten. Counted, on a hand-moved
// clock, not timed.

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('the simulated clock while playing', () => {
  it('writes its text and the seek bar about ten times a second, and the exact time once paused', () => {
    const { buffer, actor } = traceFixture();
    let now = 1000;
    vi.spyOn(performance, 'now').mockImplementation(() => now);
    render(<PlaybackControls actor={actor} buffer={buffer} onShowShortcuts={() => {}} />);
    const clock = screen.getByTestId('sim-time');
    let writes = 0;
    const seen = new MutationObserver((m) => (writes += m.length));
    seen.observe(clock, { childList: true, characterData: true, subtree: true });
    const seek = screen.getByLabelText<HTMLInputElement>('Seek');
    let seekWrites = 0;
    const seekSeen = new MutationObserver((m) => (seekWrites += m.length));
    seekSeen.observe(seek, { attributes: true, attributeFilter: ['aria-valuetext'] });
    act(() => {
      actor.send({ type: 'SET_SLOWDOWN', slowdown: 1 }); // real time: the text changes every frame
      actor.send({ type: 'PLAY' });
    });
    // One second of frames at 60 Hz.
    const texts = new Set<string>();
    for (let i = 0; i < 60; i++) {
      now += 1000 / 60;
      act(() => actor.send({ type: 'TICK', dtMs: screenMs(1000 / 60) }));
      texts.add(formatSimTime(actor.getSnapshot().context.t));
    }
    seen.takeRecords().forEach(() => writes++);
    seekSeen.takeRecords().forEach(() => seekWrites++);
    // The seek bar moves with its text (value and aria-valuetext together), as often as the clock.
    expect(seekWrites).toBeGreaterThanOrEqual(8);
    expect(seekWrites).toBeLessThanOrEqual(11);
    expect(texts.size).toBeGreaterThan(50); // the time did change on (nearly) every frame
    // Each write replaces the text node (one record); at ~10 Hz, at most 11 in a second.
    expect(writes).toBeGreaterThanOrEqual(8);
    expect(writes).toBeLessThanOrEqual(11);
    act(() => actor.send({ type: 'PAUSE' }));
    expect(clock.textContent).toBe(formatSimTime(actor.getSnapshot().context.t));
    expect(Number(seek.value)).toBe(actor.getSnapshot().context.t);
    seen.disconnect();
    seekSeen.disconnect();
  });
});
