import { describe, expect, it } from 'vitest';
import { formatOrdinal } from './ordinal';

describe('formatOrdinal', () => {
  it('gives English ordinals, the teens included', () => {
    const cases: Array<[number, string]> = [
      [1, '1st'],
      [2, '2nd'],
      [3, '3rd'],
      [4, '4th'],
      [11, '11th'],
      [12, '12th'],
      [13, '13th'],
      [21, '21st'],
      [22, '22nd'],
      [100, '100th'],
      [102, '102nd'],
      [111, '111th'],
    ];
    for (const [n, text] of cases) expect(formatOrdinal(n)).toBe(text);
  });
});
