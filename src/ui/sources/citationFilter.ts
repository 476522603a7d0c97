import type { Citation, Standing } from '../../model/citation';

/** What the Sources page's filter asks for: words to find, and a standing and confidence (null: any). */
export interface CitationFilter {
  text: string;
  standing: Standing | null;
  confidence: Citation['confidence'] | null;
}

export const NO_FILTER: CitationFilter = { text: '', standing: null, confidence: null };

/** What each standing means, in the words the schema's comment uses (model/citation.ts). */
export const STANDING_MEANING: Record<Standing, string> = {
  measured:
    'the source states the figure: a published measurement, or behaviour a spec or documentation states',
  derived: 'the figure quoted is arithmetic or chart-reading on published data',
  estimate: 'the project’s own proposal, where nothing was published',
};

export const CONFIDENCE_MEANING: Record<Citation['confidence'], string> = {
  H: 'high: a primary source, the figure stated in its text',
  M: 'medium: vendor-run, inferred, or old',
  L: 'low: a user’s report, a figure read off a chart, or a secondary source',
};

/**
 * The citations the filter keeps, in registry order. Every word of the text must appear (any case) in the
 * id, title, publisher, version, figure or conditions, so "istio 1.24 p99" narrows as a reader types.
 */
export function filterCitations(list: readonly Citation[], f: CitationFilter): Citation[] {
  const words = f.text.toLowerCase().split(/\s+/).filter(Boolean);
  return list.filter((c) => {
    if (f.standing && c.standing !== f.standing) return false;
    if (f.confidence && c.confidence !== f.confidence) return false;
    if (words.length === 0) return true;
    const hay = [c.id, c.title, c.publisher, c.version, c.figure, c.conditions].join(' ').toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}
