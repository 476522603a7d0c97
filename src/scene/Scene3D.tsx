import { Canvas, useFrame, useThree } from '@react-three/fiber';
import { useSelector } from '@xstate/react';
import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import * as THREE from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import { simUsPerMs, type PlaybackActor } from '../machines/playback';
import type { TraceBuffer, TraceEvent } from '../machines/trace/buffer';
import type { Selection } from '../machines/trace/selection';
import type { TraceLayout } from '../worker/trace/protocol';
import { KERNEL_THICKNESS, KERNEL_Y, POD, pointAlong, type SceneLayout, type Vec3 } from './layout';
import { packetPosition, visiblePackets, writePackets } from './packets';
import { COMPONENT_COLOR, hexToRgb, HOOK_COLOR, PROTECTION_COLOR, QUEUE_COLOR, UTIL_HIGH, UTIL_LOW } from './palette';
import type { SceneProbe } from './probe';

export type CameraPreset = { kind: 'overview' } | { kind: 'follow' } | { kind: 'kernel'; node: number };

export interface Scene3DProps {
  layout: TraceLayout;
  scene: SceneLayout;
  buffer: TraceBuffer;
  actor: PlaybackActor;
  selection: Selection;
  onSelect: (s: Selection) => void;
  camera: CameraPreset;
  antialias: boolean;
  showLoad: boolean;
  maxPackets: number;
  probe: SceneProbe;
  label: string;
  reducedMotion: boolean;
  onCreated?: () => void;
}

const BG = '#11151c';

/** The 3D view: static topology as instanced meshes, packets as one instanced mesh updated per frame by reference. */
export function Scene3D(p: Scene3DProps) {
  const playing = useSelector(p.actor, (s) => s.matches('playing'));
  const { center, span } = p.scene.bounds;
  return (
    <Canvas
      role="img"
      aria-label={p.label}
      frameloop={playing ? 'always' : 'demand'}
      dpr={p.antialias ? [1, 2] : 1}
      gl={{ antialias: p.antialias, powerPreference: 'high-performance' }}
      camera={{ fov: 45, near: 0.1, far: span * 20 + 100, position: [center[0], span * 0.55, center[2] + span * 0.85] }}
      onCreated={() => p.onCreated?.()}
    >
      <color attach="background" args={[BG]} />
      <ambientLight intensity={1.1} />
      <directionalLight position={[span * 0.3, span, span * 0.6]} intensity={1.6} />
      <Topology {...p} />
      <Links scene={p.scene} />
      <Packets {...p} />
      {p.showLoad && <LoadBars {...p} />}
      <Highlight {...p} />
      <CameraRig {...p} />
      <Invalidator actor={p.actor} buffer={p.buffer} />
      <FrameCounter probe={p.probe} />
    </Canvas>
  );
}

function FrameCounter({ probe }: { probe: SceneProbe }) {
  useFrame(() => {
    probe.frames++;
  });
  return null;
}

