import { useSelector } from '@xstate/react';
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { simUsPerMs } from '../../machines/simulate/playback';
import type { TraceEvent } from '../../machines/simulate/buffer';
import type { Selection } from '../../machines/simulate/selection';
import type { StationStateData } from '../../worker/trace/client';
import type { TraceLayout, TraceRecord, View } from '../../worker/trace/protocol';
import { PanelBoundary } from '../PanelBoundary';
import { workerMessage } from '../workerMessage';
import { EventList } from './EventList';
import { AboutRun } from './AboutRun';
export { describeRun } from './describeRun';
import { Inspector } from './Inspector';
import type { Catalogs } from './inspectorData';
import { PathView } from './PathView';
import { PlaybackControls } from './PlaybackControls';
import { ResourceTable } from './ResourceTable';
import { KeyboardShortcuts } from './KeyboardShortcuts';
import { ShortcutSheet } from './ShortcutSheet';
import { useStickyBarMargin } from './stickyBar';
import './simulate.css';

export type { SessionView } from '../../machines/simulate/sessionMachine';
import type { SessionView } from '../../machines/simulate/sessionMachine';

export interface SimulatePageProps {
  presets: { id: string; name: string; description?: string }[];
  /** Every architecture the models ship (used until a layout says which can run this scenario). */
  architectures: { id: string; name: string }[];
  presetId: string;
  arch: string;
  view: View;
  onPreset: (id: string) => void;
  onArch: (id: string) => void;
  onView: (v: View) => void;
  session: SessionView;
  /** Last ready layout, so the header keeps its choices while the next one loads. */
  lastLayout: TraceLayout | null;
  /** What appeared and disappeared at the last architecture switch. */
  change: { from: string; to: string; lines: string[] } | null;
  /** The picture (3D scene or its 2D fallback), composed by the app. */
  scene: ReactNode;
  catalogs: Catalogs;
  selection: Selection;
  /** The packet the camera follows when nothing is picked (shown in the inspector and path view). */
  followed?: TraceEvent | null;
  onSelect: (s: Selection) => void;
  /** The exact state at t; null when the question was superseded (nothing to show). */
  fetchState: (t: number) => Promise<StationStateData | null>;
  fetchRequest: (seq: number) => Promise<TraceRecord[]>;
  /** URL parameters that could not be used, each naming the parameter and what is shown instead. */
  notices?: string[];
  onDismissNotices?: () => void;
  /** What the page can do when the architecture cannot run the scenario (e.g. switch the protocol). */
  fixes?: { label: string; run: () => void }[];
  /** Where the side-by-side view of this scenario (library | this design | eBPF) is. */
  sideBySideHref?: string;
  /** The scenario's protocol now, the ones offered (with names), and how to change it. */
  protocol?: { value: string; options: { id: string; name: string }[]; onChange: (id: string) => void };
  /** The scenario's protocol differs from the preset's: say so, and offer the preset's back. */
  protocolNote?: { text: string; reset: { label: string; run: () => void } | null } | null;
  /** The preset is shown with changes (a lesson's sandbox link): which, and the preset as it is. */
  changesNote?: { text: string; reset: { label: string; run: () => void } } | null;
  /** Opens the scenario again after an error (the worker may have been restarted). */
  onRetry?: () => void;
  /** Presentation mode (projector): the scene takes most of the viewport, controls compact on top. */
  presentation?: boolean;
  onPresentation?: (on: boolean) => void;
}

