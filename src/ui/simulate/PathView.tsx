import { useMemo } from 'react';
import type { TraceEvent } from '../../machines/simulate/buffer';
import type { TraceLayout } from '../../worker/trace/protocol';
import { formatDuration } from '../../model/humanTime';
import { formatPercent } from '../format';
import { placeOf } from './eventFilter';
import { waterfall } from './inspectorData';

/**
 * The end-to-end path of one request as a waterfall: each hop a bar placed at its start, as long as
 * it lasted (queueing hatched), with its share of the request's total. Choosing a row moves playback
 * to that hop and inspects it.
 */
export function PathView({
  layout,
  request,
  records,
  selectedKey,
  onPick,
}: {
  layout: TraceLayout;
  request: number | null;
  records: TraceEvent[] | null;
  selectedKey: string | null;
  onPick: (e: TraceEvent) => void;
}) {
  const w = useMemo(() => (records ? waterfall(records, layout) : null), [records, layout]);
  return (
    <section className="sim-panel sim-path" aria-labelledby="sim-path-h" data-testid="path-view">
      <h2 id="sim-path-h">Path of {request === null ? 'one request' : `request #${request}`}</h2>
      {request === null && <p className="hint">Pick an event or a packet to see its request’s whole path.</p>}
      {request !== null && !w && <p className="hint">Replaying request #{request}…</p>}
      {w && (
        <>
          <p>
            End to end: <strong data-testid="path-total">{formatDuration(w.total)}</strong> over{' '}
            {w.rows.length} hops.
          </p>
          <div
            className="sim-path-scroll"
            tabIndex={0}
            role="region"
            aria-label={`Hops of request #${request}`}
          >
            <table className="sim-waterfall">
              <thead>
                <tr>
                  <th scope="col">Hop</th>
                  <th scope="col">Time</th>
                  <th scope="col">Share</th>
                  <th scope="col">
                    <span className="sr-only">Bar</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {w.rows.map((r) => (
                  <tr key={r.event.key} className={r.event.key === selectedKey ? 'selected' : ''}>
                    <th scope="row">
                      <button
                        type="button"
                        className="linklike"
                        aria-pressed={r.event.key === selectedKey}
                        onClick={() => onPick(r.event)}
                        title={placeOf(r.hop, layout)}
                      >
                        {r.hop.label}
                      </button>
                    </th>
                    <td>{formatDuration(r.event.leave - r.event.enter)}</td>
                    <td>{formatPercent(r.share)}</td>
                    <td className="sim-bar-cell" aria-hidden="true">
                      <span
                        className={`sim-bar leg-${r.hop.leg}`}
                        style={{ left: `${r.offset * 100}%`, width: `max(2px, ${r.width * 100}%)` }}
                      >
                        {r.waitWidth > 0 && (
                          <span
                            className="sim-bar-wait"
                            style={{ width: `${(r.waitWidth / Math.max(r.width, 1e-12)) * 100}%` }}
                          />
                        )}
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