/** While paused the canvas renders on demand: redraw when playback or the data change. */
function Invalidator({ actor, buffer }: { actor: PlaybackActor; buffer: TraceBuffer }) {
  const invalidate = useThree((s) => s.invalidate);
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

interface Box {
  pos: Vec3;
  size: Vec3;
  color?: string;
}

const unitBox = new THREE.BoxGeometry(1, 1, 1);

function Boxes({ items, color, name, onPick, opacity = 1 }: { items: Box[]; color: string; name: string; onPick?: (i: number) => void; opacity?: number }) {
  const ref = useRef<THREE.InstancedMesh>(null);
  const perInstance = items.some((b) => b.color);
  useLayoutEffect(() => {
    const m = ref.current;
    if (!m) return;
    const mat = new THREE.Matrix4();
    const c = new THREE.Color();
    items.forEach((b, i) => {
      mat.makeScale(b.size[0], b.size[1], b.size[2]);
      mat.setPosition(b.pos[0], b.pos[1], b.pos[2]);
      m.setMatrixAt(i, mat);
      if (perInstance) m.setColorAt(i, c.set(b.color ?? color));
    });
    m.instanceMatrix.needsUpdate = true;
    if (m.instanceColor) m.instanceColor.needsUpdate = true;
    m.computeBoundingSphere();
  }, [items, color, perInstance]);
  if (!items.length) return null;
  return (
    <instancedMesh
      key={items.length}
      ref={ref}
      name={name}
      args={[unitBox, undefined, items.length]}
      onClick={onPick ? (e) => { e.stopPropagation(); if (e.instanceId !== undefined) onPick(e.instanceId); } : undefined}
    >
      <meshLambertMaterial color={perInstance ? '#ffffff' : color} transparent={opacity < 1} opacity={opacity} depthWrite={opacity >= 1} />
    </instancedMesh>
  );
}

function Label({ text, position, height = 0.5 }: { text: string; position: Vec3; height?: number }) {
  const { texture, aspect } = useMemo(() => {
    const c = document.createElement('canvas');
    const ctx = c.getContext('2d');
    const font = '600 48px system-ui, sans-serif';
    let w = 256;
    if (ctx) {
      ctx.font = font;
      w = Math.ceil(ctx.measureText(text).width) + 24;
    }
    c.width = w;
    c.height = 64;
    const g = c.getContext('2d');
    if (g) {
      g.font = font;
      g.fillStyle = 'rgba(17,21,28,0.75)';
      g.fillRect(0, 0, w, 64);
      g.fillStyle = '#f0f3f7';
      g.textBaseline = 'middle';
      g.fillText(text, 12, 34);
    }
    const texture = new THREE.CanvasTexture(c);
    texture.colorSpace = THREE.SRGBColorSpace;
    return { texture, aspect: w / 64 };
  }, [text]);
  useEffect(() => () => texture.dispose(), [texture]);
  return (
    <sprite position={position} scale={[height * aspect, height, 1]}>
      <spriteMaterial map={texture} transparent depthWrite={false} />
    </sprite>
  );
}

function Topology({ layout, scene, onSelect }: Scene3DProps) {
  const parts = useMemo(() => {
    const platforms: Box[] = [];
    const kernels: Box[] = [];
    const nics: Box[] = [];
    const hooks: Box[] = [];
    const proxies: Box[] = [];
    for (const n of scene.nodes) {
      platforms.push({ pos: [n.center[0], -0.12, n.center[2]], size: [n.width, 0.24, n.depth] });
      kernels.push({ pos: [n.kernel[0], KERNEL_Y - KERNEL_THICKNESS / 2, n.kernel[2]], size: [n.width, KERNEL_THICKNESS, n.depth] });
      nics.push({ pos: n.nic, size: [0.8, 0.3, 0.3] });
      for (const h of n.hooks) hooks.push({ pos: [h.at[0], h.at[1] - KERNEL_THICKNESS / 2, h.at[2] + 0.08], size: [0.75, 0.3, 0.2], color: HOOK_COLOR[h.kind] });
      if (n.proxy) proxies.push({ pos: n.proxy, size: [1.8, 0.7, 0.9] });
    }
    const pods: Box[] = [];
    const apps: Box[] = [];
    const sidecars: Box[] = [];
    const libraries: Box[] = [];
    const waypoints: Box[] = [];
    const podIds: string[] = [];
    for (const p of scene.pods) {
      podIds.push(p.id);
      pods.push({ pos: [p.center[0], 0.04, p.center[2]], size: [POD, 0.08, POD], color: p.role === 'loadgen' ? COMPONENT_COLOR.loadgen : COMPONENT_COLOR.pod });
      if (p.app) apps.push({ pos: p.app, size: [0.7, 0.7, 0.7] });
      if (p.sidecar) sidecars.push({ pos: p.sidecar, size: [0.5, 0.5, 0.5] });
      if (p.library) libraries.push({ pos: p.library, size: [0.35, 0.3, 0.35] });
      if (p.proxy) waypoints.push({ pos: p.proxy, size: [0.9, 0.8, 0.9] });
    }
    return { platforms, kernels, nics, hooks, proxies, pods, apps, sidecars, libraries, waypoints, podIds };
  }, [scene]);
  const podOf = (list: 'apps' | 'sidecars' | 'libraries' | 'waypoints') => {
    const ids = scene.pods.filter((p) => (list === 'apps' ? p.app : list === 'sidecars' ? p.sidecar : list === 'libraries' ? p.library : p.proxy)).map((p) => p.id);
    return (i: number) => onSelect({ kind: 'pod', id: ids[i] });
  };
  const showPodLabels = scene.pods.length <= 8;
  return (
    <group>
      {/* Platforms are see-through, so packets in the kernel beneath them stay visible. */}
      <Boxes name="platforms" items={parts.platforms} color={COMPONENT_COLOR.platform} opacity={0.55} onPick={(i) => onSelect({ kind: 'node', index: i })} />
      <Boxes name="kernels" items={parts.kernels} color={COMPONENT_COLOR.kernel} onPick={(i) => onSelect({ kind: 'node', index: i })} />
      <Boxes name="nics" items={parts.nics} color={COMPONENT_COLOR.nic} />
      <Boxes name="hooks" items={parts.hooks} color="#ffffff" onPick={(i) => onSelect({ kind: 'node', index: hookNode(scene, i) })} />
      <Boxes name="pods" items={parts.pods} color={COMPONENT_COLOR.pod} onPick={(i) => onSelect({ kind: 'pod', id: parts.podIds[i] })} />
      <Boxes name="apps" items={parts.apps} color={COMPONENT_COLOR.app} onPick={podOf('apps')} />
      <Boxes name="sidecars" items={parts.sidecars} color={COMPONENT_COLOR.sidecar} onPick={podOf('sidecars')} />
      <Boxes name="libraries" items={parts.libraries} color={COMPONENT_COLOR.library} onPick={podOf('libraries')} />
      <Boxes name="waypoints" items={parts.waypoints} color={COMPONENT_COLOR.waypoint} onPick={podOf('waypoints')} />
      <Boxes name="nodeproxies" items={parts.proxies} color={COMPONENT_COLOR.nodeproxy} onPick={(i) => onSelect({ kind: 'node', index: scene.nodes.filter((n) => n.proxy)[i].index })} />
      {scene.nodes.map((n) => (
        <Label key={`n${n.index}`} text={`node ${n.index}${layout.nodeProxies.length ? ` · ${layout.architecture.nodeproxy}` : ''}`} position={[n.center[0], 0.9 + n.depth * 0.02, n.center[2] - n.depth / 2 + 0.2]} height={0.55} />
      ))}
      {scene.nodes.map((n) => (
        <Label key={`k${n.index}`} text="kernel" position={[n.center[0] + n.width / 2 - 0.9, KERNEL_Y - 0.05, n.center[2] + n.depth / 2 + 0.3]} height={0.35} />
      ))}
      {showPodLabels && scene.pods.map((p) => <Label key={p.id} text={p.id} position={[p.center[0], 1.5, p.center[2]]} height={0.38} />)}
    </group>
  );
}

function hookNode(scene: SceneLayout, i: number): number {
  let k = i;
  for (const n of scene.nodes) {
    if (k < n.hooks.length) return n.index;
    k -= n.hooks.length;
  }
  return 0;
}

const unitCylinder = new THREE.CylinderGeometry(1, 1, 1, 8);

function Links({ scene }: { scene: SceneLayout }) {
  const groups = useMemo(() => {
    const out: Record<'mtls' | 'node' | 'plain', { pos: THREE.Vector3; quat: THREE.Quaternion; len: number }[]> = { mtls: [], node: [], plain: [] };
    const up = new THREE.Vector3(0, 1, 0);
    for (const l of scene.links) {
      const a = new THREE.Vector3(...l.from);
      const b = new THREE.Vector3(...l.to);
      const dir = b.clone().sub(a);
      const len = dir.length();
      if (len === 0) continue;
      dir.normalize();
      const quat = new THREE.Quaternion().setFromUnitVectors(up, dir);
      const dash = l.protection === 'plain' ? 0.5 : len;
      const gap = l.protection === 'plain' ? 0.35 : 0;
      for (let s = 0; s < len - 1e-9; s += dash + gap) {
        const segLen = Math.min(dash, len - s);
        out[l.protection].push({ pos: a.clone().addScaledVector(dir, s + segLen / 2), quat, len: segLen });
      }
    }
    return out;
  }, [scene]);
  return (
    <group>
      {(['mtls', 'node', 'plain'] as const).map((k) => <LinkSegments key={k} segs={groups[k]} color={PROTECTION_COLOR[k]} radius={k === 'plain' ? 0.07 : 0.1} />)}
    </group>
  );
}

function LinkSegments({ segs, color, radius }: { segs: { pos: THREE.Vector3; quat: THREE.Quaternion; len: number }[]; color: string; radius: number }) {
  const ref = useRef<THREE.InstancedMesh>(null);
  useLayoutEffect(() => {
    const m = ref.current;
    if (!m) return;
    const mat = new THREE.Matrix4();
    segs.forEach((s, i) => {
      mat.compose(s.pos, s.quat, new THREE.Vector3(radius, s.len, radius));
      m.setMatrixAt(i, mat);
    });
    m.instanceMatrix.needsUpdate = true;
    m.computeBoundingSphere();
  }, [segs, radius]);
  if (!segs.length) return null;
  return (
    <instancedMesh key={segs.length} ref={ref} args={[unitCylinder, undefined, segs.length]} name={`links-${color}`}>
      <meshBasicMaterial color={color} />
    </instancedMesh>
  );
}

const packetGeometry = new THREE.OctahedronGeometry(1, 0);

function Packets({ layout, scene, buffer, actor, maxPackets, probe, onSelect }: Scene3DProps) {
  const ref = useRef<THREE.InstancedMesh>(null);
  const work = useMemo(() => ({
    pos: new Float32Array(maxPackets * 3),
    scale: new Float32Array(maxPackets * 3),
    color: new Float32Array(maxPackets * 3),
    keys: [] as TraceEvent[],
    list: [] as TraceEvent[],
    scratch: [] as TraceEvent[],
  }), [maxPackets]);
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
    const n = writePackets(work.list, t, layout.hops, scene, work.pos, work.scale, work.color, work.keys, maxPackets);
    const a = m.instanceMatrix.array as Float32Array;
    for (let i = 0; i < n; i++) {
      const o = i * 16;
      const k = i * 3;
      a[o] = work.scale[k]; a[o + 1] = 0; a[o + 2] = 0; a[o + 3] = 0;
      a[o + 4] = 0; a[o + 5] = work.scale[k + 1]; a[o + 6] = 0; a[o + 7] = 0;
      a[o + 8] = 0; a[o + 9] = 0; a[o + 10] = work.scale[k + 2]; a[o + 11] = 0;
      a[o + 12] = work.pos[k]; a[o + 13] = work.pos[k + 1] + 0.45; a[o + 14] = work.pos[k + 2]; a[o + 15] = 1;
    }
    (m.instanceColor!.array as Float32Array).set(work.color.subarray(0, n * 3));
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
      name="packets"
      onClick={(e) => {
        e.stopPropagation();
        const ev = e.instanceId !== undefined ? work.keys[e.instanceId] : undefined;
        if (ev) onSelect({ kind: 'event', event: ev });
      }}
    >
      <meshLambertMaterial color="#ffffff" />
    </instancedMesh>
  );
}

