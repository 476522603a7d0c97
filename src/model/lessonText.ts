import { METRICS, type Metric } from './lesson';

/**
 * A lesson's prose (text.md): Markdown split into `## <id>` sections, one string per id, so steps
 * refer to words by id and a translation replaces only this file. Inside a section:
 *   [[term]] or [[term|shown words]] — a glossary term (the id or term of lessons/glossary);
 *   {{metric:architecture}} or {{metric:architecture:component}} — a figure filled in from the run;
 *   [@citation-id] — the source of a statement (an id in models/citations.json).
 */

export interface LessonText {
  sections: Map<string, string>;
  /** Problems found while splitting, each naming the line. */
  problems: string[];
}

const HEADING = /^##\s+(.*?)\s*$/;
const SECTION_ID = /^[a-z][a-z0-9-]*$/;
/** Longest section: a projector shows a paragraph or two, not an essay. */
export const MAX_SECTION_CHARS = 2000;

export function parseLessonText(md: string, file: string): LessonText {
  const sections = new Map<string, string>();
  const problems: string[] = [];
  let current: string | null = null;
  let lines: string[] = [];
  const flush = () => {
    if (current === null) return;
    const body = lines.join('\n').trim();
    if (!body) problems.push(`${file}: section '${current}' is empty`);
    else if (body.length > MAX_SECTION_CHARS)
      problems.push(
        `${file}: section '${current}' has ${body.length} characters (at most ${MAX_SECTION_CHARS})`,
      );
    sections.set(current, body);
  };
  md.split(/\r?\n/).forEach((line, i) => {
    const h = HEADING.exec(line);
    if (h) {
      flush();
      const id = h[1];
      if (!SECTION_ID.test(id))
        problems.push(`${file}:${i + 1}: heading '## ${id}' is not an id (a-z, 0-9, -)`);
      else if (sections.has(id)) problems.push(`${file}:${i + 1}: section '${id}' is defined twice`);
      current = id;
      lines = [];
    } else if (current === null) {
      if (line.trim() && !line.startsWith('<!--') && !line.startsWith('# '))
        problems.push(`${file}:${i + 1}: text before the first '## <id>' heading`);
    } else lines.push(line);
  });
  flush();
  return { sections, problems };
}

export interface TermRef {
  term: string;
  label: string;
}

/** Every [[term]] / [[term|label]] in a string. */
export function termsIn(text: string): TermRef[] {
  return [...text.matchAll(/\[\[([^\]|]+)(?:\|([^\]]+))?\]\]/g)].map((m) => ({
    term: m[1].trim(),
    label: (m[2] ?? m[1]).trim(),
  }));
}

export interface Placeholder {
  raw: string;
  metric: string;
  architecture: string;
  component?: string;
}

/** Every {{metric:architecture[:component]}} in a string. */
export function placeholdersIn(text: string): Placeholder[] {
  return [...text.matchAll(/\{\{([^}]*)\}\}/g)].map((m) => {
    const [metric = '', architecture = '', component] = m[1].split(':').map((p) => p.trim());
    return { raw: m[0], metric, architecture, component };
  });
}

export function isMetric(s: string): s is Metric {
  return Object.prototype.hasOwnProperty.call(METRICS, s);
}

/** Every [@citation-id] in a string. */
export function citationsIn(text: string): string[] {
  return [...text.matchAll(/\[@([a-z0-9-]+)\]/g)].map((m) => m[1]);
}

/**
 * Fills placeholders with figures from the run (`value` returns the text for one, or null when the
 * run has not produced it yet: then an ellipsis stands in), and shows terms as their words.
 */
export function renderPlain(text: string, value: (p: Placeholder) => string | null): string {
  return text
    .replace(/\{\{([^}]*)\}\}/g, (raw) => value(placeholdersIn(raw)[0]) ?? '…')
    .replace(/\[\[([^\]|]+)(?:\|([^\]]+))?\]\]/g, (_m, term: string, label?: string) =>
      (label ?? term).trim(),
    )
    .replace(/\s*\[@[a-z0-9-]+\]/g, '');
}
