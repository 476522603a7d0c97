import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useMemo, useRef } from 'react';
import * as THREE from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import type { TraceEvent } from '../../machines/simulate/buffer';
import { easeCamera, nearPlaneBefore } from '../cameraEase';
import { followedPacket, followGoal, newGoal, type CameraGoal } from '../followCamera';
import { STACK_PARTS } from '../kernelStack';
import { pointAlong, type Vec3 } from '../layout';
import { overviewPose } from '../overview';
import { pathOverlayBox } from '../sceneLabels';
import { packetPosition } from '../packets';
import { EMPHASIS_COLOR, PACKET_LIFT } from '../palette';
import type { Scene3DProps } from '../sceneProps';
import { stackWall, stackWallHalf } from './KernelStack';

/** The selected hop's path and a halo on its packet (or on the selected resource). */
export function Highlight({ scene, selection, actor }: Scene3DProps) {
  const halo = useRef<THREE.Mesh>(null);
  const event = selection?.kind === 'event' ? selection.event : null;
  const line = useMemo(() => {
    if (!event) return null;
    const path = scene.paths[event.hop];
    if (!path) return null;
    const g = new THREE.BufferGeometry().setFromPoints(
      path.map((v) => new THREE.Vector3(v[0], v[1] + PACKET_LIFT, v[2])),
    );
    return new THREE.Line(g, new THREE.LineBasicMaterial({ color: EMPHASIS_COLOR }));
  }, [event, scene]);
  useEffect(
    () => () => {
      line?.geometry.dispose();
      (line?.material as THREE.Material | undefined)?.dispose();
    },
    [line],
  );
  const p: Vec3 = [0, 0, 0];
  useFrame(() => {
    const h = halo.current;
    if (!h) return;
    if (event) {
      const t = actor.getSnapshot().context.t;
      const inHop = t >= event.enter && t <= event.leave;
      if (inHop) packetPosition(event, t, scene, p);
      else pointAlong(scene.paths[event.hop] ?? [[0, 0, 0]], 1, p);
      h.position.set(p[0], p[1] + PACKET_LIFT, p[2]);
      h.visible = true;
    } else if (selection?.kind === 'station') {
      const at = scene.stationAt[selection.index];
      h.position.set(at[0], at[1] + 0.5, at[2]);
      h.visible = true;
    } else h.visible = false;
  });
  return (
    <group>
      {line && <primitive object={line} />}
      <mesh ref={halo} visible={false}>
        <sphereGeometry args={[0.5, 12, 8]} />
        <meshBasicMaterial color={EMPHASIS_COLOR} wireframe />
      </mesh>
    </group>
  );
}

/** The camera's near plane (Scene3D's canvas is made with it; the kernel view moves it and puts it back). */
export const CAMERA_NEAR = 0.1;

