/**
 * The project's own reference documents, shipped with the site (#/sources/<doc>) and kept in `docs/`:
 * the published cost figures the hop kinds are built from, the hop-by-hop packet walks the architectures
 * follow, and the model notes. Model files, citations and docs point into them as "costs.md §9" or
 * "packet-walks §7"; every such pointer must name a section that exists (tested).
 */

export const REFERENCE_DOCS = [
  {
    id: 'costs',
    file: 'docs/references/costs.md',
    title: 'Published cost figures for service-mesh data paths',
    summary: 'Every published figure the hop costs are built from, with its conditions and confidence.',
  },
  {
    id: 'packet-walks',
    file: 'docs/references/packet-walks.md',
    title: 'Packet walks: one request across nine data-path designs',
    summary: 'Hop by hop, what a request and its response cross in each design, with sources.',
  },
  {
    id: 'models',
    file: 'docs/models.md',
    title: 'Model data: hop kinds, architectures, calibration',
    summary: 'How the model files are built, fitted and checked, and what they leave out.',
  },
] as const;

export type ReferenceDocId = (typeof REFERENCE_DOCS)[number]['id'];

/** A pointer into a reference document found in text: "costs.md §9", "packet-walks §7", "models.md". */
export interface DocRef {
  doc: ReferenceDocId;
  /** "9", "9a", or null for the document as a whole. */
  section: string | null;
  /** Where the pointer sits in the text, and its length. */
  index: number;
  length: number;
}

// `costs.md` needs its extension (plain "costs" is an ordinary word); packet-walks may omit it.
const REF = /\b(costs\.md|packet-walks(?:\.md)?|models\.md)(?: ?§ ?([0-9]+[a-z]?)\b)?/g;

const DOC_OF: Record<string, ReferenceDocId> = {
  'costs.md': 'costs',
  'packet-walks': 'packet-walks',
  'packet-walks.md': 'packet-walks',
  'models.md': 'models',
};

export function docRefsIn(text: string): DocRef[] {
  const out: DocRef[] = [];
  for (const m of text.matchAll(REF))
    out.push({ doc: DOC_OF[m[1]], section: m[2] ?? null, index: m.index, length: m[0].length });
  return out;
}

/** A numbered heading's section: "## 9. Suggested…" → "9", "### 9a. Calibration…" → "9a". */
export function sectionOfHeading(heading: string): string | null {
  const m = /^#{2,4}\s+([0-9]+[a-z]?)\.\s/.exec(heading);
  return m ? m[1] : null;
}

/** Every numbered section a Markdown document has. */
export function sectionsOf(markdown: string): Set<string> {
  const out = new Set<string>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) fenced = !fenced;
    if (fenced) continue;
    const s = sectionOfHeading(line);
    if (s) out.add(s);
  }
  return out;
}

/** The site's address of a document, or of one of its sections. */
export function sourceHref(doc: ReferenceDocId, section: string | null = null): string {
  return section ? `#/sources/${doc}/${section}` : `#/sources/${doc}`;
}

/** The element id a section's heading gets on the page. */
export const sectionAnchor = (section: string) => `section-${section}`;

/** A citation's address as the page can open it: a web page, a file on GitHub, or a shipped document. */
export function citationHref(url: string): string | null {
  if (/^https?:\/\//.test(url)) return url;
  const doc = REFERENCE_DOCS.find((d) => url.replace(/^\.\//, '') === d.file);
  if (doc) return sourceHref(doc.id);
  const m = /^([^/\s]+\/[^/:\s]+):(\S+)$/.exec(url);
  return m ? `https://github.com/${m[1]}/blob/HEAD/${m[2]}` : null;
}
