import { useRouteView } from '../useRoute';
import { useThree } from '@react-three/fiber';
import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import * as THREE from 'three';
import { stackView, type StackPartId } from '../kernelStack';
import { KERNEL_Y, type NodePlace, type Vec3 } from '../layout';
import { EMPHASIS_COLOR, HOOK_COLOR, KERNEL_PART_COLOR, STAGE_BG } from '../palette';
import type { Scene3DProps } from '../sceneProps';
import { Label, unitBox } from './primitives';

/** Plates of the stack: two columns in a wall facing the camera, in front of the node's kernel slab. */
const COLS = 2;
const ROW_H = 0.5;
const PLATE: Vec3 = [3.7, 0.4, 0.12];
const COL_W = 3.9;
const LABEL_H = 0.22;
/** How far in front of the slab's front edge the wall stands. */
const FRONT = 0.9;

const COLOR: Record<StackPartId, string> = {
  socket: KERNEL_PART_COLOR,
  'sock-ebpf': HOOK_COLOR['ebpf-socket'],
  tcpip: KERNEL_PART_COLOR,
  'nf-output': HOOK_COLOR.netfilter,
  conntrack: HOOK_COLOR.netfilter,
  routing: KERNEL_PART_COLOR,
  'nf-postrouting': HOOK_COLOR.netfilter,
  'nf-prerouting': HOOK_COLOR.netfilter,
  'tc-ebpf': HOOK_COLOR['ebpf-tc'],
  overlay: KERNEL_PART_COLOR,
  crypto: HOOK_COLOR.wireguard,
  loopback: KERNEL_PART_COLOR,
  veth: KERNEL_PART_COLOR,
};
const CROSSING = EMPHASIS_COLOR;
/** A part the design does not use: its colour mixed this far toward the background (dimmed, not hidden). */
const DIM = 0.78;
const BG = new THREE.Color(STAGE_BG);

/** Where the stack's wall stands for a node, and its centre (the kernel camera looks at it). */
export function stackWall(n: NodePlace, parts: number): { at: (i: number) => Vec3; center: Vec3 } {
  const rows = Math.ceil(parts / COLS);
  const top = KERNEL_Y + 0.1;
  const z = n.center[2] + n.depth / 2 + FRONT;
  return {
    at: (i) => [n.center[0] + (Math.floor(i / rows) - (COLS - 1) / 2) * COL_W, top - (i % rows) * ROW_H, z],
    center: [n.center[0], top - ((rows - 1) * ROW_H) / 2, z],
  };
}

/** Half the wall's size along x, y and z, scene units (every plate and a packet's width around them). */
export function stackWallHalf(parts: number): Vec3 {
  const rows = Math.ceil(parts / COLS);
  return [((COLS - 1) * COL_W + PLATE[0]) / 2 + 0.5, ((rows - 1) * ROW_H + PLATE[1]) / 2 + 0.5, 1];
}

/** The corners of the stack's wall (every plate), for keeping the picture's other labels off it. */
export function stackWallCorners(n: NodePlace, parts: number): Vec3[] {
  const w = stackWall(n, parts);
  const out: Vec3[] = [];
  for (const i of [0, parts - 1])
    for (const dx of [-0.5, 0.5])
      for (const dy of [-0.5, 0.5]) {
        const at = w.at(i);
        out.push([at[0] + dx * PLATE[0], at[1] + dy * PLATE[1], at[2]]);
      }
  return out;
}

/**
 * "Into the kernel": the node's network stack drawn as named plates — lit where the current design
 * uses the part, dimmed where it does not (so what eBPF replaces stays in view), and yellow where
 * the drawn request's current hop is crossing. Drawn only in the kernel view, for one node.
 */
export function KernelStack({ layout, scene, camera, routeStore, probe }: Scene3DProps) {
  const route = useRouteView(routeStore);
  const invalidate = useThree((s) => s.invalidate);
  const node = camera.kind === 'kernel' ? (scene.nodes[camera.node] ?? null) : null;
  const current = route?.current ?? null;
  const kind = current?.kind ?? null;
  const at = current?.node ?? -1;
  const view = useMemo(
    () => (node ? stackView(layout, node.index, kind === null ? null : { kind, node: at }) : null),
    // Recomputed when the hop crossed changes kind or node, not at every tick of the meter.
    [layout, node, kind, at],
  );
  useEffect(() => {
    probe.kernel = view
      ? {
          node: view.node,
          parts: view.parts.length,
          lit: view.parts.filter((p) => p.used).map((p) => p.id),
          dimmed: view.parts.filter((p) => !p.used).map((p) => p.id),
          crossing: view.parts.filter((p) => p.crossing).map((p) => p.id),
        }
      : null;
    invalidate();
  }, [view, probe, invalidate]);
  const ref = useRef<THREE.InstancedMesh>(null);
  const wall = useMemo(() => (node && view ? stackWall(node, view.parts.length) : null), [node, view]);
  useLayoutEffect(() => {
    const m = ref.current;
    if (!m || !view || !wall) return;
    const mat = new THREE.Matrix4();
    const c = new THREE.Color();
    view.parts.forEach((p, i) => {
      const at = wall.at(i);
      mat.makeScale(...PLATE).setPosition(at[0], at[1], at[2] - PLATE[2]);
      m.setMatrixAt(i, mat);
      c.set(p.crossing ? CROSSING : COLOR[p.id]);
      if (!p.used) c.lerp(BG, DIM);
      m.setColorAt(i, c);
    });
    m.instanceMatrix.needsUpdate = true;
    if (m.instanceColor) m.instanceColor.needsUpdate = true;
    m.computeBoundingSphere();
  }, [view, wall]);
  if (!view || !wall) return null;
  return (
    <group name="kernel-stack">
      <instancedMesh ref={ref} args={[unitBox, undefined, view.parts.length]} frustumCulled={false}>
        {/* Not tone-mapped: the plates keep the palette's colours exactly (lit, dimmed, crossing). */}
        <meshBasicMaterial toneMapped={false} />
      </instancedMesh>
      {view.parts.map((p, i) => {
        const at = wall.at(i);
        return (
          <Label
            key={p.id}
            text={p.used ? p.name : `${p.name} · unused`}
            position={[at[0], at[1], at[2] + 0.05]}
            height={LABEL_H}
          />
        );
      })}
    </group>
  );
}
