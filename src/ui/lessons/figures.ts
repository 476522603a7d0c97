import { METRICS, type Bet, type Metric } from '../../model/lesson';
import { formatDuration } from '../../model/humanTime';

/**
 * Figures from a lesson's run, in words people read: durations with humanTime (µs, ms, s with three
 * significant digits), CPU in vCPU per 1000 rps, memory in MiB, shares in per cent, counts plain.
 */

const NBSP = '\u00a0';
const sig3 = new Intl.NumberFormat('en', { maximumSignificantDigits: 3 });

export function formatMetric(metric: Metric, x: number): string {
  switch (METRICS[metric]) {
    case 'µs':
      return formatDuration(x);
    case 'vCPU':
      return `${sig3.format(x)}${NBSP}vCPU`;
    case 'MiB':
      return `${sig3.format(x)}${NBSP}MiB`;
    case 'share':
      return `${sig3.format(x * 100)}${NBSP}%`;
    case 'count':
      return sig3.format(x);
  }
}

type NumberUnit = Extract<Bet, { kind: 'number' }>['unit'];

/** A number in a bet's unit (already converted: ms for 'ms', per cent for '%'). */
export function formatInUnit(x: number, unit: NumberUnit): string {
  switch (unit) {
    case 'µs':
      return formatDuration(x);
    case 'ms':
      return formatDuration(x * 1000);
    case 'x':
      return `${sig3.format(x)}×`;
    case '%':
      return `${sig3.format(x)}${NBSP}%`;
    case 'count':
      return sig3.format(x);
    default:
      return `${sig3.format(x)}${NBSP}${unit}`;
  }
}
