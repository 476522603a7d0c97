// Test support (not a test): an independent view of a Simulation's whole state, walked field by field
// without snapshot.ts's rules, so tests can check that snapshot/restore misses nothing.
import type { Sampler } from './distributions';
import { IntQueue } from './intQueue';
import { HopRows } from './hopRows';
import { HopRecordRing } from './records';
import { RandomStream } from './rng';
import type { Simulation } from './simulation';
import { FIXED } from './snapshot';

type Dump = unknown;
type Obj = Record<string, unknown>;

function isSampler(v: unknown): v is Sampler {
  return typeof v === 'function' && typeof (v as Sampler).held === 'function';
}

/** Every value reachable from `v`, as plain data: typed arrays copied, queues by content, streams by state. */
export function dump(v: unknown, path = '$'): Dump {
  if (v === null || (typeof v !== 'object' && typeof v !== 'function')) return v;
  if (ArrayBuffer.isView(v)) return (v as Float64Array).slice();
  if (isSampler(v)) return { held: v.held() };
  if (typeof v === 'function') throw new Error(`${path}: a function with hidden state`);
  if (Array.isArray(v)) return v.map((x, i) => dump(x, `${path}[${i}]`));
  if (v instanceof IntQueue) {
    const out: number[] = [];
    v.saveTo(out);
    return { waiting: out };
  }
  if (v instanceof RandomStream) return { state: v.getState() };
  const out: Obj = {};
  for (const k of Object.keys(v)) out[k] = dump((v as Obj)[k], `${path}.${k}`);
  return out;
}

/** The changeable state of a simulation (all fields but FIXED), keyed by field. */
export function dumpState(sim: Simulation): Obj {
  const out: Obj = {};
  for (const [k, v] of Object.entries(sim)) if (!FIXED.has(k)) out[k] = dump(v, k);
  return out;
}

/** The FIXED fields (spec and compiled network), which a run must never change. */
export function dumpFixed(sim: Simulation): Obj {
  const out: Obj = {};
  for (const [k, v] of Object.entries(sim)) if (FIXED.has(k)) out[k] = dump(v, k);
  return out;
}

/** The first path at which a and b differ (numbers compared with Object.is: -0 ≠ 0, NaN = NaN), or null. */
export function firstDifference(a: unknown, b: unknown, path = '$'): string | null {
  if (a === b || Object.is(a, b)) return null;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null)
    return `${path}: ${String(a)} ≠ ${String(b)}`;
  const av = ArrayBuffer.isView(a) || Array.isArray(a);
  const bv = ArrayBuffer.isView(b) || Array.isArray(b);
  if (av !== bv || a.constructor !== b.constructor)
    return `${path}: ${a.constructor.name} ≠ ${b.constructor.name}`;
  if (av) {
    const x = a as ArrayLike<unknown>;
    const y = b as ArrayLike<unknown>;
    if (x.length !== y.length) return `${path}: length ${x.length} ≠ ${y.length}`;
    for (let i = 0; i < x.length; i++) {
      const d = firstDifference(x[i], y[i], `${path}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  if (ka.join() !== kb.join()) return `${path}: fields ${ka.join()} ≠ ${kb.join()}`;
  for (const k of ka) {
    const d = firstDifference((a as Obj)[k], (b as Obj)[k], `${path}.${k}`);
    if (d) return d;
  }
  return null;
}

/** Fields set at construction inside saved objects (a ring's capacity, where the hop rows' samplers come
 *  from): not state, left alone. */
const NESTED_FIXED: ReadonlyMap<abstract new (...a: never[]) => object, readonly string[]> = new Map<
  abstract new (...a: never[]) => object,
  readonly string[]
>([
  [HopRecordRing, ['capacity']],
  [HopRows, ['table', 'samplers']],
]);

const bump = (x: number) => (Number.isFinite(x) ? x + 1 : Number.isNaN(x) ? 1 : 0);

/** Changes every changeable value reachable from the simulation (garbage on purpose: only restore may follow). */
export function perturb(sim: Simulation): void {
  const own = sim as unknown as Obj;
  for (const k of Object.keys(own)) if (!FIXED.has(k)) own[k] = perturbValue(own[k]);
}

function perturbValue(v: unknown): unknown {
  if (typeof v === 'number') return bump(v);
  if (typeof v === 'boolean') return !v;
  if (v === null || typeof v === 'string' || v === undefined) return v;
  if (ArrayBuffer.isView(v)) {
    const a = v as Float64Array;
    for (let i = 0; i < a.length; i++) a[i] = bump(a[i]);
    return a;
  }
  if (isSampler(v)) {
    try {
      v.hold(Number.isNaN(v.held()) ? 0.25 : NaN);
    } catch {
      // a stateless sampler: nothing to change
    }
    return v;
  }
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) v[i] = perturbValue(v[i]);
    if (v.every((x) => typeof x === 'number')) v.push(7);
    return v;
  }
  if (v instanceof IntQueue) {
    v.push(4242);
    return v;
  }
  if (v instanceof RandomStream) {
    v.setState([1, 2, 3, 4]);
    return v;
  }
  const o = v as Obj;
  const fixed = [...NESTED_FIXED].find(([c]) => v instanceof c)?.[1] ?? [];
  for (const k of Object.keys(o)) if (!fixed.includes(k)) o[k] = perturbValue(o[k]);
  return v;
}
