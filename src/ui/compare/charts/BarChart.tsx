import { fillClass, type ChartColour } from './colour';
import { evenTicks, textWidth, wrapLabel } from './layout';
import { markerLanes } from './markerLanes';
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
  color: ChartColour;
}

export interface Row {
  id: string;
  label: string;
  values: Record<string, Datum | undefined>;
  /** Shown instead of bars (e.g. why the architecture cannot run). */
  note?: string;
}

/** A value from elsewhere (a published figure) drawn in a lane under a row's bars, shaped, tagged and titled. */
export interface Marker {
  row: string;
  value: number;
  shape: 'circle' | 'triangle' | 'square';
  /** Short text beside it ("1"), naming its entry in the list under the chart. */
  tag: string;
  /** The tooltip: what it is and where it comes from. */
  title: string;
}

interface Props {
  title: string;
  description: string;
  series: Series[];
  rows: Row[];
  format: (v: number) => string;
  /** The value axis's unit ("ms", "vCPU", "MiB"), written at its end. */
  unit?: string;
  stacked?: boolean;
  /** Clicking a bar opens its details (the table's buttons do the same from the keyboard). */
  onSelect?: (rowId: string, seriesKey: string) => void;
  /** Published figures beside the bars: a lane under each row that has any. */
  markers?: Marker[];
}

const WIDTH = 720;
/** Room for the row labels, left of the bars; labels wrap within it (see `rowLabelLines`). */
export const LABEL = 300;
/** Room right of the bars for "saturates" and the stacked total. */
const RIGHT = 135;
/** The charts' font size in viewBox units (compare.css `figure.chart svg`). */
export const FONT = 21;
const LINE = 24;
const BAR = 16;
const GAP = 28;
const AXIS = 36;
/** Height of a markers' lane under a row's bars (close markers stack in more than one). */
const LANE = 20;
/** A marker's radius, and its tag's font size (published.css `.marker-tag`), in viewBox units. */
const MARKER_R = 6;
const TAG_FONT = 16;

const finite = (v: number | undefined): v is number => v !== undefined && Number.isFinite(v);
/** Beyond every finite value: a resource saturates (latency unbounded). */
const saturates = (v: number | undefined) => v === Infinity;

