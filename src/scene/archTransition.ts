import type { HookKind } from '../worker/trace/protocol';
import { KERNEL_THICKNESS, type SceneLayout, type Vec3 } from './layout';

/**
 * What an architecture switch adds to and removes from the picture, item by item: sidecars and
 * library pools by pod, node proxies by node, waypoints by pod, kernel hook marks by node and kind.
 * The 3D scene grows the new items in and shrinks the gone ones out (at their old places) over
 * TRANSITION_MS; the 2D view fades them. Pure: unit-tested without a browser.
 */

export type ChangingKind = 'sidecar' | 'library' | 'nodeproxy' | 'waypoint' | 'hook';

export interface ChangingItem {
  kind: ChangingKind;
  /** Stable across architectures: `sidecar:<pod>`, `nodeproxy:<node>`, `hook:<node>:<kind>`, … */
  key: string;
  pos: Vec3;
  size: Vec3;
  hook: HookKind | null;
  /** The pod or node it belongs to (for picking). */
  pod: string | null;
  node: number;
}

export const TRANSITION_MS = 600;

/** The boxes of every component that can come and go with the architecture, in draw order. */
export function changingItems(scene: SceneLayout): ChangingItem[] {
  const out: ChangingItem[] = [];
  for (const p of scene.pods) {
    if (p.sidecar)
      out.push({
        kind: 'sidecar',
        key: `sidecar:${p.id}`,
        pos: p.sidecar,
        size: [0.5, 0.5, 0.5],
        hook: null,
        pod: p.id,
        node: p.node,
      });
    if (p.library)
      out.push({
        kind: 'library',
        key: `library:${p.id}`,
        pos: p.library,
        size: [0.35, 0.3, 0.35],
        hook: null,
        pod: p.id,
        node: p.node,
      });
    if (p.proxy)
      out.push({
        kind: 'waypoint',
        key: `waypoint:${p.id}`,
        pos: p.proxy,
        size: [0.9, 0.8, 0.9],
        hook: null,
        pod: p.id,
        node: p.node,
      });
  }
  for (const n of scene.nodes) {
    if (n.proxy)
      out.push({
        kind: 'nodeproxy',
        key: `nodeproxy:${n.index}`,
        pos: n.proxy,
        size: [1.8, 0.7, 0.9],
        hook: null,
        pod: null,
        node: n.index,
      });
    for (const h of n.hooks) {
      out.push({
        kind: 'hook',
        key: `hook:${n.index}:${h.kind}`,
        pos: [h.at[0], h.at[1] - KERNEL_THICKNESS / 2, h.at[2] + 0.08],
        size: [0.75, 0.3, 0.2],
        hook: h.kind,
        pod: null,
        node: n.index,
      });
    }
  }
  return out;
}

export interface SceneChange {
  /** Keys of the new scene's items that the previous scene did not have. */
  appearing: Set<string>;
  /** The previous scene's items the new one does not have, at their old places. */
  vanishing: ChangingItem[];
}

export function sceneChange(prev: SceneLayout, next: SceneLayout): SceneChange {
  const before = new Map(changingItems(prev).map((i) => [i.key, i]));
  const after = changingItems(next);
  const keys = new Set(after.map((i) => i.key));
  return {
    appearing: new Set(after.filter((i) => !before.has(i.key)).map((i) => i.key)),
    vanishing: [...before.values()]
      .filter((i) => !keys.has(i.key))
      .map((i) => ({ ...i, pos: carried(i, prev, next) })),
  };
}

/**
 * Where a gone item fades out in the new picture: nodes move and change depth with the architecture
 * (a node-proxy strip, longer labels), so it keeps its place relative to its pod, or to its node's
 * front edge (kernel hooks, node proxies), rather than its old absolute place.
 */
function carried(i: ChangingItem, prev: SceneLayout, next: SceneLayout): Vec3 {
  const a = i.pod !== null ? prev.pods[prev.podIndex.get(i.pod) ?? -1] : undefined;
  const b = i.pod !== null ? next.pods[next.podIndex.get(i.pod) ?? -1] : undefined;
  if (a && b)
    return [
      i.pos[0] + b.kernel[0] - a.kernel[0],
      i.pos[1] + b.kernel[1] - a.kernel[1],
      i.pos[2] + b.kernel[2] - a.kernel[2],
    ];
  const m = prev.nodes[i.node];
  const n = next.nodes[i.node];
  if (!m || !n) return i.pos;
  return [
    i.pos[0] + n.center[0] - m.center[0],
    i.pos[1] + n.center[1] - m.center[1],
    i.pos[2] + n.center[2] + n.depth / 2 - (m.center[2] + m.depth / 2),
  ];
}

/** Scale of appearing items (gone items use 1 − this) `ms` after the switch: eased, 1 at TRANSITION_MS; 1 at once with reduced motion. */
export function growth(ms: number, reducedMotion: boolean): number {
  if (reducedMotion || ms >= TRANSITION_MS) return 1;
  if (ms <= 0) return 0;
  const f = ms / TRANSITION_MS;
  return 1 - (1 - f) ** 3;
}
