/**
 * Ids and units as branded types, each built by one function (as excalidraw brands its units): a
 * station id cannot be written by hand in one file and parsed differently in another, and simulated
 * microseconds cannot be passed where screen milliseconds are meant.
 */

declare const brand: unique symbol;
type Brand<T, B extends string> = T & { readonly [brand]: B };

/** Simulated time or duration, µs. */
export type SimUs = Brand<number, 'SimUs'>;
/** Real time on screen, ms. */
export type ScreenMs = Brand<number, 'ScreenMs'>;

export const simUs = (n: number) => n as SimUs;
export const screenMs = (n: number) => n as ScreenMs;

/**
 * One string per node index for an id built from it: a design names a node in each of its tens of
 * thousands of hops, and a string built per hop is an object per hop on the page's heap.
 */
function byIndex<T extends string>(make: (index: number) => T): (index: number) => T {
  const made: T[] = [];
  return (index) => {
    if (!(Number.isInteger(index) && index >= 0 && index < 1 << 16)) return make(index);
    return (made[index] ??= make(index));
  };
}

/** A node's id in stations and hops: 'n0', 'n1', … */
export type NodeId = Brand<string, 'NodeId'>;
export const nodeId = byIndex((index) => `n${index}` as NodeId);

/** The kinds of resource a station is: a node's cores, or one component's thread pool. */
export const STATION_KINDS = [
  'cpu',
  'app',
  'library',
  'semaphore',
  'sidecar',
  'nodeproxy',
  'waypoint',
] as const;
export type StationKind = (typeof STATION_KINDS)[number];

/** A station's id: `<kind>:<owner>` — the node for cores and node proxies, the pod or service otherwise. */
export type StationId = Brand<string, 'StationId'>;

export const stationId = {
  cpu: byIndex((node) => `cpu:${nodeId(node)}` as StationId),
  nodeproxy: byIndex((node) => `nodeproxy:${nodeId(node)}` as StationId),
  app: (pod: string) => `app:${pod}` as StationId,
  library: (pod: string) => `library:${pod}` as StationId,
  semaphore: (pod: string) => `semaphore:${pod}` as StationId,
  sidecar: (pod: string) => `sidecar:${pod}` as StationId,
  /** A waypoint by its key: the namespace it serves, or its service (topology.waypointScope). */
  waypoint: (key: string) => `waypoint:${key}` as StationId,
};

/** The kind and owner of a station id (null when it is not one of ours). */
export function parseStationId(id: string): { kind: StationKind; owner: string } | null {
  const i = id.indexOf(':');
  if (i < 0) return null;
  const kind = id.slice(0, i) as StationKind;
  return STATION_KINDS.includes(kind) ? { kind, owner: id.slice(i + 1) } : null;
}

/** A compiled hop's id: `<leg>/<segment>…`; its leg is the part before the first '/'. */
export type HopId = Brand<string, 'HopId'>;
export const hopId = (leg: string, rest: string) => `${leg}/${rest}` as HopId;
export const legOfHop = (id: string) => id.slice(0, id.indexOf('/') < 0 ? id.length : id.indexOf('/'));
