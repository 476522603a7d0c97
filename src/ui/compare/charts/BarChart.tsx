import { linearScale } from './scale';

/**
 * Horizontal bars, one group per row (architecture) and one bar per series, with optional interval
 * whiskers; `stacked` puts the series end to end instead. Hand-drawn SVG: the table beside each chart
 * carries every number, so the drawing is one image with a short description for screen readers.
 */

export interface Datum {
  value: number;
  low?: number;
  high?: number;
}

export interface Series {
  key: string;
  label: string;
  /** Index into the palette (colour-blind safe, Okabe–Ito). */
  color: number;
}

export interface Row {
  id: string;
  label: string;
  values: Record<string, Datum | undefined>;
  /** Shown instead of bars (e.g. why the architecture cannot run). */
  note?: string;
}

interface Props {
  title: string;
  description: string;
  series: Series[];
  rows: Row[];
  format: (v: number) => string;
  stacked?: boolean;
  /** Clicking a bar opens its details (the table's buttons do the same from the keyboard). */
  onSelect?: (rowId: string, seriesKey: string) => void;
}

const WIDTH = 720;
const LABEL = 200;
const RIGHT = 70;
const BAR = 12;
const GAP = 14;
const AXIS = 26;

export function BarChart({ title, description, series, rows, format, stacked = false, onSelect }: Props) {
  const perRow = stacked ? BAR + 4 : series.length * BAR;
  const height = rows.length * (perRow + GAP) + AXIS + 6;
  let lo = 0;
  let hi = 0;
  for (const r of rows) {
    let sum = 0;
    for (const s of series) {
      const d = r.values[s.key];
      if (!d || !Number.isFinite(d.value)) continue;
      if (stacked) sum += d.value;
      lo = Math.min(lo, d.low ?? d.value, d.value);
      hi = Math.max(hi, d.high ?? d.value, d.value);
    }
    if (stacked) hi = Math.max(hi, sum);
  }
  const x = linearScale(lo, hi, LABEL, WIDTH - RIGHT);
  const zero = x.at(0);

  return (
    <figure className="chart">
      <ul className="legend" aria-hidden="true">
        {series.map((s) => (
          <li key={s.key}><span className={`swatch c${s.color}`} />{s.label}</li>
        ))}
      </ul>
      <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={`${title}. ${description}`} preserveAspectRatio="xMinYMin meet">
        {x.ticks.map((t) => (
          <g key={t} className="tick">
            <line x1={x.at(t)} x2={x.at(t)} y1={0} y2={height - AXIS} />
            <text x={x.at(t)} y={height - AXIS + 16} textAnchor="middle">{format(t)}</text>
          </g>
        ))}
        <line className="zero" x1={zero} x2={zero} y1={0} y2={height - AXIS} />
        {rows.map((r, i) => {
          const y0 = i * (perRow + GAP) + GAP / 2;
          let acc = 0;
          return (
            <g key={r.id} data-row={r.id}>
              <RowLabel label={r.label} x={LABEL - 8} y={y0 + perRow / 2} />
              {r.note && <text className="row-note" x={LABEL + 4} y={y0 + perRow / 2 + 4}>{r.note}</text>}
              {!r.note && series.map((s, k) => {
                const d = r.values[s.key];
                if (!d || !Number.isFinite(d.value)) return null;
                const from = stacked ? acc : 0;
                const to = from + d.value;
                if (stacked) acc = to;
                const y = stacked ? y0 + 2 : y0 + k * BAR;
                const left = Math.min(x.at(from), x.at(to));
                const w = Math.max(Math.abs(x.at(to) - x.at(from)), 0.5);
                return (
                  <g key={s.key} className={onSelect ? 'bar selectable' : 'bar'} onClick={onSelect ? () => onSelect(r.id, s.key) : undefined}>
                    <rect className={`c${s.color}`} x={left} y={y + 1} width={w} height={BAR - 2} data-series={s.key} data-value={d.value} />
                    {!stacked && d.low !== undefined && d.high !== undefined && Number.isFinite(d.low) && Number.isFinite(d.high) && (
                      <path className="whisker" d={`M${x.at(d.low)},${y + BAR / 2}H${x.at(d.high)}M${x.at(d.low)},${y + 2}V${y + BAR - 2}M${x.at(d.high)},${y + 2}V${y + BAR - 2}`} />
                    )}
                  </g>
                );
              })}
              {!r.note && stacked && <text className="bar-value" x={x.at(acc) + 4} y={y0 + perRow / 2 + 4}>{format(acc)}</text>}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

/** A row label, split before a parenthesis onto a second line so long names fit. */
function RowLabel({ label, x, y }: { label: string; x: number; y: number }) {
  const cut = label.indexOf(' (');
  if (cut < 0) return <text className="row-label" x={x} y={y + 4} textAnchor="end">{label}</text>;
  return (
    <text className="row-label" x={x} y={y - 3} textAnchor="end">
      <tspan x={x}>{label.slice(0, cut)}</tspan>
      <tspan x={x} dy="1.15em" className="row-sub">{label.slice(cut + 1)}</tspan>
    </text>
  );
}
