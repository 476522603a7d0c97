import type { z } from 'zod';
import citationsJson from '../../models/citations.json';
import hopKindsJson from '../../models/hop-kinds.json';
import { CitationRegistrySchema, type Citation } from './citation';
import { HopCatalogSchema, type HopKind } from './hopKind';

export const CITATIONS_FILE = 'models/citations.json';
export const HOP_KINDS_FILE = 'models/hop-kinds.json';

/** "[3].cost.default.cpuUs" from a zod issue path. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`))
    .join('');
}

/** One readable line per issue: "models/hop-kinds.json: [3].cost.default.cpuUs: Invalid input: expected number, received string". */
export function formatZodError(err: z.ZodError, fileLabel: string): string[] {
  return err.issues.map((issue) => `${fileLabel}: ${formatIssuePath(issue.path)}: ${issue.message}`);
}

/** Thrown when a catalog file fails validation; `problems` holds one line per issue. */
export class CatalogError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'CatalogError';
  }
}

function parseOrThrow<T>(schema: z.ZodType<T>, raw: unknown, fileLabel: string): T {
  const r = schema.safeParse(raw);
  if (!r.success) throw new CatalogError(formatZodError(r.error, fileLabel));
  return r.data;
}

/** Validated citation registry; pass `raw` to validate imported or edited data instead of the shipped file. */
export function loadCitations(raw: unknown = citationsJson, fileLabel = CITATIONS_FILE): Citation[] {
  return parseOrThrow(CitationRegistrySchema, raw, fileLabel);
}

/** Validated hop-kind catalog; pass `raw` to validate imported or edited data instead of the shipped file. */
export function loadHopCatalog(raw: unknown = hopKindsJson, fileLabel = HOP_KINDS_FILE): HopKind[] {
  return parseOrThrow(HopCatalogSchema, raw, fileLabel);
}

/**
 * Cross-file problems the schemas cannot see: hop kinds citing ids missing from the registry, and
 * registry entries no hop kind cites (unless marked `usedBy: 'calibration'`). Empty when consistent.
 */
export function crossCheck(citations: readonly Citation[], hops: readonly HopKind[]): string[] {
  const problems: string[] = [];
  const known = new Set(citations.map((c) => c.id));
  const cited = new Set<string>();
  hops.forEach((h, i) => {
    for (const id of h.sources) {
      cited.add(id);
      if (!known.has(id))
        problems.push(`${HOP_KINDS_FILE}: [${i}].sources: hop kind '${h.id}' cites unknown citation '${id}'`);
    }
  });
  citations.forEach((c, i) => {
    if (!cited.has(c.id) && c.usedBy !== 'calibration')
      problems.push(
        `${CITATIONS_FILE}: [${i}].id: citation '${c.id}' is cited by no hop kind (set usedBy: 'calibration' if only calibration checks use it)`,
      );
  });
  return problems;
}
