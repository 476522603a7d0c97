import { useEffect } from 'react';
import type { Citation } from '../../model/citation';
import {
  citationHref,
  REFERENCE_DOCS,
  sectionAnchor,
  sourceHref,
  type ReferenceDocId,
} from '../../model/references';
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
      <ul className="sources-citations">
        {citations.map((c) => {
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
