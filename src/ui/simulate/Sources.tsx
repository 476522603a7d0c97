import type { Citation } from '../../model/citation';

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
          <blockquote>{c.figure}</blockquote>
        </li>
      ))}
      {unknown.map((id) => (
        <li key={id}>{id} (not in the citation registry)</li>
      ))}
    </ul>
  );
}

function linkOf(c: Citation): string | null {
  if (/^https?:\/\//.test(c.url)) return c.url;
  const m = /^([^/]+\/[^/:]+):(.+)$/.exec(c.url);
  return m ? `https://github.com/${m[1]}/blob/HEAD/${m[2]}` : null;
}
