import {
  centredBox,
  labelBoxHeight,
  labelBoxWidth,
  type LabelRequest,
  type Obstacle,
  type Rect,
} from './labelPlacement';
import { KERNEL_THICKNESS, KERNEL_Y, type SceneLayout, type Vec3 } from './layout';
import { nodeBlocks, type NodeDetail } from './lod';
import type { Projector } from './screen';

/**
 * The 3D view's labels as placement requests: each node's name, the pod count on a node drawn as one
 * block, pod names in small scenes, and "kernel" under each node in mid-size ones — each with the
 * places it may go on screen, most wanted first. Other nodes (platform and kernel slab) are obstacles,
 * so no label is drawn over the row behind; a label may sit on its own node.
 */

export type LabelKind = 'node' | 'count' | 'pod' | 'kernel';

export interface SceneLabel {
  id: string;
  text: string;
  kind: LabelKind;
  fontPx: number;
}

export interface LabelPlan {
  labels: SceneLabel[];
  requests: LabelRequest[];
  obstacles: Obstacle[];
  view: Rect;
}

/** Label sizes, px (≥ 12 so they read on a projector and a school laptop alike). */
export const LABEL_PX: Record<LabelKind, number> = { node: 14, count: 12, pod: 12, kernel: 12 };
/**
 * A compact cluster's node names, px: its far rows stand so close on screen that 14 px names ("node 12",
 * 72 px wide) do not fit side by side, and names that cannot stand in a row alternate above and below.
 */
export const COMPACT_NODE_PX = 12;
export const PRIORITY: Record<LabelKind, number> = { node: 3, count: 2, pod: 1, kernel: 0 };
/** Pod names are drawn only in scenes this small (more would be noise). */
export const POD_LABELS_UP_TO = 8;

/** The size factor for a label of this kind: a compact cluster's node names stand at COMPACT_NODE_PX. */
export function sizeFor(kind: LabelKind, compact: boolean, scale: number): number {
  return kind === 'node' && compact ? (scale * COMPACT_NODE_PX) / LABEL_PX.node : scale;
}

export function labelSize(
  kind: LabelKind,
  text: string,
  scale = 1,
): { fontPx: number; w: number; h: number } {
  const fontPx = Math.round(LABEL_PX[kind] * scale);
  return { fontPx, w: labelBoxWidth(text, fontPx), h: labelBoxHeight(fontPx) };
}

/** The page's rem, px (app.css sets the root at 125 %: 20 px, for the back of a classroom). */
const REM_PX = 20;

/**
 * Where the path overlay (PathOverlay: the hop crossed and the meter, bottom left over the picture)
 * may stand on a canvas of this size, its 0.5 rem inset included: labels keep off it, and the 2D
 * drawing is fitted above it. As sceneView.css draws it: at most 36 rem wide, two lines of 0.9 rem
 * text at 1.35 line height, the hop's line wrapping to two on a canvas narrower than 640 px; in the
 * lesson presenter (presenter.css) 1.1 rem text with a 2 px border (asked for whenever the picture is
 * presented, so the box is generous in Simulate's presentation mode, which keeps the usual overlay).
 */
export function pathOverlayBox(width: number, height: number, presentation = false): Rect {
  const inset = 0.5 * REM_PX;
  const line = (presentation ? 1.1 : 0.9) * REM_PX * 1.35;
  const frame = 2 * 0.3 * REM_PX + (presentation ? 4 : 0);
  const lines = width < 640 ? 3 : 2;
  const w = Math.min(presentation ? width : 36 * REM_PX + inset, width);
  const h = Math.ceil(lines * line + frame + inset);
  return { x: 0, y: height - h, w, h };
}

/** The screen rectangle around a set of scene points (all in front of the camera), or null. */
export function screenBounds(view: Projector, points: readonly Vec3[]): Rect | null {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  const p: [number, number, number] = [0, 0, 0];
  for (const v of points) {
    view.project(v, p);
    if (p[2] <= 0) return null;
    x0 = Math.min(x0, p[0]);
    x1 = Math.max(x1, p[0]);
    y0 = Math.min(y0, p[1]);
    y1 = Math.max(y1, p[1]);
  }
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}

/** What a viewer sees of a node, as two screen boxes: its platform with the pods on it, and its kernel slab's front face. */
export function nodeFaces(n: SceneLayout['nodes'][number]): Vec3[][] {
  const top: Vec3[] = [];
  for (const dx of [-0.5, 0.5])
    for (const dz of [-0.5, 0.5])
      for (const y of [0, 1]) top.push([n.center[0] + dx * n.width, y, n.center[2] + dz * n.depth]);
  const front: Vec3[] = [];
  for (const dx of [-0.5, 0.5])
    for (const y of [0, KERNEL_Y - KERNEL_THICKNESS])
      front.push([n.center[0] + dx * n.width, y, n.center[2] + n.depth / 2]);
  return [top, front];
}

