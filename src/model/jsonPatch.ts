/**
 * A JSON value as the changes from a base value, for short links: a scenario is sent as its preset
 * plus only what differs. The language is small and fixed (link format 2 depends on it):
 *
 * - an object against an object: only the keys that differ, each as its own patch; `null` removes a key;
 * - an object against an array: `{"n": new length (when it changes), "<index>": patch, …}`;
 * - anything else (a number, a string, an array, or any value where the base has none): the value itself.
 *
 * Not every value can be said this way (a `null` kept inside an object, an object where the base has an
 * array), so `diffJson` checks its patch by applying it and answers `undefined` when it does not
 * reproduce the target; the caller then sends the value whole, which always works.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** Why a patch could not be applied: the path where it went wrong and what was wrong there. */
export class PatchError extends Error {
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${path || '(root)'}: ${problem}`);
  }
}

/** Longest array a patch may ask for (far above any scenario's; stops a hostile link allocating). */
export const MAX_PATCH_ARRAY = 1_000_000;
const INDEX = /^(?:0|[1-9]\d{0,6})$/;

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The value as JSON would carry it, keys sorted at every level: one spelling for equal values. */
export function canonicalJson(v: unknown): Json {
  const plain = JSON.parse(JSON.stringify(v) ?? 'null') as Json;
  const sort = (x: Json): Json =>
    Array.isArray(x)
      ? x.map(sort)
      : isObject(x)
        ? Object.fromEntries(
            Object.keys(x)
              .sort()
              .map((k) => [k, sort(x[k])]),
          )
        : x;
  return sort(plain);
}

export function jsonEqual(a: Json | undefined, b: Json | undefined): boolean {
  if (a === b) return true;
  if (Array.isArray(a))
    return Array.isArray(b) && a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && jsonEqual(a[k], b[k]));
  }
  return false;
}

/** The patch that turns `base` into `target` (both canonical JSON), `undefined` if none can. */
export function diffJson(base: Json, target: Json): Json | undefined {
  const patch = diff(base, target) ?? {}; // equal: an empty object patch changes nothing
  try {
    return jsonEqual(applyJson(base, patch), target) ? patch : undefined;
  } catch {
    return undefined;
  }
}

/** `undefined` when equal. */
function diff(base: Json | undefined, target: Json): Json | undefined {
  if (jsonEqual(base, target)) return undefined;
  if (isObject(base) && isObject(target)) {
    const out: JsonObject = {};
    for (const k of [...new Set([...Object.keys(base), ...Object.keys(target)])].sort()) {
      if (!(k in target)) out[k] = null;
      else {
        const d = diff(k in base ? base[k] : undefined, target[k]);
        if (d !== undefined) out[k] = d;
      }
    }
    return out;
  }
  if (Array.isArray(base) && Array.isArray(target)) {
    const out: JsonObject = {};
    if (target.length !== base.length) out.n = target.length;
    target.forEach((x, i) => {
      const d = diff(base[i], x);
      if (d !== undefined) out[i] = d;
    });
    // Element by element pays when few elements change; a short array may be cheaper whole.
    return JSON.stringify(out).length < JSON.stringify(target).length ? out : target;
  }
  return target;
}

/** `base` with `patch` applied; throws a PatchError naming the path when the patch does not fit. */
export function applyJson(base: Json | undefined, patch: Json, path = ''): Json {
  if (!isObject(patch)) return patch;
  if (isObject(base)) {
    const out: JsonObject = { ...base };
    for (const [k, p] of Object.entries(patch)) {
      if (k === '__proto__') throw new PatchError(path, 'a key named __proto__ is not allowed');
      if (p === null) delete out[k];
      else out[k] = applyJson(base[k], p, path ? `${path}.${k}` : k);
    }
    return out;
  }
  if (Array.isArray(base)) {
    const n = patch.n ?? base.length;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > MAX_PATCH_ARRAY)
      throw new PatchError(path, `the new length must be a whole number from 0 to ${MAX_PATCH_ARRAY}`);
    const out: (Json | undefined)[] = base.slice(0, n);
    for (const [k, p] of Object.entries(patch)) {
      if (k === 'n') continue;
      if (!INDEX.test(k) || Number(k) >= n)
        throw new PatchError(path, `'${k.slice(0, 20)}' is not an index below the length ${n}`);
      out[Number(k)] = applyJson(base[Number(k)], p, `${path}[${k}]`);
    }
    for (let i = 0; i < n; i++)
      if (out[i] === undefined) throw new PatchError(path, `element ${i} is missing (the length is ${n})`);
    return out as Json[];
  }
  return patch; // a whole new object where the base has none
}