const LOW = new THREE.Color(UTIL_LOW);
const HIGH = new THREE.Color(UTIL_HIGH);

/** Load view: per resource, a bar for utilisation and one for the queue, from the worker's samples. */
function LoadBars({ layout, scene, buffer, actor, onSelect }: Scene3DProps) {
  const util = useRef<THREE.InstancedMesh>(null);
  const queue = useRef<THREE.InstancedMesh>(null);
  const n = layout.stations.length;
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
  }, [n, scene]);
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
    const c = new THREE.Color();
    const [qr, qg, qb] = hexToRgb(QUEUE_COLOR);
    for (let i = 0; i < n; i++) {
      const at = scene.stationAt[i];
      const f = m ? Math.min(1, m[i] / layout.stations[i].servers) : 0;
      const h = 0.05 + 1.4 * f;
      const w = 0.22;
      const o = i * 16;
      setBox(ua, o, at[0], at[1] + h / 2, at[2], w, h, w);
      c.copy(LOW).lerp(HIGH, f);
      uc[i * 3] = c.r; uc[i * 3 + 1] = c.g; uc[i * 3 + 2] = c.b;
      const waiting = now ? now.queue[i] : 0;
      const qh = waiting > 0 ? 0.35 * Math.log2(1 + waiting) : 0.0001;
      setBox(qa, o, at[0] + 0.27, at[1] + qh / 2, at[2], w, qh, w);
      qc[i * 3] = qr; qc[i * 3 + 1] = qg; qc[i * 3 + 2] = qb;
    }
    u.count = n;
    q.count = n;
    u.instanceMatrix.needsUpdate = true;
    q.instanceMatrix.needsUpdate = true;
    u.instanceColor!.needsUpdate = true;
    q.instanceColor!.needsUpdate = true;
  });
  const pick = (e: { stopPropagation: () => void; instanceId?: number }) => {
    e.stopPropagation();
    if (e.instanceId !== undefined) onSelect({ kind: 'station', index: e.instanceId });
  };
  return (
    <group>
      <instancedMesh ref={util} args={[unitBox, undefined, n]} frustumCulled={false} name="utilisation" onClick={pick}>
        <meshLambertMaterial color="#ffffff" />
      </instancedMesh>
      <instancedMesh ref={queue} args={[unitBox, undefined, n]} frustumCulled={false} name="queues" onClick={pick}>
        <meshLambertMaterial color="#ffffff" />
      </instancedMesh>
    </group>
  );
}

