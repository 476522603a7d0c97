import type { ArchitectureId } from './architecture';
import type { Standing } from './citation';
import type { FootprintComponent, FootprintPer } from './footprint';
import type { RunSummary } from './result';
import type { Scenario } from './scenario';

/**
 * What the Compare page shows, as plain data: the analytic estimate of each design and the simulated
 * comparison. The engine produces them (src/engine/scenario/estimate.ts, view.ts); the session, the
 * views and the exports read them. A design that cannot run the scenario is a variant of its own
 * (`UnsupportedDesign`: the reasons, nothing else); a simulated design has every figure.
 */

export interface ConfidenceInterval {
  mean: number;
  halfWidth: number;
  lower: number;
  upper: number;
  n: number;
  /** halfWidth / |mean|; 0 when halfWidth is 0. */
  relativeHalfWidth: number;
}

/** A confidence interval across replications (Student t). */
export type Interval = ConfidenceInterval;

export interface FeatureNote {
  feature: string;
  /** What happened to the scenario's setting: forced on, not available (run without), or cannot run. */
  mode: 'always' | 'unavailable' | 'unsupported';
  reason: string;
}

/**
 * The hops behind a result, for the page's "where does this number come from" panel: compiled hops
 * grouped across replica pods (the same segment of the same call, e.g. every client sidecar's
 * outbound parse on calls from `web` to `db`), with their model cost, how often a request crosses
 * them, what they cost in time and CPU per request, and the citations the costs come from.
 */
export interface HopLedgerEntry {
  /** `caller>server|segment`: stable across replicas and runs. */
  key: string;
  /** Which call: 'loadgen > web', or the service a handler belongs to. */
  call: string;
  leg: 'request' | 'response' | 'handler';
  kind: string;
  name: string;
  label: string;
  category: string;
  layer: string;
  cpuClass: string;
  component: string;
  side: string;
  /** Traversals per top-level request. */
  visits: number;
  /** Model costs per traversal at the scenario's profile (means), µs. */
  onPathUs: number;
  cpuUs: number;
  postUs: number;
  /** Mean time per traversal in the hop (CPU burst and on-path delay) and waiting for a worker or core, µs. */
  serviceUs: number;
  waitUs: number;
  /** CPU µs per top-level request, container and kernel (post-response work included). */
  cpuPerRequestContainer: number;
  cpuPerRequestKernel: number;
  sources: string[];
  standing: Standing;
}

export interface Totals {
  reservedCpuMilli: number;
  reservedMemoryMiB: number;
  usedMemoryMiB: number;
  idleCpuMilli: number;
}

export interface ComponentFootprint {
  component: string;
  name: string;
  per: FootprintPer;
  instances: number;
  /** Clusters and endpoints one instance holds (mean over instances). */
  visible: { clusters: number; endpoints: number };
  /** Per instance. */
  reserved: { cpuMilli: number; memoryMiB: number };
  used: { memoryMiB: number; idleCpuMilli: number };
  total: Totals;
  standing: FootprintComponent['standing'];
  sources: string[];
}

export interface FootprintResult {
  architecture: ArchitectureId;
  configScope: Scenario['topology']['configScope'];
  /** The mesh the totals cover. */
  mesh: { services: number; pods: number; nodes: number };
  components: ComponentFootprint[];
  /** Whole cluster. */
  cluster: Totals;
  /** Cluster totals ÷ pods (control plane, node agents and waypoints amortised). */
  perPod: Totals;
  /** Data plane hosted on each node: pod- and node-level components ÷ nodes. */
  perNode: Totals;
  /** Totals by what components are counted per. */
  byPer: Record<FootprintPer, Totals>;
  /** The waypoints counted (designs with waypoints only): see `waypointCountText`. */
  waypoints?: WaypointCount;
}

