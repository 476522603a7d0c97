import { describe, expect, it } from 'vitest';
import { formatClock, formatDuration, formatInstant } from './humanTime';

const n = (s: string) => s.replace(/\u00a0/g, ' ');

describe('formatDuration: the unit that keeps a duration readable, three significant digits', () => {
  it('µs below 1 ms, ms below 1 s, s above', () => {
    expect(n(formatDuration(0.3755))).toBe('0.376 µs'); // the catalog's four digits, shown as three
    // Float rounding of a difference of times is no duration; a nanosecond still is.
    expect(n(formatDuration(2.33e-10))).toBe('0 µs');
    expect(n(formatDuration(-2.33e-10))).toBe('0 µs');
    expect(n(formatDuration(0.001))).toBe('0.001 µs');
    expect(n(formatDuration(42.06))).toBe('42.1 µs');
    expect(n(formatDuration(812))).toBe('812 µs');
    expect(n(formatDuration(1_234.5))).toBe('1.23 ms');
    expect(n(formatDuration(420))).toBe('420 µs');
    expect(n(formatDuration(439_241.5))).toBe('439 ms');
    expect(n(formatDuration(10_500_000))).toBe('10.5 s');
    expect(n(formatDuration(0))).toBe('0 µs');
    expect(n(formatDuration(-5))).toBe('-5 µs');
  });

  it('rounds before choosing the unit, so nothing reads "1000 µs"', () => {
    expect(n(formatDuration(999.96))).toBe('1 ms');
    expect(n(formatDuration(999_960))).toBe('1 s');
    expect(n(formatDuration(999.4))).toBe('999 µs');
  });

  it('says what it cannot show', () => {
    expect(formatDuration(NaN)).toBe('—');
    expect(formatDuration(Infinity)).toBe('∞');
  });
});

describe('formatInstant and formatClock: the simulated clock as a stopwatch reads', () => {
  it('whole seconds and milliseconds, then µs with three significant digits', () => {
    expect(n(formatInstant(420))).toBe('420 µs');
    expect(n(formatInstant(1_000_060.383))).toBe('1 s 60.4 µs');
    expect(n(formatInstant(12_345_678.9))).toBe('12 s 345 ms 679 µs');
    expect(n(formatInstant(3_000))).toBe('3 ms');
    expect(n(formatInstant(1_000_000))).toBe('1 s');
    expect(n(formatInstant(0.25))).toBe('0.3 µs'); // tenths of a µs are the finest step shown
  });

  it('moves when playback steps from one hop to the next a fraction of a µs later', () => {
    expect(formatInstant(1_000_007.05)).not.toBe(formatInstant(1_000_007.35));
  });

  it('never rounds the µs part up into a thousand', () => {
    expect(n(formatInstant(1_999.5))).toBe('1 ms 999 µs'); // 999.5 µs would round to 1000
    expect(n(formatInstant(1_999.99))).toBe('2 ms');
  });

  it('reads "… into the run"', () => {
    expect(n(formatClock(420))).toBe('420 µs into the run');
    expect(n(formatClock(1_000_060.383))).toBe('1 s 60.4 µs into the run');
    expect(formatClock(0)).toBe('the start of the run');
    expect(formatClock(NaN)).toBe('—');
  });
});
