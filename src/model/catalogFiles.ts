import type { z } from 'zod';
import { issueLines } from './issues';

/** Where each shipped catalog lives, and how a catalog that fails validation is reported. */

export const CITATIONS_FILE = 'models/citations.json';
export const HOP_KINDS_FILE = 'models/hop-kinds.json';
export const FOOTPRINTS_FILE = 'models/footprints.json';

/**
 * One readable line per issue, naming the file and the field:
 * "models/hop-kinds.json: [3].cost.default.cpuUs: expected a number, received text "x"".
 */
export function formatZodError(err: z.ZodError, fileLabel: string, raw?: unknown): string[] {
  return issueLines(err.issues, { raw }).map((l) => `${fileLabel}: ${l}`);
}

/** Thrown when a catalog file fails validation; `problems` holds one line per issue. */
export class CatalogError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'CatalogError';
  }
}
