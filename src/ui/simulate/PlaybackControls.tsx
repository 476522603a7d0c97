import { useSelector } from '@xstate/react';
import { useEffect, useId, useRef } from 'react';
import {
  SLOWDOWNS,
  type PlaybackActor,
  type PlaybackEvent,
  type PlaybackSnapshot,
} from '../../machines/simulate/playback';
import type { TraceBuffer } from '../../machines/simulate/buffer';
import { formatDuration } from '../../model/humanTime';
import { formatSimTime, formatSlowdown, screenTimePerSimMs } from './timeFormat';

/**
 * The simulated clock and slow-down factor (always on screen), the transport buttons and the seek
 * bar. The clock text is written straight into the DOM when it changes, so playing does not
 * re-render React 60 times a second.
 */
/**
 * The seek bar's keys: arrows move one hop event (a range input's own step would jump a fraction of
 * the whole run), Page Up/Down a hundredth of the run, Home and End to either end.
 */
export function seekKey(key: string, end: number): PlaybackEvent | ((t: number) => PlaybackEvent) | null {
  switch (key) {
    case 'ArrowRight':
    case 'ArrowUp':
      return { type: 'STEP' };
    case 'ArrowLeft':
    case 'ArrowDown':
      return { type: 'STEP_BACK' };
    case 'Home':
      return { type: 'RESTART' };
    case 'End':
      return { type: 'SEEK', t: end };
    case 'PageUp':
      return (t) => ({ type: 'SEEK', t: Math.min(end, t + end / 100) });
    case 'PageDown':
      return (t) => ({ type: 'SEEK', t: Math.max(0, t - end / 100) });
    default:
      return null;
  }
}

/** How often the clock's text is rewritten while playing, ms. */
const CLOCK_EVERY_MS = 100;