/** The Simulate page: watch requests cross every hop, step through them, inspect what each costs. */
export function SimulatePage(props: SimulatePageProps) {
  const { session, lastLayout } = props;
  // The header describes what is on screen: the last layout only while the next one loads.
  const layout =
    session.status === 'ready' ? session.layout : session.status === 'loading' ? lastLayout : null;
  const choices = session.status === 'ready' ? session.layout : lastLayout;
  const [sheet, setSheet] = useState(false);
  const presentation = props.presentation ?? false;
  const { onPresentation } = props;
  const togglePresentation = useCallback(
    () => onPresentation?.(!presentation),
    [onPresentation, presentation],
  );
  const preset = props.presets.find((p) => p.id === props.presetId);
  // Entering presentation mode brings the playback bar to the top of the viewport, the scene under it.
  useEffect(() => {
    if (!presentation) return;
    const bar = document.querySelector('.sim-controls');
    if (bar && typeof bar.scrollIntoView === 'function') bar.scrollIntoView({ block: 'start' });
  }, [presentation, session.status]);
  useStickyBarMargin('.sim-controls', [session.status, presentation]);
  const archName = (id: string) =>
    (choices?.architectures ?? props.architectures).find((a) => a.id === id)?.name ?? id;
  return (
    <main className={`simulate${presentation ? ' presenting' : ''}`} aria-busy={session.status === 'loading'}>
      <header className="sim-header">
        <div className="sim-title-row">
          <h1>Simulate</h1>
          {onPresentation && (
            <button
              type="button"
              className="sim-present-toggle"
              aria-pressed={presentation}
              aria-keyshortcuts="p"
              onClick={togglePresentation}
            >
              Presentation (p)
            </button>
          )}
        </div>
        {props.notices && props.notices.length > 0 && (
          <div className="sim-notice sim-url-notice" role="alert" data-testid="url-notice">
            <ul>
              {props.notices.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
            {props.onDismissNotices && (
              <button type="button" onClick={props.onDismissNotices}>
                Dismiss
              </button>
            )}
          </div>
        )}
        <div className="sim-choices">
          <label>
            Scenario{' '}
            <select
              value={props.presetId}
              onChange={(e) => {
                props.onPreset(e.target.value);
                e.currentTarget.blur(); // a choice made: the keys are the page's shortcuts again
              }}
              aria-describedby="sim-scenario-desc"
            >
              {props.presets.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            Architecture{' '}
            <select
              value={props.arch}
              onChange={(e) => {
                props.onArch(e.target.value);
                e.currentTarget.blur(); // a choice made: the keys are the page's shortcuts again
              }}
              data-testid="arch-select"
            >
              {(choices?.architectures ?? props.architectures.map((a) => ({ ...a, runnable: true }))).map(
                (a) => (
                  <option key={a.id} value={a.id} disabled={!a.runnable}>
                    {a.name}
                    {a.runnable ? '' : ` — cannot run this scenario`}
                  </option>
                ),
              )}
            </select>
          </label>
          {props.protocol && (
            <label>
              Protocol{' '}
              <select
                value={props.protocol.value}
                onChange={(e) => {
                  props.protocol!.onChange(e.target.value);
                  e.currentTarget.blur(); // a choice made: the keys are the page's shortcuts again
                }}
                data-testid="protocol-select"
              >
                {props.protocol.options.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
            </label>
          )}
          <fieldset className="sim-view-choice">
            <legend>View</legend>
            {(['trace', 'load'] as const).map((v) => (
              <label key={v}>
                <input
                  type="radio"
                  name="sim-view"
                  value={v}
                  checked={props.view === v}
                  onChange={() => props.onView(v)}
                />
                {v === 'trace' ? 'Trace (every hop, slowed)' : 'Load (sampled packets, queues)'}
              </label>
            ))}
          </fieldset>
          {props.sideBySideHref && (
            <a className="sim-side-link" href={props.sideBySideHref}>
              Side by side with other designs
            </a>
          )}
        </div>
        {props.protocolNote && (
          <p className="sim-notice" role="note" data-testid="protocol-note">
            {props.protocolNote.text}{' '}
            {props.protocolNote.reset && (
              <button type="button" onClick={props.protocolNote.reset.run}>
                {props.protocolNote.reset.label}
              </button>
            )}
          </p>
        )}
        {props.changesNote && (
          <p className="sim-notice" role="note" data-testid="changes-note">
            {props.changesNote.text}{' '}
            <button type="button" onClick={props.changesNote.reset.run}>
              {props.changesNote.reset.label}
            </button>
          </p>
        )}
        {session.status !== 'ready' && <AboutRun layout={layout} preset={preset} />}
        <div aria-live="polite" className="sim-change" data-testid="arch-change">
          {props.change && (
            <p>
              Switched from {props.change.from} to {props.change.to} (same scenario and seed):{' '}
              {props.change.lines.length ? props.change.lines.join('; ') : 'the same components'}.
            </p>
          )}
        </div>
      </header>
      {session.status === 'loading' && (
        <p role="status" className="sim-loading">
          Compiling the scenario and running it once in the worker…
        </p>
      )}
      {session.status === 'error' && (
        <div role="alert" className="error sim-error" data-testid="session-error">
          <p>{workerMessage(session.message)}</p>
          {props.onRetry && (
            <button type="button" onClick={props.onRetry}>
              Retry
            </button>
          )}
        </div>
      )}
      {session.status === 'unsupported' && (
        <section
          className="sim-unsupported"
          role="alert"
          aria-labelledby="sim-unsupported-h"
          data-testid="unsupported"
        >
          <h2 id="sim-unsupported-h">
            {archName(session.architecture)} cannot run “{preset?.name ?? props.presetId}”
          </h2>
          <p>The feature matrix says why:</p>
          <ul>
            {session.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
          {props.fixes && props.fixes.length > 0 ? (
            <div className="sim-fixes">
              {props.fixes.map((f, i) => (
                <button
                  key={f.label}
                  type="button"
                  className={i === 0 ? 'primary' : undefined}
                  onClick={f.run}
                >
                  {f.label}
                </button>
              ))}
            </div>
          ) : (
            <p>Choose another architecture above.</p>
          )}
        </section>
      )}
      {session.status === 'ready' && <Ready {...props} session={session} onSheet={() => setSheet(true)} />}
      <ShortcutSheet open={sheet} onClose={() => setSheet(false)} />
      <KeyboardShortcuts
        actor={session.status === 'ready' ? session.actor : null}
        onSheet={() => setSheet(true)}
        onPresentation={onPresentation ? togglePresentation : undefined}
      />
    </main>
  );
}

function Ready(
  props: SimulatePageProps & { session: Extract<SessionView, { status: 'ready' }>; onSheet: () => void },
) {
  const { layout, buffer, actor } = props.session;
  const { onSelect, fetchRequest } = props;
  // A pick wins; with nothing picked, the packet the camera follows is inspected as if picked.
  const followed = props.selection === null ? (props.followed ?? null) : null;
  const picked = props.selection;
  const selection: Selection = useMemo(
    () => (followed ? { kind: 'event', event: followed } : picked),
    [followed, picked],
  );
  const selectedEvent = selection?.kind === 'event' ? selection.event : null;
  const request = selectedEvent?.request ?? null;
  const [records, setRecords] = useState<{ seq: number; list: TraceEvent[] } | null>(null);

  useEffect(() => {
    if (request === null) return;
    let live = true;
    fetchRequest(request).then(
      (list) =>
        live &&
        setRecords({
          seq: request,
          list: list.map((r) => ({ ...r, key: `${r.request}|${r.hop}|${r.enter}` })),
        }),
      () => live && setRecords(null),
    );
    return () => {
      live = false;
    };
  }, [request, fetchRequest]);

  const pick = useCallback(
    (e: TraceEvent) => {
      actor.send({ type: 'SEEK', t: e.enter });
      onSelect({ kind: 'event', event: e });
    },
    [actor, onSelect],
  );
  // Resources and pods are shown at the playback time: exact when paused, twice a second on screen while playing.
  const t = useSelector(actor, (s) => {
    if (!selection || selection.kind === 'event') return 0;
    if (!s.matches('playing')) return s.context.t;
    const bucket = 500 * simUsPerMs(s.context.slowdown);
    return Math.floor(s.context.t / bucket) * bucket;
  });
  const requestRecords = records && records.seq === request ? records.list : null;

  return (
    <div className="sim-body">
      <PlaybackControls actor={actor} buffer={buffer} onShowShortcuts={props.onSheet} />
      <div className="sim-main">
        {/* Each panel has its own error boundary: one that fails to render says so in its box. */}
        <div className="sim-stage">
          <PanelBoundary name="picture" resetKey={layout}>
            {props.scene}
          </PanelBoundary>
        </div>
        <PanelBoundary name="inspector" resetKey={selection}>
          <Inspector
            layout={layout}
            selection={selection}
            following={followed !== null}
            catalogs={props.catalogs}
            requestRecords={requestRecords}
            fetchState={props.fetchState}
            t={t}
          />
        </PanelBoundary>
      </div>
      <AboutRun layout={layout} preset={props.presets.find((p) => p.id === props.presetId)} />
      <div className="sim-lower">
        <PanelBoundary name="event list" resetKey={layout}>
          <EventList
            layout={layout}
            buffer={buffer}
            actor={actor}
            selectedKey={selectedEvent?.key ?? null}
            onPick={pick}
          />
        </PanelBoundary>
        <PanelBoundary name="path view" resetKey={request}>
          <PathView
            layout={layout}
            request={request}
            records={requestRecords}
            selectedKey={selectedEvent?.key ?? null}
            onPick={pick}
          />
        </PanelBoundary>
      </div>
      {props.view === 'load' && (
        <PanelBoundary name="resource table" resetKey={layout}>
          <ResourceTable
            layout={layout}
            buffer={buffer}
            actor={actor}
            onPick={(index) => onSelect({ kind: 'station', index })}
          />
        </PanelBoundary>
      )}
    </div>
  );
}
