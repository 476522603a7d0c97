/**
 * A worker failure as shown on a page: said once and bounded. Layers that wrap a message in their
 * own "The trace worker failed: …" would otherwise repeat the worker's name when the message they
 * wrap already names it ("The trace worker failed: The trace worker stopped answering; …").
 */

/** Longest message shown; a runaway stack trace is cut. */
export const MAX_SHOWN_CHARS = 400;

const REPEATED = /^The (engine|trace) worker failed: (?=The \1 worker\b)/;

export function workerMessage(text: string): string {
  let t = text.replace(/\s+/g, ' ').trim();
  while (REPEATED.test(t)) t = t.replace(REPEATED, '');
  return t.length <= MAX_SHOWN_CHARS ? t : `${t.slice(0, MAX_SHOWN_CHARS - 1).trimEnd()}…`;
}