export interface WaypointCount {
  instances: number;
  /** Waypoints placed for the simulated services (the rest of a larger mesh follows their ratio). */
  placed: number;
  /** Services per waypoint (a mean when namespaces differ in size). */
  servicesEach: number;
  /** Who shares one: the scenario's `topology.waypointScope`, or 'option' when set by `servicesPerWaypoint`. */
  scope: 'namespace' | 'service' | 'option';
  /** Services per namespace in the mesh beyond the simulated services, when the scenario states it. */
  restPerNamespace?: number;
}

/** "2 waypoints (one per namespace)", "3 waypoints (one per service)", "50 waypoints (20 services per waypoint)". */
export function waypointCountText(w: WaypointCount): string {
  const n = `${w.instances.toLocaleString('en')} waypoint${w.instances === 1 ? '' : 's'}`;
  const k = Number(w.servicesEach.toFixed(2));
  const each = `${k} service${k === 1 ? '' : 's'} per waypoint`;
  if (w.scope === 'service') return `${n} (one per service)`;
  if (w.scope === 'option') return `${n} (${each})`;
  // Over a mesh larger than the simulation, say where the count comes from.
  if (w.instances !== w.placed && w.restPerNamespace !== undefined)
    return `${n} (one per namespace: ${w.placed} for the simulated services, the rest of the mesh in namespaces of ${w.restPerNamespace} services)`;
  if (w.instances !== w.placed)
    return `${n} (one per namespace: ${w.placed} for the simulated services, the rest of the mesh at ${each})`;
  return w.servicesEach === 1 ? `${n} (one per namespace)` : `${n} (one per namespace, ${each})`;
}

export interface ScalingPoint {
  pods: number;
  services: number;
  nodes: number;
  cluster: Totals;
  perPod: Totals;
  byPer: Record<FootprintPer, Totals>;
}

/** CPU of the mesh at one mesh size, in cores (1 core = 1000 mCPU = 1 vCPU). */
export interface CpuPoint {
  pods: number;
  /** Pod-spec requests of the mesh's components (what the scheduler sets aside). */
  reservedCores: number;
  /** Idle CPU of every instance (stats flush, xDS keep-alives), with no traffic. */
  idleCores: number;
  /** CPU the traffic adds: the scenario's rate per pod × pods × the mesh's added vCPU per request. */
  trafficCores: number;
  /** idle + traffic. */
  usedCores: number;
}

export const BREAKDOWN_CATEGORIES = [
  'app',
  'kernel',
  'netfilter',
  'ebpf',
  'proxy',
  'crypto',
  'wire',
  'queueing',
] as const;
export type BreakdownCategory = (typeof BREAKDOWN_CATEGORIES)[number];

export interface Percentiles<T> {
  mean: T;
  p50: T;
  p90: T;
  p99: T;
  p999: T;
}

export interface ComponentCpu {
  component: string;
  /** vCPU per 1000 rps, container (kubectl top) and kernel (softirq, eBPF). */
  container: Interval;
  kernel: Interval;
}

export interface InstanceCpu {
  component: string;
  /** Pod (for app and sidecar), the node ("node 3") for node proxies, or the waypoint pod. */
  instance: string;
  container: Interval;
  kernel: Interval;
}

/** One resource's load over the measurement window, merged across replications (busiest first). */
export interface StationLoad {
  id: string;
  kind: 'cpu' | 'threads';
  node: string;
  component: string;
  servers: number;
  /** Mean busy servers ÷ servers. */
  utilization: Interval;
  /** Time-average number waiting (not in service). */
  meanQueueLength: Interval;
  /**
   * µs each request spends waiting here, summed over its visits: queue length ÷ throughput (Little's
   * law), which needs no per-visit count and so also covers pools held across hops and post-response work.
   */
  waitPerRequestUs: Interval;
}

export interface BottleneckLoad {
  id: string;
  component: string;
  utilization: number;
  meanWaitUs: number;
}

