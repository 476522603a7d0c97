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
const HOP_FIELDS = 8;
/** The figures of a station, in column order. */
const STATION_FIELDS = 3;

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

/** The buffers a reply of packed runs transfers (each run's columns, once). */
export function transferablesOf(runs: readonly (PackedRun | null)[]): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  for (const r of runs) if (r) out.add(r.columns.buffer as ArrayBuffer);
  return [...out];
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
      stations: spec.stations.map((s) => ({
        id: s.id,
        kind: s.kind,
        node: s.node ?? '',
        component: s.component ?? (s.kind === 'cpu' ? 'node' : 'app'),
      })),
    };
    labelsBySpec.set(spec, labels);
  }
  return labels;
}

/** Why a packed run cannot be paired with `labels`, or null when it can. */
export function packedRunProblem(run: unknown, labels: RunLabels): string | null {
  if (typeof run !== 'object' || run === null) return 'not an object';
  const { head, columns } = run as Partial<PackedRun>;
  if (typeof head !== 'object' || head === null) return 'no head';
  if (!(columns instanceof Float64Array)) return 'columns are not a Float64Array';
  const want = labels.hops.length * HOP_FIELDS + labels.stations.length * STATION_FIELDS;
  if (columns.length !== want) return `${columns.length} figures where the spec needs ${want}`;
  return null;
}

/**
 * The summary the worker packed, rebuilt with its spec's labels: equal to `summarize`'s object, key
 * order included (so its JSON is the same). The caller checks the run first (packedRunProblem).
 */
export function pairRun(run: PackedRun, labels: RunLabels): RunSummary {
  const { head, columns: c } = run;
  const hops: HopSummary[] = new Array(labels.hops.length);
  let k = 0;
  for (let i = 0; i < hops.length; i++, k += HOP_FIELDS) {
    const l = labels.hops[i];
    hops[i] = {
      id: l.id,
      kind: l.kind,
      category: l.category,
      component: l.component,
      count: c[k],
      queued: c[k + 1],
      dropped: c[k + 2],
      meanQueueWait: c[k + 3],
      meanService: c[k + 4],
      maxQueueWait: c[k + 5],
      cpuUsContainer: c[k + 6],
      cpuUsKernel: c[k + 7],
    };
  }
  const stations: StationSummary[] = new Array(labels.stations.length);
  for (let i = 0; i < stations.length; i++, k += STATION_FIELDS) {
    const l = labels.stations[i];
    stations[i] = {
      id: l.id,
      kind: l.kind,
      node: l.node,
      component: l.component,
      servers: c[k],
      utilization: c[k + 1],
      meanQueueLength: c[k + 2],
    };
  }
  return {
    seed: head.seed,
    endUs: head.endUs,
    windowUs: head.windowUs,
    events: head.events,
    requests: head.requests,
    latency: head.latency,
    throughputRps: head.throughputRps,
    meanInSystem: head.meanInSystem,
    perRequest: head.perRequest,
    stations,
    hops,
    cpu: head.cpu,
  };
}

/** A shard's packed reply, or what was wrong with it. */
export type PairedShard =
  { status: 'runs'; runs: (RunSummary | null)[] } | { status: 'error'; message: string };

/**
 * A shard's packed runs paired with the specs the page sent (`specs[d]`: design d's, parsed), a run
 * per step so the caller can spread the work over tasks. Runs are laid out as the comparison's plan:
 * each design's `width` replications in turn (null where another shard ran it).
 */
export function* pairSteps(
  specs: readonly SimSpec[],
  width: number,
  runs: readonly unknown[],
): Generator<void, PairedShard, void> {
  if (runs.length !== specs.length * width)
    return { status: 'error', message: `${runs.length} runs where the plan has ${specs.length * width}` };
  const out: (RunSummary | null)[] = new Array(runs.length).fill(null);
  for (let j = 0; j < runs.length; j++) {
    const run = runs[j];
    if (run === null) continue;
    const labels = runLabels(specs[Math.floor(j / width)]);
    const problem = packedRunProblem(run, labels);
    if (problem) return { status: 'error', message: `run ${j}: ${problem}` };
    out[j] = pairRun(run as PackedRun, labels);
    yield;
  }
  return { status: 'runs', runs: out };
}
