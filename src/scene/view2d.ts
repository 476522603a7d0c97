import { centredBox, type LabelRequest, type Obstacle, type Rect } from './labelPlacement';
import { KERNEL_Y, POD, type SceneLayout, type Vec3 } from './layout';
import {
  labelSize,
  PRIORITY,
  sizeFor,
  POD_LABELS_UP_TO,
  type LabelKind,
  type LabelPlan,
  type SceneLabel,
} from './sceneLabels';

/**
 * The 2D view's geometry, pure: the scene seen from above with each node's kernel drawn as a band
 * along its front edge, the drawing's bounds fitted to what is drawn (so the picture is centred in
 * its box whatever the preset), the mapping from drawing units to the SVG's pixels, and the labels'
 * placement requests in those pixels.
 */

/** Height of a node's kernel band, drawing units. */
export const KBAND = 1.6;
/** Gap between a platform's front edge and its kernel band. */
export const KBAND_GAP = 0.1;
/** Most room kept above the first row for its labels, drawing units (the rows behind have their gaps). */
export const LABEL_LANE = 3.2;
/** The NIC's top edge, above the platform's back edge. */
const NIC_TOP = 0.5;
/** Clear space around the drawing: this many drawing units, or pixels when the drawing is scaled up. */
const MARGIN = 0.8;
const MARGIN_PX = 10;

/** Projects a scene point to the drawing: platform points from above; kernel points into the node's kernel band. */
export function project2d(scene: SceneLayout, v: Vec3): [number, number] {
  if (v[1] > KERNEL_Y + 0.5) return [v[0], v[2]];
  for (const n of scene.nodes) {
    const back = n.center[2] - n.depth / 2;
    if (
      Math.abs(v[0] - n.center[0]) <= n.width / 2 + 0.01 &&
      v[2] >= back - 0.01 &&
      v[2] <= back + n.depth + 0.01
    ) {
      const f = (v[2] - back) / n.depth;
      return [v[0], back + n.depth + 0.3 + f * (KBAND - 0.6)];
    }
  }
  return [v[0], v[2]];
}

/** A node as drawn in 2D: platform, kernel band, and the lane above it kept for its label. */
export function nodeBox2d(
  n: SceneLayout['nodes'][number],
  lane = LABEL_LANE,
): {
  platform: Rect;
  band: Rect;
  nic: Rect;
  lane: Rect;
} {
  const x = n.center[0] - n.width / 2;
  const y = n.center[2] - n.depth / 2;
  return {
    platform: { x, y, w: n.width, h: n.depth },
    band: { x, y: y + n.depth + KBAND_GAP, w: n.width, h: KBAND },
    nic: { x: n.nic[0] - 0.4, y: n.nic[2] - 0.15, w: 0.8, h: 0.3 },
    lane: { x, y: y - lane, w: n.width, h: lane },
  };
}

/** The drawing's bounds: every node's platform, band and label lane, with a margin. Centred by construction. */
export function viewBox2d(scene: SceneLayout, lane = LABEL_LANE, margin = MARGIN): Rect {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const n of scene.nodes) {
    const b = nodeBox2d(n, lane);
    x0 = Math.min(x0, b.platform.x);
    x1 = Math.max(x1, b.platform.x + b.platform.w);
    y0 = Math.min(y0, b.lane.y);
    y1 = Math.max(y1, b.band.y + b.band.h);
  }
  if (!Number.isFinite(x0)) return { x: 0, y: 0, w: 1, h: 1 };
  return { x: x0 - margin, y: y0 - margin, w: x1 - x0 + 2 * margin, h: y1 - y0 + 2 * margin };
}

/** Drawing units → SVG pixels, as preserveAspectRatio="xMidYMid meet" maps them. */
export interface Fit2d {
  scale: number;
  ox: number;
  oy: number;
  box: Rect;
}

export function fit2d(box: Rect, width: number, height: number): Fit2d {
  const scale = Math.min(width / box.w, height / box.h);
  return {
    scale,
    ox: (width - box.w * scale) / 2 - box.x * scale,
    oy: (height - box.h * scale) / 2 - box.y * scale,
    box,
  };
}

