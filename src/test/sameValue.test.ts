import { describe, expect, it } from 'vitest';
import { expectSame, firstDifference } from './sameValue';

class Point {
  constructor(
    public x: number,
    public y: number,
  ) {}
}

const base = () => ({
  name: 'a',
  hops: [
    { id: 1, us: 2.5, tags: ['x', 'y'] },
    { id: 2, us: 0, tags: [] as string[] },
  ],
  table: new Map<string, unknown>([
    ['k', { v: 1 }],
    ['l', [1, 2]],
  ]),
  set: new Set([1, 2, 3]),
  data: new Float64Array([1, 2, 3]),
  nothing: null as unknown,
});

/** Pairs that differ, each in one way, with where the difference is reported. */
const differing: [string, unknown, unknown, string][] = [
  [
    'a nested number',
    base(),
    { ...base(), hops: [{ ...base().hops[0], us: 2.6 }, base().hops[1]] },
    '$.hops[0].us',
  ],
  ['−0 and 0', { x: 0 }, { x: -0 }, '$.x: 0 ≠ -0'],
  [
    'a property holding undefined and a missing one',
    { x: 1, y: undefined },
    { x: 1 },
    '$: keys [x, y] ≠ [x]',
  ],
  ['the same keys in another order', { x: 1, y: 2 }, { y: 2, x: 1 }, '$: keys [x, y] ≠ [y, x]'],
  ['an array hole and undefined', [1, , 3], [1, undefined, 3], '$: keys'],
  ['a longer array', [1, 2], [1, 2, 3], '$: keys'],
  ['a class instance and a plain object', new Point(1, 2), { x: 1, y: 2 }, '$: different prototypes'],
  [
    'a Map entry',
    base(),
    { ...base(), table: new Map([...base().table, ['l', [1, 3]]]) },
    '$.table.<entry 1>[1]',
  ],
  ['a Map key', new Map([['a', 1]]), new Map([['b', 1]]), '$.<key 0>'],
  ['a Set member', new Set([1, 2]), new Set([1, 4]), '$.<key 1>'],
  ['a typed array element', new Float64Array([1, 2]), new Float64Array([1, 2.5]), '$[1]: 2 ≠ 2.5'],
  ['typed arrays of two kinds', new Float64Array([1]), new Float32Array([1]), '$: different prototypes'],
  ['a string and a number', { x: '1' }, { x: 1 }, '$.x: "1" ≠ 1'],
  ['null and an object', { x: null }, { x: {} }, '$.x: null ≠ an object'],
  ['a symbol key', { [Symbol.for('s')]: 1 }, { [Symbol.for('s')]: 2 }, '$.Symbol(s): 1 ≠ 2'],
];

describe('firstDifference', () => {
  it('finds none between equal values built apart, NaN included', () => {
    expect(firstDifference(base(), base())).toBeNull();
    expect(firstDifference({ x: NaN, y: [new Point(1, 2)] }, { x: NaN, y: [new Point(1, 2)] })).toBeNull();
    expect(() => expectSame(base(), base())).not.toThrow();
  });

  it.each(differing)('finds %s, and says where', (_, a, b, where) => {
    expect(firstDifference(a, b)).toContain(where);
    expect(firstDifference(b, a)).not.toBeNull();
    expect(() => expectSame(a, b, 'the compiled scenario')).toThrow(/the compiled scenario differs at \$/);
  });

  it('with keyOrder off, takes keys in any order and still finds every other difference', () => {
    const unordered = { keyOrder: false };
    expect(firstDifference({ x: 1, y: { a: 1, b: 2 } }, { y: { b: 2, a: 1 }, x: 1 }, unordered)).toBeNull();
    expect(firstDifference({ x: 1, y: 2 }, { y: 2, x: 3 }, unordered)).toBe('$.x: 1 ≠ 3');
    expect(firstDifference({ x: 1, y: undefined }, { x: 1 }, unordered)).toContain('keys');
    expect(firstDifference([1, 2], [2, 1], unordered)).toBe('$[0]: 1 ≠ 2');
    expect(() => expectSame({ x: 1, y: 2 }, { y: 2, x: 1 }, 'spec', unordered)).not.toThrow();
  });
});
