import { BREAKDOWN_CATEGORIES, type BreakdownCategory } from '../model/comparison';
import type { RunSummary } from '../model/result';
import { HOP_FIELDS, packRun, STATION_FIELDS, type PackedRun } from './packedRun';
import type { CompiledScenario } from './scenario/compileScenario';
import { drain } from './scenario/stepBudget';

/**
 * What a comparison keeps of each run once it has been read. A run's summary has a figure per hop and
 * per station (a 2,000-pod sidecar design: 33,816 hops, 4,110 stations, about 6 MB as objects); a page
 * that kept every run of a 30-replication comparison until the end held gigabytes. Each run is read
 * once, in one pass over its figures, into the per-run sums the intervals need (CPU per component and
 * per instance, the time breakdown, each station's load) — and its per-hop figures are added to the
 * design's ledger sums, which need no run kept. The sums are the ones the assembly made before, in the
 * same order, so the figures do not depend on when or where a run was read.
 */

/** Everything of a run's summary but its per-hop and per-station figures. */
export type RunHead = PackedRun['head'];

/** A run as the assembly takes it: the engine's summary, or the figures a worker packed. */
export type RunFigures = RunSummary | PackedRun;

/** Where each hop's figures go: its component's, its instance's and its category's slot. */
export interface DesignShape {
  hops: number;
  stations: number;
  /** Components that burn CPU (not the wire), and each hop's (-1: the wire's). */
  components: string[];
  hopComponent: Int32Array;
  /** [component, pod] of every hop that is not the wire's or the kernel's, and each hop's (-1: none). */
  instances: [string, string][];
  hopInstance: Int32Array;
  /** Each hop's category, as its index in BREAKDOWN_CATEGORIES. */
  hopCategory: Int32Array;
}

const QUEUEING = BREAKDOWN_CATEGORIES.indexOf('queueing');
const shapes = new WeakMap<CompiledScenario, DesignShape>();

/** The slots of a compiled design's hops, worked out once per compiled design. */
export function designShape(compiled: CompiledScenario): DesignShape {
  return drain(designShapeSteps(compiled));
}

/** Hops a step of designShapeSteps reads. */
const SHAPE_PART = 4_000;

/**
 * `designShape` a part of the hops at a time (a 2,000-pod design's first shape was one 56 ms step of the
 * page's first assembly); a shape already worked out is returned at once.
 */
export function* designShapeSteps(compiled: CompiledScenario): Generator<void, DesignShape, void> {
  const known = shapes.get(compiled);
  if (known) return known;
  const hops = compiled.hops;
  const components: string[] = [];
  const componentSlot = new Map<string, number>();
  // Instances in the order their first hop comes (a map per component: no key string per hop).
  const instances: [string, string][] = [];
  const instanceSlot = new Map<string, Map<string, number>>();
  const hopInstance = new Int32Array(hops.length).fill(-1);
  const hopComponent = new Int32Array(hops.length);
  const hopCategory = new Int32Array(hops.length);
  for (let i = 0; i < hops.length; i++) {
    if (i > 0 && i % SHAPE_PART === 0) yield;
    const h = hops[i];
    let j = componentSlot.get(h.component);
    if (j === undefined && h.component !== 'wire') {
      j = components.push(h.component) - 1;
      componentSlot.set(h.component, j);
    }
    hopComponent[i] = j ?? -1;
    const c = BREAKDOWN_CATEGORIES.indexOf(h.category as BreakdownCategory);
    if (c < 0 || c === QUEUEING) throw new Error(`hop ${h.id} has no breakdown category (${h.category})`);
    hopCategory[i] = c;
    if (h.component === 'wire' || h.component === 'kernel') continue;
    let pods = instanceSlot.get(h.component);
    if (!pods) instanceSlot.set(h.component, (pods = new Map()));
    // A node proxy is one per node (what `kubectl top` lists for ztunnel): its instance is the node,
    // not the pod whose traffic a hop carried (26 "node proxies" on 20 nodes, counted by pod).
    const instance = h.component === 'nodeproxy' ? `node ${h.node}` : h.pod;
    let slot = pods.get(instance);
    if (slot === undefined) {
      slot = instances.push([h.component, instance]) - 1;
      pods.set(instance, slot);
    }
    hopInstance[i] = slot;
  }
  const shape: DesignShape = {
    hops: hops.length,
    stations: compiled.spec.stations.length,
    components,
    hopComponent,
    instances,
    hopInstance,
    hopCategory,
  };
  shapes.set(compiled, shape);
  return shape;
}

