import type { ArchitectureId } from '../model/architecture';
import { derivationOf, isVouched } from '../model/valid';
import { Lru } from './lru';
import {
  SPEC_CACHE_SIZE,
  SPEC_PART_FIELDS,
  SPEC_PART_ITEMS_OF,
  type CompareDesign,
  type SpecPartField,
  type SpecPartRequest,
  type SpecRequest,
} from './protocol';

/**
 * The page's side of the workers' spec caches. A key names one spec object: trusted specs (the
 * compiler's, or derived from them, as the sweep's) are never changed in place — a change is a new
 * object, so it gets a new key and is never served from an older one. Hashing the content instead would
 * cost the main thread a pass over a 400-pod scenario's megabytes on every change; identity is free.
 * Raw input (tests, files) has no key and always travels whole.
 */
const ids = new WeakMap<object, number>();
let nextId = 1;

export function specKey(architecture: ArchitectureId, spec: unknown): string | null {
  if (!isVouched(spec)) return null;
  const obj = spec as object;
  let id = ids.get(obj);
  if (id === undefined) ids.set(obj, (id = nextId++));
  return `${architecture}#${id}`;
}

export interface DesignInput {
  architecture: ArchitectureId;
  spec: unknown;
}

/**
 * Which keys one worker holds, as far as the page knows: the worker's cache mirrored (same capacity,
 * same order of touches), forgotten when the worker is replaced (`generation` changes).
 */
export class SentSpecs {
  private readonly sent = new Lru<true>(SPEC_CACHE_SIZE);
  private generation: number | null = null;
  /** The rest of a large spec's messages (its parts, then the spec itself), posted one per call. */
  private queue: (SpecRequest | SpecPartRequest)[] = [];

  constructor(private readonly currentGeneration: () => number) {}

  private sync(): void {
    const g = this.currentGeneration();
    if (g !== this.generation) {
      this.sent.clear();
      this.queue = [];
    }
    this.generation = g;
  }

  /**
   * The next message this worker still needs for `designs`, to post now in a task of its own: a spec
   * (recorded as sent), or for a large one first its long lists in parts (`specMessages`); null when the
   * worker has been sent everything, so a comparison naming the keys may follow.
   */
  nextPut(designs: readonly DesignInput[]): SpecRequest | SpecPartRequest | null {
    this.sync();
    const queued = this.queue.shift();
    if (queued) return queued;
    for (const d of designs) {
      const key = specKey(d.architecture, d.spec);
      if (key === null || this.sent.has(key)) continue;
      // Derived from a spec the worker holds (a sweep point): only the load and run travel.
      const from = derivationOf(d.spec);
      const baseKey = from && specKey(d.architecture, from.base);
      if (from && baseKey && this.sent.get(baseKey)) {
        this.sent.set(key, true);
        return { type: 'spec', key, architecture: d.architecture, base: { key: baseKey, patch: from.patch } };
      }
      this.sent.set(key, true);
      this.queue = specMessages(key, d.architecture, d.spec);
      return this.queue.shift()!;
    }
    return null;
  }

  /**
   * The designs as a comparison request carries them, to post now: keys the worker holds, specs inline
   * otherwise (and for `resend`, keys the worker said it lacks).
   */
  refs(designs: readonly DesignInput[], resend: ReadonlySet<string> = new Set()): CompareDesign[] {
    this.sync();
    return designs.map((d) => {
      const key = specKey(d.architecture, d.spec);
      if (key === null) return { architecture: d.architecture, spec: d.spec };
      if (this.sent.get(key) && !resend.has(key)) return { architecture: d.architecture, key };
      this.sent.set(key, true);
      // A key names a trusted spec (the compiler's, or derived from one): kept as it is.
      return { architecture: d.architecture, key, spec: d.spec, compiled: true };
    });
  }
}

/**
 * A spec as the messages that send it: itself, or when a list is longer than its part size
 * (SPEC_PART_ITEMS_OF, or `partItems` for every list), that list's items in parts of that many first and
 * then the rest of the spec naming the fields sent ahead. Each message is posted in a task of its own,
 * so no single copy is long however large the mesh.
 */
export function specMessages(
  key: string,
  architecture: ArchitectureId,
  spec: unknown,
  partItems?: number,
): (SpecRequest | SpecPartRequest)[] {
  const whole = spec as Record<string, unknown>;
  const sizeOf = (f: SpecPartField) => partItems ?? SPEC_PART_ITEMS_OF[f];
  const long = SPEC_PART_FIELDS.filter((f) => {
    const list = whole[f];
    return Array.isArray(list) && list.length > sizeOf(f);
  });
  // The page's own compiled specs (trusted) are kept as they are by the worker; others it parses.
  const compiled = isVouched(spec) ? ({ compiled: true } as const) : {};
  if (long.length === 0) return [{ type: 'spec', key, architecture, spec, ...compiled }];
  const out: (SpecRequest | SpecPartRequest)[] = [];
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(whole)) if (!long.includes(k as SpecPartField)) rest[k] = v;
  for (const field of long) {
    const list = whole[field] as unknown[];
    const n = sizeOf(field);
    for (let i = 0; i < list.length; i += n)
      out.push({ type: 'spec-part', key, field, items: list.slice(i, i + n) });
  }
  out.push({ type: 'spec', key, architecture, spec: rest, parts: long, ...compiled });
  return out;
}
