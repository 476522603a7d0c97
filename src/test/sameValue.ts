import { expect } from 'vitest';

/**
 * Where two values first differ, or null when they are the same value bit for bit: the same prototypes,
 * the same own enumerable keys in the same order (so JSON.stringify gives the same text), primitives
 * equal by Object.is (−0 is not 0; NaN is NaN), an own property holding undefined is not a missing one,
 * array holes are holes, Maps and Sets hold the same entries in the same order, typed arrays the same
 * elements. That is at least what toStrictEqual and a JSON.stringify comparison check together, at a
 * small fraction of the cost on a compiled scenario of a large mesh (a quarter of a million objects).
 */
export function firstDifference(a: unknown, b: unknown, { keyOrder = true } = {}): string | null {
  const d = diff(a, b, new WeakMap(), keyOrder);
  return d === null ? null : `$${d.path.reverse().join('')}: ${d.what}`;
}

/** The difference found, its path built on the way back up (most comparisons find none). */
interface Found {
  path: string[];
  what: string;
}

/** `seen` holds pairs already found the same: a compiled scenario shares many of its parts. */
function diff(a: unknown, b: unknown, seen: WeakMap<object, object>, ordered: boolean): Found | null {
  if (Object.is(a, b)) return null;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null)
    return { path: [], what: `${describe(a)} ≠ ${describe(b)}` };
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b))
    return { path: [], what: 'different prototypes' };
  if (ArrayBuffer.isView(a)) {
    const [x, y] = [a as unknown as ArrayLike<unknown>, b as unknown as ArrayLike<unknown>];
    if (x.length !== y.length) return { path: [], what: `length ${x.length} ≠ ${y.length}` };
    for (let i = 0; i < x.length; i++)
      if (!Object.is(x[i], y[i])) return { path: [`[${i}]`], what: `${describe(x[i])} ≠ ${describe(y[i])}` };
    return null;
  }
  if (a instanceof Map || a instanceof Set) {
    const [x, y] = [[...a.entries()], [...(b as Map<unknown, unknown>).entries()]];
    if (x.length !== y.length) return { path: [], what: `size ${x.length} ≠ ${y.length}` };
    for (let i = 0; i < x.length; i++) {
      const d =
        within(diff(x[i][0], y[i][0], seen, ordered), `.<key ${i}>`) ??
        within(diff(x[i][1], y[i][1], seen, ordered), `.<entry ${i}>`);
      if (d) return d;
    }
    return null;
  }
  if (a instanceof Date)
    return a.getTime() === (b as Date).getTime() ? null : { path: [], what: 'dates differ' };
  if (seen.get(a) === b) return null;
  const ka = keysOf(a, ordered);
  const kb = keysOf(b, ordered);
  if (!sameKeys(ka, kb))
    return { path: [], what: `keys [${ka.map(String).join(', ')}] ≠ [${kb.map(String).join(', ')}]` };
  const array = Array.isArray(a);
  if (array && a.length !== (b as unknown[]).length)
    return { path: [], what: `length ${a.length} ≠ ${(b as unknown[]).length}` };
  const [ra, rb] = [a as Record<PropertyKey, unknown>, b as Record<PropertyKey, unknown>];
  for (let i = 0; i < ka.length; i++) {
    const d = diff(ra[ka[i]], rb[ka[i]], seen, ordered);
    if (d) return within(d, array ? `[${String(ka[i])}]` : `.${String(ka[i])}`);
  }
  seen.set(a, b);
  return null;
}

function within(d: Found | null, step: string): Found | null {
  d?.path.push(step);
  return d;
}

function sameKeys(a: PropertyKey[], b: PropertyKey[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Own enumerable keys in order: strings as Object.keys gives them (array holes left out), then symbols;
 * unordered, the strings sorted (an array's indices keep their order).
 */
function keysOf(o: object, ordered: boolean): PropertyKey[] {
  const keys: PropertyKey[] = ordered || Array.isArray(o) ? Object.keys(o) : Object.keys(o).sort();
  const symbols = Object.getOwnPropertySymbols(o);
  if (symbols.length > 0)
    for (const s of symbols) if (Object.prototype.propertyIsEnumerable.call(o, s)) keys.push(s);
  return keys;
}

function describe(v: unknown): string {
  if (typeof v === 'object' && v !== null) return Array.isArray(v) ? 'an array' : 'an object';
  if (Object.is(v, -0)) return '-0';
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}

/**
 * Asserts that `actual` is the same value as `expected` bit for bit (see firstDifference); with
 * `keyOrder: false`, objects' keys may come in any order (what toStrictEqual alone asks).
 */
export function expectSame(
  actual: unknown,
  expected: unknown,
  what = 'value',
  { keyOrder = true } = {},
): void {
  const d = firstDifference(actual, expected, { keyOrder });
  if (d !== null) expect.fail(`${what} differs at ${d}`);
}
