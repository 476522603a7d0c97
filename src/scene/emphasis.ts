import { hopMatches, tracedSeq } from '../machines/lesson/tracePredicates';
import type { Component, Highlight } from '../model/lesson';
import type { TraceLayout } from '../worker/trace/protocol';
import { KERNEL_THICKNESS, KERNEL_Y, type SceneLayout, type Vec3 } from './layout';
import { nodeBox2d } from './view2d';

/**
 * What a lesson's highlight emphasises on the picture, found on the open layout: the boxes of the
 * named components (every instance drawn), the hops matching the selectors (their paths), the links
 * between nodes for 'wire', and the traced request whose packet is followed. Pure, shared by the 3D
 * and 2D views and unit-tested; the views draw an outline and glow on each mark and dim the rest.
 */

export interface EmphasisMark {
  component: Component;
  /** Stable: `<component>:<pod or node>`. */
  key: string;
  /** The 3D box (centre and size) the outline goes around. */
  pos: Vec3;
  size: Vec3;
  /** The 2D rectangle (drawing units, as the 2D view draws the component). */
  rect: { x: number; y: number; w: number; h: number };
}

export interface Emphasis {
  marks: EmphasisMark[];
  /** Hop indexes whose paths are drawn emphasised (at most MAX_HOPS, in layout order). */
  hops: number[];
  /** Hops that matched, before the cap. */
  hopsMatched: number;
  /** Links between nodes (index into layout.links) emphasised for 'wire'. */
  links: number[];
  /** The sequence number of the traced request whose packet is followed (null: none named). */
  packet: number | null;
}

/** Past this many matching hops the picture would be all outline: the first ones stand for the rest. */
export const MAX_HOPS = 240;

const rectAround = (pos: Vec3, w: number, h: number) => ({ x: pos[0] - w / 2, y: pos[2] - h / 2, w, h });

function componentMarks(c: Component, scene: SceneLayout): EmphasisMark[] {
  const out: EmphasisMark[] = [];
  const mark = (key: string, pos: Vec3, size: Vec3, rect: EmphasisMark['rect']) =>
    out.push({ component: c, key: `${c}:${key}`, pos, size, rect });
  switch (c) {
    case 'app':
      for (const p of scene.pods) if (p.app) mark(p.id, p.app, [0.7, 0.7, 0.7], rectAround(p.app, 0.7, 0.7));
      break;
    case 'sidecar':
      for (const p of scene.pods)
        if (p.sidecar) mark(p.id, p.sidecar, [0.5, 0.5, 0.5], rectAround(p.sidecar, 0.5, 0.5));
      break;
    case 'library':
      // The 2D view draws the library pool above the app (Nodes2D).
      for (const p of scene.pods)
        if (p.library)
          mark(p.id, p.library, [0.35, 0.3, 0.35], {
            x: p.library[0] - 0.15,
            y: p.library[2] - 0.6,
            w: 0.3,
            h: 0.3,
          });
      break;
    case 'waypoint':
      for (const p of scene.pods)
        if (p.proxy) mark(p.id, p.proxy, [0.9, 0.8, 0.9], rectAround(p.proxy, 0.9, 0.9));
      break;
    case 'nodeproxy':
      for (const n of scene.nodes)
        if (n.proxy) mark(String(n.index), n.proxy, [1.8, 0.7, 0.9], rectAround(n.proxy, 1.8, 0.9));
      break;
    case 'kernel':
      for (const n of scene.nodes)
        mark(
          String(n.index),
          [n.kernel[0], KERNEL_Y - KERNEL_THICKNESS / 2, n.kernel[2]],
          [n.width, KERNEL_THICKNESS, n.depth],
          nodeBox2d(n).band,
        );
      break;
    case 'wire':
      // Links are lines, not boxes: see `links`.
      break;
  }
  return out;
}

export function emphasisOf(h: Highlight | null, layout: TraceLayout, scene: SceneLayout): Emphasis | null {
  if (!h) return null;
  const components = [...new Set(h.components ?? [])];
  const marks = components.flatMap((c) => componentMarks(c, scene));
  const hops: number[] = [];
  let hopsMatched = 0;
  if (h.hops?.length)
    layout.hops.forEach((hop, i) => {
      if (!h.hops!.some((sel) => hopMatches(hop, sel))) return;
      hopsMatched++;
      if (hops.length < MAX_HOPS && scene.paths[i]?.length) hops.push(i);
    });
  const links = components.includes('wire') ? scene.links.map((_, i) => i) : [];
  return {
    marks,
    hops,
    hopsMatched,
    links,
    packet: h.packet === undefined ? null : tracedSeq(layout, h.packet),
  };
}

/** The 12 edges of a box as 24 points (for one line-segments geometry over every mark). */
export function boxEdges(pos: Vec3, size: Vec3, grow: number, out: number[]): void {
  const hx = size[0] / 2 + grow;
  const hy = size[1] / 2 + grow;
  const hz = size[2] / 2 + grow;
  const c = (sx: number, sy: number, sz: number) => [pos[0] + sx * hx, pos[1] + sy * hy, pos[2] + sz * hz];
  const corners = [-1, 1].flatMap((sx) => [-1, 1].flatMap((sy) => [-1, 1].map((sz) => c(sx, sy, sz))));
  // Corners differ in one coordinate along an edge: index bits are (x, y, z).
  for (let a = 0; a < 8; a++)
    for (const bit of [1, 2, 4]) {
      const b = a | bit;
      if (b !== a) out.push(...corners[a], ...corners[b]);
    }
}
