import { fillClass, strokeClass, type ChartColour } from './colour';
import { FONT } from './BarChart';
import { textWidth, thinTicks } from './layout';
import { linearScale, logScale } from './scale';

/**
 * Lines over a logarithmic x axis (pods, offered load), one per architecture; points may be marked,
 * with an interval drawn as a vertical whisker. Circles and diamonds tell two measures apart (the
 * simulated mean and p99 on the load chart); marks of one series can be joined by a dashed line.
 */

export interface Mark {
  x: number;
  y: number;
  label: string;
  /** Confidence interval, drawn as a whisker from low to high. */
  low?: number;
  high?: number;
  shape?: 'circle' | 'diamond';
  /** Names the series for tests and styles (e.g. 'sim-mean', 'sim-p99'). */
  kind?: string;
}

export interface Line {
  id: string;
  label: string;
  color: ChartColour;
  points: { x: number; y: number }[];
  /** Points drawn as markers (e.g. the simulated load). */
  marks?: Mark[];
  /** Mark kinds whose marks are joined, in x order, by a dashed line. */
  joinKinds?: string[];
}

/**
 * A published figure over a range of x (e.g. 2–64 connections): a dashed segment at y with a hollow
 * shape (triangle p90, square p99) at its middle and a number naming its entry in a list.
 */
export interface Band {
  x1: number;
  x2: number;
  y: number;
  shape: 'triangle' | 'square' | 'circle';
  tag: string;
  title: string;
}

interface Props {
  title: string;
  description: string;
  lines: Line[];
  xLabel: string;
  yLabel: string;
  formatX: (v: number) => string;
  formatY: (v: number) => string;
  /** Cut the y axis here (points above are drawn at the edge): keeps the knee of a curve visible. */
  yCap?: number;
  /**
   * Start the x axis here (lowered to show every mark): lines given from further left are cut at the
   * axis, so each line spans the chart however far to the right its own range begins.
   */
  xFrom?: number;
  bands?: Band[];
  /** A place on the x axis to point out (e.g. this scenario's size): a dotted upright line, labelled. */
  xMark?: { x: number; label: string };
}

const W = 720;
const H = 340;
/** Top margin: the y axis's unit sits here, above the plot, clear of the top tick label. */
const T = 44;
/** Bottom margin: x tick labels (clear of the lowest y tick label), then the x axis title. */
const B = 68;
/** Baselines: the y unit above the plot, the x tick labels below it. */
export const UNIT_BASELINE = T - 22;
export const X_TICK_DY = 32;

/**
 * Where the plot sits and which x ticks are drawn: the left margin fits the widest y tick label, the
 * right margin half the last x tick label, and x ticks that would overlap are thinned out.
 */
export function lineChartLayout(
  xLo: number,
  xHi: number,
  yMax: number,
  formatX: (v: number) => string,
  formatY: (v: number) => string,
) {
  const y0 = linearScale(0, yMax, H - B, T);
  const yLabels = y0.ticks.map(formatY);
  const L = Math.max(60, Math.ceil(Math.max(...yLabels.map((l) => textWidth(l, FONT)))) + 14);
  const probe = logScale(xLo, xHi, 0, 1);
  const halfLast = probe.ticks.length ? textWidth(formatX(probe.ticks.at(-1)!), FONT) / 2 : 0;
  const R = Math.max(20, Math.ceil(halfLast) + 6);
  const x = logScale(xLo, xHi, L, W - R);
  const xTicks = thinTicks(
    x.ticks.map((t) => ({ at: x.at(t), label: formatX(t), value: t })),
    FONT,
  );
  return { W, H, L, R, T, B, x, y: y0, xTicks };
}

/**
 * A line's points from `from` on: those left of it dropped, the segment crossing it cut where it crosses
 * (straight on the log axis, as drawn).
 */
export function fromX(points: readonly { x: number; y: number }[], from: number): { x: number; y: number }[] {
  const out: { x: number; y: number }[] = [];
  for (let i = 0; i < points.length; i++) {
    const p = points[i];
    if (p.x < from) continue;
    const prev = points[i - 1];
    if (out.length === 0 && prev && prev.x < from && p.x > from && prev.x > 0) {
      const t = Math.log(from / prev.x) / Math.log(p.x / prev.x);
      out.push({ x: from, y: prev.y + t * (p.y - prev.y) });
    }
    out.push(p);
  }
  return out;
}

