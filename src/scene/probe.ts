import type { SceneCounts } from './layout';

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
  frames: number;
  /** Time spent in the per-frame packet update (ms, summed) and how many updates ran: for the benchmark. */
  updateMs: number;
  updates: number;
}

declare global {
  interface Window {
    __meshpathScene?: SceneProbe;
  }
}

export function publishProbe(p: SceneProbe): SceneProbe {
  if (typeof window !== 'undefined') window.__meshpathScene = p;
  return p;
}