function setBox(a: Float32Array, o: number, x: number, y: number, z: number, sx: number, sy: number, sz: number): void {
  a[o] = sx; a[o + 1] = 0; a[o + 2] = 0; a[o + 3] = 0;
  a[o + 4] = 0; a[o + 5] = sy; a[o + 6] = 0; a[o + 7] = 0;
  a[o + 8] = 0; a[o + 9] = 0; a[o + 10] = sz; a[o + 11] = 0;
  a[o + 12] = x; a[o + 13] = y; a[o + 14] = z; a[o + 15] = 1;
}

/** The selected hop's path and a halo on its packet (or on the selected resource). */
function Highlight({ scene, selection, actor }: Scene3DProps) {
  const halo = useRef<THREE.Mesh>(null);
  const event = selection?.kind === 'event' ? selection.event : null;
  const line = useMemo(() => {
    if (!event) return null;
    const path = scene.paths[event.hop];
    if (!path) return null;
    const g = new THREE.BufferGeometry().setFromPoints(path.map((v) => new THREE.Vector3(v[0], v[1] + 0.45, v[2])));
    return new THREE.Line(g, new THREE.LineBasicMaterial({ color: '#ffe14d' }));
  }, [event, scene]);
  useEffect(() => () => {
    line?.geometry.dispose();
    (line?.material as THREE.Material | undefined)?.dispose();
  }, [line]);
  const p: Vec3 = [0, 0, 0];
  useFrame(() => {
    const h = halo.current;
    if (!h) return;
    if (event) {
      const t = actor.getSnapshot().context.t;
      const inHop = t >= event.enter && t <= event.leave;
      if (inHop) packetPosition(event, t, scene, p);
      else pointAlong(scene.paths[event.hop] ?? [[0, 0, 0]], 1, p);
      h.position.set(p[0], p[1] + 0.45, p[2]);
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
        <meshBasicMaterial color="#ffe14d" wireframe />
      </mesh>
    </group>
  );
}

function CameraRig({ scene, camera: preset, buffer, actor, selection, reducedMotion }: Scene3DProps) {
  const { camera, gl, invalidate } = useThree();
  const controls = useMemo(() => new OrbitControls(camera, gl.domElement), [camera, gl]);
  const goal = useRef<{ pos: THREE.Vector3; target: THREE.Vector3 } | null>(null);
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
    const { center, span } = scene.bounds;
    if (preset.kind === 'overview') {
      goal.current = { target: new THREE.Vector3(center[0], -0.6, center[2]), pos: new THREE.Vector3(center[0], span * 0.55, center[2] + span * 0.85) };
    } else if (preset.kind === 'kernel') {
      const n = scene.nodes[preset.node] ?? scene.nodes[0];
      goal.current = {
        target: new THREE.Vector3(n.kernel[0], KERNEL_Y, n.kernel[2]),
        // From the front and a little above the kernel slab, under the platform, so packets riding on it show.
        pos: new THREE.Vector3(n.kernel[0], KERNEL_Y + 1.6, n.kernel[2] + n.depth * 0.5 + Math.max(n.width, 4) * 0.75),
      };
    } else goal.current = null;
    invalidate();
  }, [preset, scene, invalidate]);

  const list = useMemo(() => [] as TraceEvent[], []);
  const p: Vec3 = [0, 0, 0];
  useFrame((_, dt) => {
    if (preset.kind === 'follow') {
      const t = actor.getSnapshot().context.t;
      buffer.inFlight(t, list);
      const wanted = selection?.kind === 'event' ? selection.event.request : null;
      const e = list.find((x) => x.request === wanted) ?? list[0];
      if (e) {
        packetPosition(e, t, scene, p);
        const target = new THREE.Vector3(p[0], p[1], p[2]);
        goal.current = { target, pos: target.clone().add(new THREE.Vector3(0, 5, 7)) };
      }
    }
    const g = goal.current;
    if (!g) return;
    const k = reducedMotion ? 1 : 1 - Math.exp(-dt * 6);
    camera.position.lerp(g.pos, k);
    controls.target.lerp(g.target, k);
    controls.update();
    if (camera.position.distanceTo(g.pos) < 0.01 && controls.target.distanceTo(g.target) < 0.01) {
      if (preset.kind !== 'follow') goal.current = null;
    } else invalidate();
  });
  return null;
}
