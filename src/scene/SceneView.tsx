import { Component, memo, Suspense, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { PlaybackActor } from '../machines/simulate/playback';
import type { TraceBuffer, TraceEvent } from '../machines/simulate/buffer';
import type { Selection } from '../machines/simulate/selection';
import type { ShownAs } from '../machines/simulate/sessionMachine';
import type { Highlight } from '../model/lesson';
import type { TraceLayout } from '../worker/trace/protocol';
import { sceneChange } from './archTransition';
import { computeLayout } from './layout';
import { describeScene } from './describeScene';
import { Legend, type TermLink } from './Legend';
import { LinkFilterControl } from './LinkFilterControl';
import { defaultLinkFilter, type LinkFilter } from './linkFilter';
import { PathOverlay } from './PathOverlay';
import { emphasisOf } from './emphasis';
import { NO_HIGHLIGHT, NO_LABELS, NO_PATH, pathProbe, publishProbe, type SceneProbe } from './probe';
import { Scene2D } from './Scene2D';
import type { CameraPreset } from './Scene3D';
import { LazyScene3D } from './scene3dChunk';
import { Narrator } from './Narrator';
import { ScenePicker } from './ScenePicker';
import { TopologyTable } from './TopologyTable';
import './sceneView.css';
import { useRenderCount } from './renderCount';
import { useFollowReport } from './useFollowReport';
import { useRoute, useRouteView, type RouteStore } from './useRoute';
import { webglSupport } from './webgl';

export interface SceneViewProps {
  layout: TraceLayout;
  buffer: TraceBuffer;
  actor: PlaybackActor;
  selection: Selection;
  onSelect: (s: Selection) => void;
  /** Draw the 2D view even where WebGL works (URL switch, for tests and old machines). */
  force2d?: boolean;
  antialias?: boolean;
  maxPackets?: number;
  /** Presentation mode (projector): larger packets and labels. */
  presentation?: boolean;
  /** Where the camera looks, when the page's session holds it (otherwise the view keeps its own). */
  camera?: CameraPreset;
  onCamera?: (c: CameraPreset) => void;
  /** The architecture switch that led here: the layout before it and the caption naming what changed. */
  archSwitch?: { previous: TraceLayout; next: TraceLayout; caption: string } | null;
  /** What a lesson's narration points at (the Simulate session's highlight): emphasised, the rest dimmed. */
  highlight?: Highlight | null;
  /** Links the legend's words to the glossary (the page's popover). */
  termLink?: TermLink;
  /** The picture (3D or 2D) or the topology as tables, when the page's session holds it (else the view keeps its own). */
  shownAs?: ShownAs;
  onShownAs?: (s: ShownAs) => void;
  /**
   * The record of the request the camera follows when nobody picked one (null when it follows a pick or
   * does not follow): told when the followed request changes, and at each hop while paused or stepping.
   */
  onFollow?: (event: TraceEvent | null) => void;
  /** Offer the spoken narration of the followed request (off where several views play at once). */
  narration?: boolean;
  /** Whether it speaks, when the page's session holds it (else the view keeps its own, on at first). */
  narrate?: boolean;
  onNarrate?: (on: boolean) => void;
}

class Fallback extends Component<
  { onError: (msg: string) => void; children: ReactNode },
  { failed: boolean }
> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override componentDidCatch(error: unknown) {
    this.props.onError(error instanceof Error ? error.message : String(error));
  }
  override render() {
    return this.state.failed ? null : this.props.children;
  }
}

/** Renders `children` with the route now, again each time it changes (SceneView itself does not). */
function WithRoute({
  store,
  children,
}: {
  store: RouteStore;
  children: (route: ReturnType<RouteStore['get']>) => ReactNode;
}) {
  return children(useRouteView(store));
}

// The pictures draw playback by reference (useFrame, attribute writes); they render again only when
// what they are given changes, not whenever the page around them does.
const Picture2D = memo(Scene2D);
const Picture3D = memo(LazyScene3D);

const prefersReducedMotion = () =>
  typeof window !== 'undefined' &&
  typeof window.matchMedia === 'function' &&
  window.matchMedia('(prefers-reduced-motion: reduce)').matches;

