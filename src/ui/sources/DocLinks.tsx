import type { ReactNode } from 'react';
import { docRefsIn, sourceHref } from '../../model/references';

/** Text with its pointers to the reference documents ("costs.md §9") made into links to them on the site. */
export function withDocLinks(text: string, key = ''): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  docRefsIn(text).forEach((r, k) => {
    if (r.index > last) out.push(text.slice(last, r.index));
    out.push(
      <a key={`${key}r${k}`} href={sourceHref(r.doc, r.section)}>
        {text.slice(r.index, r.index + r.length)}
      </a>,
    );
    last = r.index + r.length;
  });
  if (last < text.length) out.push(text.slice(last));
  return out;
}

export function DocLinks({ text }: { text: string }) {
  return <>{withDocLinks(text)}</>;
}
