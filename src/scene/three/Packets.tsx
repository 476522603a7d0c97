import { useFrame } from '@react-three/fiber';
import { useLayoutEffect, useMemo, useRef } from 'react';
import * as THREE from 'three';
import { simUsPerMs } from '../../machines/simulate/playback';
import type { TraceEvent } from '../../machines/simulate/buffer';
import { packetScaleForSpan, visiblePackets, writePackets } from '../packets';
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
  useFrame(() => {
    const m = ref.current;
    if (!m) return;
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
