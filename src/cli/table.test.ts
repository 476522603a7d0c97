import { describe, expect, it } from 'vitest';
import {
  formatCompact,
  formatDurationUs,
  formatFixed,
  formatInt,
  formatInterval,
  formatNumber,
  formatPercent,
  formatSignedPercent,
  renderPairs,
  renderTable,
} from './table';

describe('number formats', () => {
  it('formatNumber keeps significant digits without exponents in the usual range', () => {
    expect(formatNumber(1.993609)).toBe('1.99');
    expect(formatNumber(2)).toBe('2.00');
    expect(formatNumber(0.000997)).toBe('0.000997');
    expect(formatNumber(575.4)).toBe('575');
    expect(formatNumber(999.7)).toBe('1,000'); // not "1.00e+3"
    expect(formatNumber(501_739.2)).toBe('501,739');
    expect(formatNumber(-12.345)).toBe('-12.3');
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(8.72e-5)).toBe('8.72e-5');
    expect(formatNumber(NaN)).toBe('n/a');
    expect(formatNumber(Infinity)).toBe('∞');
    expect(formatNumber(1.23456, 5)).toBe('1.2346');
  });

  it('integers, fixed decimals, percentages, compact counts', () => {
    expect(formatInt(1_260_000)).toBe('1,260,000');
    expect(formatInt(-1234.6)).toBe('-1,235');
    expect(formatFixed(12_345.678, 1)).toBe('12,345.7');
    expect(formatFixed(-0.001, 1)).toBe('0.0');
    expect(formatPercent(0.5)).toBe('50.0%');
    expect(formatSignedPercent(0.012)).toBe('+1.2%');
    expect(formatSignedPercent(-0.094)).toBe('-9.4%');
    expect(formatSignedPercent(0.0001)).toBe('0.0%');
    expect(formatCompact(17)).toBe('17');
    expect(formatCompact(2.5)).toBe('2.5');
    expect(formatCompact(1200)).toBe('1,200');
  });

  it('durations pick the unit', () => {
    expect(formatDurationUs(812)).toBe('812 µs');
    expect(formatDurationUs(439_241.5)).toBe('439 ms');
    expect(formatDurationUs(10_500_000)).toBe('10.5 s');
  });

  it('intervals print the half-width at two significant digits and the mean to match', () => {
    expect(formatInterval(1.99831, 0.01234)).toBe('1.998 ± 0.012');
    expect(formatInterval(374.4123, 1.1)).toBe('374.4 ± 1.1');
    expect(formatInterval(500_832.3, 4_512)).toBe('500,800 ± 4,500');
    expect(formatInterval(6.0012, 0.13)).toBe('6.00 ± 0.13');
    expect(formatInterval(2, 0)).toBe('2.00 ± 0');
    // Rounding noise from replications that agree exactly is no interval at all.
    expect(formatInterval(23.04, 7.1e-15)).toBe('23.0 ± 0');
    expect(formatInterval(2, NaN)).toBe('2.00 ± n/a');
  });
});

describe('renderTable', () => {
  it('aligns columns (left or right) under a header and a rule', () => {
    const lines = renderTable(
      [{ header: 'station' }, { header: 'servers', align: 'right' }, { header: 'µs', align: 'right' }],
      [
        ['cpu', '1', '2.00'],
        ['node-1-proxy', '12', '375'],
      ],
      { indent: 2 },
    );
    expect(lines).toEqual([
      '  station       servers    µs',
      '  ------------  -------  ----',
      '  cpu                 1  2.00',
      '  node-1-proxy       12   375',
    ]);
  });

  it('pairs have no header and no trailing spaces', () => {
    expect(
      renderPairs([
        ['seed', '1'],
        ['events', '440,001'],
      ]),
    ).toEqual(['  seed     1', '  events   440,001']);
  });
});
