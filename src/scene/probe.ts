import type { SceneCounts } from './layout';
import type { RouteView } from './route';
import type { LinkFilter } from './linkFilter';

/**
 * What the picture currently shows, for browser tests and for anyone debugging: which view, the
 * architecture, how many of each component are drawn, how many packets, and frames rendered.
 */
export interface SceneProbe {
  mode: '3d' | '2d';
  reason: string | null;
  arch: string;
  counts: SceneCounts;
  packets: number;
  /** Links between nodes drawn now, under the link filter in use. */
  linksDrawn: number;
  linkFilter: LinkFilter;
  /** After an architecture switch: items growing in and shrinking out, and how far they have got (0–1; the lowest value drawn). */
  appearing: number;
  vanishing: number;
  growth: number;
  growthMin: number;
  frames: number;
  /** The 3D camera rests on its preset's pose (false while it eases there, and while following a packet); 2D: true. */
  cameraSettled: boolean;
  /** The camera preset that cameraSettled is about ('overview', 'kernel:0', 'follow', …); '' until the rig sets it. */
  cameraPreset: string;
  /** The request whose packet the follow camera moves with now (null: not following, or none in flight). */
  cameraFollows: number | null;
  /** Instances the 3D view drew in a recent frame (every instanced mesh's count, other meshes 1): for the benchmark. */
  instances: number;
  /** Time spent in the per-frame packet update (ms, summed) and how many updates ran: for the benchmark. */
  updateMs: number;
  updates: number;
  /** The route drawn (route.ts): its request, points and segments, the hop being crossed, the meter. */
  path: {
    request: number | null;
    points: number;
    segments: { request: number; response: number; handler: number };
    hop: string | null;
    hopKind: string | null;
    latencyUs: number | null;
    cpuUs: number | null;
  };
  /** Level of detail (lod.ts): nodes drawn as one block with a pod count, and nodes drawn pod by pod. */
  lod: { aggregated: number; expanded: number };
  /** Labels over the picture (labelPlacement.ts): shown and culled; node names shown of all nodes. */
  labels: { shown: number; hidden: number; nodesShown: number; nodes: number };
  /** The smallest packet drawn in the last update, on-screen px of its shortest side (null: none drawn). */
  packetMinPx: number | null;
  /** In the kernel view: the node's stack parts (kernelStack.ts), lit, dimmed and being crossed; else null. */
  kernel: { node: number; parts: number; lit: string[]; dimmed: string[]; crossing: string[] } | null;
  /**
   * What a lesson's highlight emphasises (emphasis.ts): components marked, hop paths and links drawn,
   * the followed packet's request and whether it is on screen now, and (3D) the first marks' centres
   * on the canvas in CSS px.
   */
  highlight: {
    marks: number;
    hops: number;
    links: number;
    packet: number | null;
    packetShown: boolean;
    screen: [number, number][];
  };
}

export const NO_HIGHLIGHT: SceneProbe['highlight'] = {
  marks: 0,
  hops: 0,
  links: 0,
  packet: null,
  packetShown: false,
  screen: [],
};

export const NO_LABELS: SceneProbe['labels'] = { shown: 0, hidden: 0, nodesShown: 0, nodes: 0 };

export const NO_PATH: SceneProbe['path'] = {
  request: null,
  points: 0,
  segments: { request: 0, response: 0, handler: 0 },
  hop: null,
  hopKind: null,
  latencyUs: null,
  cpuUs: null,
};

declare global {
  interface Window {
    __meshpathScene?: SceneProbe;
  }
}

export function publishProbe(p: SceneProbe): SceneProbe {
  if (typeof window !== 'undefined') window.__meshpathScene = p;
  return p;
}

/** What the probe says about the route drawn. */
export function pathProbe(r: RouteView | null): SceneProbe['path'] {
  if (!r) return NO_PATH;
  return {
    request: r.request,
    points: r.points,
    segments: {
      request: r.segments.request.length,
      response: r.segments.response.length,
      handler: r.segments.handler.length,
    },
    hop: r.current?.text ?? null,
    hopKind: r.current?.kind ?? null,
    latencyUs: r.soFar?.latencyUs ?? null,
    cpuUs: r.soFar?.cpuUs ?? null,
  };
}
