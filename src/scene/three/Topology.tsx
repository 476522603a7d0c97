import { useMemo } from 'react';
import * as THREE from 'three';
import { KERNEL_THICKNESS, KERNEL_Y, POD, type SceneLayout } from '../layout';
import { COMPONENT_COLOR, HOOK_COLOR, PRESENTATION_LABEL_SIZE, PROTECTION_COLOR } from '../palette';
import type { Scene3DProps } from '../Scene3D';
import { Boxes, Label, LinkSegments, type Box } from './primitives';

/** Node labels ride this high (pod labels at 1.5), over the back edge. */
const NODE_LABEL_Y = 2.6;

export function Topology({ layout, scene, onSelect, presentation }: Scene3DProps) {
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
  const labelSize = presentation ? PRESENTATION_LABEL_SIZE : 1;
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
        // Above the node's back edge and higher than the pod labels, so it never sits on a pod's own label.
        <Label key={`n${n.index}`} text={`node ${n.index}${layout.nodeProxies.length ? ` · ${layout.architecture.nodeproxy}` : ''}`} position={[n.center[0], NODE_LABEL_Y, n.center[2] - n.depth / 2 + 0.2]} height={0.55 * labelSize} />
      ))}
      {scene.nodes.map((n) => (
        <Label key={`k${n.index}`} text="kernel" position={[n.center[0] + n.width / 2 - 0.9, KERNEL_Y - 0.05, n.center[2] + n.depth / 2 + 0.3]} height={0.35 * labelSize} />
      ))}
      {showPodLabels && scene.pods.map((p) => <Label key={p.id} text={p.id} position={[p.center[0], 1.5, p.center[2]]} height={0.38 * labelSize} />)}
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

export function Links({ scene }: { scene: SceneLayout }) {
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
