import type { Citation } from '../../model/citation';
import {
  connectionsText,
  loadPublished,
  publishedPointsFor,
  type PublishedPoint,
  type PublishedResult,
} from '../../model/published';
import type { Scenario } from '../../model/scenario';

/**
 * Published added latencies drawn beside the model's on Compare: one entry per published result
 * (numbered, so the chart's markers and the list under it name each other), its percentiles, the
 * conditions the source states and a link to it. Disagreeing sources are all listed, never averaged.
 */

export interface PublishedEntry {
  /** 1, 2, …: the tag drawn beside its markers. */
  n: number;
  id: string;
  architecture: string;
  /** The source's title and where a reader opens it (null: not a browsable address). */
  title: string;
  href: string | null;
  values: { percentile: 'p50' | 'p90' | 'p99'; us: number }[];
  /** The conditions as the source states them, in words ("not stated" when it gives none). */
  conditions: string;
  match: PublishedPoint['match'];
  differences: string[];
  note?: string;
  /** Measured on a release older than those the model is fitted to (see `olderReleasesNote`). */
  older?: boolean;
}

/**
 * The releases the model's hop costs are fitted to and checked against start here (docs/models.md:
 * Istio 1.20's, 1.22's and 1.24's benchmark figures); figures of earlier releases are drawn, and said to
 * come from proxies and telemetry that have changed since.
 */
export const FITTED_FROM = { major: 1, minor: 20 } as const;

/** Whether a stated version ("Istio 1.12.3", "~Istio 1.7 (…)") is an Istio release before FITTED_FROM. */
export function olderRelease(version: string): boolean {
  const m = /Istio (\d+)\.(\d+)/.exec(version);
  if (!m) return false;
  const [major, minor] = [Number(m[1]), Number(m[2])];
  return major < FITTED_FROM.major || (major === FITTED_FROM.major && minor < FITTED_FROM.minor);
}

/** A citation's address as a link: an http(s) URL as is, `owner/repo:path` on GitHub. */
export function citationHref(c: Pick<Citation, 'url'> | undefined): string | null {
  if (!c) return null;
  if (/^https?:\/\//.test(c.url)) return c.url;
  const m = /^([^/\s]+\/[^/:\s]+):(.+)$/.exec(c.url);
  return m ? `https://github.com/${m[1]}/blob/HEAD/${m[2]}` : null;
}

/** The stated conditions in one line: version, rate, connections, payload, protocol, generator. */
export function conditionsText(c: PublishedResult['conditions']): string {
  const parts = [c.version];
  if (c.rps !== undefined) parts.push(`${c.rps.toLocaleString('en')} rps`);
  if (c.connections) parts.push(connectionsText(c.connections));
  if (c.payloadKiB !== undefined) parts.push(`${c.payloadKiB} KiB`);
  if (c.protocol)
    parts.push(c.protocol === 'http1' ? 'HTTP/1.1' : c.protocol === 'http2' ? 'HTTP/2' : 'gRPC');
  if (c.mtls !== undefined) parts.push(c.mtls ? 'mTLS' : 'no mTLS');
  if (c.loadGenerator) parts.push(`load generator: ${c.loadGenerator}`);
  if (parts.length === 1) parts.push('no other conditions stated');
  return parts.join('; ');
}

/** The published added latencies for the scenario's architectures, numbered in the table's order. */
export function publishedEntries(
  scenario: Scenario,
  citations: readonly Citation[],
  table: readonly PublishedResult[] = loadPublished(),
): PublishedEntry[] {
  const points = publishedPointsFor(scenario, table);
  const out: PublishedEntry[] = [];
  for (const r of table) {
    const mine = points.filter((p) => p.id === r.id);
    if (mine.length === 0) continue;
    const c = citations.find((x) => x.id === r.source);
    out.push({
      n: out.length + 1,
      id: r.id,
      architecture: r.architecture,
      title: c?.title ?? r.source,
      href: citationHref(c),
      values: mine.map((p) => ({ percentile: p.percentile, us: p.us })),
      conditions: conditionsText(r.conditions),
      match: mine[0].match,
      differences: mine[0].differences,
      ...(r.note ? { note: r.note } : {}),
      ...(olderRelease(r.conditions.version) ? { older: true } : {}),
    });
  }
  return out;
}

/** The connection range each published result states (id → range), for the connections chart. */
export function connectionRanges(
  table: readonly PublishedResult[] = loadPublished(),
): Record<string, { min: number; max: number }> {
  return Object.fromEntries(
    table.flatMap((r) => (r.conditions.connections ? [[r.id, r.conditions.connections] as const] : [])),
  );
}

/**
 * The note under the chart: which published figures were measured under other conditions than the
 * scenario's (and how), and which state none; null when every one matches (or there are none).
 */
export function conditionsNote(entries: readonly PublishedEntry[]): string | null {
  const other = entries.filter((e) => e.match === 'other-conditions');
  const unstated = entries.filter((e) => e.match === 'unstated');
  const parts: string[] = [];
  if (other.length)
    parts.push(
      `This scenario differs from the conditions of ${other
        .map((e) => `[${e.n}] (${e.differences.join(', ')})`)
        .join('; ')}, so the model need not land on ${other.length === 1 ? 'it' : 'them'}.`,
    );
  if (unstated.length)
    parts.push(
      `${unstated.map((e) => `[${e.n}]`).join(', ')} state${unstated.length === 1 ? 's' : ''} no conditions to compare.`,
    );
  return parts.length ? parts.join(' ') : null;
}

/**
 * The note for marks from older releases, which can sit far from the model's bars: they were measured on
 * proxies and telemetry that have changed since, and the model is fitted to current releases. Null when none.
 */
export function olderReleasesNote(entries: readonly PublishedEntry[]): string | null {
  const old = entries.filter((e) => e.older);
  if (old.length === 0) return null;
  const which = old.map((e) => `[${e.n}] (${e.conditions.split(';')[0]})`).join(', ');
  return (
    `${which} ${old.length === 1 ? 'was' : 'were'} measured on ${old.length === 1 ? 'an older release' : 'older releases'}: ` +
    `Envoy, Istio's telemetry and the benchmark's settings have changed since, and the model's costs are fitted to ` +
    `Istio ${FITTED_FROM.major}.${FITTED_FROM.minor}–1.24's published figures (istio-perf-1-24), so ${old.length === 1 ? 'it' : 'they'} can sit far from its bars. ` +
    `${old.length === 1 ? 'It is' : 'They are'} shown because ${old.length === 1 ? 'it' : 'they'} still circulate${old.length === 1 ? 's' : ''}.`
  );
}
