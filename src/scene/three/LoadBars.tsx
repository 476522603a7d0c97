import { useFrame } from '@react-three/fiber';
import { useLayoutEffect, useMemo, useRef } from 'react';
import * as THREE from 'three';
import { simUsPerMs } from '../../machines/simulate/playback';
import { hexToRgb, QUEUE_COLOR, UTIL_HIGH, UTIL_LOW } from '../palette';
import type { Scene3DProps } from '../sceneProps';
import { setBox, unitBox } from './primitives';

const LOW = new THREE.Color(UTIL_LOW);
const HIGH = new THREE.Color(UTIL_HIGH);
const QUEUE_RGB = hexToRgb(QUEUE_COLOR);
/** Written for each bar of each frame (the frame loop is synchronous): no new colour per frame. */
const scratchColor = new THREE.Color();

/** Load view: per resource, a bar for utilisation and one for the queue, from the worker's samples. */
export function LoadBars({ layout, scene, buffer, actor, onSelect, detail }: Scene3DProps) {
  const util = useRef<THREE.InstancedMesh>(null);
  const queue = useRef<THREE.InstancedMesh>(null);
  const n = layout.stations.length;
  // The stations drawn: a far node (lod.ts) keeps its node-level bars (CPU, node proxy), not its pods'.
  const shown = useMemo(() => {
    const list: number[] = [];
    layout.stations.forEach((s, i) => {
      if (!s.pod || !detail || detail[s.node] === 1) list.push(i);
    });
    return Int32Array.from(list);
  }, [layout, detail]);
  const mean = useMemo(() => new Float64Array(n), [n]);
  const last = useRef({ t: -1, v: -1 });
  useLayoutEffect(() => {
    for (const m of [util.current, queue.current]) {
      if (!m) continue;
      m.instanceColor = new THREE.InstancedBufferAttribute(new Float32Array(n * 3), 3);
      const { center, span } = scene.bounds;
      m.boundingSphere = new THREE.Sphere(new THREE.Vector3(center[0], 0, center[2]), span * 2);
    }
    last.current = { t: -1, v: -1 };
  }, [n, scene, shown]);
  useFrame(() => {
    const u = util.current;
    const q = queue.current;
    if (!u || !q) return;
    const { t, slowdown } = actor.getSnapshot().context;
    if (t === last.current.t && buffer.version === last.current.v) return;
    last.current = { t, v: buffer.version };
    const m = buffer.meanBusy(t, 1000 * simUsPerMs(slowdown), mean);
    const now = buffer.sampleAt(t);
    const ua = u.instanceMatrix.array as Float32Array;
    const qa = q.instanceMatrix.array as Float32Array;
    const uc = u.instanceColor!.array as Float32Array;
    const qc = q.instanceColor!.array as Float32Array;
    const c = scratchColor;
    const [qr, qg, qb] = QUEUE_RGB;
    for (let k = 0; k < shown.length; k++) {
      const i = shown[k];
      const at = scene.stationAt[i];
      const f = m ? Math.min(1, m[i] / layout.stations[i].servers) : 0;
      const h = 0.05 + 1.4 * f;
      const w = 0.22;
      const o = k * 16;
      setBox(ua, o, at[0], at[1] + h / 2, at[2], w, h, w);
      c.copy(LOW).lerp(HIGH, f);
      uc[k * 3] = c.r;
      uc[k * 3 + 1] = c.g;
      uc[k * 3 + 2] = c.b;
      const waiting = now ? now.queue[i] : 0;
      const qh = waiting > 0 ? 0.35 * Math.log2(1 + waiting) : 0.0001;
      setBox(qa, o, at[0] + 0.27, at[1] + qh / 2, at[2], w, qh, w);
      qc[k * 3] = qr;
      qc[k * 3 + 1] = qg;
      qc[k * 3 + 2] = qb;
    }
    u.count = shown.length;
    q.count = shown.length;
    u.instanceMatrix.needsUpdate = true;
    q.instanceMatrix.needsUpdate = true;
    u.instanceColor!.needsUpdate = true;
    q.instanceColor!.needsUpdate = true;
  });
  const pick = (e: { stopPropagation: () => void; instanceId?: number }) => {
    e.stopPropagation();
    if (e.instanceId !== undefined && e.instanceId < shown.length)
      onSelect({ kind: 'station', index: shown[e.instanceId] });
  };
  return (
    <group>
      <instancedMesh
        ref={util}
        args={[unitBox, undefined, n]}
        frustumCulled={false}
        name="utilisation"
        onClick={pick}
      >
        <meshLambertMaterial color="#ffffff" />
      </instancedMesh>
      <instancedMesh
        ref={queue}
        args={[unitBox, undefined, n]}
        frustumCulled={false}
        name="queues"
        onClick={pick}
      >
        <meshLambertMaterial color="#ffffff" />
      </instancedMesh>
    </group>
  );
}
