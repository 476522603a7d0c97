import type { Actor, Side } from '../../model/architecture';
import type { HopKind } from '../../model/hopKind';

/** One compiled hop as the page and reports see it: what it is, where it runs, what it costs. */
export interface HopInfo {
  id: string;
  kind: string;
  name: string;
  category: HopKind['category'];
  cpuClass: HopKind['cpuClass'];
  layer: HopKind['layer'];
  side: Side;
  actor: Actor;
  /** 'app' | 'sidecar' | 'nodeproxy' | 'waypoint' | 'kernel' | 'wire': who is charged for its CPU. */
  component: string;
  pod: string;
  node: number;
  label: string;
  leg: 'request' | 'response' | 'handler';
  /** Mean costs at the scenario's profile, µs. */
  onPathUs: number;
  cpuUs: number;
  postUs: number;
  sources: string[];
  standing: HopKind['standing'];
}
