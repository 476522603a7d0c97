import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import citations from '../../models/citations.json';
import {
  citationHref,
  docRefsIn,
  REFERENCE_DOCS,
  sectionOfHeading,
  sectionsOf,
  sourceHref,
} from './references';

const ROOT = join(__dirname, '../..');

function filesUnder(dir: string, ext: RegExp): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(ROOT, dir))) {
    const rel = join(dir, name);
    if (statSync(join(ROOT, rel)).isDirectory()) out.push(...filesUnder(rel, ext));
    else if (ext.test(name)) out.push(rel);
  }
  return out;
}

const sections = new Map(
  REFERENCE_DOCS.map((d) => [d.id, sectionsOf(readFileSync(join(ROOT, d.file), 'utf8'))] as const),
);

describe('pointers into the reference documents', () => {
  it('are found in the forms the model files use, and nowhere else', () => {
    const refs = docRefsIn(
      'see costs.md §9 and packet-walks §7; packet-walks.md §0, (docs/models.md §4) and costs.md; plain costs §2',
    );
    expect(refs.map((r) => [r.doc, r.section])).toEqual([
      ['costs', '9'],
      ['packet-walks', '7'],
      ['packet-walks', '0'],
      ['models', '4'],
      ['costs', null],
    ]);
    expect(sectionOfHeading('### 9a. Calibration targets')).toBe('9a');
    expect(sectionOfHeading('## Lighthouse')).toBeNull();
  });

  it('every one in the models, lessons, docs and source names a section that exists', () => {
    const files = [
      ...filesUnder('models', /\.json$/),
      ...filesUnder('lessons', /\.(json|md)$/),
      ...filesUnder('docs', /\.md$/),
      ...filesUnder('src', /\.(ts|tsx)$/).filter((f) => !f.endsWith('references.test.ts')),
      'README.md',
    ];
    const broken: string[] = [];
    let checked = 0;
    for (const f of files)
      for (const r of docRefsIn(readFileSync(join(ROOT, f), 'utf8'))) {
        checked++;
        if (r.section !== null && !sections.get(r.doc)!.has(r.section))
          broken.push(`${f}: ${r.doc} §${r.section}`);
      }
    expect(broken).toEqual([]);
    // The model files lean on these documents heavily; finding none would mean the scan is broken.
    expect(checked).toBeGreaterThan(50);
  });

  it('the documents have the numbered sections the pointers use', () => {
    expect([...sections.get('costs')!]).toEqual(expect.arrayContaining(['1a', '3d', '9', '9a', '9b']));
    expect([...sections.get('packet-walks')!]).toEqual(
      expect.arrayContaining(['0', '1', '4', '7', '8', '9', '10', '11']),
    );
    expect(sections.get('models')!.has('4')).toBe(true);
  });
});

describe('every citation opens something a reader can read', () => {
  it('a web page, a file on GitHub, or a document shipped with the site', () => {
    const unresolved = citations.filter((c) => citationHref(c.url) === null).map((c) => `${c.id}: ${c.url}`);
    expect(unresolved).toEqual([]);
    for (const c of citations) {
      const href = citationHref(c.url)!;
      if (href.startsWith('#/sources/')) {
        const doc = REFERENCE_DOCS.find((d) => sourceHref(d.id) === href);
        expect(doc, c.id).toBeDefined();
        expect(existsSync(join(ROOT, doc!.file)), c.id).toBe(true);
      }
    }
  });

  it('maps each form to its address', () => {
    expect(citationHref('https://istio.io/x')).toBe('https://istio.io/x');
    expect(citationHref('istio/ztunnel:benches/README.md')).toBe(
      'https://github.com/istio/ztunnel/blob/HEAD/benches/README.md',
    );
    expect(citationHref('./docs/models.md')).toBe('#/sources/models');
    expect(citationHref('docs/references/costs.md')).toBe('#/sources/costs');
    expect(citationHref('costs.md §9')).toBeNull();
  });

  it('the documents are under docs/, where the repository keeps them', () => {
    for (const d of REFERENCE_DOCS) expect(relative(ROOT, join(ROOT, d.file)).startsWith('docs/')).toBe(true);
  });
});
