import { Fragment, type ReactNode } from 'react';
import { sectionAnchor, sectionOfHeading } from '../../model/references';
import { withDocLinks } from './DocLinks';

/**
 * The reference documents' Markdown as React elements — never as HTML, so nothing in a document can
 * inject markup: headings (numbered ones get an anchor), paragraphs, "- " and "1. " lists, tables,
 * fenced code, and inline `code`, **bold**, *emphasis*, [links](https://…) and bare URLs. Pointers to
 * other reference documents ("packet-walks §7") become links to them. Anything else shows as written.
 */

type Block =
  | { kind: 'heading'; level: number; text: string }
  | { kind: 'para'; text: string }
  | { kind: 'list'; ordered: boolean; items: string[] }
  | { kind: 'table'; head: string[]; rows: string[][] }
  | { kind: 'code'; text: string }
  | { kind: 'rule' };

const cells = (line: string) =>
  line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((c) => c.trim());

export function parseBlocks(md: string): Block[] {
  const lines = md.replace(/\r\n/g, '\n').split('\n');
  const out: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (line.startsWith('```')) {
      const body: string[] = [];
      i++;
      while (i < lines.length && !lines[i].startsWith('```')) body.push(lines[i++]);
      i++;
      out.push({ kind: 'code', text: body.join('\n') });
      continue;
    }
    const h = /^(#{1,6})\s+(.*)$/.exec(line);
    if (h) {
      out.push({ kind: 'heading', level: h[1].length, text: h[2].trim() });
      i++;
      continue;
    }
    if (/^\s*(---+|\*\*\*+)\s*$/.test(line)) {
      out.push({ kind: 'rule' });
      i++;
      continue;
    }
    if (line.trim().startsWith('|') && i + 1 < lines.length && /^\s*\|?[\s:|-]+\|?\s*$/.test(lines[i + 1])) {
      const head = cells(line);
      const rows: string[][] = [];
      i += 2;
      while (i < lines.length && lines[i].trim().startsWith('|')) rows.push(cells(lines[i++]));
      out.push({ kind: 'table', head, rows });
      continue;
    }
    const item = /^(\s*)([-*]|\d+\.)\s+(.*)$/.exec(line);
    if (item) {
      const ordered = /\d/.test(item[2]);
      const items: string[] = [];
      while (i < lines.length) {
        const m = /^(\s*)([-*]|\d+\.)\s+(.*)$/.exec(lines[i]);
        if (m) items.push(m[3]);
        else if (/^\s+\S/.test(lines[i]) && items.length) items[items.length - 1] += ' ' + lines[i].trim();
        else break;
        i++;
      }
      out.push({ kind: 'list', ordered, items });
      continue;
    }
    if (!line.trim()) {
      i++;
      continue;
    }
    const para: string[] = [];
    while (
      i < lines.length &&
      lines[i].trim() &&
      !/^(#{1,6})\s/.test(lines[i]) &&
      !lines[i].startsWith('```') &&
      !/^(\s*)([-*]|\d+\.)\s+/.test(lines[i]) &&
      !lines[i].trim().startsWith('|')
    )
      para.push(lines[i++].trim());
    // A row with no table above it ('|' and no separator line next) starts no block: read it as text,
    // or the loop would meet the same line forever.
    if (!para.length) para.push(lines[i++].trim());
    out.push({ kind: 'para', text: para.join(' ') });
  }
  return out;
}

const INLINE =
  /`([^`]+)`|\*\*([^*]+)\*\*|\*([^*\s][^*]*)\*|\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)|(https?:\/\/[^\s)|]+)/g;

export function inline(text: string, key = ''): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  let k = 0;
  for (const m of text.matchAll(INLINE)) {
    if (m.index > last) out.push(...withDocLinks(text.slice(last, m.index), `${key}t${k}`));
    const id = `${key}${k++}`;
    const [, code, bold, em, label, href, bare] = m;
    if (code !== undefined) out.push(<code key={id}>{code}</code>);
    else if (bold !== undefined) out.push(<strong key={id}>{inline(bold, `${id}.`)}</strong>);
    else if (em !== undefined) out.push(<em key={id}>{inline(em, `${id}.`)}</em>);
    else if (label !== undefined)
      out.push(
        <a key={id} href={href} rel="noreferrer noopener">
          {label}
        </a>,
      );
    else
      out.push(
        <a key={id} href={bare} rel="noreferrer noopener">
          {bare}
        </a>,
      );
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(...withDocLinks(text.slice(last), `${key}e`));
  return out;
}

export function Markdown({ source }: { source: string }) {
  return (
    <>
      {parseBlocks(source).map((b, i) => {
        const key = String(i);
        switch (b.kind) {
          case 'heading': {
            const section = sectionOfHeading(`${'#'.repeat(b.level)} ${b.text}`);
            // The page's own title is the document's; its headings start one level down.
            const Tag = `h${Math.min(6, b.level + 1)}` as 'h2';
            return (
              <Tag
                key={key}
                id={section ? sectionAnchor(section) : undefined}
                tabIndex={section ? -1 : undefined}
              >
                {inline(b.text, key)}
              </Tag>
            );
          }
          case 'para':
            return <p key={key}>{inline(b.text, key)}</p>;
          case 'list': {
            const Tag = b.ordered ? 'ol' : 'ul';
            return (
              <Tag key={key}>
                {b.items.map((t, j) => (
                  <li key={j}>{inline(t, `${key}.${j}.`)}</li>
                ))}
              </Tag>
            );
          }
          case 'table':
            return (
              <div key={key} className="doc-table" role="region" aria-label="Table" tabIndex={0}>
                <table>
                  <thead>
                    <tr>
                      {b.head.map((c, j) => (
                        <th key={j} scope="col">
                          {inline(c, `${key}.h${j}.`)}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {b.rows.map((r, j) => (
                      <tr key={j}>
                        {r.map((c, n) => (
                          <td key={n}>{inline(c, `${key}.${j}.${n}.`)}</td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            );
          case 'code':
            return (
              <pre key={key}>
                <code>{b.text}</code>
              </pre>
            );
          case 'rule':
            return <hr key={key} />;
          default:
            return <Fragment key={key} />;
        }
      })}
    </>
  );
}
