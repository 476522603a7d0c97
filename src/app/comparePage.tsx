// Wires the Compare page: its session (side effects from the engine workers and the page), the URL.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ComparisonView } from '../model/comparison';
import { linkParams, readLink } from '../machines/compare/link';
import { createCompareSession, type CompareSession, type CompareSnapshot } from '../machines/compare/session';
import type { Scenario } from '../model/scenario';
import { ComparePage } from '../ui/compare/ComparePage';
import { createEngineClient, type EngineClient } from '../worker/client';
import { createYield } from '../worker/yield';
import { engineActors } from './compare/engineActors';
import { compareCatalog, DEFAULT_SCENARIO } from './compareModels';
import { pageHold } from './quiet';
import { routeHash } from './router';
import { reportWorkerLost } from './workerNotices';

declare global {
  interface Window {
    /** The last finished comparison, so browser tests can compare exact numbers. */
    __meshpathLastComparison?: ComparisonView;
  }
}

function download(fileName: string, text: string, mime: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

let workers: EngineClient[] | null = null;

/**
 * The page's workers: the app's worker plus one more per spare core (at most 4 in all), sharing each
 * comparison; made on the first visit to the page.
 */
function compareWorkers(client: EngineClient): EngineClient[] {
  if (!workers) {
    const count = Math.max(1, Math.min(4, navigator.hardwareConcurrency || 2));
    workers = [
      client,
      ...Array.from({ length: count - 1 }, () => createEngineClient({ onLost: reportWorkerLost })),
    ];
  }
  return workers;
}

/**
 * The page's comparison is done (its last precision round is in and its load sweep has run), or it stopped
 * (an error, Cancel): the page no longer holds background work back. Not at the sweep's start: the sweep
 * keeps both cores busy, and background work then ran its tasks at two to three times their time on a core
 * (pods-400's link: three tasks of 55–81 ms as its sweep began).
 */
export function comparisonSettled(snap: Pick<CompareSnapshot, 'phase'>): boolean {
  return snap.phase === 'idle';
}

/** The group of detailed results a link without `tab` opens on. */
const DEFAULT_TAB = 'latency';

/** A session for the page's link: the link's scenario, or the default (with the reason when the link is bad). */
function openSession(params: URLSearchParams, clients: EngineClient[]): CompareSession {
  const { requested, embed } = readLink(params);
  const base = {
    // Steps of the analysis yield through a MessageChannel: setTimeout(0) would add ≥ 4 ms per step.
    actors: engineActors(clients, createYield()),
    workers: clients.length,
    clock: { now: () => Date.now() },
    embed,
  };
  if (requested && 'scenario' in requested)
    return createCompareSession({
      ...base,
      scenario: requested.scenario,
      replications: requested.replications,
      precision: requested.precision,
      notice: requested.notice ? { kind: 'info', text: requested.notice } : null,
      openedFrom: requested.key,
      openedPreset: requested.preset,
    });
  return createCompareSession({
    ...base,
    scenario: DEFAULT_SCENARIO,
    notice:
      requested && 'error' in requested
        ? { kind: 'error', text: `${requested.error} The default scenario is shown instead.` }
        : null,
    openedFrom: requested?.key,
  });
}

export function ComparePageRoute({ params, client }: { params: URLSearchParams; client: EngineClient }) {
  const query = params.toString();
  const [session, setSession] = useState<CompareSession | null>(null);
  const first = useRef(query);
  const embed = new URLSearchParams(query).get('embed') === '1';
  // The group of detailed results shown (`tab`), kept in the address and in shared links so a link can
  // open on, say, Memory. Not part of the scenario's identity: changing it replaces the address only.
  const tab = useRef(new URLSearchParams(query).get('tab'));
  const withTab = useCallback((p: URLSearchParams) => {
    if (tab.current && tab.current !== DEFAULT_TAB) p.set('tab', tab.current);
    else p.delete('tab');
    return p;
  }, []);

  useEffect(() => {
    const s = openSession(new URLSearchParams(first.current), compareWorkers(client));
    setSession(s);
    // Background work (the service worker's install, other pages' downloads) waits for the comparison.
    const release = pageHold();
    const settle = (snap: CompareSnapshot) => {
      if (comparisonSettled(snap)) release();
    };
    settle(s.getSnapshot());
    // The session's link goes to the URL when it changes (not on every snapshot: after back/forward the
    // URL leads until the session accepts what it names); its result goes where browser tests read it.
    let written = s.getSnapshot().link;
    const unsubscribe = s.subscribe((snap) => {
      settle(snap);
      if (snap.result) window.__meshpathLastComparison = snap.result;
      const link = snap.link;
      if (!link || link === written) return;
      written = link;
      const hash = routeHash('compare', withTab(new URLSearchParams(link.params)));
      if (window.location.hash === hash) return;
      // A bare `#/compare` (no scenario yet) is replaced, so back leaves the page; so is a burst of changes.
      const bare = !new URLSearchParams(window.location.hash.split('?')[1] ?? '').has('s');
      if (bare || link.replace) window.history.replaceState(window.history.state, '', hash);
      else window.location.hash = hash;
    });
    return () => {
      unsubscribe();
      release();
      s.stop();
    };
  }, [client, withTab]);

  // Back/forward (or an edited URL): the session opens the link unless it is the one it wrote.
  useEffect(() => {
    session?.openLink(new URLSearchParams(query));
  }, [session, query]);

  const linkFor = useCallback(
    (s: Scenario, r: number, p: number | null, withEmbed = false) => {
      const { origin, pathname } = window.location;
      return `${origin}${pathname}${routeHash('compare', withTab(linkParams(s, r, p, withEmbed)))}`;
    },
    [withTab],
  );

  const onSectionChange = useCallback(
    (id: string) => {
      tab.current = id;
      const params = withTab(new URLSearchParams(window.location.hash.split('?')[1] ?? ''));
      const hash = routeHash('compare', params);
      if (window.location.hash !== hash) window.history.replaceState(window.history.state, '', hash);
    },
    [withTab],
  );

  if (!session) return null;
  return (
    <ComparePage
      session={session}
      catalog={compareCatalog()}
      linkFor={linkFor}
      download={download}
      embed={embed}
      section={tab.current ?? undefined}
      onSectionChange={onSectionChange}
    />
  );
}
