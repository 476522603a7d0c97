import { describe, expect, it } from 'vitest';
import { formatCount, formatDuration, formatPercent, formatRate } from './format';
import { parseSeed } from './seed';

describe('format', () => {
  it('shows durations with four significant digits and a fitting unit', () => {
    expect(formatDuration(1.9953)).toBe('1.995\u00a0µs');
    expect(formatDuration(0.0123)).toBe('0.01230\u00a0µs');
    expect(formatDuration(999.94)).toBe('999.9\u00a0µs');
    expect(formatDuration(12_345)).toBe('12.35\u00a0ms');
    expect(formatDuration(2_500_000)).toBe('2.500\u00a0s');
    expect(formatDuration(NaN)).toBe('—');
    expect(formatDuration(Infinity)).toBe('∞');
  });
  it('groups counts and rates, and shows fractions as percentages', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatRate(500_123.6)).toBe('500,124\u00a0req/s');
    expect(formatPercent(0.5004)).toBe('50.0\u00a0%');
  });
});

describe('parseSeed', () => {
  it('accepts whole numbers 0..4294967295 only', () => {
    expect(parseSeed(' 42 ')).toEqual({ ok: true, seed: 42 });
    expect(parseSeed('0')).toEqual({ ok: true, seed: 0 });
    expect(parseSeed('4294967295')).toEqual({ ok: true, seed: 4294967295 });
    for (const bad of ['', '-1', '4294967296', '1.5', '1e3', '0x10', 'abc', '99999999999'])
      expect(parseSeed(bad)).toEqual({ ok: false, message: expect.stringMatching(/^Seed must be/) });
  });
});
