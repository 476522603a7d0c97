import { Canvas, useFrame, useThree } from '@react-three/fiber';
import { useSelector } from '@xstate/react';
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type * as THREE from 'three';
import { selectedNode } from './linkFilter';
import { STAGE_BG } from './palette';
import { nodeDetail, type NodeDetail } from './lod';
import { overviewPose } from './overview';
import { projector } from './screen';
import type { PlaybackActor } from '../machines/simulate/playback';
import type { TraceBuffer } from '../machines/simulate/buffer';
import type { SceneProbe } from './probe';
import type { Scene3DProps } from './sceneProps';
import { CAMERA_NEAR, CameraRig, Highlight } from './three/CameraRig';
import { Emphasis } from './three/Emphasis';
import { BoxBatch } from './three/boxes';
import { KernelStack } from './three/KernelStack';
import { LabelBatch } from './three/labels';
import { LoadBars } from './three/LoadBars';
import { Packets } from './three/Packets';
import { frameloopFor, precompile } from './three/precompile';
import { RoutePath } from './three/RoutePath';
import { ScreenLayer } from './three/ScreenLayer';
import { Staged } from './three/Staged';
import { Links, Topology } from './three/Topology';
import { useRouteShown } from './useRoute';

export type { CameraPreset, Scene3DProps } from './sceneProps';

// The route changes up to ten times a second while playing; RoutePath and KernelStack read it from its
// store and render again with it, this view does not. What does not change with playback is memoised
// (its per-frame work is in useFrame, by reference).
const StillTopology = memo(Topology);
const StillLinks = memo(Links);
const StillPackets = memo(Packets);
const StillLoadBars = memo(LoadBars);
const StillHighlight = memo(Highlight);
const StillEmphasis = memo(Emphasis);
const StillCameraRig = memo(CameraRig);
const StillScreenLayer = memo(ScreenLayer);

const BG = STAGE_BG;

/** The 3D view: static topology as instanced meshes, packets as one instanced mesh updated per frame by reference. */
export function Scene3D(props: Scene3DProps) {
  const playing = useSelector(props.actor, (s) => s.matches('playing'));
  const { center, span } = props.scene.bounds;
  const focus =
    props.camera.kind === 'kernel' ? props.camera.node : selectedNode(props.selection, props.layout);
  // Level of detail starts from the overview on a typical canvas; the first frame corrects it.
  const first = useMemo(() => initialDetail(props.scene), [props.scene]);
  const [state, setDetail] = useState<{ scene: unknown; detail: NodeDetail } | null>(null);
  const detail = state?.scene === props.scene ? state.detail : first;
  const onDetail = useMemo(
    () => (d: NodeDetail) => setDetail({ scene: props.scene, detail: d }),
    [props.scene],
  );
  const overlay = useRef<HTMLDivElement>(null);
  // No frame until the scene's shaders are compiled (see three/precompile.ts).
  const [compiled, setCompiled] = useState(false);
  const onCompiled = useCallback(() => setCompiled(true), []);
  const p = { ...props, detail };
  const pathShown = useRouteShown(props.routeStore);
  return (
    <>
      <Canvas
        role="img"
        aria-label={p.label}
        frameloop={frameloopFor(compiled, playing)}
        dpr={p.antialias ? [1, 2] : 1}
        gl={{ antialias: p.antialias, powerPreference: 'high-performance' }}
        camera={{
          fov: 45,
          near: CAMERA_NEAR,
          far: span * 20 + 100,
          position: [center[0], span * 0.55, center[2] + span * 0.85],
        }}
        onCreated={() => p.onCreated?.()}
      >
        <color attach="background" args={[BG]} />
        {/* A lesson's highlight dims everything lit; its own marks are unlit, so they stand out. */}
        <ambientLight intensity={p.emphasis ? 0.6 : 1.1} />
        <directionalLight position={[span * 0.3, span, span * 0.6]} intensity={p.emphasis ? 0.9 : 1.6} />
        {/* The scene is built after the context, in tasks that yield (Staged.tsx). */}
        <Staged>
          {/* Batches draw the topology's opaque boxes and its labels in one draw call each. */}
          <BoxBatch>
            <LabelBatch>
              <StillTopology {...p} />
              <KernelStack {...p} />
            </LabelBatch>
          </BoxBatch>
          <StillLinks {...p} />
          <RoutePath {...p} />
          <StillPackets {...p} />
          {p.showLoad && <StillLoadBars {...p} />}
          <StillHighlight {...p} />
          {p.emphasis && <StillEmphasis {...p} emphasis={p.emphasis} />}
          <StillCameraRig {...p} />
          <Invalidator actor={p.actor} buffer={p.buffer} detail={detail} compiled={compiled} />
          <FrameCounter probe={p.probe} />
          <StillScreenLayer
            scene={p.scene}
            detail={detail}
            onDetail={onDetail}
            focus={focus}
            overlay={overlay}
            presentation={p.presentation ?? false}
            camera={p.camera}
            probe={p.probe}
            pathShown={pathShown}
          />
          {!compiled && <Precompile onReady={onCompiled} />}
        </Staged>
      </Canvas>
      <div ref={overlay} className="sim-labels" aria-hidden="true" data-testid="scene-labels" />
    </>
  );
}

function initialDetail(scene: Scene3DProps['scene']): NodeDetail {
  const pose = overviewPose(scene.bounds, 1.6);
  return nodeDetail(scene, projector({ ...pose, fovDeg: 45, width: 800, height: 500 }), null);
}

function FrameCounter({ probe }: { probe: SceneProbe }) {
  useFrame(({ scene }) => {
    // Every 30th frame, count what is drawn (the benchmark's bare page draws as many instances).
    if (probe.frames++ % 30 === 0) probe.instances = countInstances(scene);
  });
  return null;
}

function countInstances(root: THREE.Object3D): number {
  let n = 0;
  root.traverseVisible((o) => {
    if ((o as THREE.InstancedMesh).isInstancedMesh) n += (o as THREE.InstancedMesh).count;
    else if ((o as THREE.Mesh).isMesh || (o as THREE.Line).isLine) n++;
  });
  return n;
}

/** While paused the canvas renders on demand: redraw when playback or the data change. */
function Invalidator({
  actor,
  buffer,
  detail,
  compiled,
}: {
  actor: PlaybackActor;
  buffer: TraceBuffer;
  detail: NodeDetail;
  compiled: boolean;
}) {
  const invalidate = useThree((s) => s.invalidate);
  // A change of detail rewrites the static meshes (and the first frame waits for the shaders): draw them.
  useEffect(() => invalidate(), [detail, compiled, invalidate]);
  useEffect(() => {
    const sub = actor.subscribe(() => invalidate());
    const unsub = buffer.subscribe(() => invalidate());
    return () => {
      sub.unsubscribe();
      unsub();
    };
  }, [actor, buffer, invalidate]);
  return null;
}

/**
 * Starts compiling every material in the scene once it is built — a frame after mounting, when the
 * batches' second render (boxes and labels gathered from their children) has added its meshes — and
 * reports when the programs are ready.
 */
function Precompile({ onReady }: { onReady: () => void }) {
  const gl = useThree((s) => s.gl);
  const scene = useThree((s) => s.scene);
  const camera = useThree((s) => s.camera);
  useEffect(() => {
    let live = true;
    const id = requestAnimationFrame(() => void precompile(gl, scene, camera).then(() => live && onReady()));
    return () => {
      live = false;
      cancelAnimationFrame(id);
    };
  }, [gl, scene, camera, onReady]);
  return null;
}