/** The picture: the 3D scene where WebGL works, otherwise the 2D view with a notice saying why. */
export function SceneView(props: SceneViewProps) {
  useRenderCount('sceneView');
  const { layout } = props;
  const scene = useMemo(() => computeLayout(layout), [layout]);
  const [failure, setFailure] = useState<string | null>(() => {
    if (props.force2d) return 'the 2D view was asked for in the address (gl=0)';
    const s = webglSupport();
    return s.ok ? null : s.reason;
  });
  const mode: '3d' | '2d' = failure ? '2d' : '3d';
  const [ownShown, setOwnShown] = useState<ShownAs>('picture');
  const shown = props.shownAs ?? ownShown;
  const setShown = props.onShownAs ?? setOwnShown;
  const table = shown === 'table';
  const [ownNarrate, setOwnNarrate] = useState(true);
  const narrate = props.narrate ?? ownNarrate;
  const setNarrate = props.onNarrate ?? setOwnNarrate;
  const [ownCamera, setOwnCamera] = useState<CameraPreset>({ kind: 'overview' });
  const camera = props.camera ?? ownCamera;
  const setCamera = props.onCamera ?? setOwnCamera;
  const [kernelNode, setKernelNode] = useState(camera.kind === 'kernel' ? camera.node : 0);
  const [linkFilter, setLinkFilter] = useState<LinkFilter>(() => defaultLinkFilter(layout.nodes.length));
  // An architecture switch on the same scenario and view: what came and went, for the scene to animate.
  const sw = props.archSwitch;
  const sameRun =
    !!sw &&
    sw.next === layout &&
    sw.previous.scenarioName === layout.scenarioName &&
    sw.previous.seed === layout.seed &&
    sw.previous.view === layout.view &&
    sw.previous.architecture.id !== layout.architecture.id;
  // The caption of a switch can be put away (it covers the top of the picture); the next switch shows its own.
  const [captionHiddenFor, setCaptionHiddenFor] = useState<unknown>(null);
  const change = useMemo(
    () => (sameRun && sw ? sceneChange(computeLayout(sw.previous), scene) : null),
    [sameRun, sw, scene],
  );
  const probe = useMemo<SceneProbe>(
    () => ({
      mode,
      reason: failure,
      arch: layout.architecture.id,
      counts: scene.counts,
      packets: 0,
      frames: 0,
      // 3D: not until the camera rig has placed the camera (its first frame may come before its effect).
      cameraSettled: mode !== '3d',
      cameraPreset: '',
      cameraFollows: null,
      instances: 0,
      updateMs: 0,
      updates: 0,
      linksDrawn: 0,
      linkFilter: 'all',
      appearing: change?.appearing.size ?? 0,
      vanishing: change?.vanishing.length ?? 0,
      // A 3D transition is pending until its first frame reports: 0, not 1, so nobody reads it as done.
      growth: mode === '3d' && change && (change.appearing.size > 0 || change.vanishing.length > 0) ? 0 : 1,
      growthMin: 1,
      path: NO_PATH,
      kernel: null,
      lod: { aggregated: 0, expanded: scene.counts.nodes },
      labels: NO_LABELS,
      packetMinPx: null,
      highlight: { ...NO_HIGHLIGHT, screen: [] },
    }),
    [mode, failure, layout, scene, change],
  );
  useEffect(() => {
    publishProbe(probe);
  }, [probe]);
  const emphasis = useMemo(
    () => emphasisOf(props.highlight ?? null, layout, scene),
    [props.highlight, layout, scene],
  );
  useEffect(() => {
    // Fields, not a new object: the 3D view writes where the marks are on screen into the same one.
    const h = probe.highlight;
    h.marks = emphasis?.marks.length ?? 0;
    h.hops = emphasis?.hops.length ?? 0;
    h.links = emphasis?.links.length ?? 0;
    h.packet = emphasis?.packet ?? null;
    if (!emphasis) {
      h.screen = [];
      h.packetShown = false;
    }
  }, [probe, emphasis]);
  // The route changes up to ten times a second while playing: only the parts that draw it read it.
  const routes = useRoute(props.buffer, props.actor, scene, props.selection);
  useEffect(() => {
    const put = () => {
      probe.path = pathProbe(routes.get());
    };
    put();
    return routes.subscribe(put);
  }, [probe, routes]);
  // Following with nothing picked, the page's inspector shows the followed packet. (A lesson's packet is
  // followed as the lesson says; the inspector is not taken over then.)
  useFollowReport(
    props.onFollow,
    camera.kind === 'follow' && props.selection?.kind !== 'event' && emphasis?.packet == null,
    routes,
    props.buffer,
    props.actor,
  );
  // A new layout starts at the overview (a session resets its camera itself).
  useEffect(() => setOwnCamera({ kind: 'overview' }), [layout]);
  const label = describeScene(layout, scene.counts, mode);
  const maxPackets = props.maxPackets ?? (mode === '3d' ? 4096 : 600);
  const showLoad = layout.view === 'load';
  const c = scene.counts;
  // What both pictures draw; the 3D view adds its camera, antialiasing and motion preference.
  const drawn = {
    layout,
    scene,
    buffer: props.buffer,
    actor: props.actor,
    selection: props.selection,
    onSelect: props.onSelect,
    showLoad,
    maxPackets,
    probe,
    label,
    presentation: props.presentation ?? false,
    linkFilter,
    change,
    routeStore: routes,
    emphasis,
  };

  return (
    <div
      className="sim-scene"
      data-testid="scene"
      data-mode={mode}
      data-shown={shown}
      data-arch={layout.architecture.id}
      data-sidecars={c.sidecars}
      data-node-proxies={c.nodeProxies}
      data-waypoints={c.waypoints}
      data-ebpf-hooks={c.ebpfHooks}
      data-netfilter-hooks={c.netfilterHooks}
      data-highlight={emphasis ? 'on' : undefined}
    >
      {mode === '2d' && !table && (
        <p className="sim-notice" role="note" data-testid="no-webgl">
          Showing the 2D view because {failure}. Every panel still works; the picture is drawn from above,
          with each node’s kernel as a band along its front edge.
        </p>
      )}
      <div className="sim-scene-toolbar">
        {mode === '3d' && !table && (
          <div className="sim-scene-tools" role="group" aria-label="Camera">
            <span>Camera:</span>
            <button
              type="button"
              aria-pressed={camera.kind === 'overview'}
              onClick={() => setCamera({ kind: 'overview' })}
            >
              Overview
            </button>
            <button
              type="button"
              aria-pressed={camera.kind === 'follow'}
              onClick={() => setCamera({ kind: 'follow' })}
            >
              Follow a packet
            </button>
            <button
              type="button"
              aria-pressed={camera.kind === 'kernel'}
              onClick={() => {
                setCamera({ kind: 'kernel', node: kernelNode });
                props.onSelect({ kind: 'node', index: kernelNode });
              }}
            >
              Into the kernel of
            </button>
            <label>
              <span className="sr-only">Node whose kernel to look into</span>
              <select
                value={kernelNode}
                onChange={(e) => {
                  const n = Number(e.target.value);
                  setKernelNode(n);
                  setCamera({ kind: 'kernel', node: n });
                  // The node looked into is the selected node too: the inspector and "links of the selected node" follow it.
                  props.onSelect({ kind: 'node', index: n });
                }}
              >
                {layout.nodes.map((n) => (
                  <option key={n.index} value={n.index}>
                    node {n.index}
                  </option>
                ))}
              </select>
            </label>
          </div>
        )}
        {/* A filter for a single link would only be noise. */}
        {layout.links.length > 1 && !table && (
          <LinkFilterControl
            value={linkFilter}
            onChange={setLinkFilter}
            total={layout.links.length}
            selected={!!props.selection}
          />
        )}
      </div>
      {table ? (
        <WithRoute store={routes}>
          {(route) => <TopologyTable layout={layout} scene={scene} route={route} />}
        </WithRoute>
      ) : (
        <div className="sim-canvas">
          {sameRun && sw && captionHiddenFor !== sw && (
            <p className="sim-scene-caption" data-testid="arch-caption">
              {sw.caption}{' '}
              <button
                type="button"
                className="sim-caption-hide"
                aria-label="Hide what appeared and disappeared"
                title="Hide"
                onClick={() => setCaptionHiddenFor(sw)}
              >
                ×
              </button>
            </p>
          )}
          {mode === '3d' ? (
            <Fallback onError={(m) => setFailure(`the 3D view could not start (${m})`)}>
              <Suspense
                fallback={
                  <p role="status" className="sim-scene-loading" data-testid="scene-loading">
                    Loading the 3D view…
                  </p>
                }
              >
                <Picture3D
                  {...drawn}
                  camera={camera}
                  antialias={props.antialias ?? true}
                  reducedMotion={prefersReducedMotion()}
                />
              </Suspense>
            </Fallback>
          ) : (
            <Picture2D {...drawn} />
          )}
          <WithRoute store={routes}>{(route) => <PathOverlay route={route} />}</WithRoute>
        </div>
      )}
      {/* Below the picture, so adding it moves nothing drawn. */}
      <div className="sim-scene-toolbar">
        <div className="sim-scene-tools" role="group" aria-label="Show the topology as">
          <span>Show as:</span>
          <button
            type="button"
            aria-pressed={!table}
            onClick={() => setShown('picture')}
            data-testid="show-picture"
          >
            {mode === '3d' ? '3D picture' : '2D picture'}
          </button>
          <button
            type="button"
            aria-pressed={table}
            onClick={() => setShown('table')}
            data-testid="show-table"
          >
            Table
          </button>
        </div>
        {(props.narration ?? true) && (
          <WithRoute store={routes}>
            {(route) => (
              <Narrator
                route={route}
                hops={layout.hops}
                actor={props.actor}
                enabled={narrate}
                onEnabled={setNarrate}
              />
            )}
          </WithRoute>
        )}
      </div>
      <ScenePicker
        layout={layout}
        buffer={props.buffer}
        actor={props.actor}
        selection={props.selection}
        onSelect={props.onSelect}
      />
      {!table && <Legend layout={layout} view={layout.view} mode={mode} termLink={props.termLink} />}
    </div>
  );
}
