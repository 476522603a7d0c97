// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { shippedModels } from '../../model/models';
import { REFERENCE_DOCS, sectionAnchor, sectionsOf, type ReferenceDocId } from '../../model/references';
import { parseBlocks } from './markdown';
import { SourcesPage } from './SourcesPage';

const ROOT = join(__dirname, '../../..');
const docs = Object.fromEntries(
  REFERENCE_DOCS.map((d) => [d.id, readFileSync(join(ROOT, d.file), 'utf8')]),
) as Record<ReferenceDocId, string>;
const { citations } = shippedModels();

afterEach(cleanup);

describe('Sources page', () => {
  it('lists every citation with a working link and every reference document', () => {
    render(<SourcesPage path="sources" citations={citations} docs={docs} />);
    const page = screen.getByTestId('sources-page');
    for (const d of REFERENCE_DOCS)
      expect(within(page).getByRole('link', { name: d.title }).getAttribute('href')).toBe(
        `#/sources/${d.id}`,
      );
    for (const c of citations) {
      const item = document.getElementById(`citation-${c.id}`)!;
      expect(item, c.id).not.toBeNull();
      const a = within(item).getByRole('link', { name: c.title });
      expect(a.getAttribute('href')).toMatch(/^(https:\/\/|http:\/\/|#\/sources\/)/);
    }
    // The project's estimate points at the model notes shipped with the site, and its "costs.md §9" is a link.
    const estimate = document.getElementById('citation-meshpath-estimate')!;
    expect(
      within(estimate)
        .getByRole('link', { name: /meshpath estimates/ })
        .getAttribute('href'),
    ).toBe('#/sources/models');
    expect(within(estimate).getByRole('link', { name: 'costs.md §9' }).getAttribute('href')).toBe(
      '#/sources/costs/9',
    );
  });

  it('a lesson’s citation link lands on that citation', () => {
    render(<SourcesPage path="sources/citation/istio-perf-1-24" citations={citations} docs={docs} />);
    expect(document.activeElement?.id).toBe('citation-istio-perf-1-24');
  });

  it('shows each document with an anchor on every numbered section, and lands on the one asked for', () => {
    for (const d of REFERENCE_DOCS) {
      const sections = [...sectionsOf(docs[d.id])];
      expect(sections.length, d.id).toBeGreaterThan(3);
      const { unmount } = render(
        <SourcesPage path={`sources/${d.id}/${sections[1]}`} citations={citations} docs={docs} />,
      );
      expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(d.title);
      for (const s of sections)
        expect(document.getElementById(sectionAnchor(s)), `${d.id} §${s}`).not.toBeNull();
      expect(document.activeElement?.id).toBe(sectionAnchor(sections[1]));
      unmount();
    }
  });

  it('draws the cost tables as tables, with pointers between documents as links', () => {
    render(<SourcesPage path="sources/costs/9" citations={citations} docs={docs} />);
    const heading = document.getElementById(sectionAnchor('9'))!;
    expect(heading.textContent).toMatch(/Suggested default hop costs/);
    const tables = screen.getAllByRole('table');
    expect(tables.length).toBeGreaterThan(10);
    const hopCosts = tables.find((t) => /Default latency/.test(t.textContent ?? ''))!;
    expect(within(hopCosts).getAllByRole('row').length).toBeGreaterThan(20);
    cleanup();
    render(<SourcesPage path="sources/models" citations={citations} docs={docs} />);
    const walk = screen.getAllByRole('link', { name: /^packet-walks/ });
    expect(walk.length).toBeGreaterThan(0);
    expect(walk[0].getAttribute('href')).toMatch(/^#\/sources\/packet-walks/);
  });

  it('shows markup in a document as text, never as elements', () => {
    const evil = '# T\n\n## 1. A\n\n<img src=x onerror=alert(1)> and [x](javascript:alert(1)) **b**\n';
    render(<SourcesPage path="sources/costs" citations={citations} docs={{ ...docs, costs: evil }} />);
    const doc = screen.getByTestId('reference-doc');
    expect(doc.querySelector('img')).toBeNull();
    expect(doc.textContent).toContain('<img src=x onerror=alert(1)>');
    expect([...doc.querySelectorAll('a')].some((a) => a.getAttribute('href')?.startsWith('javascript'))).toBe(
      false,
    );
    expect([...doc.querySelectorAll('strong')].map((b) => b.textContent)).toContain('b');
  });

  it('parses lists, code and rules as blocks', () => {
    const kinds = parseBlocks(
      'Para one\ncontinued\n\n- a\n  more\n- b\n\n1. x\n2. y\n\n```\n# not a heading\n```\n---\n',
    ).map((b) => b.kind);
    expect(kinds).toEqual(['para', 'list', 'list', 'code', 'rule']);
  });

  it('reads a table row with no table above it as text, and goes on', () => {
    // Such a row (a blank line left inside a table) once stopped the parser on itself for good.
    expect(parseBlocks('| a | b |\n|---|---|\n| 1 | 2 |\n\n| 3 | 4 |\nafter\n')).toEqual([
      { kind: 'table', head: ['a', 'b'], rows: [['1', '2']] },
      { kind: 'para', text: '| 3 | 4 |' },
      { kind: 'para', text: 'after' },
    ]);
  });
});

describe('Sources page: finding a source', () => {
  it('narrows by every word typed, by standing and by confidence, and says how many are shown', async () => {
    const { fireEvent } = await import('@testing-library/react');
    render(<SourcesPage path="sources" citations={citations} docs={docs} />);
    const items = () => document.querySelectorAll('.sources-citations > li');
    const status = () => screen.getByTestId('citations-shown').textContent;
    expect(items().length).toBe(citations.length);
    expect(status()).toBe(`Showing all ${citations.length} sources.`);

    // Words are matched in any case and all must appear: the XDP paper and its benchmark notes.
    fireEvent.change(screen.getByLabelText('Find'), { target: { value: 'XDP conext' } });
    const ids = [...items()].map((li) => li.id);
    expect(ids).toContain('citation-xdp-paper');
    expect(ids.every((id) => /xdp/.test(id) || /xdp/i.test(document.getElementById(id)!.textContent!))).toBe(
      true,
    );
    expect(status()).toBe(`Showing ${ids.length} of ${citations.length} sources.`);

    // Standing and confidence narrow to exactly the registry's count of each.
    fireEvent.click(screen.getByRole('button', { name: 'Show all' }));
    expect(items().length).toBe(citations.length);
    fireEvent.change(screen.getByLabelText('Confidence'), { target: { value: 'L' } });
    expect(items().length).toBe(citations.filter((c) => c.confidence === 'L').length);
    fireEvent.change(screen.getByLabelText('Standing'), { target: { value: 'measured' } });
    const both = citations.filter((c) => c.confidence === 'L' && c.standing === 'measured');
    expect([...items()].map((li) => li.id)).toEqual(both.map((c) => `citation-${c.id}`));
    fireEvent.change(screen.getByLabelText('Find'), { target: { value: 'no source says this zzqx' } });
    expect(items().length).toBe(0);
    expect(status()).toBe(`Showing 0 of ${citations.length} sources.`);
  });

  it('explains what standing and confidence mean', () => {
    render(<SourcesPage path="sources" citations={citations} docs={docs} />);
    const legend = screen.getByText('How to read a source: standing and confidence').closest('details')!;
    for (const word of ['measured', 'derived', 'estimate', 'confidence H', 'confidence M', 'confidence L'])
      expect(within(legend).getByText(word)).toBeTruthy();
  });
});
