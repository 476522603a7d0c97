// Wires the Simulate page: its trace worker, the playback actor and buffer, the scene and the panels.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { shippedModels } from '../model/models';
import { loadHopLayers } from '../model/hopLayers';
import { isScenarioPresetId, SCENARIO_PRESET_IDS, SCENARIO_PRESETS } from '../model/presets';
import type { Selection } from '../machines/trace/selection';
import { SceneView } from '../scene/SceneView';
import { changeCaption, describeChange } from '../ui/simulate/archDiff';
import type { Catalogs } from '../ui/simulate/inspectorData';
import { SimulatePage } from '../ui/simulate/SimulatePage';
import { parseFault } from '../worker/faults';
import { createTraceClient, SupersededError, type TraceClient } from '../worker/trace/client';
import type { TraceLayout, View } from '../worker/trace/protocol';
import { routeHash } from './router';
import { useBenchSession } from './simulate/bench';
import {
  DEFAULT_ARCH,
  dropNoticesFor,
  PROTOCOL_NAMES,
  readParams,
  type PageParams,
  type Protocol,
} from './simulate/params';
import { useTraceSession } from './simulate/useTraceSession';
import { reportWorkerLost } from './workerNotices';

const DEFAULT_SLOWDOWN: Record<View, number> = { trace: 10_000, load: 1_000 };

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

/** Times the page opens the scenario again by itself after its worker was lost; then it offers Retry. */
const AUTO_RETRIES = 1;

export function SimulatePageRoute({ params }: { params: URLSearchParams }) {
  const initial = useMemo(() => readParams(params, catalogsOnce().architectures), [params]);
  const [client, setClient] = useState<TraceClient | null>(null);
  // Each attempt hands the session a new client object (the same worker client behind it), so the
  // session opens the scenario again, keeping the page's choices and playback time.
  const [attempt, setAttempt] = useState(0);
  const retried = useRef(0);
  useEffect(() => {
    const fault = parseFault(params.get('fault'));
    const c = createTraceClient({
      fault: fault?.worker === 'trace' ? fault : null,
      // The worker was replaced: say so, and open the scenario again on the new one (once by itself).
      onLost: (e) => {
        reportWorkerLost(e);
        if (e.restarted && retried.current < AUTO_RETRIES) {
          retried.current++;
          setAttempt((a) => a + 1);
        }
      },
    });
    setClient(c);
    return () => c.dispose();
    // The client lives as long as the page; a fault only applies to the first worker it starts.
  }, []);
  const attemptClient = useMemo(() => client && { ...client }, [client, attempt]);
  if (!attemptClient) return null;
  return (
    <SimulateWithClient
      key={params.toString()}
      client={attemptClient}
      initial={initial}
      onRetry={() => setAttempt((a) => a + 1)}
    />
  );
}

