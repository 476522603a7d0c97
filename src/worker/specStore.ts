import type { SpecEntry } from '../engine';
import type { ArchitectureId } from '../model/architecture';
import { SimSpecSchema } from '../model/simSpec';
import { vouchSimSpec, type ValidSimSpec } from '../model/valid';
import { Lru } from './lru';
import { formatIssues, SPEC_CACHE_SIZE, type CompareDesign, type SpecPartField } from './protocol';

/** What a derived spec replaces, checked as the whole spec's parse would check those two fields. */
const PatchSchema = SimSpecSchema.pick({ load: true, run: true });

/** A spec as the worker keeps it: parsed (trusted from then on), or why it was rejected. */
type Stored = { architecture: ArchitectureId } & ({ spec: ValidSimSpec } | { error: string });

export type Resolved =
  | { status: 'ok'; designs: SpecEntry[] }
  | { status: 'error'; message: string }
  | { status: 'missing'; keys: string[] };

/**
 * Parses a design's spec at the worker's entry; a bad one is kept as a message naming its field. One
 * the page's compiler built (`compiled`, see SpecRequestSchema) is kept as it is.
 */
function parse(architecture: ArchitectureId, raw: unknown, compiled = false): Stored {
  if (compiled) return { architecture, spec: vouchSimSpec(raw as ValidSimSpec) };
  const r = SimSpecSchema.safeParse(raw);
  return r.success
    ? { architecture, spec: vouchSimSpec(r.data) }
    : { architecture, error: `Invalid spec for ${architecture}. ${formatIssues(r.error)}` };
}

/**
 * The worker's parsed specs by key, least recently used evicted beyond `capacity`: a comparison's later
 * rounds name their specs by key, so they are neither copied to the worker nor parsed again. Every
 * operation touches the cache in the order the page's SpecKeys does, so the two evict alike.
 */
export function createSpecStore(capacity = SPEC_CACHE_SIZE) {
  const cache = new Lru<Stored>(capacity);
  /** A large spec's lists received so far, by key and field, in the order sent (the page's port keeps it). */
  let parts = new Map<string, Map<SpecPartField, unknown[][]>>();
  return {
    /** Keeps part of a large spec's list until the spec message that names it (`put` with `fields`). */
    part(key: string, field: SpecPartField, items: unknown[]): void {
      let byField = parts.get(key);
      if (!byField) parts.set(key, (byField = new Map()));
      const list = byField.get(field);
      if (list) list.push(items);
      else byField.set(field, [items]);
    },
    /**
     * Parses and keeps a spec sent ahead of the comparison that needs it; `fields` came ahead in parts
     * (all of them are joined into the spec, and every part held for another key is dropped: the page
     * sends one spec's parts and then that spec, so any other key's are left over from a lost worker).
     */
    put(
      key: string,
      architecture: ArchitectureId,
      raw: unknown,
      fields: readonly SpecPartField[] = [],
      compiled = false,
    ): void {
      let spec = raw;
      if (fields.length > 0) {
        const byField = parts.get(key);
        const joined: Record<string, unknown> = { ...(raw as object) };
        for (const f of fields) joined[f] = (byField?.get(f) ?? []).flat();
        spec = joined;
      }
      parts = new Map();
      cache.set(key, parse(architecture, spec, compiled));
    },
    /**
     * Keeps a spec derived from one held here (a sweep point): only the patch is parsed; the rest was
     * parsed with the base. A base not held (or another design's) keeps nothing: the comparison that
     * names `key` then finds it missing, and the page sends it whole.
     */
    derive(key: string, architecture: ArchitectureId, baseKey: string, patch: unknown): void {
      const base = cache.get(baseKey);
      if (base?.architecture !== architecture) return;
      if ('error' in base) return cache.set(key, base);
      const r = PatchSchema.safeParse(patch);
      cache.set(
        key,
        r.success
          ? { architecture, spec: vouchSimSpec({ ...base.spec, load: r.data.load, run: r.data.run }) }
          : { architecture, error: `Invalid spec for ${architecture}. ${formatIssues(r.error)}` },
      );
    },
    /**
     * A comparison's designs as trusted specs: inline ones parsed (and kept under their key), keyed ones
     * looked up. A key not held, or held for another design, is missing — never served from another spec.
     * Every design is processed, whatever the outcome, so the cache sees the page's order of touches.
     */
    resolve(designs: readonly CompareDesign[]): Resolved {
      const out: Stored[] = [];
      const missing: string[] = [];
      for (const d of designs) {
        let s: Stored | undefined;
        if (d.spec !== undefined) {
          s = parse(d.architecture, d.spec, d.compiled === true);
          if (d.key !== undefined) cache.set(d.key, s);
        } else {
          s = cache.get(d.key!);
          if (s?.architecture !== d.architecture) s = undefined;
        }
        if (s) out.push(s);
        else missing.push(d.key!);
      }
      if (missing.length > 0) return { status: 'missing', keys: missing };
      const failed = out.find((s) => 'error' in s);
      if (failed && 'error' in failed) return { status: 'error', message: failed.error };
      return {
        status: 'ok',
        designs: out.map((s) => ({ architecture: s.architecture, spec: (s as { spec: ValidSimSpec }).spec })),
      };
    },
    /** Keys held, least recently used first. */
    keys: (): string[] => cache.keys(),
  };
}

export type SpecStore = ReturnType<typeof createSpecStore>;