export function CameraRig({
  scene,
  camera: preset,
  buffer,
  actor,
  selection,
  reducedMotion,
  emphasis,
  probe,
  routeStore,
  presentation = false,
}: Scene3DProps) {
  const { camera, gl, invalidate, size } = useThree();
  const aspect = size.height > 0 ? size.width / size.height : 1.5;
  const controls = useMemo(() => new OrbitControls(camera, gl.domElement), [camera, gl]);
  const goal = useRef<CameraGoal | null>(null);
  useEffect(() => {
    const onChange = () => invalidate();
    controls.addEventListener('change', onChange);
    controls.target.set(scene.bounds.center[0], -0.6, scene.bounds.center[2]);
    controls.update();
    return () => {
      controls.removeEventListener('change', onChange);
      controls.dispose();
    };
  }, [controls, invalidate, scene]);

  useEffect(() => {
    // Following starts from the overview too: with no packet in flight yet (a lesson's step that turns the
    // camera while paused), the camera left where the kernel view had put it showed an empty frame.
    if (preset.kind === 'overview' || preset.kind === 'follow') {
      // Back off until every corner of the scene fits the canvas, however narrow, above the band the
      // path overlay takes while a request plays (see overview.ts).
      const band =
        size.height > 0 ? pathOverlayBox(size.width, size.height, presentation).h / size.height : 0;
      const pose = overviewPose(scene.bounds, aspect, 45, band);
      goal.current = { target: [...pose.target], pos: [...pose.position] };
    } else {
      const n = scene.nodes[preset.node] ?? scene.nodes[0];
      // Facing the node's network stack (KernelStack), from a little above, far enough back for both
      // columns to fit a narrow canvas; the slab and the packets riding it show above the wall.
      const c = stackWall(n, STACK_PARTS.length).center;
      const back = Math.max(7.5, 10 / Math.min(aspect, 1.6));
      goal.current = {
        target: [c[0], c[1] + 0.3, c[2]],
        pos: [c[0], c[1] + 1.8, c[2] + back],
      };
    }
    probe.cameraSettled = goal.current === null;
    // What the camera is heading for, set with the goal: a reader waiting on 'settled' can tell the new
    // preset's rest from the previous one's.
    probe.cameraPreset = preset.kind === 'kernel' ? `kernel:${preset.node}` : preset.kind;
    if (preset.kind !== 'follow') probe.cameraFollows = null;
    invalidate();
  }, [preset, scene, invalidate, aspect, probe, size, presentation]);

  // Scratch written every frame (the follow camera moves each one): no new vectors or arrays per frame.
  const scratch = useMemo(
    () => ({
      list: [] as TraceEvent[],
      at: [0, 0, 0] as Vec3,
      pos: [0, 0, 0] as Vec3,
      target: [0, 0, 0] as Vec3,
      follow: newGoal(),
    }),
    [],
  );
  useFrame((_, dt) => {
    if (preset.kind === 'follow') {
      const t = actor.getSnapshot().context.t;
      buffer.inFlight(t, scratch.list);
      // The packet picked, else the one a lesson points at, else the request the path overlay draws
      // (held to its end, so the camera does not jump to another request at every hop), else the first.
      const wanted =
        selection?.kind === 'event'
          ? selection.event.request
          : (emphasis?.packet ?? routeStore?.get()?.request ?? null);
      const e = followedPacket(scratch.list, wanted);
      probe.cameraFollows = e ? e.request : null;
      if (e) {
        packetPosition(e, t, scene, scratch.at);
        goal.current = followGoal(scratch.at, scratch.follow);
      }
    }
    const g = goal.current;
    if (!g) return;
    const pos = camera.position.toArray(scratch.pos) as Vec3;
    const target = controls.target.toArray(scratch.target) as Vec3;
    const done = easeCamera(pos, target, g, dt, reducedMotion);
    camera.position.fromArray(pos);
    controls.target.fromArray(target);
    controls.update();
    if (done && preset.kind !== 'follow') {
      goal.current = null;
      probe.cameraSettled = true;
    } else {
      probe.cameraSettled = false;
      if (!done) invalidate();
    }
  });
  // After the ease above, so the plane is worked out from where the camera now is. Looking into a
  // node's kernel: the near plane stands just in front of its stack, so the nodes in
  // front of that node (a row nearer the camera, at scale) are clipped instead of hiding the stack; and
  // a click passes through what is clipped. Elsewhere the canvas's own near plane.
  const wall = useMemo(() => {
    if (preset.kind !== 'kernel') return null;
    const n = scene.nodes[preset.node] ?? scene.nodes[0];
    return n
      ? { center: stackWall(n, STACK_PARTS.length).center, half: stackWallHalf(STACK_PARTS.length) }
      : null;
  }, [preset, scene]);
  const raycaster = useThree((s) => s.raycaster);
  // Scratch of its own (the follow camera's is rewritten in the frame above).
  const view = useMemo(
    () => ({ dir: new THREE.Vector3(), pos: [0, 0, 0] as Vec3, along: [0, 0, 0] as Vec3 }),
    [],
  );
  useFrame(() => {
    const near = wall
      ? nearPlaneBefore(
          camera.position.toArray(view.pos) as Vec3,
          camera.getWorldDirection(view.dir).toArray(view.along) as Vec3,
          wall.center,
          wall.half,
          CAMERA_NEAR,
        )
      : CAMERA_NEAR;
    if (camera instanceof THREE.PerspectiveCamera && camera.near !== near) {
      camera.near = near;
      camera.updateProjectionMatrix();
    }
    raycaster.near = near;
  });
  return null;
}
