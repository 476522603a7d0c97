import { formatInstant } from '../../model/humanTime';

/**
 * A moment of simulated time on the Simulate page: the model's stopwatch reading ("1 s 60.4 µs"),
 * fine enough that stepping one hop moves it. Durations use the model's `formatDuration`.
 */
export const formatSimTime = formatInstant;

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
