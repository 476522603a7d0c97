import { useFrame } from '@react-three/fiber';
import { useLayoutEffect, useMemo, useRef } from 'react';
import * as THREE from 'three';
import { simUsPerMs } from '../../machines/simulate/playback';
import type { TraceEvent } from '../../machines/simulate/buffer';
import {
  MIN_PACKET_PX,
  packetScaleForSpan,
  visiblePackets,
  writePackets,
  type PacketScreen,
} from '../packets';
import { PACKET_LIFT, PACKET_SIZE, PRESENTATION_PACKET_SIZE } from '../palette';
import type { Scene3DProps } from '../sceneProps';

const packetGeometry = new THREE.OctahedronGeometry(1, 0);

export function Packets({
  layout,
  scene,
  buffer,
  actor,
  maxPackets,
  probe,
  onSelect,
  presentation,
}: Scene3DProps) {
  const size =
    PACKET_SIZE * (presentation ? PRESENTATION_PACKET_SIZE : 1) * packetScaleForSpan(scene.bounds.span);
  const ref = useRef<THREE.InstancedMesh>(null);
  const work = useMemo(
    () => ({
      keys: [] as TraceEvent[],
      list: [] as TraceEvent[],
      scratch: [] as TraceEvent[],
    }),
    [maxPackets],
  );
  useLayoutEffect(() => {
    const m = ref.current;
    if (!m) return;
    m.instanceColor = new THREE.InstancedBufferAttribute(new Float32Array(maxPackets * 3), 3);
    m.instanceColor.setUsage(THREE.DynamicDrawUsage);
    m.instanceMatrix.setUsage(THREE.DynamicDrawUsage);
    m.count = 0;
    const { center, span } = scene.bounds;
    m.boundingSphere = new THREE.Sphere(new THREE.Vector3(center[0], 0, center[2]), span * 2);
  }, [maxPackets, scene]);
  const screen = useMemo<PacketScreen>(
    () => ({ pos: [0, 0, 0], fwd: [0, 0, -1], k: 1, minPx: MIN_PACKET_PX, minPxDrawn: Infinity }),
    [],
  );
  const dir = useMemo(() => new THREE.Vector3(), []);
  useFrame(({ camera, size: canvas }) => {
    const m = ref.current;
    if (!m) return;
    // The camera as it is now, so far packets keep a minimum size on screen.
    camera.getWorldDirection(dir);
    screen.pos[0] = camera.position.x;
    screen.pos[1] = camera.position.y;
    screen.pos[2] = camera.position.z;
    screen.fwd[0] = dir.x;
    screen.fwd[1] = dir.y;
    screen.fwd[2] = dir.z;
    const fov = (camera as THREE.PerspectiveCamera).fov ?? 45;
    screen.k = canvas.height / (2 * Math.tan((fov / 2) * (Math.PI / 180)));
    const started = performance.now();
    const { t, slowdown } = actor.getSnapshot().context;
    visiblePackets(buffer, t, 400 * simUsPerMs(slowdown), work.list, work.scratch);
    const n = writePackets(
      work.list,
      t,
      layout.hops,
      scene,
      m.instanceMatrix.array as Float32Array,
      m.instanceColor!.array as Float32Array,
      work.keys,
      maxPackets,
      size,
      PACKET_LIFT,
      screen,
    );
    m.count = n;
    // Upload only the instances in use, not the whole capacity.
    m.instanceMatrix.clearUpdateRanges();
    m.instanceMatrix.addUpdateRange(0, Math.max(1, n) * 16);
    m.instanceColor!.clearUpdateRanges();
    m.instanceColor!.addUpdateRange(0, Math.max(1, n) * 3);
    m.instanceMatrix.needsUpdate = true;
    m.instanceColor!.needsUpdate = true;
    probe.packets = n;
    probe.packetMinPx = n > 0 ? screen.minPxDrawn : null;
    probe.updateMs += performance.now() - started;
    probe.updates++;
  });
  return (
    <instancedMesh
      ref={ref}
      args={[packetGeometry, undefined, maxPackets]}
      frustumCulled={false}
      renderOrder={10}
      name="packets"
      onClick={(e) => {
        e.stopPropagation();
        const ev = e.instanceId !== undefined ? work.keys[e.instanceId] : undefined;
        if (ev) onSelect({ kind: 'event', event: ev });
      }}
    >
      {/* Drawn over the boxes they pass (proxies, kernels), never hidden inside them. */}
      <meshLambertMaterial color="#ffffff" depthTest={false} depthWrite={false} />
    </instancedMesh>
  );
}
