/**
 * Times for people, in one place: a duration in the unit that keeps it readable (µs below 1 ms, ms below
 * 1 s, s above) with three significant digits, and the simulated clock as "… into the run". Fixed 'en'
 * locale so screenshots and tests are stable. Engine times are µs (float64).
 */

const NBSP = '\u00a0';
const sig3 = new Intl.NumberFormat('en', { maximumSignificantDigits: 3, useGrouping: false });
const whole = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });

/** "0.376 µs", "42.1 µs", "1.23 ms", "2.5 s": three significant digits, trailing zeros dropped. */
export function formatDuration(us: number): string {
  if (Number.isNaN(us)) return '—';
  if (us === Infinity) return '∞';
  if (us === -Infinity) return '−∞';
  const a = Math.abs(us);
  // Below half a nanosecond is float rounding (a time minus the same time computed another way), not a
  // cost the model has: "0 µs", not "0.000000000233 µs".
  if (a < 0.0005) return `0${NBSP}µs`;
  // Round first, so 999.96 µs reads "1 ms", not "1000 µs".
  if (Number(sig3.format(a)) < 1_000) return `${sig3.format(us)}${NBSP}µs`;
  if (Number(sig3.format(a / 1_000)) < 1_000) return `${sig3.format(us / 1_000)}${NBSP}ms`;
  return `${sig3.format(us / 1_000_000)}${NBSP}s`;
}

/**
 * A moment of simulated time as a stopwatch reads: whole seconds, whole milliseconds, then the
 * microseconds with three significant digits, each part only when not zero ("420 µs", "1 s 60.4 µs",
 * "12 s 345 ms 679 µs"). A clock must move when playback steps one hop, and hops are a few µs apart
 * late in a run; a single unit with three digits would freeze at "12.3 s" while the class watches
 * a request cross twenty hops.
 */
export function formatInstant(us: number): string {
  if (!Number.isFinite(us)) return '—';
  if (us <= 0) return `0${NBSP}µs`;
  // Work in tenths of a µs: the finest step any hop's record is shown at.
  const tenths = Math.round(us * 10);
  const sec = Math.floor(tenths / 10_000_000);
  const ms = Math.floor((tenths - sec * 10_000_000) / 10_000);
  const restUs = (tenths - sec * 10_000_000 - ms * 10_000) / 10;
  const parts: string[] = [];
  if (sec > 0) parts.push(`${whole.format(sec)}${NBSP}s`);
  if (ms > 0) parts.push(`${ms}${NBSP}ms`);
  if (restUs > 0 || parts.length === 0) {
    // Three significant digits, but never rounding up into the next millisecond.
    const shown = Math.min(Number(sig3.format(restUs)), 999);
    parts.push(`${sig3.format(shown)}${NBSP}µs`);
  }
  return parts.join(' ');
}

/** The simulated clock: "420 µs into the run", "1 s 60.4 µs into the run". */
export function formatClock(us: number): string {
  if (!Number.isFinite(us)) return '—';
  return us <= 0 ? 'the start of the run' : `${formatInstant(us)} into the run`;
}
