import { useEffect, useId, useState } from 'react';
import type { Citation } from '../../model/citation';
import {
  citationHref,
  REFERENCE_DOCS,
  sectionAnchor,
  sourceHref,
  type ReferenceDocId,
} from '../../model/references';
import {
  CONFIDENCE_MEANING,
  filterCitations,
  NO_FILTER,
  STANDING_MEANING,
  type CitationFilter,
} from './citationFilter';
import { inline, Markdown } from './markdown';
import './sources.css';

/**
 * #/sources: where every number comes from. The citation registry (each source with its figure and
 * the conditions it was measured under) and the project's reference documents, shipped with the site so
 * a pointer such as "costs.md §9" opens something a reader can read, online or not.
 * Paths: `sources`, `sources/<doc>`, `sources/<doc>/<section>`, `sources/citation/<id>`.
 */

export interface SourcesPageProps {
  path: string;
  citations: readonly Citation[];
  docs: Record<ReferenceDocId, string>;
}

export const citationAnchor = (id: string) => `citation-${id}`;

/** Brings the element the path names into view and gives it focus, so keyboard and screen-reader users land there. */
function useLandOn(id: string | null) {
  useEffect(() => {
    const el = id ? document.getElementById(id) : null;
    if (el) {
      el.scrollIntoView?.({ block: 'start' });
      el.focus({ preventScroll: true });
    } else window.scrollTo?.(0, 0);
  }, [id]);
}

export function SourcesPage({ path, citations, docs }: SourcesPageProps) {
  const [, first, second] = path.split('/');
  const doc = REFERENCE_DOCS.find((d) => d.id === first);
  if (doc) return <DocView doc={doc} text={docs[doc.id]} section={second ?? null} />;
  return <IndexView citations={citations} land={first === 'citation' && second ? second : null} />;
}

function DocView({
  doc,
  text,
  section,
}: {
  doc: (typeof REFERENCE_DOCS)[number];
  text: string;
  section: string | null;
}) {
  useLandOn(section ? sectionAnchor(section) : null);
  // The document's own first heading is the page title.
  const body = text.replace(/^# .*\n/, '');
  return (
    <main className="sources-doc" data-testid="reference-doc">
      <p>
        <a href="#/sources">← All sources</a>
      </p>
      <h1>{doc.title}</h1>
      <p className="hint">
        Shipped with meshpath as <code>{doc.file}</code>. Figures marked <strong>estimate</strong> or{' '}
        <strong>inferred</strong> are the project&apos;s own reasoning, not published measurements.
      </p>
      <Markdown source={body} />
    </main>
  );
}

function IndexView({ citations, land }: { citations: readonly Citation[]; land: string | null }) {
  useLandOn(land ? citationAnchor(land) : null);
  const [filter, setFilter] = useState<CitationFilter>(NO_FILTER);
  const shown = filterCitations(citations, filter);
  return (
    <main className="sources" data-testid="sources-page">
      <h1>Sources</h1>
      <p>
        Every number meshpath shows comes from one of the sources below, or is labelled an estimate. The
        reference documents explain how the published figures became the model&apos;s hop costs and paths.
      </p>
      <h2>Reference documents</h2>
      <ul className="sources-docs">
        {REFERENCE_DOCS.map((d) => (
          <li key={d.id}>
            <a href={sourceHref(d.id)}>{d.title}</a> — {d.summary}
          </li>
        ))}
      </ul>
      <h2>Citations ({citations.length})</h2>
      <HowToRead />
      <FilterForm filter={filter} onChange={setFilter} />
      <p role="status" className="hint" data-testid="citations-shown">
        {shown.length === citations.length
          ? `Showing all ${citations.length} sources.`
          : `Showing ${shown.length} of ${citations.length} sources.`}
      </p>
      <ul className="sources-citations">
        {shown.map((c) => {
          const href = citationHref(c.url);
          return (
            <li key={c.id} id={citationAnchor(c.id)} tabIndex={-1}>
              <h3>
                {href ? (
                  <a href={href} rel={href.startsWith('#') ? undefined : 'noreferrer noopener'}>
                    {c.title}
                  </a>
                ) : (
                  c.title
                )}
              </h3>
              <p className="hint">
                <code>{c.id}</code> · {c.publisher}, {c.version} ·{' '}
                <span className={`standing standing-${c.standing}`}>
                  {c.standing}, confidence {c.confidence}
                </span>
              </p>
              <p>{inline(c.figure, `${c.id}f`)}</p>
              <p className="hint">Conditions: {inline(c.conditions, `${c.id}c`)}</p>
            </li>
          );
        })}
      </ul>
    </main>
  );
}

/** What "measured, confidence H" means, beside the list that uses those words. */
function HowToRead() {
  return (
    <details className="sources-legend">
      <summary>How to read a source: standing and confidence</summary>
      <dl>
        {Object.entries(STANDING_MEANING).map(([k, v]) => (
          <div key={k}>
            <dt>
              <span className={`standing standing-${k}`}>{k}</span>
            </dt>
            <dd>{v}</dd>
          </div>
        ))}
        {Object.entries(CONFIDENCE_MEANING).map(([k, v]) => (
          <div key={k}>
            <dt>confidence {k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <p>
        Each source also states the conditions it was measured under: a figure applies to those conditions,
        which is why the model cites them.
      </p>
    </details>
  );
}

function FilterForm({ filter, onChange }: { filter: CitationFilter; onChange: (f: CitationFilter) => void }) {
  const id = useId();
  return (
    <form className="sources-filter" role="search" onSubmit={(e) => e.preventDefault()}>
      <label htmlFor={`${id}-text`}>Find</label>
      <input
        id={`${id}-text`}
        type="search"
        value={filter.text}
        placeholder="e.g. ztunnel p99"
        onChange={(e) => onChange({ ...filter, text: e.target.value })}
      />
      <AnyOf
        label="Standing"
        values={Object.keys(STANDING_MEANING)}
        value={filter.standing}
        onChange={(v) => onChange({ ...filter, standing: v as CitationFilter['standing'] })}
      />
      <AnyOf
        label="Confidence"
        values={Object.keys(CONFIDENCE_MEANING)}
        value={filter.confidence}
        onChange={(v) => onChange({ ...filter, confidence: v as CitationFilter['confidence'] })}
      />
      {(filter.text.trim() !== '' || filter.standing || filter.confidence) && (
        <button type="button" onClick={() => onChange(NO_FILTER)}>
          Show all
        </button>
      )}
    </form>
  );
}

/** A labelled choice of one value or "any" (null). */
function AnyOf(p: {
  label: string;
  values: string[];
  value: string | null;
  onChange: (v: string | null) => void;
}) {
  const id = useId();
  return (
    <>
      <label htmlFor={id}>{p.label}</label>
      <select id={id} value={p.value ?? ''} onChange={(e) => p.onChange(e.target.value || null)}>
        <option value="">any</option>
        {p.values.map((k) => (
          <option key={k} value={k}>
            {k}
          </option>
        ))}
      </select>
    </>
  );
}