function SimulateWithClient({
  client,
  initial,
  onRetry,
}: {
  client: TraceClient;
  initial: PageParams;
  onRetry: () => void;
}) {
  const [presetId, setPresetId] = useState(initial.preset);
  const [arch, setArch] = useState(initial.arch);
  const [view, setView] = useState<View>(initial.view);
  const [selection, setSelection] = useState<Selection>(null);
  const [protocol, setProtocol] = useState<Protocol | null>(initial.protocol);
  const [present, setPresent] = useState(initial.present);
  const [notices, setNotices] = useState(initial.notices);
  const start = useRef({ t: initial.t, slowdown: DEFAULT_SLOWDOWN[initial.view] });
  const catalogs = useMemo(catalogsOnce, []);

  const scenario = useMemo(() => {
    const base = SCENARIO_PRESETS[presetId];
    const seeded = initial.seed === null ? base : { ...base, seed: initial.seed };
    return protocol === null ? seeded : { ...seeded, workload: { ...seeded.workload, protocol } };
  }, [presetId, initial.seed, protocol]);

  const traced = useTraceSession(client, {
    scenario,
    scenarioKey: `${presetId}:${initial.seed ?? ''}:${protocol ?? ''}`,
    arch,
    view,
    startT: start.current.t,
    slowdown: start.current.slowdown,
    disabled: initial.bench !== null,
  });
  const bench = useBenchSession(client, scenario, arch, initial.bench ?? 0);
  const session = initial.bench !== null ? bench : traced;

  // Remember the last layout (the header keeps its choices while the next loads) and say what an
  // architecture switch changed.
  const [lastLayout, setLastLayout] = useState<TraceLayout | null>(null);
  const [change, setChange] = useState<{
    from: string;
    to: string;
    lines: string[];
    previous: TraceLayout;
    next: TraceLayout;
    caption: string;
  } | null>(null);
  const switching = useRef<TraceLayout | null>(null);
  useEffect(() => {
    if (session.status !== 'ready') return;
    const prev = switching.current;
    switching.current = null;
    if (prev && prev.architecture.id !== session.layout.architecture.id)
      setChange({
        from: prev.architecture.name,
        to: session.layout.architecture.name,
        lines: describeChange(prev, session.layout),
        previous: prev,
        next: session.layout,
        caption: changeCaption(prev, session.layout).text,
      });
    setLastLayout(session.layout);
  }, [session]);

  // The address follows the choices, so a view can be shared.
  useEffect(() => {
    const p = new URLSearchParams();
    p.set('preset', presetId);
    p.set('arch', arch);
    p.set('view', view);
    if (initial.seed !== null) p.set('seed', String(initial.seed));
    if (initial.force2d) p.set('gl', '0');
    if (!initial.antialias) p.set('aa', '0');
    if (initial.maxPackets) p.set('packets', String(initial.maxPackets));
    if (protocol) p.set('proto', protocol);
    if (present) p.set('present', '1');
    const hash = routeHash('simulate', p);
    if (window.location.hash !== hash) window.history.replaceState(null, '', hash);
  }, [presetId, arch, view, initial, protocol, present]);

  const keepPlayback = (resetTime: boolean, nextView: View) => {
    if (session.status === 'ready') {
      const c = session.actor.getSnapshot().context;
      start.current = {
        t: resetTime ? 0 : c.t,
        slowdown: nextView === view ? c.slowdown : DEFAULT_SLOWDOWN[nextView],
      };
    } else start.current = { t: resetTime ? 0 : start.current.t, slowdown: DEFAULT_SLOWDOWN[nextView] };
  };

  const onArch = (id: string) => {
    if (id === arch) return;
    keepPlayback(false, view);
    switching.current = session.status === 'ready' ? session.layout : lastLayout;
    setSelection(null);
    setArch(id);
    setNotices((n) => dropNoticesFor(n, 'arch')); // a valid architecture is now chosen
  };
  const onPreset = (id: string) => {
    if (!isScenarioPresetId(id) || id === presetId) return;
    keepPlayback(true, view);
    setChange(null);
    setSelection(null);
    setProtocol(null);
    setPresetId(id);
    setNotices((n) => dropNoticesFor(n, 'preset'));
  };
  const onProtocol = (p: Protocol | null) => {
    keepPlayback(true, view);
    setChange(null);
    setSelection(null);
    setProtocol(p === SCENARIO_PRESETS[presetId].workload.protocol ? null : p);
    setNotices((n) => dropNoticesFor(n, 'proto'));
  };

  // What the page can offer when the chosen architecture cannot run the scenario.
  const presetProtocol = SCENARIO_PRESETS[presetId].workload.protocol as Protocol;
  const scenarioProtocol = protocol ?? presetProtocol;
  const archInfo = catalogs.architectures.find((a) => a.id === arch);
  const fixes: { label: string; run: () => void }[] = [];
  if (session.status === 'unsupported') {
    if (archInfo && !archInfo.protocols.includes(scenarioProtocol)) {
      const to = archInfo.protocols[0];
      fixes.push({
        label: `Switch the protocol to ${PROTOCOL_NAMES[to]} and run again`,
        run: () => onProtocol(to),
      });
    }
    const back =
      lastLayout && lastLayout.architecture.id !== arch
        ? lastLayout.architecture
        : catalogs.architectures.find((a) => a.id === DEFAULT_ARCH);
    if (back && back.id !== arch)
      fixes.push({ label: `Show ${back.name} instead`, run: () => onArch(back.id) });
  }
  const protocolNote =
    protocol === null
      ? null
      : {
          text: `Protocol: ${PROTOCOL_NAMES[protocol]} (the preset uses ${PROTOCOL_NAMES[presetProtocol] ?? presetProtocol}).`,
          reset:
            archInfo && !archInfo.protocols.includes(presetProtocol)
              ? null
              : {
                  label: `Use ${PROTOCOL_NAMES[presetProtocol] ?? presetProtocol} again`,
                  run: () => onProtocol(null),
                },
        };
  const onView = (v: View) => {
    if (v === view) return;
    keepPlayback(false, v);
    setSelection(null);
    setView(v);
    setNotices((n) => dropNoticesFor(n, 'view'));
  };

  // A superseded question (the scenario changed meanwhile) has no answer to show.
  const fetchState = useCallback(
    (t: number) =>
      client.state(t).catch((e: unknown) => {
        if (e instanceof SupersededError) return null;
        throw e;
      }),
    [client],
  );
  const fetchRequest = useCallback((seq: number) => client.request(seq), [client]);

  const scene =
    session.status === 'ready' ? (
      <>
        {initial.bench !== null && (
          <p className="sim-notice" role="note">
            Benchmark mode: {initial.bench.toLocaleString('en')} synthetic packets, always in flight; not a
            simulation result.
          </p>
        )}
        <SceneView
          layout={session.layout}
          buffer={session.buffer}
          actor={session.actor}
          selection={selection}
          onSelect={setSelection}
          force2d={initial.force2d}
          antialias={initial.antialias}
          presentation={present}
          archSwitch={change}
          maxPackets={initial.maxPackets ?? (initial.bench ? Math.max(initial.bench, 4096) : undefined)}
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
      presetId={presetId}
      arch={arch}
      view={view}
      onPreset={onPreset}
      onArch={onArch}
      onView={onView}
      notices={notices}
      onDismissNotices={() => setNotices([])}
      fixes={fixes}
      protocolNote={protocolNote}
      presentation={present}
      onPresentation={setPresent}
      session={session}
      lastLayout={lastLayout}
      change={change}
      scene={scene}
      catalogs={catalogs}
      selection={selection}
      onSelect={setSelection}
      fetchState={fetchState}
      fetchRequest={fetchRequest}
      onRetry={onRetry}
    />
  );
}