export function labels3d(
  scene: SceneLayout,
  detail: NodeDetail,
  view: Projector,
  opts: { scale?: number; obstacles?: readonly Obstacle[] } = {},
): LabelPlan {
  const scale = opts.scale ?? 1;
  const labels: SceneLabel[] = [];
  const requests: LabelRequest[] = [];
  const obstacles: Obstacle[] = [...(opts.obstacles ?? [])];
  const p: [number, number, number] = [0, 0, 0];
  const at = (v: Vec3): [number, number] | null => {
    view.project(v, p);
    return p[2] > 0 ? [p[0], p[1]] : null;
  };
  const add = (
    id: string,
    kind: LabelKind,
    text: string,
    owner: string,
    anchors: Array<(w: number, h: number) => Rect | null>,
  ) => {
    const s = labelSize(kind, text, sizeFor(kind, scene.compact, scale));
    labels.push({ id, text, kind, fontPx: s.fontPx });
    requests.push({
      id,
      priority: PRIORITY[kind],
      group: kind,
      owner,
      candidates: anchors.map((a) => a(s.w, s.h)).filter((r): r is Rect => r !== null),
    });
  };

  for (const n of scene.nodes) {
    const owner = `node:${n.index}`;
    for (const face of nodeFaces(n)) {
      const r = screenBounds(view, face);
      if (r) obstacles.push({ ...r, owner });
    }
    const [cx, , cz] = n.center;
    const back = cz - n.depth / 2;
    const front = cz + n.depth / 2;
    // Where a row's names are wider than its nodes are apart, every other name takes the second tier
    // on the same side of its node, so names still say which box is theirs (placeLabels gives the group
    // one candidate; those that do not fit there take the next: the tier beside it).
    const aboveBack = (tier: number) => (w: number, h: number) => {
      const a = at([cx, 1.2, back]);
      return a && { x: a[0] - w / 2, y: a[1] - h - tier * (h + 2), w, h };
    };
    const onFront = (tier: number) => (w: number, h: number) => {
      const a = at([cx, KERNEL_Y - KERNEL_THICKNESS / 2, front]);
      return a && centredBox(a[0], a[1] + tier * (h + 2), w, h);
    };
    add(`node:${n.index}`, 'node', n.label.text, owner, [
      // Just over the back edge, above the pods (where the row behind leaves room)…
      aboveBack(0),
      aboveBack(1),
      // …else on the node's own kernel slab, at its front…
      onFront(0),
      onFront(1),
      // …else over its own platform.
      (w, h) => {
        const a = at([cx, 0, cz]);
        return a && centredBox(a[0], a[1], w, h);
      },
      (w, h) => {
        const a = at([cx, 0, back]);
        return a && { x: a[0] - w / 2, y: a[1], w, h };
      },
    ]);
    if (!scene.compact)
      add(`kernel:${n.index}`, 'kernel', 'kernel', owner, [
        (w, h) => {
          const a = at([cx + n.width / 2 - 0.9, KERNEL_Y - KERNEL_THICKNESS / 2, front]);
          return a && centredBox(a[0], a[1], w, h);
        },
        // Under the slab, where the node's name has taken its front face (and, taller than the face,
        // overhangs it by up to half a line).
        (w, h) => {
          const a = at([cx + n.width / 2 - 0.9, KERNEL_Y - KERNEL_THICKNESS, front]);
          return a && { x: a[0] - w / 2, y: a[1] + h / 2 + 2, w, h };
        },
      ]);
  }

  for (const b of nodeBlocks(scene, detail)) {
    const text = `${b.pods} ${b.pods === 1 ? 'pod' : 'pods'}`;
    add(`count:${b.node}`, 'count', text, `node:${b.node}`, [
      (w, h) => {
        const a = at(b.badgeAt);
        return a && centredBox(a[0], a[1], w, h);
      },
      (w, h) => {
        const a = at([b.badgeAt[0], 0, b.pos[2] + b.size[2] / 2]);
        return a && { x: a[0] - w / 2, y: a[1] - h, w, h };
      },
    ]);
  }

  if (scene.pods.length <= POD_LABELS_UP_TO)
    for (const pod of scene.pods) {
      if (detail[pod.node] !== 1) continue;
      add(`pod:${pod.id}`, 'pod', pod.id, `node:${pod.node}`, [
        (w, h) => {
          const a = at([pod.center[0], 1.5, pod.center[2]]);
          return a && centredBox(a[0], a[1], w, h);
        },
        (w, h) => {
          const a = at([pod.center[0], 0, pod.center[2] + 0.9]);
          return a && { x: a[0] - w / 2, y: a[1], w, h };
        },
      ]);
    }

  return { labels, requests, obstacles, view: { x: 0, y: 0, w: view.cam.width, h: view.cam.height } };
}
