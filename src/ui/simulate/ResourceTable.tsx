import { useEffect, useState } from 'react';
import { simUsPerMs, type PlaybackActor } from '../../machines/simulate/playback';
import type { TraceBuffer } from '../../machines/simulate/buffer';
import type { TraceLayout } from '../../worker/trace/protocol';
import { formatPercent } from '../format';
import { formatSimTime } from './timeFormat';

interface Row {
  index: number;
  util: number;
  queue: number;
}

/**
 * Utilisation and queue length of every resource (thread pools, node CPU), from the worker's
 * samples: the numbers behind the bars in the picture, refreshed four times a second.
 */
export function ResourceTable({
  layout,
  buffer,
  actor,
  onPick,
  limit = 12,
}: {
  layout: TraceLayout;
  buffer: TraceBuffer;
  actor: PlaybackActor;
  onPick: (station: number) => void;
  limit?: number;
}) {
  // The layout the rows were read for: a new layout (another architecture, fewer resources) renders once
  // before the effect reads it, and the old rows' indices may not exist in it.
  const [rows, setRows] = useState<{ layout: TraceLayout | null; sampled: number | null; rows: Row[] }>({
    layout: null,
    sampled: null,
    rows: [],
  });
  const [all, setAll] = useState(false);
  useEffect(() => {
    const update = () => {
      const { t, slowdown } = actor.getSnapshot().context;
      const window = 1000 * simUsPerMs(slowdown); // the last second on screen
      const mean = buffer.meanBusy(t, window);
      const now = buffer.sampleAt(t);
      const out = layout.stations.map((s, index) => ({
        index,
        util: mean ? mean[index] / s.servers : 0,
        queue: now ? now.queue[index] : 0,
      }));
      out.sort((a, b) => b.util - a.util || b.queue - a.queue || a.index - b.index);
      setRows({ layout, sampled: now?.time ?? null, rows: out });
    };
    update();
    const id = setInterval(update, 250);
    return () => clearInterval(id);
  }, [actor, buffer, layout]);

  const current = rows.layout === layout ? rows.rows : [];
  const shown = all ? current : current.slice(0, limit);
  return (
    <section className="sim-panel sim-resources" aria-labelledby="sim-resources-h">
      <h2 id="sim-resources-h">Resources</h2>
      <p className="hint">
        Utilisation: mean busy workers (or cores) over the last second on screen; queue: messages waiting at
        the last sample
        {rows.layout === layout && rows.sampled !== null ? ` (${formatSimTime(rows.sampled)})` : ''}.
      </p>
      <table className="sim-resource-table">
        <thead>
          <tr>
            <th scope="col">Resource</th>
            <th scope="col">Servers</th>
            <th scope="col">Utilisation</th>
            <th scope="col">Queue</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((r) => {
            const s = layout.stations[r.index];
            return (
              <tr key={s.id}>
                <th scope="row">
                  <button type="button" className="linklike" onClick={() => onPick(r.index)}>
                    {s.label}
                  </button>
                </th>
                <td>{s.servers}</td>
                <td>
                  <meter
                    min={0}
                    max={1}
                    low={0.6}
                    high={0.85}
                    optimum={0.2}
                    value={Math.min(1, r.util)}
                    aria-label={`${s.label} utilisation`}
                  />{' '}
                  {formatPercent(r.util)}
                </td>
                <td>{r.queue}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {current.length > limit && (
        <button type="button" onClick={() => setAll(!all)}>
          {all ? `Show the busiest ${limit}` : `Show all ${current.length}`}
        </button>
      )}
    </section>
  );
}
