/**
 * Snapshot and restore of a whole Simulation, so an earlier moment can be rebuilt by replaying from a
 * checkpoint rather than from t = 0 (checkpoints.ts). A restored simulation continues bit-identically
 * to one that was never interrupted (tested against replays from zero).
 *
 * The state is taken by walking the simulation's own fields, so a field added later is saved without
 * anyone remembering to: every field is saved unless it is listed in FIXED (set at construction and
 * never changed by a run — tested), and a field holding something the walk has no rule for (a new
 * class, a closure) makes snapshot() throw, naming the field. Classes saved field by field are listed
 * in FIELD_BY_FIELD; the few with a compact form of their own (histograms, the record ring, the hop
 * rows, random streams, samplers, queues) have their field lists checked against Object.keys by a test.
 *
 * Nothing here runs unless a snapshot is taken: the engine's hot loop is unchanged.
 */
import { EventQueue } from './eventQueue';
import { LatencyHistogram } from './histogram';
import { IntQueue } from './intQueue';
import { HopRows } from './hopRows';
import { HopRecordRing, type RingState } from './records';
import { RequestTable } from './requestTable';
import { RandomStream } from './rng';
import type { Sampler } from './distributions';
import type { Simulation } from './simulation';

/** Simulation fields set at construction and never changed by a run: shared, not saved. */
export const FIXED: ReadonlySet<string> = new Set([
  'spec',
  'net',
  'hopFailure',
  'samplers',
  'hopInfo',
  'affinityUnit',
  'connections', // SimCore
  'countMode',
  'warmup',
  'measuredTarget',
  'pacedInterval',
  'oneInFlight', // Simulation
]);

/** Classes whose state is all of their own fields, saved one by one. */
export const FIELD_BY_FIELD: readonly (abstract new (...args: never[]) => object)[] = [
  EventQueue,
  RequestTable,
];

export interface SnapshotOptions {
  /** Include the hop records held in the ring (default true); without them a restored ring holds none. */
  records?: boolean;
}

export interface SimSnapshot {
  /** Simulated time, events processed and top-level requests sent when it was taken. */
  readonly now: number;
  readonly events: number;
  readonly sent: number;
  readonly records: boolean;
  /** Approximate memory held, in bytes. */
  readonly bytes: number;
  /** Which simulations it fits: the spec, apart from record capacity. */
  readonly key: string;
  readonly state: Readonly<Record<string, unknown>>;
}

type Typed = Float64Array | Int32Array | Uint8Array;
type Ctx = { bytes: number; records: boolean };

const keys = new WeakMap<Simulation, string>();
/** The spec as text without its record capacity, computed once per simulation (a few ms for large specs). */
function specKey(sim: Simulation): string {
  let k = keys.get(sim);
  if (k === undefined) {
    k = JSON.stringify({ ...sim.spec, recordCapacity: 0 });
    keys.set(sim, k);
  }
  return k;
}

/** A copy of every changeable field of `sim`. */
export function snapshot(sim: Simulation, opts: SnapshotOptions = {}): SimSnapshot {
  const ctx: Ctx = { bytes: 0, records: opts.records ?? true };
  const own = sim as unknown as Record<string, unknown>;
  for (const f of FIXED)
    if (!(f in own)) throw new Error(`snapshot: FIXED names '${f}', which the simulation no longer has`);
  const state: Record<string, unknown> = {};
  for (const k of Object.keys(own)) if (!FIXED.has(k)) state[k] = save(own[k], k, ctx);
  return {
    now: sim.now,
    events: sim.events,
    sent: sim.requestsSent,
    records: ctx.records,
    bytes: ctx.bytes,
    key: specKey(sim),
    state,
  };
}

/**
 * Puts `sim` back in the state saved by `snap` (taken from this or any simulation of the same spec;
 * record capacity may differ when the snapshot holds no records). The snapshot is not changed, so it
 * can be restored again.
 */
export function restore(sim: Simulation, snap: SimSnapshot): void {
  if (snap.key !== specKey(sim)) throw new Error('restore: the checkpoint is of a different simulation spec');
  const own = sim as unknown as Record<string, unknown>;
  const names = Object.keys(own).filter((k) => !FIXED.has(k));
  const missing = names.filter((k) => !(k in snap.state));
  if (missing.length) throw new Error(`restore: the checkpoint lacks ${missing.join(', ')}`);
  for (const k of names) own[k] = load(own[k], snap.state[k], k);
}

function isSampler(v: unknown): v is Sampler {
  return typeof v === 'function' && typeof (v as Sampler).held === 'function';
}

type ArrayKind = 'nulls' | 'queues' | 'samplers' | 'streams' | 'values';
function arrayKind(a: readonly unknown[]): ArrayKind {
  if (a.length > 0 && a.every((x) => x === null)) return 'nulls';
  if (a.some((x) => x instanceof IntQueue)) return 'queues';
  if (a.some((x) => typeof x === 'function')) return 'samplers';
  if (a.some((x) => x instanceof RandomStream)) return 'streams';
  return 'values';
}

/** Streams in order of first appearance: arrays share one stream among several entries (a station's). */
function distinctStreams(a: readonly unknown[], path: string): RandomStream[] {
  const seen = new Set<RandomStream>();
  for (const x of a) {
    if (x === null) continue;
    if (!(x instanceof RandomStream)) throw new Error(`snapshot: ${path} mixes streams with other values`);
    seen.add(x);
  }
  return [...seen];
}

function fieldByField(v: object): boolean {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || FIELD_BY_FIELD.some((c) => v instanceof c);
}