/** A run once read: its head and the per-run sums the design's intervals are taken over. */
export interface RunDigest {
  head: RunHead;
  /** CPU µs per component (shape order) and in all, by class. */
  cpuContainer: Float64Array;
  cpuKernel: Float64Array;
  totalContainer: number;
  totalKernel: number;
  /** CPU µs per instance (shape order), by class. */
  instanceContainer: Float64Array;
  instanceKernel: Float64Array;
  /** µs per completed request by breakdown category (BREAKDOWN_CATEGORIES order; queueing: waits). */
  breakdown: Float64Array;
  /** Per station: servers, utilisation, mean queue length (the packed columns' station part). */
  stations: Float64Array;
}

/** A design's per-hop sums over its runs, added in replication order (the measured ledger's). */
export interface LedgerSums {
  runs: number;
  /** Σ count / completed requests. */
  visitSum: Float64Array;
  count: Float64Array;
  /** Σ count × mean service, Σ count × mean queue wait. */
  serviceSum: Float64Array;
  waitSum: Float64Array;
}

export function emptyLedger(hops: number): LedgerSums {
  return {
    runs: 0,
    visitSum: new Float64Array(hops),
    count: new Float64Array(hops),
    serviceSum: new Float64Array(hops),
    waitSum: new Float64Array(hops),
  };
}

/** A copy to add further runs to (an assembly never changes the sums an earlier one returned). */
export function copyLedger(l: LedgerSums): LedgerSums {
  return {
    runs: l.runs,
    visitSum: l.visitSum.slice(),
    count: l.count.slice(),
    serviceSum: l.serviceSum.slice(),
    waitSum: l.waitSum.slice(),
  };
}

/** The run's figures as columns: a packed run as it came, a summary packed. */
export function packedOf(run: RunFigures): PackedRun {
  return 'columns' in run ? run : packRun(run);
}

/** Why `run` does not fit `shape` (a reply for another spec), or null. */
export function digestProblem(shape: DesignShape, run: RunFigures): string | null {
  const n =
    'columns' in run
      ? run.columns.length
      : run.hops.length * HOP_FIELDS + run.stations.length * STATION_FIELDS;
  const want = shape.hops * HOP_FIELDS + shape.stations * STATION_FIELDS;
  return n === want ? null : `${n} figures where the design needs ${want}`;
}

/**
 * Reads a run in one pass over its hops: its digest, and its hop figures added to `ledger` (which must
 * be given the design's runs in replication order). The caller checks the run first (digestProblem).
 */
export function digestRun(shape: DesignShape, run: RunFigures, ledger: LedgerSums): RunDigest {
  const { head, columns: c } = packedOf(run);
  const { hopComponent, hopInstance, hopCategory } = shape;
  const cpuContainer = new Float64Array(shape.components.length);
  const cpuKernel = new Float64Array(shape.components.length);
  const instanceContainer = new Float64Array(shape.instances.length);
  const instanceKernel = new Float64Array(shape.instances.length);
  const breakdown = new Float64Array(BREAKDOWN_CATEGORIES.length);
  const { visitSum, count, serviceSum, waitSum } = ledger;
  let totalContainer = 0;
  let totalKernel = 0;
  const n = head.requests.completed || 1;
  for (let h = 0, k = 0; h < shape.hops; h++, k += HOP_FIELDS) {
    const hopCount = c[k];
    const meanQueueWait = c[k + 3];
    const meanService = c[k + 4];
    const container = c[k + 6];
    const kernel = c[k + 7];
    const j = hopComponent[h];
    if (j >= 0) {
      cpuContainer[j] += container;
      cpuKernel[j] += kernel;
    }
    totalContainer += container;
    totalKernel += kernel;
    const i = hopInstance[h];
    if (i >= 0) {
      instanceContainer[i] += container;
      instanceKernel[i] += kernel;
    }
    breakdown[hopCategory[h]] += (hopCount * meanService) / n;
    breakdown[QUEUEING] += (hopCount * meanQueueWait) / n;
    visitSum[h] += hopCount / n;
    count[h] += hopCount;
    serviceSum[h] += hopCount * meanService;
    waitSum[h] += hopCount * meanQueueWait;
  }
  ledger.runs++;
  const from = shape.hops * HOP_FIELDS;
  return {
    head,
    cpuContainer,
    cpuKernel,
    totalContainer,
    totalKernel,
    instanceContainer,
    instanceKernel,
    breakdown,
    stations: c.slice(from, from + shape.stations * STATION_FIELDS),
  };
}
