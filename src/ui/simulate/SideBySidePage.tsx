import type { ReactNode } from 'react';
import { useState } from 'react';
import type { Pane, SideBySideState } from '../../machines/simulate/sideBySide';
import { legOfHop } from '../../model/ids';
import { PanelBoundary } from '../PanelBoundary';
import { PlaybackControls } from './PlaybackControls';
import { KeyboardShortcuts } from './KeyboardShortcuts';
import { ShortcutSheet } from './ShortcutSheet';
import './simulate.css';

/**
 * Two or three designs side by side on one scenario, one seed and one clock: the same request leaves
 * every load generator at the same instant, and each picture shows its own path. The app composes the
 * pictures (`scene(pane)`); this page lays them out with the shared playback controls.
 */
export function SideBySidePage(props: {
  scenarioName: string;
  state: SideBySideState;
  names: Record<string, string>;
  scene: (pane: Extract<Pane, { status: 'ready' }>) => ReactNode;
  simulateLink: (arch: string) => string;
}) {
  const { panes, actor } = props.state;
  const [sheet, setSheet] = useState(false);
  const first = panes.find((p): p is Extract<Pane, { status: 'ready' }> => p.status === 'ready');
  return (
    <main className="sim-page sim-side">
      <h1>Side by side: {props.scenarioName}</h1>
      <p className="sim-scenario-desc">
        One scenario, one seed, one clock: the first request leaves every load generator at the same instant.
        Step (→) to see where each design&apos;s path is longer.
      </p>
      <KeyboardShortcuts actor={actor} onSheet={() => setSheet(true)} />
      <ShortcutSheet open={sheet} onClose={() => setSheet(false)} />
      {actor && first ? (
        <PlaybackControls actor={actor} buffer={first.buffer} onShowShortcuts={() => setSheet(true)} />
      ) : (
        <p role="status">Compiling the scenario for each design…</p>
      )}
      <div className="sim-side-panes" data-panes={panes.length}>
        {panes.map((p) => (
          <section
            key={p.arch}
            className="sim-side-pane"
            aria-label={props.names[p.arch] ?? p.arch}
            data-arch={p.arch}
          >
            <h2>
              <a href={props.simulateLink(p.arch)}>{props.names[p.arch] ?? p.arch}</a>
            </h2>
            {p.status === 'loading' && <p role="status">Compiling…</p>}
            {p.status === 'unsupported' && (
              <p role="alert">This design cannot run the scenario: {p.reasons.join('; ')}</p>
            )}
            {p.status === 'error' && <p role="alert">{p.message}</p>}
            {p.status === 'ready' && (
              <>
                <p className="sim-side-path" data-testid="side-path">
                  {routeSummary(p)}
                </p>
                <PanelBoundary name={`picture of ${props.names[p.arch] ?? p.arch}`} resetKey={p.layout}>
                  {actor && props.scene(p)}
                </PanelBoundary>
              </>
            )}
          </section>
        ))}
      </div>
    </main>
  );
}

/** How long the path is, counted from the layout: the hops of the first call (one leg, both ways) and the proxies on it. */
export function routeSummary(p: Extract<Pane, { status: 'ready' }>): string {
  const start = p.layout.hops.find((h) => h.leg === 'request');
  const first = start ? legOfHop(start.id) : '';
  const legs = p.layout.hops.filter((h) => h.leg !== 'handler' && legOfHop(h.id) === first);
  const proxies = new Set(
    legs
      .filter((h) => h.actor === 'sidecar' || h.actor === 'nodeproxy' || h.actor === 'waypoint')
      .map((h) => `${h.actor}:${h.pod}`),
  ).size;
  return `${legs.length} hops per call from the load generator, through ${proxies === 0 ? 'no proxy' : proxies === 1 ? '1 proxy' : `${proxies} proxies`}.`;
}