/**
 * The drawing's bounds and scale for a canvas, with just enough room above the first row for a label
 * `labelPx` tall (the room in drawing units depends on the scale, which depends on the room: settled
 * in a few rounds), so a small scene is not pushed down by an empty lane nor framed by a wide margin.
 * The drawing is fitted and centred above the bottom `bottomPx` of the canvas, where the path overlay
 * stands while a request is followed: the front row is never under it, and the drawing does not jump
 * when the overlay appears. The box returned then spans the whole canvas (the SVG's viewBox).
 */
export function fitScene2d(
  scene: SceneLayout,
  width: number,
  height: number,
  labelPx: number,
  bottomPx = 0,
): Fit2d {
  const h = Math.max(1, height - bottomPx);
  let f = fit2d(viewBox2d(scene), width, h);
  for (let i = 0; i < 4 && f.scale > 0; i++) {
    const lane = Math.min(LABEL_LANE, NIC_TOP + (labelPx + 4) / f.scale);
    f = fit2d(viewBox2d(scene, lane, Math.min(MARGIN, MARGIN_PX / f.scale)), width, h);
  }
  if (!(bottomPx > 0 && f.scale > 0 && Number.isFinite(f.scale))) return f;
  return { ...f, box: { x: -f.ox / f.scale, y: -f.oy / f.scale, w: width / f.scale, h: height / f.scale } };
}

export function toPx(f: Fit2d, r: Rect): Rect {
  return { x: f.ox + r.x * f.scale, y: f.oy + r.y * f.scale, w: r.w * f.scale, h: r.h * f.scale };
}

/** The 2D view's labels: node names in the lane over each platform, "kernel" in mid-size scenes, pod names in small ones. */
export function labels2d(scene: SceneLayout, f: Fit2d, width: number, height: number, scale = 1): LabelPlan {
  const labels: SceneLabel[] = [];
  const requests: LabelRequest[] = [];
  const obstacles: Obstacle[] = [];
  const add = (
    id: string,
    kind: LabelKind,
    text: string,
    owner: string,
    boxes: Array<(w: number, h: number) => Rect>,
  ) => {
    const s = labelSize(kind, text, sizeFor(kind, scene.compact, scale));
    labels.push({ id, text, kind, fontPx: s.fontPx });
    requests.push({
      id,
      priority: PRIORITY[kind],
      group: kind,
      owner,
      candidates: boxes.map((b) => b(s.w, s.h)),
    });
  };
  for (const n of scene.nodes) {
    const owner = `node:${n.index}`;
    const b = nodeBox2d(n);
    const platform = toPx(f, b.platform);
    const band = toPx(f, b.band);
    const nic = toPx(f, b.nic);
    obstacles.push({ ...platform, owner }, { ...band, owner }, { ...nic, owner });
    const laneBottom = nic.y - 2;
    add(owner, 'node', n.label.text.split(' · ')[0], owner, [
      // In the lane over the platform, left-aligned, clear of the NIC…
      (w, h) => ({ x: platform.x, y: laneBottom - h, w, h }),
      (w, h) => ({ x: platform.x + platform.w - w, y: laneBottom - h, w, h }),
      // …else over its own kernel band (neighbours then alternate: one name above, the next below)…
      (w, h) => ({ x: band.x + (band.w - w) / 2, y: band.y + band.h - h, w, h }),
      // …else inside the platform's top left corner.
      (w, h) => ({ x: platform.x + 2, y: platform.y + 2, w, h }),
    ]);
    if (!scene.compact)
      add(`kernel:${n.index}`, 'kernel', 'kernel', owner, [
        (w, h) => ({ x: band.x + band.w - w - 2, y: band.y + (band.h - h) / 2, w, h }),
      ]);
  }
  if (scene.pods.length <= POD_LABELS_UP_TO)
    for (const p of scene.pods) {
      const r = toPx(f, { x: p.center[0] - POD / 2, y: p.center[2] - POD / 2, w: POD, h: POD });
      add(`pod:${p.id}`, 'pod', p.id, `node:${p.node}`, [
        (w, h) => centredBox(r.x + r.w / 2, r.y + r.h - h / 2 - 2, w, h),
        (w, h) => centredBox(r.x + r.w / 2, r.y + r.h + h / 2 + 2, w, h),
      ]);
    }
  return { labels, requests, obstacles, view: { x: 0, y: 0, w: width, h: height } };
}
