import { useMemo } from 'react';
import { changingItems, type ChangingItem } from '../archTransition';
import { KERNEL_THICKNESS, KERNEL_Y, POD } from '../layout';
import { nodeBlocks } from '../lod';
import { COMPONENT_COLOR, HOOK_COLOR } from '../palette';
import type { Scene3DProps } from '../sceneProps';
import { ChangingBoxes } from './ChangingBoxes';
import { LinkLines } from './LinkLines';
import { Boxes, type Box } from './primitives';

const hookColor = (i: ChangingItem) => (i.hook ? HOOK_COLOR[i.hook] : '#ffffff');

/** Which component colour each kind of coming-and-going box has. */
const CHANGING: { kind: ChangingItem['kind']; name: string; color: string }[] = [
  { kind: 'sidecar', name: 'sidecars', color: COMPONENT_COLOR.sidecar },
  { kind: 'library', name: 'libraries', color: COMPONENT_COLOR.library },
  { kind: 'waypoint', name: 'waypoints', color: COMPONENT_COLOR.waypoint },
  { kind: 'nodeproxy', name: 'nodeproxies', color: COMPONENT_COLOR.nodeproxy },
  { kind: 'hook', name: 'hooks', color: '#ffffff' },
];

export function Topology({ scene, onSelect, change, reducedMotion, probe, detail }: Scene3DProps) {
  const parts = useMemo(() => {
    // Far nodes (lod.ts) are one block each: their pods and pod-level components are not drawn.
    const near = (node: number) => !detail || detail[node] === 1;
    const shown = (i: ChangingItem) => !i.pod || near(i.node);
    const platforms: Box[] = [];
    const kernels: Box[] = [];
    const nics: Box[] = [];
    for (const n of scene.nodes) {
      platforms.push({ pos: [n.center[0], -0.12, n.center[2]], size: [n.width, 0.24, n.depth] });
      kernels.push({
        pos: [n.kernel[0], KERNEL_Y - KERNEL_THICKNESS / 2, n.kernel[2]],
        size: [n.width, KERNEL_THICKNESS, n.depth],
      });
      nics.push({ pos: n.nic, size: [0.8, 0.3, 0.3] });
    }
    const pods: Box[] = [];
    const apps: Box[] = [];
    const podIds: string[] = [];
    const appIds: string[] = [];
    for (const p of scene.pods) {
      if (!near(p.node)) continue;
      podIds.push(p.id);
      pods.push({
        pos: [p.center[0], 0.04, p.center[2]],
        size: [POD, 0.08, POD],
        color: p.role === 'loadgen' ? COMPONENT_COLOR.loadgen : COMPONENT_COLOR.pod,
      });
      if (p.app) {
        apps.push({ pos: p.app, size: [0.7, 0.7, 0.7] });
        appIds.push(p.id);
      }
    }
    const blocks: Box[] = [];
    const strips: Box[] = [];
    const blockNodes: number[] = [];
    for (const b of detail ? nodeBlocks(scene, detail) : []) {
      blocks.push({ pos: b.pos, size: b.size });
      blockNodes.push(b.node);
      if (b.sidecarStrip) strips.push({ pos: b.sidecarStrip.pos, size: b.sidecarStrip.size });
    }
    const items = changingItems(scene).filter(shown);
    const byKind = Object.fromEntries(
      CHANGING.map((c) => [c.kind, items.filter((i) => i.kind === c.kind)]),
    ) as Record<ChangingItem['kind'], ChangingItem[]>;
    const gone = change
      ? (Object.fromEntries(
          CHANGING.map((c) => [c.kind, change.vanishing.filter((i) => i.kind === c.kind && shown(i))]),
        ) as Record<ChangingItem['kind'], ChangingItem[]>)
      : null;
    return { platforms, kernels, nics, pods, apps, podIds, appIds, byKind, gone, blocks, strips, blockNodes };
  }, [scene, change, detail]);
  const onGrowth = (k: number) => {
    probe.growth = k;
    probe.growthMin = Math.min(probe.growthMin, k);
  };
  const pick = (i: ChangingItem) =>
    onSelect(i.pod ? { kind: 'pod', id: i.pod } : { kind: 'node', index: i.node });
  return (
    <group>
      {/* Platforms are see-through, so packets in the kernel beneath them stay visible. */}
      <Boxes
        name="platforms"
        items={parts.platforms}
        color={COMPONENT_COLOR.platform}
        opacity={0.55}
        onPick={(i) => onSelect({ kind: 'node', index: i })}
      />
      <Boxes
        name="kernels"
        items={parts.kernels}
        color={COMPONENT_COLOR.kernel}
        onPick={(i) => onSelect({ kind: 'node', index: i })}
      />
      <Boxes name="nics" items={parts.nics} color={COMPONENT_COLOR.nic} />
      <Boxes
        name="pods"
        items={parts.pods}
        color={COMPONENT_COLOR.pod}
        onPick={(i) => onSelect({ kind: 'pod', id: parts.podIds[i] })}
      />
      <Boxes
        name="apps"
        items={parts.apps}
        color={COMPONENT_COLOR.app}
        onPick={(i) => onSelect({ kind: 'pod', id: parts.appIds[i] })}
      />
      {/* A far node's pods as one block (with a sidecar strip where its pods have sidecars); its pod count is a label. */}
      <Boxes
        name="node-blocks"
        items={parts.blocks}
        color={COMPONENT_COLOR.app}
        onPick={(i) => onSelect({ kind: 'node', index: parts.blockNodes[i] })}
      />
      <Boxes name="node-block-sidecars" items={parts.strips} color={COMPONENT_COLOR.sidecar} />
      {CHANGING.map((c) => (
        <ChangingBoxes
          key={c.kind}
          name={c.name}
          items={parts.byKind[c.kind]}
          color={c.color}
          colorOf={c.kind === 'hook' ? hookColor : undefined}
          appearing={change?.appearing}
          reducedMotion={reducedMotion}
          onPick={pick}
          onGrowth={onGrowth}
        />
      ))}
      {parts.gone &&
        CHANGING.map((c) => (
          <ChangingBoxes
            key={`gone-${c.kind}`}
            name={`gone-${c.name}`}
            items={parts.gone![c.kind]}
            color={c.color}
            colorOf={c.kind === 'hook' ? hookColor : undefined}
            vanish
            reducedMotion={reducedMotion}
            onGrowth={onGrowth}
          />
        ))}
    </group>
  );
}

/** Links between nodes, drawn by what protects them and filtered by the link filter. */
export function Links(p: Scene3DProps) {
  return <LinkLines {...p} />;
}
