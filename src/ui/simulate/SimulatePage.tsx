import { useSelector } from '@xstate/react';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { simUsPerMs, type PlaybackActor } from '../../machines/playback';
import type { TraceBuffer, TraceEvent } from '../../machines/trace/buffer';
import type { Selection } from '../../machines/trace/selection';
import type { StationStateData } from '../../worker/trace/client';
import type { TraceLayout, TraceRecord, View } from '../../worker/trace/protocol';
import { EventList } from './EventList';
import { Inspector } from './Inspector';
import type { Catalogs } from './inspectorData';
import { PathView } from './PathView';
import { PlaybackControls } from './PlaybackControls';
import { ResourceTable } from './ResourceTable';
import { shortcutFor } from './shortcuts';
import { ShortcutSheet } from './ShortcutSheet';
import './simulate.css';

export type SessionView =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; layout: TraceLayout; buffer: TraceBuffer; actor: PlaybackActor };

export interface SimulatePageProps {
  presets: { id: string; name: string }[];
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
  onSelect: (s: Selection) => void;
  fetchState: (t: number) => Promise<StationStateData>;
  fetchRequest: (seq: number) => Promise<TraceRecord[]>;
}

/** The Simulate page: watch requests cross every hop, step through them, inspect what each costs. */
export function SimulatePage(props: SimulatePageProps) {
  const { session, lastLayout } = props;
  const layout = session.status === 'ready' ? session.layout : lastLayout;
  const [sheet, setSheet] = useState(false);
  return (
    <main className="simulate" aria-busy={session.status === 'loading'}>
      <header className="sim-header">
        <h1>Simulate</h1>
        <div className="sim-choices">
          <label>
            Scenario{' '}
            <select value={props.presetId} onChange={(e) => props.onPreset(e.target.value)}>
              {props.presets.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
            </select>
          </label>
          <label>
            Architecture{' '}
            <select value={props.arch} onChange={(e) => props.onArch(e.target.value)} data-testid="arch-select">
              {(layout?.architectures ?? props.architectures.map((a) => ({ ...a, runnable: true }))).map((a) => (
                <option key={a.id} value={a.id} disabled={!a.runnable}>
                  {a.name}{a.runnable ? '' : ` — cannot run this scenario`}
                </option>
              ))}
            </select>
          </label>
          <fieldset className="sim-view-choice">
            <legend>View</legend>
            {(['trace', 'load'] as const).map((v) => (
              <label key={v}>
                <input type="radio" name="sim-view" value={v} checked={props.view === v} onChange={() => props.onView(v)} />
                {v === 'trace' ? 'Trace (every hop, slowed)' : 'Load (sampled packets, queues)'}
              </label>
            ))}
          </fieldset>
        </div>
        {layout && (
          <p className="sim-arch-summary">
            <strong>{layout.architecture.name}.</strong> {layout.architecture.summary}
          </p>
        )}
        {layout && layout.notes.length > 0 && (
          <ul className="sim-notes">{layout.notes.map((n) => <li key={n}>{n}</li>)}</ul>
        )}
        <div aria-live="polite" className="sim-change" data-testid="arch-change">
          {props.change && (
            <p>
              Switched from {props.change.from} to {props.change.to} (same scenario and seed):{' '}
              {props.change.lines.length ? props.change.lines.join('; ') : 'the same components'}.
            </p>
          )}
        </div>
      </header>
      {session.status === 'loading' && <p role="status" className="sim-loading">Compiling the scenario and running it once in the worker…</p>}
      {session.status === 'error' && <p role="alert" className="error">{session.message}</p>}
      {session.status === 'ready' && <Ready {...props} session={session} onSheet={() => setSheet(true)} />}
      <ShortcutSheet open={sheet} onClose={() => setSheet(false)} />
      <KeyboardShortcuts actor={session.status === 'ready' ? session.actor : null} onSheet={() => setSheet(true)} />
    </main>
  );
}

function KeyboardShortcuts({ actor, onSheet }: { actor: PlaybackActor | null; onSheet: () => void }) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target?.closest?.('dialog[open]')) return;
      const action = shortcutFor(e.key, target, { ctrl: e.ctrlKey, alt: e.altKey, meta: e.metaKey });
      if (!action) return;
      e.preventDefault();
      if (action === 'sheet') onSheet();
      else actor?.send(action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [actor, onSheet]);
  return null;
}

function Ready(props: SimulatePageProps & { session: Extract<SessionView, { status: 'ready' }>; onSheet: () => void }) {
  const { layout, buffer, actor } = props.session;
  const { selection, onSelect, fetchRequest } = props;
  const selectedEvent = selection?.kind === 'event' ? selection.event : null;
  const request = selectedEvent?.request ?? null;
  const [records, setRecords] = useState<{ seq: number; list: TraceEvent[] } | null>(null);

  useEffect(() => {
    if (request === null) return;
    let live = true;
    fetchRequest(request).then(
      (list) => live && setRecords({ seq: request, list: list.map((r) => ({ ...r, key: `${r.request}|${r.hop}|${r.enter}` })) }),
      () => live && setRecords(null),
    );
    return () => {
      live = false;
    };
  }, [request, fetchRequest]);

  const pick = useCallback((e: TraceEvent) => {
    actor.send({ type: 'SEEK', t: e.enter });
    onSelect({ kind: 'event', event: e });
  }, [actor, onSelect]);
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
        <div className="sim-stage">{props.scene}</div>
        <Inspector layout={layout} selection={selection} catalogs={props.catalogs} requestRecords={requestRecords} fetchState={props.fetchState} t={t} />
      </div>
      <div className="sim-lower">
        <EventList layout={layout} buffer={buffer} actor={actor} selectedKey={selectedEvent?.key ?? null} onPick={pick} />
        <PathView layout={layout} request={request} records={requestRecords} selectedKey={selectedEvent?.key ?? null} onPick={pick} />
      </div>
      {props.view === 'load' && (
        <ResourceTable layout={layout} buffer={buffer} actor={actor} onPick={(index) => onSelect({ kind: 'station', index })} />
      )}
    </div>
  );
}
