/**
 * A tiny text-table formatter and the number formats the CLI prints. Output is plain text with
 * aligned columns; formatting never depends on the locale, so the same run prints the same bytes
 * everywhere.
 */

export type Align = 'left' | 'right';

export interface Column {
  header: string;
  align?: Align;
}

export interface TableOptions {
  /** Spaces before every line. */
  indent?: number;
  /** Spaces between columns. */
  gap?: number;
  /** Print the header row and a rule under it (default true). */
  header?: boolean;
}

/** Aligned lines for `rows` under `columns`; a short row is padded with empty cells. */
export function renderTable(columns: Column[], rows: string[][], options: TableOptions = {}): string[] {
  const indent = ' '.repeat(options.indent ?? 0);
  const gap = ' '.repeat(options.gap ?? 2);
  const showHeader = options.header ?? true;
  const widths = columns.map((c, i) =>
    Math.max(showHeader ? width(c.header) : 0, ...rows.map((r) => width(r[i] ?? ''))),
  );
  const line = (cells: string[]): string =>
    indent +
    columns
      .map((c, i) => pad(cells[i] ?? '', widths[i], c.align ?? 'left'))
      .join(gap)
      .trimEnd();
  const out: string[] = [];
  if (showHeader) {
    out.push(line(columns.map((c) => c.header)));
    out.push((indent + widths.map((w) => '-'.repeat(w)).join(gap)).trimEnd());
  }
  for (const r of rows) out.push(line(r));
  return out;
}

/** Two aligned columns, label then value, without a header. */
export function renderPairs(pairs: [string, string][], indent = 2): string[] {
  return renderTable([{ header: '' }, { header: '' }], pairs, { indent, header: false, gap: 3 });
}

/** Display width: code points (µ, ±, ρ are one column each). */
function width(s: string): number {
  return [...s].length;
}

function pad(s: string, w: number, align: Align): string {
  const fill = ' '.repeat(Math.max(0, w - width(s)));
  return align === 'right' ? fill + s : s + fill;
}

/** Integer part with thousands separators: 1234567 → "1,234,567". */
function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function special(x: number): string | null {
  if (Number.isNaN(x)) return 'n/a';
  if (x === Infinity) return '∞';
  if (x === -Infinity) return '-∞';
  return null;
}

/** An integer with thousands separators. */
export function formatInt(x: number): string {
  const s = special(x);
  if (s !== null) return s;
  const r = Math.round(x);
  return (r < 0 ? '-' : '') + groupThousands(String(Math.abs(r)));
}

/**
 * `sig` significant digits; values at or above 10^sig print as grouped integers (499,812 rather than
 * 5.00e+5), tiny values in exponent form. NaN prints as "n/a".
 */
export function formatNumber(x: number, sig = 3): string {
  const s = special(x);
  if (s !== null) return s;
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 10 ** sig) return formatInt(x);
  if (a < 1e-4) return x.toExponential(sig - 1);
  const p = x.toPrecision(sig);
  // 999.7 at 3 digits rounds to "1.00e+3": print it as an integer instead.
  return p.includes('e') ? formatInt(x) : p;
}

/** Like formatNumber without trailing zeros, for counts that are often whole: 1.00 → "1", 2.50 → "2.5". */
export function formatCompact(x: number, sig = 3): string {
  const s = formatNumber(x, sig);
  return s.includes('.') && !s.includes('e') ? s.replace(/\.?0+$/, '') : s;
}

/** A number with a fixed count of decimals and grouped thousands: 12345.678, 1 → "12,345.7". */
export function formatFixed(x: number, decimals: number): string {
  const s = special(x);
  if (s !== null) return s;
  const [int, frac] = Math.abs(x).toFixed(decimals).split('.');
  const neg = x < 0 && Number(Math.abs(x).toFixed(decimals)) !== 0;
  return (neg ? '-' : '') + groupThousands(int) + (frac !== undefined ? `.${frac}` : '');
}

/** A fraction as a percentage: 0.5 → "50.0%". */
export function formatPercent(fraction: number, decimals = 1): string {
  const s = special(fraction);
  return s ?? `${formatFixed(fraction * 100, decimals)}%`;
}

/** A signed relative difference: 0.012 → "+1.2%". */
export function formatSignedPercent(fraction: number, decimals = 1): string {
  const s = special(fraction);
  if (s !== null) return s;
  const text = formatPercent(fraction, decimals);
  return fraction > 0 && !/^0\.0*%$/.test(text) ? `+${text}` : text;
}

/** A duration given in µs, in the largest unit that keeps it ≥ 1: "812 µs", "4.40 ms", "1.20 s". */
export function formatDurationUs(us: number, sig = 3): string {
  const s = special(us);
  if (s !== null) return s;
  const a = Math.abs(us);
  if (a >= 1e6) return `${formatNumber(us / 1e6, sig)} s`;
  if (a >= 1e3) return `${formatNumber(us / 1e3, sig)} ms`;
  return `${formatNumber(us, sig)} µs`;
}

/**
 * "mean ± half-width" with the half-width at two significant digits and the mean rounded to the
 * same decimal place, so no digit is printed that the interval does not support.
 */
export function formatInterval(mean: number, halfWidth: number): string {
  // Replications that agree exactly leave a half-width of rounding noise (1e-12 of the mean): that is 0.
  if (Number.isFinite(halfWidth) && halfWidth > 0 && halfWidth < Math.abs(mean) * 1e-9) halfWidth = 0;
  if (!Number.isFinite(mean) || !Number.isFinite(halfWidth) || halfWidth <= 0)
    return `${formatNumber(mean)} ± ${formatNumber(halfWidth)}`;
  const exponent = Math.floor(Math.log10(halfWidth)) - 1; // place of the half-width's second digit
  const decimals = Math.min(12, Math.max(0, -exponent));
  // Above the units, round to tens, hundreds, … (toFixed handles the places after the point).
  const round = (x: number): number => (exponent > 0 ? Math.round(x / 10 ** exponent) * 10 ** exponent : x);
  return `${formatFixed(round(mean), decimals)} ± ${formatFixed(round(halfWidth), decimals)}`;
}
