import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { PlaybackActor } from '../../machines/playback';
import type { TraceBuffer, TraceEvent } from '../../machines/trace/buffer';
import type { TraceLayout } from '../../worker/trace/protocol';
import { formatDuration } from '../format';
import { COMPONENT_NAMES, filterOptions, NO_FILTER, placeOf, visibleEvents, type EventFilter } from './eventFilter';
import { formatSimTime } from './timeFormat';

const LIMIT = 150;
/** While playing, the list follows the clock at most this often (ms); when paused, at once. */
const PLAYING_REFRESH_MS = 250;

/** How many events have started by the playback time: exact when paused, throttled while playing. */
function useEventCount(actor: PlaybackActor, buffer: TraceBuffer): number {
  const [count, setCount] = useState(() => buffer.countUpTo(actor.getSnapshot().context.t));
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const read = () => {
      timer = null;
      setCount(buffer.countUpTo(actor.getSnapshot().context.t));
    };
    const sub = actor.subscribe((s) => {
      if (!s.matches('playing')) {
        if (timer) clearTimeout(timer);
        read();
      } else if (!timer) timer = setTimeout(read, PLAYING_REFRESH_MS);
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
export function EventList({ layout, buffer, actor, selectedKey, onPick }: {
  layout: TraceLayout; buffer: TraceBuffer; actor: PlaybackActor; selectedKey: string | null; onPick: (e: TraceEvent) => void;
}) {
  const [filter, setFilter] = useState<EventFilter>(NO_FILTER);
  const version = useSyncExternalStore((fn) => buffer.subscribe(fn), () => buffer.version);
  const deferredUpTo = useEventCount(actor, buffer);
  const options = useMemo(() => filterOptions(layout), [layout]);
  const rows = useMemo(
    () => visibleEvents(buffer.events, deferredUpTo, layout.hops, filter, LIMIT),
    [buffer, version, deferredUpTo, layout, filter], // `version` stands for the buffer's contents

  );
  const t = actor.getSnapshot().context.t;

  const set = (k: keyof EventFilter) => (e: React.ChangeEvent<HTMLSelectElement>) => setFilter({ ...filter, [k]: e.target.value });
  const sampled = layout.run.sampleEvery > 1;

  return (
    <section className="sim-panel sim-events" aria-labelledby="sim-events-h">
      <h2 id="sim-events-h">Event list</h2>
      <div className="sim-filters">
        <label>
          Hop kind{' '}
          <select value={filter.kind} onChange={set('kind')}>
            <option value="">all</option>
            {options.kinds.map(([id, name]) => <option key={id} value={id}>{id} — {name}</option>)}
          </select>
        </label>
        <label>
          Component{' '}
          <select value={filter.component} onChange={set('component')}>
            <option value="">all</option>
            {options.components.map((c) => <option key={c} value={c}>{COMPONENT_NAMES[c] ?? c}</option>)}
          </select>
        </label>
        <label>
          Node{' '}
          <select value={filter.node} onChange={set('node')}>
            <option value="">all</option>
            {options.nodes.map((n) => <option key={n} value={n}>node {n}</option>)}
          </select>
        </label>
      </div>
      <p className="hint" data-testid="event-count">
        {deferredUpTo === 0 ? 'No hop has started yet: press Play or Step.' : `${deferredUpTo.toLocaleString('en')} hop events so far${rows.length < deferredUpTo ? ` (showing the last ${rows.length}${filter.kind || filter.component || filter.node ? ' that match' : ''})` : ''}.`}
        {sampled && ` Every ${layout.run.sampleEvery}th request is traced.`}
      </p>
      {/* Pinned to the newest event by CSS (a column-reverse scroller), not by reading layout after each update. */}
      <div className="sim-events-scroll" tabIndex={0} role="region" aria-label="Hop events">
        <table>
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Req.</th>
              <th scope="col">Hop</th>
              <th scope="col">Kind</th>
              <th scope="col">Where</th>
              <th scope="col">Cost</th>
              <th scope="col">Queued</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((e) => {
              const hop = layout.hops[e.hop];
              const now = e.enter <= t && e.leave > t;
              const selected = e.key === selectedKey;
              return (
                <tr key={e.key} className={`${now ? 'now' : ''} ${selected ? 'selected' : ''} leg-${hop.leg}`} data-event={e.key}>
                  <td>
                    <button type="button" className="linklike" aria-pressed={selected} onClick={() => onPick(e)} title="Move playback here and inspect">
                      {formatSimTime(e.enter)}
                    </button>
                  </td>
                  <td>#{e.request}</td>
                  <td>
                    <span className={`leg-dot leg-${hop.leg}`} aria-hidden="true" />
                    {hop.label}
                    {e.outcome !== 'forwarded' && e.outcome !== 'queued' && <strong className="outcome"> ({e.outcome})</strong>}
                    {now && <span className="sr-only"> (in progress)</span>}
                  </td>
                  <td><code>{hop.kind}</code></td>
                  <td>{placeOf(hop, layout)}</td>
                  <td>{formatDuration(e.leave - e.enter)}</td>
                  <td>{e.queueWait > 0 ? formatDuration(e.queueWait) : '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