export function PlaybackControls({
  actor,
  buffer,
  onShowShortcuts,
}: {
  actor: PlaybackActor;
  buffer: TraceBuffer;
  onShowShortcuts: () => void;
}) {
  const playing = useSelector(actor, (s) => s.matches('playing'));
  const slowdown = useSelector(actor, (s) => s.context.slowdown);
  const skipIdle = useSelector(actor, (s) => s.context.skipIdle);
  const atStart = useSelector(actor, (s) => s.context.t <= 0);
  const clockRef = useRef<HTMLSpanElement>(null);
  const noteRef = useRef<HTMLSpanElement>(null);
  const seekRef = useRef<HTMLInputElement>(null);
  const end = buffer.endTime;
  const seekId = useId();

  useEffect(() => {
    let lastText = '';
    let seekAt = -1;
    let lastSkip: PlaybackSnapshot['context']['lastSkip'] = null;
    let lastNote = '';
    let clockAt = -Infinity;
    let seekWrittenAt = -Infinity;
    const write = (s: PlaybackSnapshot) => {
      const { t, stalled } = s.context;
      const playing = s.matches('playing');
      // While playing the clock's text changes on every frame; about ten updates a second read as
      // well and cost a tenth of the formatting, style and layout. Paused, it shows the exact time.
      const now = performance.now();
      if (!playing || now - clockAt >= CLOCK_EVERY_MS) {
        clockAt = now;
        const text = formatSimTime(t);
        if (text !== lastText) {
          lastText = text;
          if (clockRef.current) clockRef.current.textContent = text;
        }
      }
      // While playing, the seek bar moves in steps of a thousandth of the run (under a pixel on any bar
      // up to 1,000 px wide), and at most as often as the clock's text (a short run at real time
      // crosses a thousandth every frame or two); paused, it shows the exact time.
      const seek = seekRef.current;
      if (
        seek &&
        t !== seekAt &&
        (!playing || (Math.abs(t - seekAt) >= buffer.endTime / 1000 && now - seekWrittenAt >= CLOCK_EVERY_MS))
      ) {
        seekAt = t;
        seekWrittenAt = now;
        seek.value = String(t);
        seek.setAttribute('aria-valuetext', formatSimTime(t));
      }
      const skip = s.context.lastSkip;
      const note = stalled
        ? 'loading the next stretch of the run…'
        : skip && skip !== lastSkip
          ? `skipped ${formatDuration(skip.to - skip.from)} of idle time (${formatDuration(s.context.skippedTotal)} in all since the last restart or seek)`
          : skip
            ? lastNote
            : '';
      lastSkip = skip;
      if (note !== lastNote && noteRef.current) noteRef.current.textContent = note;
      lastNote = note;
    };
    write(actor.getSnapshot());
    const sub = actor.subscribe(write);
    return () => sub.unsubscribe();
  }, [actor, buffer]);

  return (
    <div className="sim-controls" role="group" aria-label="Playback">
      <div className="sim-clock" role="timer" aria-label="Simulated clock" data-testid="sim-clock">
        <span className="sim-clock-label">Simulated time</span>{' '}
        <span ref={clockRef} className="sim-clock-time" data-testid="sim-time">
          {formatSimTime(actor.getSnapshot().context.t)}
        </span>{' '}
        <span className="sim-clock-label">into the run</span>
        <span className="sim-clock-rate" data-testid="sim-slowdown">
          {formatSlowdown(slowdown)} · 1 ms simulated lasts {screenTimePerSimMs(slowdown)}
        </span>
        <span ref={noteRef} className="sim-clock-note" aria-live="polite" />
      </div>
      <div className="sim-transport">
        <button type="button" onClick={() => actor.send({ type: 'RESTART' })} aria-keyshortcuts="Home">
          Restart
        </button>
        <button
          type="button"
          onClick={() => actor.send({ type: 'STEP_BACK' })}
          aria-keyshortcuts="ArrowLeft"
          disabled={atStart}
        >
          Step back
        </button>
        <button
          type="button"
          className="primary"
          onClick={() => actor.send({ type: 'TOGGLE' })}
          aria-keyshortcuts="Space"
        >
          {playing ? 'Pause' : 'Play'}
        </button>
        <button type="button" onClick={() => actor.send({ type: 'STEP' })} aria-keyshortcuts="ArrowRight">
          Step
        </button>
        <label className="sim-speed">
          Slow-down{' '}
          <select
            value={slowdown}
            onChange={(e) => actor.send({ type: 'SET_SLOWDOWN', slowdown: Number(e.target.value) })}
          >
            {(SLOWDOWNS.includes(slowdown as (typeof SLOWDOWNS)[number])
              ? SLOWDOWNS
              : [...SLOWDOWNS, slowdown]
            ).map((s) => (
              <option key={s} value={s}>
                {formatSlowdown(s)}
              </option>
            ))}
          </select>
        </label>
        <label className="sim-check">
          <input
            type="checkbox"
            checked={skipIdle}
            onChange={(e) => actor.send({ type: 'SET_SKIP_IDLE', on: e.target.checked })}
          />
          Skip idle time
        </label>
        <button type="button" onClick={onShowShortcuts} aria-keyshortcuts="?">
          Shortcuts (?)
        </button>
      </div>
      <div className="sim-seek">
        <label htmlFor={seekId}>Seek</label>
        <input
          id={seekId}
          ref={seekRef}
          type="range"
          min={0}
          max={end}
          step="any"
          defaultValue={actor.getSnapshot().context.t}
          aria-describedby={`${seekId}-hint`}
          onChange={(e) => actor.send({ type: 'SEEK', t: Number(e.target.value) })}
          onKeyDown={(e) => {
            const k = seekKey(e.key, end);
            if (!k) return;
            e.preventDefault();
            actor.send(typeof k === 'function' ? k(actor.getSnapshot().context.t) : k);
          }}
        />
        <span id={`${seekId}-hint`} className="sr-only">
          Arrow keys step one hop event; Page Up and Page Down move a hundredth of the run.
        </span>
        <span className="sim-seek-end">of {formatDuration(end)}</span>
      </div>
    </div>
  );
}
