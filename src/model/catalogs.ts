import type { z } from 'zod';
import citationsJson from '../../models/citations.json';
import hopKindsJson from '../../models/hop-kinds.json';
import {
  CatalogError,
  CITATIONS_FILE,
  FOOTPRINTS_FILE,
  formatZodError,
  HOP_KINDS_FILE,
} from './catalogFiles';
import { CitationRegistrySchema, type Citation } from './citation';
import type { ArchitectureFootprint } from './footprint';
import { HopCatalogSchema, type HopKind } from './hopKind';

export {
  CatalogError,
  CITATIONS_FILE,
  FOOTPRINTS_FILE,
  formatZodError,
  HOP_KINDS_FILE,
} from './catalogFiles';

function parseOrThrow<T>(schema: z.ZodType<T>, raw: unknown, fileLabel: string): T {
  const r = schema.safeParse(raw);
  if (!r.success) throw new CatalogError(formatZodError(r.error, fileLabel, raw));
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

/** Something other than a hop kind that cites sources (an architecture), named by its file. */
export interface CitingModel {
  file: string;
  sources: readonly string[];
}

/**
 * Cross-file problems the schemas cannot see: hop kinds or footprint components citing ids missing from
 * the registry, and registry entries nothing cites (unless marked `usedBy: 'calibration'`). Footprints
 * are optional so hop-only callers keep working; pass them to count their citations. `others` are further
 * citing models (architectures), counted the same way. Empty when consistent.
 */
export function crossCheck(
  citations: readonly Citation[],
  hops: readonly HopKind[],
  footprints: readonly ArchitectureFootprint[] = [],
  others: readonly CitingModel[] = [],
): string[] {
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
  footprints.forEach((a, i) => {
    a.components.forEach((c, j) => {
      const refs: Array<[string, string]> = [
        ...c.sources.map((id): [string, string] => ['sources', id]),
        ['requests.source', c.requests.source],
        ['idleCpuSource', c.idleCpuSource],
      ];
      for (const [field, id] of refs) {
        cited.add(id);
        if (!known.has(id))
          problems.push(
            `${FOOTPRINTS_FILE}: [${i}].components[${j}].${field}: '${a.architecture}/${c.component}' cites unknown citation '${id}'`,
          );
      }
    });
  });
  for (const o of others) {
    o.sources.forEach((id, j) => {
      cited.add(id);
      if (!known.has(id)) problems.push(`${o.file}: sources[${j}]: unknown citation '${id}'`);
    });
  }
  citations.forEach((c, i) => {
    if (!cited.has(c.id) && c.usedBy !== 'calibration')
      problems.push(
        `${CITATIONS_FILE}: [${i}].id: citation '${c.id}' is cited by no hop kind, footprint or architecture (set usedBy: 'calibration' if only calibration checks use it)`,
      );
  });
  return problems;
}
