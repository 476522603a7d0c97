import type { StationLoad } from '../../model/comparison';
import { percent, type Figures } from './figures';
import { isClientPodId } from '../../model/clients';
import { parseStationId } from '../../model/ids';

/**
 * Names and picks for the resources requests queue on (node cores and thread pools), so "Where it
 * queues" reads in the domain's words rather than station ids. Pure, tested without a browser.
 */

const POOL_NAMES: Record<string, string> = {
  app: 'app threads',
  sidecar: 'sidecar workers',
  nodeproxy: 'node proxy workers',
  waypoint: 'waypoint workers',
  library: 'Hystrix thread pool',
};

/** Who shares a waypoint (the scenario's `topology.waypointScope`): its key is a namespace or a service. */
export type WaypointScope = 'namespace' | 'service';

/**
 * "cores of node n0", "sidecar workers of fortio-server-0", "waypoint workers of namespace default" —
 * a waypoint's id carries only its key, so the scope says whether that key names a namespace or a service.
 */
export function stationLabel(
  s: {
    id: string;
    kind: 'cpu' | 'threads';
    node: string;
    component: string;
  },
  waypointScope: WaypointScope = 'namespace',
): string {
  if (s.kind === 'cpu') return `cores of node ${s.node || s.id.replace(/^cpu:/, '')}`;
  const owner = s.id.includes(':') ? s.id.slice(s.id.indexOf(':') + 1) : s.id;
  const pool = s.id.startsWith('semaphore:')
    ? 'Hystrix semaphore'
    : (POOL_NAMES[s.component] ?? `${s.component} pool`);
  if (s.component === 'nodeproxy') return `${pool} on node ${owner}`;
  if (s.component === 'waypoint') return `${pool} of ${waypointScope} ${owner}`;
  return `${pool} of ${owner}`;
}

/** The human name of a resource known only by its id and component (the analytic estimate's bottleneck). */
export function resourceName(b: { id: string; component: string }, waypointScope?: WaypointScope): string {
  return stationLabel(
    {
      id: b.id,
      kind: parseStationId(b.id)?.kind === 'cpu' ? 'cpu' : 'threads',
      node: '',
      component: b.component,
    },
    waypointScope,
  );
}

/** Whether a resource belongs to a load-generator client's pod rather than to the mesh's services. */
export function ofLoadGenerator(id: string): boolean {
  const s = parseStationId(id);
  return !!s && s.kind !== 'cpu' && s.kind !== 'nodeproxy' && isClientPodId(s.owner);
}

/** Why a load-generator resource tops the list, in words; empty for any other resource. */
export function loadGeneratorNote(b: { id: string; component: string }): string {
  if (!ofLoadGenerator(b.id)) return '';
  const what =
    b.component === 'sidecar'
      ? 'the load generator’s own sidecar (as in Istio’s benchmark, where the client runs with a sidecar)'
      : `the load generator’s own ${POOL_NAMES[b.component] ?? `${b.component} pool`}`;
  return `${what}; in a mesh of many callers this load is spread`;
}

/** The busiest resources of a simulated architecture, busiest first. */
export function busiestStations(f: Figures, n = 5): StationLoad[] {
  return (f.simulated?.stations ?? []).slice(0, n);
}

/**
 * Where requests queue first, in one sentence: the simulated busiest resource with its interval, else
 * the analytic estimate's bottleneck, said to be an estimate.
 */
export function bottleneckSentence(f: Figures, waypointScope?: WaypointScope): string {
  if (f.unsupported?.length) return '';
  const stations = f.simulated?.stations ?? [];
  const top = stations[0];
  if (top) {
    const hw = Number.isFinite(top.utilization.halfWidth) ? ` ± ${percent(top.utilization.halfWidth)}` : '';
    // Resources the run cannot tell apart from the busiest (intervals overlapping) are named with it, so
    // a node that tops the list by noise alone is not read as the one bottleneck.
    const tied = stations.slice(1).filter((s) => overlaps(s.utilization, top.utilization));
    const also =
      tied.length === 0
        ? ''
        : ` (as busy, within the run's precision: ${tied.length === 1 ? stationLabel(tied[0], waypointScope) : `${tied.length} more, such as ${stationLabel(tied[0], waypointScope)}`})`;
    return `Busiest: ${stationLabel(top, waypointScope)}${also}, ${percent(top.utilization.mean)}${hw} busy (simulated).${whose(top)}`;
  }
  const b = f.estimate?.bottleneck;
  if (!b) return '';
  return `Busiest: ${resourceName(b, waypointScope)}, ${b.utilization >= 1 ? 'over 100 %' : percent(b.utilization)} busy (analytic estimate).${whose(b)}`;
}

/** Two intervals that overlap: the run cannot say which mean is larger. */
const overlaps = (a: StationLoad['utilization'], b: StationLoad['utilization']) =>
  Number.isFinite(a.halfWidth) &&
  Number.isFinite(b.halfWidth) &&
  Math.abs(a.mean - b.mean) <= a.halfWidth + b.halfWidth;

const whose = (b: { id: string; component: string }) => {
  const note = loadGeneratorNote(b);
  return note ? ` That is ${note}.` : '';
};
