import { Fragment, type ReactNode } from 'react';
import type { GlossaryEntry } from '../../model/glossary';
import type { Placeholder } from '../../model/lessonText';
import { placeholdersIn } from '../../model/lessonText';
import { GlossaryTerm } from '../glossary/GlossaryTerm';

/**
 * A lesson string (Markdown from text.md) as React elements — never as HTML: the text is split into
 * paragraphs and "- " lists, and inline into **bold**, *emphasis*, `code`, [[glossary terms]] (buttons
 * opening their definition), {{figures}} filled from the run ("…" until it has them) and [@citations]
 * (the source, named). Anything else, angle brackets included, is shown as the characters it is.
 */

export interface TextContext {
  /** Looks a [[term]] up (by id, term or alias). */
  term: (t: string) => GlossaryEntry | undefined;
  /** A figure from the run as text, or null while the run has not produced it. */
  figure: (p: Placeholder) => string | null;
  /** The source of a [@citation]: a short name and a longer description. */
  cite: (id: string) => { short: string; title: string } | undefined;
}

const INLINE =
  /\[\[([^\]|]+)(?:\|([^\]]+))?\]\]|\{\{([^}]*)\}\}|\[@([a-z0-9-]+)\]|\*\*([^*]+)\*\*|\*([^*\s][^*]*)\*|`([^`]+)`/g;

export function inline(text: string, ctx: TextContext, keyPrefix = ''): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  let k = 0;
  for (const m of text.matchAll(INLINE)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    const key = `${keyPrefix}${k++}`;
    const [raw, term, label, figure, cite, bold, em, code] = m;
    if (term !== undefined) {
      const entry = ctx.term(term.trim());
      const shown = (label ?? term).trim();
      out.push(entry ? <GlossaryTerm key={key} entry={entry} label={shown} /> : shown);
    } else if (figure !== undefined) {
      const value = ctx.figure(placeholdersIn(raw)[0]);
      out.push(
        <span
          key={key}
          className="lesson-figure"
          data-testid="lesson-figure"
          data-ready={value !== null}
          title={value === null ? 'Waiting for the run' : 'Simulated: from this lesson’s run'}
        >
          {value ?? '…'}
        </span>,
      );
    } else if (cite !== undefined) {
      const c = ctx.cite(cite);
      // The source opens on the Sources page, where its figure and conditions are given in full.
      out.push(
        <cite key={key} className="lesson-cite" title={c?.title}>
          {' '}
          (<a href={`#/sources/citation/${cite}`}>{c?.short ?? cite}</a>)
        </cite>,
      );
    } else if (bold !== undefined) out.push(<strong key={key}>{inline(bold, ctx, `${key}.`)}</strong>);
    else if (em !== undefined) out.push(<em key={key}>{inline(em, ctx, `${key}.`)}</em>);
    else if (code !== undefined) out.push(<code key={key}>{code}</code>);
    last = m.index + raw.length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

/** Paragraphs and lists of a section. */
export function LessonText({ text, ctx, className }: { text: string; ctx: TextContext; className?: string }) {
  const blocks = text.split(/\n\s*\n/).filter((b) => b.trim());
  return (
    <div className={className ?? 'lesson-text'}>
      {blocks.map((b, i) => {
        const lines = b.split('\n');
        if (lines.every((l) => /^\s*- /.test(l)))
          return (
            <ul key={i}>
              {lines.map((l, j) => (
                <li key={j}>{inline(l.replace(/^\s*- /, ''), ctx, `${i}.${j}.`)}</li>
              ))}
            </ul>
          );
        return (
          <p key={i}>
            {lines.map((l, j) => (
              <Fragment key={j}>
                {j > 0 && ' '}
                {inline(l, ctx, `${i}.${j}.`)}
              </Fragment>
            ))}
          </p>
        );
      })}
    </div>
  );
}

/** One line of a section (titles, options), without paragraphs. */
export function InlineText({ text, ctx }: { text: string; ctx: TextContext }) {
  return <>{inline(text.replace(/\s*\n\s*/g, ' '), ctx)}</>;
}
