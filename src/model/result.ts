/** Results of a run, as plain data (what the worker posts, the CLI prints and exports carry). */

export interface LatencySummary {
  n: number;
  mean: number;
  min: number;
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  max: number;
}

export interface StationSummary {
  id: string;
  kind: 'cpu' | 'threads';
  node: string;
  component: string;
  servers: number;
  /** Mean busy servers / servers over the measurement window. */
  utilization: number;
  /** Time-average number waiting (not in service). */
  meanQueueLength: number;
}

export interface HopSummary {
  id: string;
  kind: string;
  category: string;
  component: string;
  count: number;
  queued: number;
  dropped: number;
  meanQueueWait: number;
  meanService: number;
  maxQueueWait: number;
  cpuUsContainer: number;
  cpuUsKernel: number;
}

export interface CpuByComponent {
  component: string;
  /** CPU seconds per second over the window (vCPU), split by class. */
  vcpuContainer: number;
  vcpuKernel: number;
  /** vCPU per 1000 requests per second of measured throughput. */
  vcpuPer1000RpsContainer: number;
  vcpuPer1000RpsKernel: number;
}

export interface RunSummary {
  seed: number;
  /** Simulated µs at the end of the run, and the measurement window. */
  endUs: number;
  windowUs: number;
  events: number;
  /** Measured requests: sent, completed, failed; tries abandoned by timeouts; retries issued. */
  requests: { measured: number; completed: number; failed: number; timeouts: number; retries: number };
  /** From the intended send time (corrected for coordinated omission) and from the actual send. */
  latency: { intended: LatencySummary; actual: LatencySummary };
  throughputRps: number;
  /** Time-average requests in the system over the window (Little's L). */
  meanInSystem: number;
  perRequest: {
    hops: number;
    kernelCrossings: number;
    copies: number;
    contextSwitches: number;
    cpuUs: number;
  };
  stations: StationSummary[];
  hops: HopSummary[];
  cpu: CpuByComponent[];
}