/** The analytic estimate of a design that can run the scenario: every figure of the model is there. */
export interface DesignEstimate extends DesignBase {
  unsupported?: undefined;
  /** Arrival rate the estimate used, requests per second. */
  rps: number;
  approximations: string[];
  /** A resource at or beyond 100 % utilisation: latency unbounded. */
  saturated: boolean;
  meanLatencyUs: number;
  /** Mean latency minus no-mesh's, same scenario (absent when no-mesh cannot be estimated). */
  addedMeanUs?: number;
  /** Share of requests that fail because a held pool (Hystrix) refused every try (0 when there is none). */
  refusedShare: number;
  /** Offered load at which the busiest resource reaches 100 %, requests per second. */
  saturationRps: number;
  bottleneck?: BottleneckLoad;
  /** Mean µs per request by hop category (every hop visit, parallel branches added up), plus queueing. */
  breakdown: Record<BreakdownCategory, number>;
  /** vCPU per 1000 rps by component, container (kubectl top) and kernel. */
  cpu: { component: string; container: number; kernel: number }[];
  cpuTotal: { container: number; kernel: number };
  perRequest: {
    hops: number;
    kernelCrossings: number;
    copies: number;
    contextSwitches: number;
    cpuUs: number;
    proxies: number;
  };
  /** Share of service calls (client → server legs, weighted by how often they run) that cross nodes. */
  crossNodeShare: number;
  /** Hops behind every figure, grouped across replica pods, with analytic waits. */
  ledger: HopLedgerEntry[];
  /**
   * Mean latency against offered load, up to saturation (analytic), from far below the loads a chart
   * shows (CURVE_SHOWN_FROM of the most constrained design's saturation) so every line spans it.
   */
  loadCurve: { rps: number; meanUs: number }[];
  /** Memory and reserved CPU over the whole mesh (closed-form footprint model), when it can be computed. */
  footprint?: FootprintResult;
  /** Footprint totals as the mesh grows (pods 10 … 2,000; services in the scenario's ratio). */
  scaling?: (ScalingPoint & { /** The scenario's own mesh size. */ current?: boolean })[];
  /** CPU of the mesh against pods (10 … 2,000 and the scenario's own size): reserved, idle, and the traffic of the scenario's load (cores). */
  cpuScaling?: (CpuPoint & { current?: boolean })[];
  /** The total request rate the CPU curve's traffic term assumes, the same at every mesh size (the scenario's load, or its throughput under closed load). */
  trafficRps?: number;
  /** vCPU per 1000 rps the design adds over no mesh (container + kernel, analytic), known whether or not no mesh is among the picked designs. */
  addedCpu?: number;
  /** Footprint totals against the number of services, pods held at SERVICES_AXIS_PODS (or the scenario's, if more). */
  servicesScaling?: (ScalingPoint & {
    /** The scenario's own mesh. */ current?: boolean;
    /** kube-proxy iptables first-packet rule walk per new connection to a ClusterIP, µs (iptables dataplane only). */ natWalkUs?: number;
  })[];
  /** Why the footprint is missing, if it is. */
  footprintError?: string;
  /** The same estimate with every hop at its low and at its high cost (the uncertainty band). */
  band: { low: BandPoint; high: BandPoint };
  /** Hop kinds whose low-to-high cost range moves the latency most, summed over the path, largest first (µs per request). */
  sensitivity: { key: string; label: string; kind: string; call: string; spreadUs: number }[];
}

/** One design's estimate: the figures, or the reasons it cannot run the scenario. */
export type ArchitectureEstimate = DesignEstimate | UnsupportedDesign;

export interface BandPoint {
  meanLatencyUs: number;
  /** vCPU per 1000 rps, container + kernel. */
  cpu: number;
}

export interface ScenarioEstimate {
  modelVersion: string;
  results: ArchitectureEstimate[];
}

interface DesignBase {
  architecture: ArchitectureId;
  name: string;
  notes: FeatureNote[];
}

/** A design that cannot run the scenario (feature matrix reasons): nothing else is known of it. */
export interface UnsupportedDesign extends DesignBase {
  unsupported: string[];
}

