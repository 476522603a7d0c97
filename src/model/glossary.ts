import { z } from './zod';
import { CitationIdSchema } from './citation';

/**
 * The glossary (lessons/glossary/glossary.json): every domain word the app shows, in plain words. A
 * lesson marks a use with [[term]]; the loader fails when the term is missing here. `sources` cite
 * models/citations.json wherever an entry states a fact rather than a definition.
 */

export const GLOSSARY_FILE = 'lessons/glossary/glossary.json';

export const GlossaryEntrySchema = z.strictObject({
  id: z
    .string()
    .max(40)
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'must be a lower-case id (a-z, 0-9, -)'),
  term: z.string().min(1).max(60),
  /** Other spellings a lesson may use: [[p99]] finds "p50/p90/p99". */
  aliases: z.array(z.string().min(1).max(60)).max(8).default([]),
  /** One sentence, for the popover. */
  short: z.string().min(10).max(240),
  /** A paragraph, for the glossary page. */
  long: z.string().min(10).max(1400),
  seeAlso: z.array(z.string()).max(8).default([]),
  sources: z.array(CitationIdSchema).max(6).default([]),
});
export type GlossaryEntry = z.output<typeof GlossaryEntrySchema>;

export const GlossarySchema = z.array(GlossaryEntrySchema).min(1).max(300);

const norm = (s: string) => s.trim().toLowerCase();

/** Looks a [[term]] up by id, term or alias, ignoring case. */
export function glossaryIndex(entries: readonly GlossaryEntry[]): Map<string, GlossaryEntry> {
  const index = new Map<string, GlossaryEntry>();
  for (const e of entries) for (const key of [e.id, e.term, ...e.aliases]) index.set(norm(key), e);
  return index;
}

export function findTerm(index: Map<string, GlossaryEntry>, term: string): GlossaryEntry | undefined {
  return index.get(norm(term));
}

/** Problems across entries: duplicate ids or keys, see-also and citations that do not exist. */
export function checkGlossary(
  entries: readonly GlossaryEntry[],
  citations: ReadonlySet<string>,
  file = GLOSSARY_FILE,
): string[] {
  const problems: string[] = [];
  const ids = new Set(entries.map((e) => e.id));
  const keys = new Map<string, string>();
  entries.forEach((e, i) => {
    for (const key of [e.id, e.term, ...e.aliases]) {
      const owner = keys.get(norm(key));
      if (owner && owner !== e.id)
        problems.push(`${file}: [${i}]: '${key}' of '${e.id}' is already a key of '${owner}'`);
      keys.set(norm(key), e.id);
    }
    e.seeAlso.forEach((s, j) => {
      if (!ids.has(s)) problems.push(`${file}: [${i}].seeAlso[${j}]: no glossary entry '${s}'`);
    });
    e.sources.forEach((s, j) => {
      if (!citations.has(s)) problems.push(`${file}: [${i}].sources[${j}]: unknown citation '${s}'`);
    });
  });
  return problems;
}
