import { useSelector } from '@xstate/react';
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { PlaybackActor } from '../../machines/simulate/playback';
import type { TraceBuffer, TraceEvent } from '../../machines/simulate/buffer';
import type { TraceLayout } from '../../worker/trace/protocol';
import { formatDuration } from '../../model/humanTime';
import { formatOrdinal } from '../../model/ordinal';
import {
  COMPONENT_NAMES,
  FAILED_OUTCOMES,
  eventCountText,
  filterOptions,
  NO_FILTER,
  OUTCOMES,
  placeOf,
  visibleEvents,
  type EventFilter,
} from './eventFilter';
import { callerSideSpan } from './inspectorData';
import { formatSimTime } from './timeFormat';

const LIMIT = 150;
/** While playing, fewer rows: they scroll by too fast to read, and rewriting them is the page's costliest script. */
const PLAYING_LIMIT = 40;
/**
 * While playing, the list follows the clock at most this often (ms) and at most once per this many
 * frames (ticks that move the clock), so a machine drawing few frames a second does not spend its frames on the
 * list; when paused, at once.
 */
const PLAYING_REFRESH_MS = 250;
const PLAYING_REFRESH_FRAMES = 8;

interface EventCount {
  /** Events held that started by the playback time (the list shows the last of them). */
  held: number;
  /** Running total since `since` (pruned ones included). */
  total: number;
  since: number;
}

const readCount = (actor: PlaybackActor, buffer: TraceBuffer): EventCount => {
  const t = actor.getSnapshot().context.t;
  return { held: buffer.countUpTo(t), total: buffer.totalUpTo(t), since: buffer.countedSince ?? 0 };
};
const sameCount = (a: EventCount, b: EventCount) =>
  a.held === b.held && a.total === b.total && a.since === b.since;

/** How many events have started by the playback time: exact when paused, throttled while playing. */
function useEventCount(actor: PlaybackActor, buffer: TraceBuffer): EventCount {
  const [count, setCount] = useState(() => readCount(actor, buffer));
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let frames = 0;
    /** PLAYING_REFRESH_MS has passed since the last refresh; waiting for enough frames. */
    let due = false;
    const read = () => {
      if (timer) clearTimeout(timer);
      timer = null;
      frames = 0;
      due = false;
      const next = readCount(actor, buffer);
      setCount((prev) => (sameCount(prev, next) ? prev : next));
    };
    let lastT = actor.getSnapshot().context.t;
    const sub = actor.subscribe((s) => {
      // A frame is a tick that moved the clock (not PLAY itself, nor a tick held by missing data).
      const moved = s.context.t !== lastT;
      lastT = s.context.t;
      if (!s.matches('playing')) return read();
      if (!moved) return;
      frames++;
      if (due && frames >= PLAYING_REFRESH_FRAMES) return read();
      if (!timer && !due)
        timer = setTimeout(() => {
          timer = null;
          if (frames >= PLAYING_REFRESH_FRAMES) read();
          else due = true;
        }, PLAYING_REFRESH_MS);
    });
    const unsub = buffer.subscribe(() => {
      if (!timer) timer = setTimeout(read, 0);
    });
    read();
    return () => {
      sub.unsubscribe();
      unsub();
      if (timer) clearTimeout(timer);
    };
  }, [actor, buffer]);
  return count;
}

/**
 * Every hop event that has happened by the playback time, newest at the bottom, as in Packet
 * Tracer's simulation mode: time, packet, hop, kind, place and cost; filters by hop kind, component
 * and node. Choosing an event moves playback to it and opens it in the inspector.
 */