export function LineChart({
  title,
  description,
  lines: given,
  xLabel,
  yLabel,
  formatX,
  formatY,
  yCap,
  xFrom,
  bands = [],
  xMark,
}: Props) {
  const from = Math.min(
    xFrom ?? 0,
    ...given.flatMap((l) => (l.marks ?? []).map((m) => m.x)).filter((v) => v > 0),
  );
  const lines =
    from > 0 && Number.isFinite(from) ? given.map((l) => ({ ...l, points: fromX(l.points, from) })) : given;
  const pts = lines
    .flatMap((l) => [...l.points, ...(l.marks ?? []).map((m) => ({ x: m.x, y: m.high ?? m.y }))])
    .concat(
      bands.flatMap((b) => [
        { x: b.x1, y: b.y },
        { x: b.x2, y: b.y },
      ]),
    )
    .filter((p) => Number.isFinite(p.x) && p.x > 0 && Number.isFinite(p.y));
  if (pts.length === 0) return null;
  const xs = pts.map((p) => p.x);
  const yMax = Math.min(Math.max(...pts.map((p) => p.y)), yCap ?? Infinity);
  const { L, R, x, y, xTicks } = lineChartLayout(
    Math.min(...xs),
    Math.max(...xs) === Math.min(...xs) ? Math.min(...xs) * 10 : Math.max(...xs),
    yMax,
    formatX,
    formatY,
  );
  // Everything drawn stays inside the plot: a wide interval (two replications) can reach below zero.
  const clampY = (v: number) => y.at(Math.max(y.min, Math.min(v, y.max)));
  return (
    <figure className="chart">
      <ul className="legend" aria-hidden="true">
        {lines.map((l) => (
          <li key={l.id}>
            <span className={`swatch ${fillClass(l.color)}`} />
            {l.label}
          </li>
        ))}
      </ul>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${title}. ${description}`}>
        {y.ticks.map((t) => (
          <g key={`y${t}`} className="tick">
            <line x1={L} x2={W - R} y1={y.at(t)} y2={y.at(t)} />
            <text x={L - 6} y={y.at(t) + 4} textAnchor="end">
              {formatY(t)}
            </text>
          </g>
        ))}
        {xTicks.map((t) => (
          <g key={`x${t.value}`} className="tick x-tick">
            <line x1={t.at} x2={t.at} y1={T} y2={H - B} />
            <text x={t.at} y={H - B + X_TICK_DY} textAnchor="middle">
              {t.label}
            </text>
          </g>
        ))}
        {xMark && xMark.x >= x.min && xMark.x <= x.max && (
          <XMark at={x.at(xMark.x)} label={xMark.label} right={W - R} />
        )}
        <text className="axis-label" x={(L + W - R) / 2} y={H - 6} textAnchor="middle">
          {xLabel}
        </text>
        <text className="axis-label y-unit" x={4} y={UNIT_BASELINE}>
          {yLabel}
        </text>
        {bands.map((b) => {
          const y1 = clampY(b.y);
          const xa = x.at(b.x1);
          const xb = x.at(b.x2);
          const cx = (xa + xb) / 2;
          const r = 6;
          const d =
            b.shape === 'triangle'
              ? `M${cx},${y1 - r}L${cx + r},${y1 + r}L${cx - r},${y1 + r}Z`
              : b.shape === 'square'
                ? `M${cx - r},${y1 - r}H${cx + r}V${y1 + r}H${cx - r}Z`
                : `M${cx - r},${y1}A${r},${r} 0 1 0 ${cx + r},${y1}A${r},${r} 0 1 0 ${cx - r},${y1}Z`;
          return (
            <g
              key={`${b.tag}-${b.shape}`}
              className="published-marker"
              data-marker={b.tag}
              data-shape={b.shape}
              data-y={b.y}
            >
              <title>{b.title}</title>
              <line className="published-band" x1={xa} x2={xb} y1={y1} y2={y1} />
              <path d={d} />
              <text className="marker-tag" x={cx + r + 2} y={y1 - r - 2}>
                {b.tag}
              </text>
            </g>
          );
        })}
        {lines.map((l) => {
          const d = l.points
            .filter((p) => p.x > 0 && Number.isFinite(p.y))
            .map((p, i) => `${i ? 'L' : 'M'}${x.at(p.x).toFixed(1)},${clampY(p.y).toFixed(1)}`)
            .join('');
          const marks = (l.marks ?? []).filter((m) => Number.isFinite(m.y) && m.x > 0);
          return (
            <g key={l.id} data-line={l.id}>
              <path className={`line ${strokeClass(l.color)}`} d={d} />
              {(l.joinKinds ?? []).map((k) => {
                const joined = marks.filter((m) => m.kind === k).sort((a, b) => a.x - b.x);
                if (joined.length < 2) return null;
                const dj = joined
                  .map((m, i) => `${i ? 'L' : 'M'}${x.at(m.x).toFixed(1)},${clampY(m.y).toFixed(1)}`)
                  .join('');
                return (
                  <path
                    key={k}
                    className={`${strokeClass(l.color)}`}
                    d={dj}
                    fill="none"
                    strokeWidth={1.5}
                    strokeDasharray="5 4"
                    data-join={k}
                  />
                );
              })}
              {marks.map((m) => {
                const cx = x.at(m.x);
                const cy = clampY(m.y);
                const whisker =
                  m.low !== undefined &&
                  m.high !== undefined &&
                  Number.isFinite(m.low) &&
                  Number.isFinite(m.high) ? (
                    <line className="whisker" x1={cx} x2={cx} y1={clampY(m.low)} y2={clampY(m.high)} />
                  ) : null;
                const title = <title>{m.label}</title>;
                return (
                  <g key={m.label} data-kind={m.kind} data-x={m.x} data-y={m.y}>
                    {whisker}
                    {m.shape === 'diamond' ? (
                      <path
                        className={`${fillClass(l.color)} mark`}
                        d={`M${cx},${cy - 6}L${cx + 6},${cy}L${cx},${cy + 6}L${cx - 6},${cy}Z`}
                        style={{ stroke: 'var(--fg)', strokeWidth: 1.5 }}
                      >
                        {title}
                      </path>
                    ) : (
                      <circle className={`${fillClass(l.color)} mark`} cx={cx} cy={cy} r={5}>
                        {title}
                      </circle>
                    )}
                  </g>
                );
              })}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

/** The pointed-out x: a dotted line over the plot's height, its label at the top on whichever side fits. */
function XMark({ at, label, right }: { at: number; label: string; right: number }) {
  const fitsRight = at + 4 + textWidth(label, FONT) <= right;
  return (
    <g className="x-mark" data-testid="x-mark">
      <line x1={at} x2={at} y1={T} y2={H - B} strokeDasharray="2 3" />
      <text x={fitsRight ? at + 4 : at - 4} y={T + 12} textAnchor={fitsRight ? 'start' : 'end'}>
        {label}
      </text>
    </g>
  );
}
