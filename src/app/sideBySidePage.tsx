// Wires the side-by-side page: one trace worker per design, one shared clock, a picture per design.
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { createSideBySideSession, type SideBySideSession } from '../machines/simulate/sideBySide';
import { shippedModels } from '../model/models';
import { isScenarioPresetId, SCENARIO_PRESETS } from '../model/presets';
import { SceneView } from '../scene/SceneView';
import { SideBySidePage } from '../ui/simulate/SideBySidePage';
import { createTraceClient } from '../worker/trace/client';
import { routeHash } from './router';
import { DEFAULT_PRESET } from './simulate/params';
import { rafTicker } from './simulate/ticker';

/** The designs shown when the address names none: the three of the story. */
export const DEFAULT_SIDE_BY_SIDE = ['library', 'sidecar-envoy', 'cilium-ebpf'];
const MAX_PANES = 3;

export function SideBySideRoute({ params }: { params: URLSearchParams }) {
  const known = useMemo(
    () => new Map<string, string>([...shippedModels().architectures.values()].map((a) => [a.id, a.name])),
    [],
  );
  const preset = params.get('preset') ?? '';
  const presetId = isScenarioPresetId(preset) ? preset : DEFAULT_PRESET;
  const asked = (params.get('archs') ?? '').split(',').filter((a) => known.has(a));
  const archs = [...new Set(asked.length >= 2 ? asked : DEFAULT_SIDE_BY_SIDE)].slice(0, MAX_PANES);
  const view = params.get('view') === 'load' ? 'load' : 'trace';
  const key = `${presetId}|${archs.join(',')}|${view}`;
  const [session, setSession] = useState<SideBySideSession | null>(null);
  useEffect(() => {
    const traces = archs.map(() => createTraceClient());
    const s = createSideBySideSession(
      { traces, ticker: rafTicker },
      { choices: { presetId, seed: null, protocol: null, view }, archs },
    );
    setSession(s);
    return () => {
      s.dispose();
      for (const t of traces) t.dispose();
    };
    // `key` names every input that matters.
  }, [key]);
  if (!session) return null;
  return (
    <SideBySideView
      session={session}
      scenarioName={SCENARIO_PRESETS[presetId].name}
      names={Object.fromEntries(known)}
      force2d={params.get('gl') === '0'}
      simulateLink={(arch) => routeHash('simulate', new URLSearchParams({ preset: presetId, arch, view }))}
    />
  );
}

function SideBySideView(props: {
  session: SideBySideSession;
  scenarioName: string;
  names: Record<string, string>;
  force2d: boolean;
  simulateLink: (arch: string) => string;
}) {
  const state = useSyncExternalStore(props.session.subscribe, props.session.state);
  return (
    <SideBySidePage
      scenarioName={props.scenarioName}
      state={state}
      names={props.names}
      simulateLink={props.simulateLink}
      scene={(pane) => (
        <SceneView
          layout={pane.layout}
          buffer={pane.buffer}
          actor={state.actor!}
          selection={null}
          onSelect={() => {}}
          force2d={props.force2d}
          narration={false}
          antialias={false}
        />
      )}
    />
  );
}
