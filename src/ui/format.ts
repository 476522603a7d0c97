/** Number formatting for result tables: fixed 'en' locale so screenshots and tests are stable. */

const NBSP = '\u00a0';
const grouped = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
const sig4 = new Intl.NumberFormat('en', {
  maximumSignificantDigits: 4,
  minimumSignificantDigits: 4,
  useGrouping: false,
});

/** A duration given in µs, shown in µs, ms or s with four significant digits. */
export function formatDuration(us: number): string {
  if (Number.isNaN(us)) return '—';
  if (us === Infinity) return '∞';
  if (Math.abs(us) < 1_000) return `${sig4.format(us)}${NBSP}µs`;
  if (Math.abs(us) < 1_000_000) return `${sig4.format(us / 1_000)}${NBSP}ms`;
  return `${sig4.format(us / 1_000_000)}${NBSP}s`;
}

export function formatCount(n: number): string {
  return Number.isFinite(n) ? grouped.format(n) : '—';
}

export function formatRate(rps: number): string {
  return `${formatCount(rps)}${NBSP}req/s`;
}

/** A fraction (0..1) as a percentage with one decimal. */
export function formatPercent(f: number): string {
  return Number.isFinite(f) ? `${(f * 100).toFixed(1)}${NBSP}%` : '—';
}

export function formatDecimal(x: number, digits = 3): string {
  return Number.isFinite(x) ? x.toFixed(digits) : '—';
}
