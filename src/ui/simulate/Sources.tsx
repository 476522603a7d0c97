import type { Citation } from '../../model/citation';
import { citationHref } from '../../model/references';
import { withDocLinks } from '../sources/DocLinks';

/** The sources of a hop's costs, each with its standing, confidence and the figure quoted. */
export function Sources({ citations, unknown }: { citations: Citation[]; unknown: string[] }) {
  return (
    <ul className="sim-sources" data-testid="sources">
      {citations.map((c) => (
        <li key={c.id}>
          <cite>
            {linkOf(c) ? (
              <a href={linkOf(c)!} rel="noreferrer noopener">
                {c.title}
              </a>
            ) : (
              c.title
            )}
          </cite>{' '}
          — {c.publisher}, {c.version}{' '}
          <span className={`standing standing-${c.standing}`}>
            ({c.standing}, confidence {c.confidence})
          </span>
          <blockquote>{withDocLinks(c.figure)}</blockquote>
        </li>
      ))}
      {unknown.map((id) => (
        <li key={id}>{id} (not in the citation registry)</li>
      ))}
    </ul>
  );
}

const linkOf = (c: Citation) => citationHref(c.url);
