import type { CpuByComponent, HopSummary, LatencySummary, RunSummary, StationSummary } from '../model/result';
import type { LatencyHistogram } from './histogram';
import type { Simulation } from './simulation';

export function latencySummary(h: LatencyHistogram): LatencySummary {
  if (h.count === 0) return { n: 0, mean: NaN, min: NaN, p50: NaN, p90: NaN, p99: NaN, p999: NaN, max: NaN };
  const [p50, p90, p99, p999] = h.percentiles([50, 90, 99, 99.9]);
  return { n: h.count, mean: h.mean, min: h.min, p50, p90, p99, p999, max: h.max };
}

/** Plain-data summary of a finished (or paused) run. */
export function summarize(sim: Simulation): RunSummary {
  const { spec, net } = sim;
  const windowEnd = Number.isNaN(sim.windowEnd) ? sim.now : sim.windowEnd;
  const windowUs = Number.isNaN(sim.windowStart) ? 0 : windowEnd - sim.windowStart;
  const done = sim.measuredDone;
  const throughputRps = windowUs > 0 ? (sim.measuredSent / windowUs) * 1e6 : 0;

  const stations: StationSummary[] = net.stations.map((st) => {
    let busy = 0;
    let queue = 0;
    for (let u = st.firstUnit; u < st.firstUnit + st.unitCount; u++) {
      busy += sim.unitBusyArea(u);
      queue += sim.unitQueueArea(u);
    }
    return {
      id: st.id,
      kind: st.kind,
      node: st.node,
      component: st.component,
      servers: st.servers,
      utilization: windowUs > 0 ? busy / (windowUs * st.servers) : 0,
      meanQueueLength: windowUs > 0 ? queue / windowUs : 0,
    };
  });

  const hs = sim.hopStats;
  const hops: HopSummary[] = spec.hops.map((h, i) => {
    const n = hs.count(i);
    return {
      id: h.id,
      kind: h.kind,
      category: h.category,
      component: h.component,
      count: n,
      queued: hs.queued(i),
      dropped: hs.dropped(i),
      meanQueueWait: n ? hs.waitSum(i) / n : 0,
      meanService: n ? hs.serviceSum(i) / n : 0,
      maxQueueWait: hs.waitMax(i),
      cpuUsContainer: hs.cpuUsContainer(i),
      cpuUsKernel: hs.cpuUsKernel(i),
    };
  });

  const byComponent = new Map<string, { c: number; k: number }>();
  for (const h of hops) {
    const e = byComponent.get(h.component) ?? { c: 0, k: 0 };
    e.c += h.cpuUsContainer;
    e.k += h.cpuUsKernel;
    byComponent.set(h.component, e);
  }
  const per1000 = throughputRps > 0 ? 1000 / throughputRps : 0;
  const cpu: CpuByComponent[] = [...byComponent].map(([component, e]) => {
    const vc = windowUs > 0 ? e.c / windowUs : 0;
    const vk = windowUs > 0 ? e.k / windowUs : 0;
    return {
      component,
      vcpuContainer: vc,
      vcpuKernel: vk,
      vcpuPer1000RpsContainer: vc * per1000,
      vcpuPer1000RpsKernel: vk * per1000,
    };
  });

  const p = sim.perRequest;
  const d = done || 1;
  return {
    seed: spec.seed,
    endUs: sim.now,
    windowUs,
    events: sim.events,
    requests: {
      measured: sim.measuredSent,
      completed: done,
      failed: sim.measuredFailed,
      timeouts: sim.timeouts,
      retries: sim.retries,
    },
    latency: { intended: latencySummary(sim.latencyIntended), actual: latencySummary(sim.latencyActual) },
    throughputRps,
    meanInSystem: windowUs > 0 ? sim.inSystemArea / windowUs : 0,
    perRequest: {
      hops: p.hops / d,
      kernelCrossings: p.kernelCrossings / d,
      copies: p.copies / d,
      contextSwitches: p.contextSwitches / d,
      cpuUs: p.cpuUs / d,
    },
    stations,
    hops,
    cpu,
  };
}
