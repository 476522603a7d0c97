import type { HopSummary, RunSummary, StationSummary } from '../model/result';
import type { SimSpec } from '../model/simSpec';

/**
 * A run's summary as it crosses from a worker to the page. A 400-pod design has ~4,700 hops and ~800
 * stations, each summarised as an object with four strings; a shard's reply of a dozen runs was ~65,000
 * such objects (12.7 MB), tens of milliseconds to clone on each side. The strings are fixed by the
 * spec, which the page compiled and still holds, so only the figures travel: every hop's and station's
 * numbers in one Float64Array (transferred, not copied). The page pairs them with the spec's labels
 * (`pairRun`) and gets back exactly the objects the worker's `summarize` made.
 */
export interface PackedRun {
  /** Everything but `stations` and `hops` (a few small objects). */
  head: Omit<RunSummary, 'stations' | 'hops'>;
  /** Per hop HOP_FIELDS numbers, then per station STATION_FIELDS numbers, in the spec's order. */
  columns: Float64Array;
}

/** The figures of a hop, in column order (its labels come from the spec). */
export const HOP_FIELDS = 8;
/** The figures of a station, in column order. */
export const STATION_FIELDS = 3;

/** The figures of `run` as columns; `head` keeps the rest, as is. */
export function packRun(run: RunSummary): PackedRun {
  const { stations, hops, ...head } = run;
  const columns = new Float64Array(hops.length * HOP_FIELDS + stations.length * STATION_FIELDS);
  let k = 0;
  for (const h of hops) {
    columns[k++] = h.count;
    columns[k++] = h.queued;
    columns[k++] = h.dropped;
    columns[k++] = h.meanQueueWait;
    columns[k++] = h.meanService;
    columns[k++] = h.maxQueueWait;
    columns[k++] = h.cpuUsContainer;
    columns[k++] = h.cpuUsKernel;
  }
  for (const s of stations) {
    columns[k++] = s.servers;
    columns[k++] = s.utilization;
    columns[k++] = s.meanQueueLength;
  }
  return { head, columns };
}

/** What a run's summary takes from its spec: each hop's and station's labels, as the engine sets them. */
export interface RunLabels {
  hops: readonly Pick<HopSummary, 'id' | 'kind' | 'category' | 'component'>[];
  stations: readonly Pick<StationSummary, 'id' | 'kind' | 'node' | 'component'>[];
}

const labelsBySpec = new WeakMap<object, RunLabels>();

/**
 * The labels of a parsed spec's hops and stations, worked out once per spec object. A station's node
 * and component default as the engine's compileSpec defaults them (the pairing test checks every
 * design of every preset against the engine's own summaries).
 */
export function runLabels(spec: SimSpec): RunLabels {
  let labels = labelsBySpec.get(spec);
  if (!labels) {
    labels = {
      hops: spec.hops.map((h) => ({ id: h.id, kind: h.kind, category: h.category, component: h.component })),
      stations: stationLabels(spec),
    };
    labelsBySpec.set(spec, labels);
  }
  return labels;
}

const stationLabelsBySpec = new WeakMap<object, RunLabels['stations']>();

/** The stations' part of runLabels alone (the assembly's station loads need no hop's labels). */
export function stationLabels(spec: SimSpec): RunLabels['stations'] {
  let labels = stationLabelsBySpec.get(spec);
  if (!labels) {
    labels = spec.stations.map((s) => ({
      id: s.id,
      kind: s.kind,
      node: s.node ?? '',
      component: s.component ?? (s.kind === 'cpu' ? 'node' : 'app'),
    }));
    stationLabelsBySpec.set(spec, labels);
  }
  return labels;
}
