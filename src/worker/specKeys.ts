import type { ArchitectureId } from '../model/architecture';
import { derivationOf, isVouched } from '../model/valid';
import { Lru } from './lru';
import { SPEC_CACHE_SIZE, type CompareDesign, type SpecRequest } from './protocol';

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

  constructor(private readonly currentGeneration: () => number) {}

  private sync(): void {
    const g = this.currentGeneration();
    if (g !== this.generation) this.sent.clear();
    this.generation = g;
  }

  /** The next spec this worker still needs for `designs`, as a message to post now (recorded as sent). */
  nextPut(designs: readonly DesignInput[]): SpecRequest | null {
    this.sync();
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
      return { type: 'spec', key, architecture: d.architecture, spec: d.spec };
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
      return { architecture: d.architecture, key, spec: d.spec };
    });
  }
}
