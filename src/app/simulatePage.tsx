// Wires the Simulate page: the trace worker and the real clock into a headless session, the session's
// choices into the address, and the session's state into the scene and the panels.
import { memo, useDeferredValue, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { createSimulateSession, type SimulateSession } from '../machines/simulate/session';
import { shippedModels } from '../model/models';
import { loadHopLayers } from '../model/hopLayers';
import { isScenarioPresetId, SCENARIO_PRESET_IDS, SCENARIO_PRESETS } from '../model/presets';
import { SceneView } from '../scene/SceneView';
import { webglSupport } from '../scene/webgl';
import { changeCaption, describeChange } from '../ui/simulate/archDiff';
import type { Catalogs } from '../ui/simulate/inspectorData';
import { SimulatePage } from '../ui/simulate/SimulatePage';
import type { TraceEvent } from '../machines/simulate/buffer';
import { parseFault } from '../worker/faults';
import { createTraceClient } from '../worker/trace/client';
import { changeWords } from '../model/changeWords';
import { routeHash } from './router';
import {
  DEFAULT_ARCH,
  PROTOCOL_NAMES,
  PROTOCOLS,
  readParams,
  type PageParams,
  type Protocol,
} from './simulate/params';
import { rafTicker } from './simulate/ticker';
import { reportWorkerLost } from './workerNotices';
import { termLink } from '../ui/glossary/GlossaryTerm';

/** Times the page opens the scenario again by itself after its worker was lost; then it offers Retry. */
const AUTO_RETRIES = 1;

type PageCatalogs = Catalogs & {
  architectures: { id: string; name: string; protocols: readonly Protocol[] }[];
};
let catalogsCache: PageCatalogs | null = null;
const catalogsOnce = (): PageCatalogs => {
  if (catalogsCache) return catalogsCache;
  const m = shippedModels();
  catalogsCache = {
    hopKinds: m.hopKinds,
    citations: m.citations,
    hopLayers: new Map(loadHopLayers().map((e) => [e.kind, e])),
    architectures: [...m.architectures.values()].map((a) => ({
      id: a.id,
      name: a.name,
      protocols: a.protocols,
    })),
  };
  return catalogsCache;
};

export function SimulatePageRoute({ params }: { params: URLSearchParams }) {
  const initial = useMemo(() => readParams(params, catalogsOnce().architectures), [params]);
  const [session, setSession] = useState<SimulateSession | null>(null);
  useEffect(() => {
    const fault = parseFault(params.get('fault'));
    let retried = 0;
    // The worker was replaced: say so, and open the scenario again on the new one (once by itself),
    // keeping the page's choices and playback time.
    const trace = createTraceClient({
      fault: fault?.worker === 'trace' ? fault : null,
      onLost: (e) => {
        reportWorkerLost(e);
        if (e.restarted && retried < AUTO_RETRIES) {
          retried++;
          s.retry();
        }
      },
    });
    const s = createSimulateSession(
      { trace, ticker: rafTicker },
      {
        choices: {
          presetId: initial.preset,
          seed: initial.seed,
          protocol: initial.protocol,
          changes: initial.changes,
          arch: initial.arch,
          view: initial.view,
        },
        t: initial.t,
        bench: initial.bench,
        notices: initial.notices,
        presentation: initial.present,
        shownAs: initial.shownAs,
      },
    );
    setSession(s);
    // Find out whether WebGL starts (a context made and dropped, ~20 ms) while the worker compiles,
    // rather than in the picture's first render.
    const probe = initial.force2d ? null : setTimeout(() => webglSupport(), 0);
    return () => {
      if (probe !== null) clearTimeout(probe);
      s.dispose();
      trace.dispose();
    };
    // A fault only applies to the first worker the client starts (a test hook, see ../worker/faults.ts).
  }, [initial, params]);
  if (!session) return null;
  return <SimulateView key={params.toString()} session={session} initial={initial} />;
}

/** The address follows the session's choices at once (not the deferred render), so a view can be shared. */
function useAddress(page: ReturnType<SimulateSession['page']>, initial: PageParams): void {
  const { choices, presentation, shownAs } = page;
  useEffect(() => {
    const p = new URLSearchParams();
    p.set('preset', choices.presetId);
    p.set('arch', choices.arch);
    p.set('view', choices.view);
    if (choices.seed !== null) p.set('seed', String(choices.seed));
    if (initial.force2d) p.set('gl', '0');
    if (!initial.antialias) p.set('aa', '0');
    if (initial.maxPackets) p.set('packets', String(initial.maxPackets));
    if (choices.protocol) p.set('proto', choices.protocol);
    if (choices.changes) p.set('ch', JSON.stringify(choices.changes));
    if (presentation) p.set('present', '1');
    if (shownAs === 'table') p.set('show', 'table');
    const hash = routeHash('simulate', p);
    if (window.location.hash !== hash) window.history.replaceState(null, '', hash);
  }, [choices, initial, presentation, shownAs]);
}

/**
 * The session's state is rendered at once, except what its worker answered (loading, ready, failed),
 * which is a deferred value: the ready scenario's first render — the picture, panels and lists of a
 * 2,000-pod mesh — happens in a later task than the worker's reply, in slices that yield to the
 * browser, instead of one task of hundreds of milliseconds. Choices stay immediate: a controlled
 * checkbox or select rendered late would show its old value in between.
 */
export function SimulateView({ session, initial }: { session: SimulateSession; initial: PageParams }) {
  const live = useSyncExternalStore(session.subscribe, session.page);
  const view = useDeferredValue(live.view);
  const page = useMemo(() => (view === live.view ? live : { ...live, view }), [live, view]);
  useAddress(live, initial);
  return <SimulateContent session={session} initial={initial} page={page} />;
}

const SimulateContent = memo(function SimulateContent({
  session,
  initial,
  page,
}: {
  session: SimulateSession;
  initial: PageParams;
  page: ReturnType<SimulateSession['page']>;
}) {
  const { choices, view: state, lastLayout } = page;
  const catalogs = useMemo(catalogsOnce, []);
  // The packet the camera follows when nobody picked one: the inspector and path view show it.
  const [followed, setFollowed] = useState<TraceEvent | null>(null);

  // What an architecture switch changed, in words (the session keeps the layouts before and after).
  const change = useMemo(
    () =>
      page.change && {
        from: page.change.previous.architecture.name,
        to: page.change.next.architecture.name,
        lines: describeChange(page.change.previous, page.change.next),
        previous: page.change.previous,
        next: page.change.next,
        caption: changeCaption(page.change.previous, page.change.next).text,
      },
    [page.change],
  );

  const presetProtocol = SCENARIO_PRESETS[choices.presetId].workload.protocol as Protocol;
  const onProtocol = (p: Protocol | null) => session.setProtocol(p === presetProtocol ? null : p);

  // What the page can offer when the chosen architecture cannot run the scenario.
  const archInfo = catalogs.architectures.find((a) => a.id === choices.arch);
  const fixes: { label: string; run: () => void }[] = [];
  if (state.status === 'unsupported') {
    const scenarioProtocol = choices.protocol ?? presetProtocol;
    if (archInfo && !archInfo.protocols.includes(scenarioProtocol)) {
      const to = archInfo.protocols[0];
      fixes.push({
        label: `Switch the protocol to ${PROTOCOL_NAMES[to]} and run again`,
        run: () => onProtocol(to),
      });
    }
    const back =
      lastLayout && lastLayout.architecture.id !== choices.arch
        ? lastLayout.architecture
        : catalogs.architectures.find((a) => a.id === DEFAULT_ARCH);
    if (back && back.id !== choices.arch)
      fixes.push({ label: `Show ${back.name} instead`, run: () => session.setArchitecture(back.id) });
  }
  const protocolNote =
    choices.protocol === null
      ? null
      : {
          text: `Protocol: ${PROTOCOL_NAMES[choices.protocol]} (the preset uses ${PROTOCOL_NAMES[presetProtocol] ?? presetProtocol}).`,
          reset:
            archInfo && !archInfo.protocols.includes(presetProtocol)
              ? null
              : {
                  label: `Use ${PROTOCOL_NAMES[presetProtocol] ?? presetProtocol} again`,
                  run: () => onProtocol(null),
                },
        };

  const scene =
    state.status === 'ready' ? (
      <>
        {page.bench !== null && (
          <p className="sim-notice" role="note">
            Benchmark mode: {page.bench.toLocaleString('en')} synthetic packets, always in flight; not a
            simulation result.
          </p>
        )}
        <SceneView
          layout={state.layout}
          buffer={state.buffer}
          actor={state.actor}
          selection={page.selection}
          onSelect={session.select}
          camera={page.camera}
          onCamera={session.setCamera}
          onFollow={setFollowed}
          force2d={initial.force2d}
          antialias={initial.antialias}
          presentation={page.presentation}
          shownAs={page.shownAs}
          onShownAs={session.showAs}
          narrate={page.narrate}
          onNarrate={session.setNarration}
          highlight={page.highlight}
          termLink={termLink}
          archSwitch={change}
          maxPackets={initial.maxPackets ?? (page.bench ? Math.max(page.bench, 4096) : undefined)}
        />
      </>
    ) : null;

  return (
    <SimulatePage
      presets={SCENARIO_PRESET_IDS.map((id) => ({
        id,
        name: SCENARIO_PRESETS[id].name,
        description: SCENARIO_PRESETS[id].description,
      }))}
      architectures={catalogs.architectures}
      presetId={choices.presetId}
      arch={choices.arch}
      view={choices.view}
      // Another preset starts from that preset as it is: changes made for one (a lesson's) are dropped.
      onPreset={(id) =>
        isScenarioPresetId(id) && session.choose({ presetId: id, protocol: null, changes: null })
      }
      onArch={session.setArchitecture}
      onView={session.setView}
      notices={page.notices.map((n) => n.text)}
      onDismissNotices={session.dismissNotices}
      fixes={fixes}
      protocolNote={protocolNote}
      changesNote={
        choices.changes
          ? {
              text: `Changed from the preset: ${changeWords(choices.changes).join(', ')}.`,
              reset: { label: 'Use the preset as it is', run: () => session.setChanges(null) },
            }
          : null
      }
      sideBySideHref={routeHash(
        'side',
        new URLSearchParams({
          preset: choices.presetId,
          archs: [...new Set(['library', choices.arch, 'cilium-ebpf'])].join(','),
          view: choices.view,
        }),
      )}
      protocol={{
        value: choices.protocol ?? presetProtocol,
        options: PROTOCOLS.map((id) => ({ id, name: PROTOCOL_NAMES[id] })),
        onChange: (id) => onProtocol(id as Protocol),
      }}
      presentation={page.presentation}
      onPresentation={session.setPresentation}
      session={state}
      lastLayout={lastLayout}
      change={change}
      scene={scene}
      catalogs={catalogs}
      selection={page.selection}
      followed={followed}
      onSelect={session.select}
      fetchState={session.stateAt}
      onRetry={session.retry}
      fetchRequest={session.requestRecords}
    />
  );
});
