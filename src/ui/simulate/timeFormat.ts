/**
 * Simulated time for people: seconds with digits grouped in threes after the point, to the
 * nanosecond ("1.000 341 848 s"), so µs-scale hops are readable without unit juggling.
 */
const THIN = '\u2009';

export function formatSimTime(us: number): string {
  if (!Number.isFinite(us)) return '—';
  const ns = Math.round(us * 1000);
  const sec = Math.floor(ns / 1e9);
  const frac = String(ns - sec * 1e9).padStart(9, '0');
  return `${sec}.${frac.slice(0, 3)}${THIN}${frac.slice(3, 6)}${THIN}${frac.slice(6, 9)}${THIN}s`;
}

const grouped = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });

/** "10,000× slower", "real time", "3× slower". */
export function formatSlowdown(s: number): string {
  return s === 1 ? 'real time (1×)' : `${grouped.format(s)}× slower`;
}

/** What one simulated millisecond lasts on screen at a slow-down factor. */
export function screenTimePerSimMs(s: number): string {
  const ms = s; // 1 simulated ms × s
  if (ms < 1000) return `${grouped.format(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toLocaleString('en', { maximumFractionDigits: 1 })} s`;
  if (ms < 3_600_000) return `${(ms / 60_000).toLocaleString('en', { maximumFractionDigits: 1 })} min`;
  return `${(ms / 3_600_000).toLocaleString('en', { maximumFractionDigits: 1 })} h`;
}
