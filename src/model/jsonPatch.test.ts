import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyJson, canonicalJson, diffJson, jsonEqual, PatchError, type Json } from './jsonPatch';

describe('changes from a base value (jsonPatch)', () => {
  it('says only what differs, removes with null, patches arrays by index', () => {
    const base = { a: 1, b: { c: [1, 2, 3], d: 'x' }, e: true } as Json;
    expect(diffJson(base, { a: 1, b: { c: [1, 2, 3], d: 'x' }, e: true })).toEqual({});
    expect(diffJson(base, { a: 2, b: { c: [1, 2, 3], d: 'x' } })).toEqual({ a: 2, e: null });
    const long = { a: 1, b: { c: Array.from({ length: 30 }, (_, i) => i), d: 'x' }, e: true } as Json;
    const moved = {
      a: 1,
      b: { c: Array.from({ length: 31 }, (_, i) => (i === 7 ? 70 : i)), d: 'x' },
      e: true,
    };
    expect(diffJson(long, moved)).toEqual({ b: { c: { n: 31, 7: 70, 30: 30 } } });
    // A short array is cheaper whole.
    expect(diffJson(base, { a: 1, b: { c: [9], d: 'x' }, e: true })).toEqual({ b: { c: [9] } });
  });

  it('answers undefined where the language cannot say it (a null kept in an object)', () => {
    expect(diffJson({ a: 1 }, { a: null })).toBeUndefined();
    expect(diffJson({ a: [1, 2] }, { a: { n: 1 } })).toBeUndefined();
  });

  it('names the path of a patch that does not fit', () => {
    expect(() => applyJson({ a: [1, 2] }, { a: { 2: 5 } })).toThrow(
      new PatchError('a', "'2' is not an index below the length 2"),
    );
    expect(() => applyJson({ a: [1, 2] }, { a: { n: 3 } })).toThrow(/a: element 2 is missing/);
    expect(() => applyJson({ a: [1] }, { a: { n: -1 } })).toThrow(/a: the new length must be/);
    expect(() => applyJson({ a: { b: [] } }, { a: { b: { x: 1 } } })).toThrow(/a\.b: 'x' is not an index/);
  });

  it('the patch of any two JSON values reproduces the target exactly, or is refused (fast-check)', () => {
    const value = fc.jsonValue({ maxDepth: 4 }).map((v) => canonicalJson(v));
    const similar = value.chain((a) => fc.tuple(fc.constant(a), fc.oneof(value, fc.constant(a), mutate(a))));
    fc.assert(
      fc.property(similar, ([a, b]) => {
        const p = diffJson(a, b);
        if (p !== undefined) expect(jsonEqual(applyJson(a, p), b)).toBe(true);
      }),
      { numRuns: 3_000, seed: 14 },
    );
  });
});

/** A value like `a` with one leaf or element changed, added or removed. */
function mutate(a: Json): fc.Arbitrary<Json> {
  if (Array.isArray(a))
    return fc.oneof(
      fc.constant<Json>(a.slice(1)),
      fc.constant<Json>([...a, 1]),
      fc.constant<Json>(a.map((x, i) => (i === 0 ? 'changed' : x))),
    );
  if (a !== null && typeof a === 'object') {
    const keys = Object.keys(a);
    return fc.oneof(
      fc.constant(canonicalJson({ ...a, added: [1, { x: 2 }] })),
      fc.constant(Object.fromEntries(keys.slice(1).map((k) => [k, a[k]]))),
    );
  }
  return fc.constant(a);
}