export function EventList({
  layout,
  buffer,
  actor,
  selectedKey,
  onPick,
}: {
  layout: TraceLayout;
  buffer: TraceBuffer;
  actor: PlaybackActor;
  selectedKey: string | null;
  onPick: (e: TraceEvent) => void;
}) {
  const [filter, setFilter] = useState<EventFilter>(NO_FILTER);
  const version = useSyncExternalStore(
    (fn) => buffer.subscribe(fn),
    () => buffer.version,
  );
  const count = useEventCount(actor, buffer);
  const playing = useSelector(actor, (s) => s.matches('playing'));
  const deferredUpTo = count.held;
  const options = useMemo(() => filterOptions(layout), [layout]);
  const rows = useMemo(
    () => visibleEvents(buffer.events, deferredUpTo, layout.hops, filter, playing ? PLAYING_LIMIT : LIMIT),
    [buffer, version, deferredUpTo, layout, filter, playing], // `version` stands for the buffer's contents
  );
  const t = actor.getSnapshot().context.t;

  const set = (k: keyof EventFilter) => (e: React.ChangeEvent<HTMLSelectElement>) =>
    setFilter({ ...filter, [k]: e.target.value });
  const sampled = layout.run.sampleEvery > 1;

  return (
    <section className="sim-panel sim-events" aria-labelledby="sim-events-h">
      <h2 id="sim-events-h">Event list</h2>
      <div className="sim-filters">
        <label>
          Hop kind{' '}
          <select value={filter.kind} onChange={set('kind')}>
            <option value="">all</option>
            {options.kinds.map(([id, name]) => (
              <option key={id} value={id}>
                {id} — {name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Component{' '}
          <select value={filter.component} onChange={set('component')}>
            <option value="">all</option>
            {options.components.map((c) => (
              <option key={c} value={c}>
                {COMPONENT_NAMES[c] ?? c}
              </option>
            ))}
          </select>
        </label>
        <label>
          Node{' '}
          <select value={filter.node} onChange={set('node')}>
            <option value="">all</option>
            {options.nodes.map((n) => (
              <option key={n} value={n}>
                node {n}
              </option>
            ))}
          </select>
        </label>
        <label>
          Outcome{' '}
          <select value={filter.outcome ?? ''} onChange={set('outcome')}>
            <option value="">all</option>
            <option value="failed">failures (dropped, timed out, retried)</option>
            {OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="hint" data-testid="event-count">
        {eventCountText(
          count.total,
          count.since,
          rows.length,
          Boolean(filter.kind || filter.component || filter.node || filter.outcome),
          formatSimTime,
        )}
        {sampled && ` Every ${formatOrdinal(layout.run.sampleEvery)} request is traced.`}
      </p>
      {/* Pinned to the newest event by CSS (a column-reverse scroller), not by reading layout after each update. */}
      <div className="sim-events-scroll" tabIndex={0} role="region" aria-label="Hop events">
        <table>
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col" className="col-req">
                Req.
              </th>
              <th scope="col">Hop</th>
              <th scope="col" className="col-kind">
                Kind
              </th>
              <th scope="col" className="col-where">
                Where
              </th>
              <th scope="col">Cost</th>
              <th scope="col" className="col-queued">
                Queued
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((e, i) => {
              const hop = layout.hops[e.hop];
              const now = e.enter <= t && e.leave > t;
              const selected = e.key === selectedKey;
              return (
                // While playing, rows are keyed by their place from the newest, so a refresh rewrites the
                // text of rows already in the DOM instead of removing and creating up to LIMIT rows (the
                // costliest script on the page). Paused, they are keyed by event, so focus stays on its event.
                <tr
                  key={playing ? `slot${rows.length - i}` : e.key}
                  className={`${now ? 'now' : ''} ${selected ? 'selected' : ''} leg-${hop.leg}`}
                  data-event={e.key}
                  data-outcome={e.outcome}
                >
                  <td>
                    <button
                      type="button"
                      className="linklike"
                      aria-pressed={selected}
                      onClick={() => onPick(e)}
                      title="Move playback here and inspect"
                    >
                      {formatSimTime(e.enter)}
                    </button>
                  </td>
                  <td className="col-req">#{e.request}</td>
                  <td>
                    <span className={`leg-dot leg-${hop.leg}`} aria-hidden="true" />
                    {hop.label}
                    {FAILED_OUTCOMES.includes(e.outcome) && (
                      <strong className={`outcome outcome-${e.outcome.replace(' ', '-')}`}>
                        {' '}
                        ({e.outcome})
                      </strong>
                    )}
                    {now && <span className="sr-only"> (in progress)</span>}
                  </td>
                  <td className="col-kind">
                    <code>{hop.kind}</code>
                  </td>
                  <td className="col-where">{placeOf(hop, layout)}</td>
                  <td>{callerSideSpan(e, formatDuration)?.short ?? formatDuration(e.leave - e.enter)}</td>
                  <td className="col-queued">{e.queueWait > 0 ? formatDuration(e.queueWait) : '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