function save(v: unknown, path: string, ctx: Ctx): unknown {
  if (v === null || (typeof v !== 'object' && typeof v !== 'function')) {
    ctx.bytes += 8;
    return v;
  }
  if (ArrayBuffer.isView(v)) {
    ctx.bytes += v.byteLength;
    return (v as Typed).slice();
  }
  if (isSampler(v)) {
    ctx.bytes += 8;
    return v.held();
  }
  if (v instanceof IntQueue) {
    const out: number[] = [];
    v.saveTo(out);
    ctx.bytes += 4 * out.length;
    return Int32Array.from(out);
  }
  if (Array.isArray(v)) {
    const kind = arrayKind(v);
    if (kind === 'nulls') return null;
    if (kind === 'queues') {
      const out: number[] = [];
      for (const q of v) {
        if (!(q instanceof IntQueue)) throw new Error(`snapshot: ${path} mixes queues with other values`);
        q.saveTo(out);
      }
      ctx.bytes += 4 * out.length;
      return Int32Array.from(out);
    }
    if (kind === 'samplers') {
      const held = new Float64Array(v.length);
      let any = false;
      v.forEach((s, i) => {
        if (s !== null && !isSampler(s))
          throw new Error(`snapshot: ${path}[${i}] is a function with no held()/hold()`);
        held[i] = s === null ? NaN : s.held();
        if (!Number.isNaN(held[i])) any = true;
      });
      ctx.bytes += any ? held.byteLength : 8;
      return any ? held : null; // most samplers hold nothing
    }
    if (kind === 'streams') {
      const streams = distinctStreams(v, path);
      const words = new Int32Array(4 * streams.length);
      streams.forEach((s, i) => words.set(s.getState(), 4 * i));
      ctx.bytes += words.byteLength;
      return words;
    }
    ctx.bytes += 8 * v.length;
    return v.map((x, i) => save(x, `${path}[${i}]`, ctx));
  }
  if (typeof v === 'function')
    throw new Error(`snapshot: ${path} is a function with no held()/hold(); its state cannot be saved`);
  if (v instanceof RandomStream) {
    ctx.bytes += 16;
    return Int32Array.from(v.getState());
  }
  if (v instanceof LatencyHistogram) {
    const s = v.saveState();
    ctx.bytes += s.index.byteLength + s.count.byteLength + 40;
    return s;
  }
  if (v instanceof HopRows) {
    const s = v.saveState();
    ctx.bytes += s.byteLength;
    return s;
  }
  if (v instanceof HopRecordRing) {
    const s = v.saveState(ctx.records);
    for (const c of s.held ?? []) ctx.bytes += c.byteLength;
    return s;
  }
  if (fieldByField(v)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) out[k] = save((v as Record<string, unknown>)[k], `${path}.${k}`, ctx);
    return out;
  }
  throw new Error(
    `snapshot: no rule to save ${path} (a ${v.constructor?.name ?? 'object'}); add one in snapshot.ts`,
  );
}

/** The value to store back in the field: `cur` updated in place where it is an object, else the saved value. */
function load(cur: unknown, saved: unknown, path: string): unknown {
  if (cur === null || (typeof cur !== 'object' && typeof cur !== 'function')) return saved;
  if (ArrayBuffer.isView(cur)) {
    const s = saved as Typed;
    // Same size: copy in place (other holders of the array see it). A grown array is replaced.
    if (cur.constructor === s.constructor && (cur as Typed).length === s.length) {
      (cur as Typed).set(s);
      return cur;
    }
    return s.slice();
  }
  if (isSampler(cur)) {
    cur.hold(saved as number);
    return cur;
  }
  if (cur instanceof IntQueue) {
    cur.loadFrom(saved as Int32Array, 0);
    return cur;
  }
  if (Array.isArray(cur)) {
    const kind = arrayKind(cur);
    if (kind === 'nulls') return cur;
    if (kind === 'queues') {
      const src = saved as Int32Array;
      let at = 0;
      for (const q of cur as IntQueue[]) at = q.loadFrom(src, at);
      if (at !== src.length) throw new Error(`restore: ${path} holds a different number of queues`);
      return cur;
    }
    if (kind === 'samplers') {
      const held = saved as Float64Array | null;
      (cur as (Sampler | null)[]).forEach((s, i) => s?.hold(held === null ? NaN : held[i]));
      return cur;
    }
    if (kind === 'streams') {
      const words = saved as Int32Array;
      const streams = distinctStreams(cur, path);
      if (4 * streams.length !== words.length)
        throw new Error(`restore: ${path} holds a different number of streams`);
      streams.forEach((s, i) => s.setState(Array.from(words.subarray(4 * i, 4 * i + 4))));
      return cur;
    }
    const s = saved as unknown[];
    const out = cur as unknown[];
    for (let i = 0; i < s.length; i++) {
      const x = s[i];
      if (x === null || typeof x !== 'object') out[i] = x;
      else if (i < out.length) out[i] = load(out[i], x, `${path}[${i}]`);
      else throw new Error(`restore: ${path}[${i}] has no object to restore into`);
    }
    out.length = s.length;
    return out;
  }
  if (cur instanceof RandomStream) {
    cur.setState(Array.from(saved as Int32Array));
    return cur;
  }
  if (cur instanceof LatencyHistogram) {
    cur.loadState(saved as ReturnType<LatencyHistogram['saveState']>);
    return cur;
  }
  if (cur instanceof HopRecordRing) {
    cur.loadState(saved as RingState);
    return cur;
  }
  if (cur instanceof HopRows) {
    cur.loadState(saved as Float64Array);
    return cur;
  }
  const obj = cur as Record<string, unknown>;
  const s = saved as Record<string, unknown>;
  for (const k of Object.keys(obj)) {
    if (!(k in s)) throw new Error(`restore: the checkpoint lacks ${path}.${k}`);
    obj[k] = load(obj[k], s[k], `${path}.${k}`);
  }
  return cur;
}
