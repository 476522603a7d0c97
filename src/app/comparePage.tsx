// Wires the Compare page to the engine worker, the models and the URL.
import { useCallback, useMemo, useRef } from 'react';
import type { ComparisonView } from '../engine/scenario/view';
import { DEFAULT_REPLICATIONS, type Notice } from '../machines/compareMachine';
import type { Scenario } from '../model/scenario';
import { ComparePage } from '../ui/compare/ComparePage';
import { createEngineClient, type CompareEngine, type EngineClient } from '../worker/client';
import { createComparePool } from '../worker/pool';
import { compareCatalog, compareParams, DEFAULT_SCENARIO, readParams } from './compareModels';
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

let pool: CompareEngine | null = null;

/**
 * The page's engine: the app's worker plus one more per spare core (at most 4 in all), sharing each
 * comparison; made on the first visit to the page.
 */
function comparePool(client: EngineClient): CompareEngine {
  if (!pool) {
    const workers = Math.max(1, Math.min(4, navigator.hardwareConcurrency || 2));
    pool = createComparePool([
      client,
      ...Array.from({ length: workers - 1 }, () => createEngineClient({ onLost: reportWorkerLost })),
    ]);
  }
  return pool;
}

/** Consecutive changes within this many ms share one history entry (typing a number is one step back). */
const HISTORY_COALESCE_MS = 1_000;

export function ComparePageRoute({ params, client }: { params: URLSearchParams; client: EngineClient }) {
  const query = params.toString();
  const { requested, embed } = useMemo(() => readParams(new URLSearchParams(query)), [query]);
  // The first render's scenario: the link's, or the default (with the reason when the link is bad).
  const initial = useRef<{ scenario: Scenario; replications: number; notice: Notice | null } | null>(null);
  if (!initial.current) {
    initial.current =
      requested && 'scenario' in requested
        ? {
            scenario: requested.scenario,
            replications: requested.replications,
            notice: requested.notice ? { kind: 'info', text: requested.notice } : null,
          }
        : {
            scenario: DEFAULT_SCENARIO,
            replications: DEFAULT_REPLICATIONS,
            notice:
              requested && 'error' in requested
                ? { kind: 'error', text: `${requested.error} The default scenario is shown instead.` }
                : null,
          };
  }
  const lastWrite = useRef<number | null>(null);

  const onAccepted = useCallback(
    (s: Scenario, r: number) => {
      const hash = routeHash('compare', compareParams(s, r, embed));
      if (window.location.hash === hash) return;
      const now = Date.now();
      // A bare `#/compare` (no scenario yet) is replaced, so back leaves the page; a burst of changes (typing a
      // number) shares one entry; any other change is a new entry, so back returns to the previous scenario.
      const bare = !new URLSearchParams(window.location.hash.split('?')[1] ?? '').has('s');
      const burst = lastWrite.current !== null && now - lastWrite.current < HISTORY_COALESCE_MS;
      if (bare || burst) window.history.replaceState(window.history.state, '', hash);
      else window.location.hash = hash;
      lastWrite.current = now;
    },
    [embed],
  );

  const linkFor = useCallback((s: Scenario, r: number, withEmbed = false) => {
    const { origin, pathname } = window.location;
    return `${origin}${pathname}${routeHash('compare', compareParams(s, r, withEmbed))}`;
  }, []);

  const onResult = useCallback((v: ComparisonView) => {
    window.__meshpathLastComparison = v;
  }, []);

  return (
    <ComparePage
      engine={comparePool(client)}
      catalog={compareCatalog()}
      initial={initial.current}
      requested={requested}
      onAccepted={onAccepted}
      linkFor={linkFor}
      download={download}
      embed={embed}
      onResult={onResult}
    />
  );
}