/** A simulated design's figures, merged across replications. */
export interface SimulatedDesign extends DesignBase {
  unsupported?: undefined;
  latency: Percentiles<Interval>;
  latencyActual: Percentiles<Interval>;
  /** pX(architecture) − pX(no-mesh), paired per replication seed (absent only without a baseline run). */
  added?: Percentiles<Interval>;
  throughputRps: Interval;
  cpu: ComponentCpu[];
  /** All components together (mesh and application), vCPU per 1000 rps. */
  cpuTotal: { container: Interval; kernel: Interval };
  cpuByInstance: InstanceCpu[];
  /** Mean µs per request by hop category, plus time spent queueing. */
  breakdown: Record<BreakdownCategory, number>;
  perRequest: RunSummary['perRequest'] & { proxies: number };
  samplesPerReplication: number;
  p999Reliable: boolean;
  /**
   * What happened to the measured requests: the share that failed (latency covers only the ones that
   * succeeded), retries issued and tries abandoned by a timeout, per request.
   */
  outcomes: { failedShare: Interval; retriesPerRequest: Interval; timeoutsPerRequest: Interval };
  /** Every resource that did work (node cores, thread pools), busiest first by mean utilisation. */
  stations: StationLoad[];
}

/** A simulated design as the page gets it: its figures plus the hops behind them and the extremes. */
export interface SimulatedView extends SimulatedDesign {
  /** Smallest and largest latency seen in any replication, µs (from the intended send). */
  extremes: { min: number; max: number };
  /** Requests completed and failed, summed over replications. */
  requests: { completed: number; failed: number };
  ledger: HopLedgerEntry[];
}

/** One design in a finished comparison: simulated, or unable to run the scenario. */
export type ArchitectureView = SimulatedView | UnsupportedDesign;

/** A finished comparison as plain, structured-clone-safe data for the page. */
export interface ComparisonView {
  scenario: Scenario;
  replications: number;
  level: number;
  results: ArchitectureView[];
  /** How precise the headline figures are; absent when the comparison did not ask. */
  precision?: PrecisionReport;
}

/**
 * The figures of a design that ran; throws, naming it, for one that cannot run the scenario (for
 * callers that know it ran: tests, reports of a design picked by its results).
 */
export function simulated<T extends { architecture: string; unsupported?: string[] }>(
  r: T | undefined,
): Exclude<T, { unsupported: string[] }> {
  if (!r) throw new Error('no such design in the results');
  if (r.unsupported) throw new Error(`${r.architecture} did not run: ${r.unsupported.join('; ')}`);
  return r as Exclude<T, { unsupported: string[] }>;
}

/** The estimate of a design that can run the scenario; throws, naming it, for one that cannot. */
export const estimated: <T extends { architecture: string; unsupported?: string[] }>(
  r: T | undefined,
) => Exclude<T, { unsupported: string[] }> = simulated;

/** A headline figure whose interval decides how many replications a comparison needs. */
export type HeadlineFigure = 'p50' | 'p99' | 'added p50' | 'added p99' | 'vCPU container' | 'vCPU kernel';

/**
 * How precise a comparison's headline figures are, and whether it needs more replications: the worst
 * relative half-width over every design's headline figures (an added latency is measured against the
 * design's own latency percentile, as it can be near zero), the figure that sets it, and the run
 * length the next round goes to (null: the target is reached, or the cap).
 */
export interface PrecisionReport {
  /** Relative half-width asked for (0.02 = ±2 %); null: a fixed number of replications. */
  target: number | null;
  /** Worst relative half-width over the headline figures of every design. */
  reached: number;
  limitedBy: { architecture: ArchitectureId; figure: HeadlineFigure } | null;
  replications: number;
  /** Replications the next round runs up to; null when no round follows. */
  next: number | null;
  /** The target was not reached within the most replications allowed. */
  atCap: boolean;
}

/**
 * The share of the most constrained design's saturation load a latency-against-load chart starts at:
 * lighter loads add nothing to read (every design's mean is flat there).
 */
export const CURVE_SHOWN_FROM = 0.02;
