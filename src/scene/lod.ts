import { CELL, POD, type SceneLayout, type Vec3 } from './layout';
import type { Projector } from './screen';

/**
 * Level of detail: far from the camera a node's pods are too small to read one by one (and at 400
 * pods, drawing each pod, app and sidecar costs more than half the frame under software WebGL), so a
 * node whose pod cells are small on screen is drawn as one block with a pod-count badge. It expands
 * back to its pods when the camera comes near, and always while it is the node in focus (selected,
 * or looked into). Hysteresis keeps a node from flickering between the two at the threshold.
 */

/** A node expands when one pod cell is at least this many pixels across on screen… */
export const EXPAND_PX = 24;
/** …and collapses again below this. */
export const COLLAPSE_PX = 20;

/** Per node: 1 expanded (pods drawn), 0 aggregated (one block). */
export type NodeDetail = Uint8Array;

/** Every node expanded (the 2D view, and before the camera is known). */
export function allExpanded(scene: SceneLayout): NodeDetail {
  return new Uint8Array(scene.nodes.length).fill(1);
}

/** How wide one pod cell is on screen at each node's centre, px. */
export function podCellPx(scene: SceneLayout, view: Projector): number[] {
  const out: [number, number, number] = [0, 0, 0];
  return scene.nodes.map((n) => CELL * view.pxPerUnit(view.project(n.center, out)[2]));
}

export function nodeDetail(
  scene: SceneLayout,
  view: Projector,
  focus: number | null,
  prev: NodeDetail | null = null,
): NodeDetail {
  const px = podCellPx(scene, view);
  const out = new Uint8Array(scene.nodes.length);
  px.forEach((p, i) => {
    const was = prev?.[i] === 1;
    out[i] = i === focus || p >= (was ? COLLAPSE_PX : EXPAND_PX) ? 1 : 0;
  });
  return out;
}

export function sameDetail(a: NodeDetail, b: NodeDetail): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

export interface NodeBlock {
  node: number;
  pods: number;
  /** The block's centre and size (scene units), over the node's pods. */
  pos: Vec3;
  size: Vec3;
  /** A sidecar-coloured strip along the block's right side when the node's pods have sidecars. */
  sidecarStrip: { pos: Vec3; size: Vec3 } | null;
  /** Where the pod-count badge is anchored: the block's top centre. */
  badgeAt: Vec3;
}

const BLOCK_H = 0.8;

/** The blocks drawn for aggregated nodes: one per node whose detail is 0 and that has pods. */
export function nodeBlocks(scene: SceneLayout, detail: NodeDetail): NodeBlock[] {
  const box = scene.nodes.map(() => ({
    x0: Infinity,
    x1: -Infinity,
    z0: Infinity,
    z1: -Infinity,
    n: 0,
    sc: 0,
  }));
  for (const p of scene.pods) {
    const b = box[p.node];
    b.x0 = Math.min(b.x0, p.center[0] - POD / 2);
    b.x1 = Math.max(b.x1, p.center[0] + POD / 2);
    b.z0 = Math.min(b.z0, p.center[2] - POD / 2);
    b.z1 = Math.max(b.z1, p.center[2] + POD / 2);
    b.n++;
    if (p.sidecar) b.sc++;
  }
  const out: NodeBlock[] = [];
  box.forEach((b, node) => {
    if (detail[node] !== 0 || b.n === 0) return;
    const w = b.x1 - b.x0;
    const d = b.z1 - b.z0;
    const cx = (b.x0 + b.x1) / 2;
    const cz = (b.z0 + b.z1) / 2;
    const strip = b.sc > 0 ? Math.min(w / 3, 1.6) : 0;
    out.push({
      node,
      pods: b.n,
      pos: [cx - strip / 2, BLOCK_H / 2, cz],
      size: [w - strip, BLOCK_H, d],
      sidecarStrip: strip
        ? { pos: [b.x1 - strip / 2, (BLOCK_H + 0.2) / 2, cz], size: [strip, BLOCK_H + 0.2, d] }
        : null,
      badgeAt: [cx, BLOCK_H + 0.2, cz],
    });
  });
  return out;
}