export function BarChart({
  title,
  description,
  series,
  rows,
  format,
  unit,
  stacked = false,
  onSelect,
  markers = [],
}: Props) {
  const bars = stacked ? BAR + 4 : series.length * BAR;
  const labels = rows.map((r) => rowLabelLines(r.label));
  let lo = 0;
  let hi = 0;
  for (const r of rows) {
    let sum = 0;
    for (const s of series) {
      const d = r.values[s.key];
      if (!d) continue;
      // Only finite values scale the axis; saturated ones are drawn to its end and marked.
      for (const v of [d.value, d.low, d.high])
        if (finite(v)) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      if (stacked && finite(d.value)) sum += d.value;
    }
    if (stacked) hi = Math.max(hi, sum);
  }
  for (const m of markers)
    if (finite(m.value)) {
      lo = Math.min(lo, m.value);
      hi = Math.max(hi, m.value);
    }
  const x = linearScale(lo, hi, LABEL, WIDTH - RIGHT);
  // Only ticks whose labels do not run into each other (wide ranges gave "-2.000.000 2.00").
  const ticks = evenTicks(
    x.ticks.map((t) => ({ at: x.at(t), label: format(t), value: t })),
    FONT,
  );
  // Each row's markers in lanes, so that no two tags overlap; every row gets room for the most lanes.
  const shown = markers.filter((m) => finite(m.value));
  const lanes = new Map<Marker, number>();
  let laneCount = 0;
  for (const r of rows) {
    const mine = shown.filter((m) => m.row === r.id);
    const placed = markerLanes(
      mine.map((m) => ({
        x: x.at(m.value),
        left: MARKER_R,
        right: MARKER_R + 2 + textWidth(m.tag, TAG_FONT),
      })),
    );
    mine.forEach((m, k) => lanes.set(m, placed.lane[k]!));
    laneCount = Math.max(laneCount, placed.lanes);
  }
  const perRow = bars + laneCount * LANE;
  // Room for the tallest wrapped row label at the chart's font size.
  const pitch = Math.max(perRow + GAP, Math.max(1, ...labels.map((l) => l.lines.length)) * LINE + 10);
  const height = rows.length * pitch + AXIS + 6;
  const zero = x.at(0);
  const end = x.at(x.max);
  const anySaturated = rows.some(
    (r) =>
      !r.note && series.some((s) => saturates(r.values[s.key]?.value) || saturates(r.values[s.key]?.high)),
  );

  return (
    <figure className="chart">
      <ul className="legend" aria-hidden="true">
        {series.map((s) => (
          <li key={s.key}>
            <span className={`swatch ${fillClass(s.color)}`} />
            {s.label}
          </li>
        ))}
      </ul>
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        role="img"
        aria-label={`${title}${unit ? ` (${unit})` : ''}. ${description}${anySaturated ? ' Values marked “saturates” are unbounded: a resource is over 100 % busy.' : ''}`}
        preserveAspectRatio="xMinYMin meet"
      >
        {ticks.map((t) => (
          <g key={t.value} className="tick">
            <line x1={t.at} x2={t.at} y1={0} y2={height - AXIS} />
            <text x={t.at} y={height - AXIS + 22} textAnchor="middle">
              {t.label}
            </text>
          </g>
        ))}
        {unit && (
          <text className="axis-label" x={WIDTH - 4} y={height - AXIS + 22} textAnchor="end">
            {unit}
          </text>
        )}
        <line className="zero" x1={zero} x2={zero} y1={0} y2={height - AXIS} />
        {rows.map((r, i) => {
          const y0 = i * pitch + (pitch - perRow) / 2;
          let acc = 0;
          return (
            <g key={r.id} data-row={r.id}>
              <RowLabel label={r.label} lines={labels[i]!.lines} x={LABEL - 8} y={y0 + perRow / 2} />
              {r.note && (
                <text className="row-note" x={LABEL + 4} y={y0 + perRow / 2 + 4}>
                  {r.note}
                </text>
              )}
              {!r.note &&
                series.map((s, k) => {
                  const d = r.values[s.key];
                  if (!d) return null;
                  const y = stacked ? y0 + 2 : y0 + k * BAR;
                  if (saturates(d.value) && !stacked) {
                    return (
                      <g key={s.key} className="bar saturated" data-saturated="true">
                        <rect
                          className={`${fillClass(s.color)} sat`}
                          x={zero}
                          y={y + 1}
                          width={Math.max(end - zero, 0.5)}
                          height={BAR - 2}
                          data-series={s.key}
                          data-value="Infinity"
                        />
                        <path
                          className="sat-arrow"
                          d={`M${end},${y}L${end + 8},${y + BAR / 2}L${end},${y + BAR}Z`}
                        />
                        <text className="sat-label" x={end + 10} y={y + BAR / 2 + 6}>
                          saturates
                        </text>
                      </g>
                    );
                  }
                  if (!finite(d.value)) return null;
                  const from = stacked ? acc : 0;
                  const to = from + d.value;
                  if (stacked) acc = to;
                  const left = Math.min(x.at(from), x.at(to));
                  const w = Math.max(Math.abs(x.at(to) - x.at(from)), 0.5);
                  return (
                    <g
                      key={s.key}
                      className={onSelect ? 'bar selectable' : 'bar'}
                      onClick={onSelect ? () => onSelect(r.id, s.key) : undefined}
                    >
                      <rect
                        className={`${fillClass(s.color)}`}
                        x={left}
                        y={y + 1}
                        width={w}
                        height={BAR - 2}
                        data-series={s.key}
                        data-value={d.value}
                      />
                      {!stacked && finite(d.low) && finite(d.high) && (
                        <path
                          className="whisker"
                          d={`M${x.at(d.low)},${y + BAR / 2}H${x.at(d.high)}M${x.at(d.low)},${y + 2}V${y + BAR - 2}M${x.at(d.high)},${y + 2}V${y + BAR - 2}`}
                        />
                      )}
                      {!stacked && finite(d.low) && saturates(d.high) && (
                        <g data-saturated="high">
                          <path
                            className="whisker"
                            d={`M${x.at(d.low)},${y + BAR / 2}H${end}M${x.at(d.low)},${y + 2}V${y + BAR - 2}`}
                          />
                          <path
                            className="sat-arrow"
                            d={`M${end},${y + 1}L${end + 8},${y + BAR / 2}L${end},${y + BAR - 1}Z`}
                          />
                          <text className="sat-label" x={end + 10} y={y + BAR / 2 + 6}>
                            saturates
                          </text>
                        </g>
                      )}
                    </g>
                  );
                })}
              {!r.note &&
                markers
                  .filter((m) => m.row === r.id && finite(m.value))
                  .map((m) => (
                    <MarkerShape
                      key={`${m.tag}-${m.shape}-${m.value}`}
                      m={m}
                      cx={x.at(m.value)}
                      cy={y0 + bars + (lanes.get(m) ?? 0) * LANE + LANE / 2}
                    />
                  ))}
              {!r.note && stacked && (
                <text className="bar-value" x={x.at(acc) + 4} y={y0 + perRow / 2 + 4}>
                  {format(acc)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

/** A marker: its shape (the percentile) with its tag beside it; the title is its tooltip. */
function MarkerShape({ m, cx, cy }: { m: Marker; cx: number; cy: number }) {
  const r = MARKER_R;
  const d =
    m.shape === 'triangle'
      ? `M${cx},${cy - r}L${cx + r},${cy + r}L${cx - r},${cy + r}Z`
      : m.shape === 'square'
        ? `M${cx - r},${cy - r}H${cx + r}V${cy + r}H${cx - r}Z`
        : `M${cx - r},${cy}A${r},${r} 0 1 0 ${cx + r},${cy}A${r},${r} 0 1 0 ${cx - r},${cy}Z`;
  return (
    <g className="published-marker" data-marker={m.tag} data-shape={m.shape} data-value={m.value}>
      <title>{m.title}</title>
      <path d={d} />
      <text className="marker-tag" x={cx + r + 2} y={cy + 6}>
        {m.tag}
      </text>
    </g>
  );
}

/** A row label's lines: wrapped at word breaks to fit left of the bars, cut with "…" if need be. */
export function rowLabelLines(label: string): { lines: string[]; cut: boolean } {
  return wrapLabel(label, FONT, LABEL - 16, 3);
}

/** A row label on one or more lines, centred on the row; the full name is its tooltip. */
function RowLabel({ label, lines, x, y }: { label: string; lines: string[]; x: number; y: number }) {
  const top = y + 7 - ((lines.length - 1) * LINE) / 2;
  return (
    <text className="row-label" x={x} y={top} textAnchor="end">
      <title>{label}</title>
      {lines.map((l, k) => (
        <tspan key={k} x={x} dy={k ? LINE : 0}>
          {l}
        </tspan>
      ))}
    </text>
  );
}
