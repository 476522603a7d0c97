import { Fold } from './Fold';
import type { Marker } from './charts/BarChart';
import { signedMs } from './figures';
import { conditionsNote, olderReleasesNote, type PublishedEntry } from './published';
import './published.css';

/** The marker's shape says the percentile (not only its colour): p50 circle, p90 triangle, p99 square. */
export const SHAPE = { p50: 'circle', p90: 'triangle', p99: 'square' } as const;
const GLYPH = { circle: '●', triangle: '▲', square: '■' } as const;

/** One marker per published percentile, on its design's row, tagged with the entry's number. */
export function publishedMarkers(entries: readonly PublishedEntry[]): Marker[] {
  return entries.flatMap((e) =>
    e.values.map((v) => ({
      row: e.architecture,
      value: v.us,
      shape: SHAPE[v.percentile],
      tag: String(e.n),
      title: `[${e.n}] published ${v.percentile} added latency ${signedMs(v.us)}: ${e.title} (${e.conditions})${e.older ? ' — an older release than the model is fitted to' : ''}`,
    })),
  );
}

/**
 * The published figures under the added-latency chart: what each marker is, the conditions its source
 * states, a link to the source, and a note when the scenario's conditions differ.
 */
export function PublishedFigures({
  entries,
  names,
}: {
  entries: readonly PublishedEntry[];
  names: Record<string, string>;
}) {
  if (entries.length === 0) return null;
  const note = conditionsNote(entries);
  const older = olderReleasesNote(entries);
  return (
    <div className="published" data-testid="published-figures">
      <h4 id="published-heading">Published measurements beside the model</h4>
      <p className="hint">
        Marks under each design’s bars are published added latencies, not simulated: {GLYPH.triangle} p90,{' '}
        {GLYPH.square} p99 (and {GLYPH.circle} p50), numbered as below. Sources that disagree are all shown,
        each with its conditions — never averaged.
      </p>
      <Fold summary="The published figures, numbered">
        <ol className="published-list" aria-labelledby="published-heading">
          {entries.map((e) => (
            <li key={e.id} data-published={e.id} data-match={e.match} value={e.n}>
              <strong>{names[e.architecture] ?? e.architecture}</strong>:{' '}
              {e.values.map((v, i) => (
                <span key={v.percentile}>
                  {i > 0 && ', '}
                  <span aria-hidden="true">{GLYPH[SHAPE[v.percentile]]} </span>
                  {v.percentile} {signedMs(v.us)}
                </span>
              ))}{' '}
              — {e.conditions}.{' '}
              {e.href ? (
                <a href={e.href} target="_blank" rel="noreferrer noopener">
                  {e.title}
                </a>
              ) : (
                <span>{e.title}</span>
              )}
              {e.note && <span className="hint"> {e.note}</span>}
            </li>
          ))}
        </ol>
      </Fold>
      {older && (
        <p className="hint" data-testid="published-older">
          {older}
        </p>
      )}
      {note && (
        <p className="hint" data-testid="published-note">
          {note}
        </p>
      )}
    </div>
  );
}
