import type { ScenarioEstimate } from '../../model/comparison';
import type { ComparisonView, SimulatedView } from '../../model/comparison';
import { csvCell } from '../../model/csv';
import { MODEL_VERSION } from '../../model/scenario';

/**
 * Exports of a finished comparison. Every one says it is simulated: the figures come from meshpath's
 * model of the data path, not from a measurement of a real cluster.
 */

export const SIMULATED_LABEL = 'Simulated by meshpath (a model of the data path), not measured on a cluster.';

const LATENCY_COVERS =
  'Latency covers only the requests that succeeded; outcomes.failedShare is the share that failed.';

const PCTS = ['mean', 'p50', 'p90', 'p99', 'p999'] as const;

const CSV_HEADER = [
  'architecture',
  'name',
  'supported',
  'source',
  ...PCTS.flatMap((p) => [`${p}_us`, `${p}_halfwidth_us`]),
  ...PCTS.flatMap((p) => [`added_${p}_us`, `added_${p}_halfwidth_us`]),
  'vcpu_per_1000rps_container',
  'vcpu_per_1000rps_kernel',
  // The load: offered (empty for a closed loop), and what the design's callers sent (less where they
  // waited for replies); whether the estimate finds a resource over 100 % busy.
  'offered_rps',
  'sent_rps',
  'saturated_estimate',
  'hops',
  'proxies',
  'kernel_crossings',
  'copies',
  'context_switches',
  'memory_used_per_pod_mib',
  'memory_reserved_per_pod_mib',
  'memory_used_cluster_mib',
  'memory_reserved_cluster_mib',
  'cpu_reserved_cores_cluster',
  'cpu_used_cores_cluster_estimate',
  'busiest_resource',
  'busiest_utilisation',
  'busiest_utilisation_halfwidth',
  'busiest_queue_length',
  'busiest_wait_per_request_us',
  'failed_share',
  'failed_share_halfwidth',
  'retries_per_request',
  'timeouts_per_request',
  'requests_completed',
  'requests_failed',
  'samples_per_replication',
  'p999_reliable',
  'replications',
  'confidence',
  'seed',
  'model_version',
  'notes',
];

function num(x: number | undefined): string {
  return x === undefined || !Number.isFinite(x) ? '' : String(Number(x.toPrecision(6)));
}

/**
 * One row per architecture (RFC 4180), the columns of `npm run sim -- --csv` plus memory and what
 * happened to the requests (latency columns cover only the requests that succeeded). Memory and
 * reserved CPU come from the closed-form footprint model; `cpu_used_cores_cluster_estimate` adds the
 * analytic traffic estimate, so it is named as one.
 */
export function comparisonCsv(view: ComparisonView, estimate: ScenarioEstimate | null): string {
  const lines = [CSV_HEADER.join(',')];
  const load = view.scenario.workload.load;
  const offered = load.kind === 'closed' ? undefined : load.rps;
  for (const r of view.results) {
    const found = estimate?.results.find((e) => e.architecture === r.architecture);
    const est = found && !found.unsupported ? found : undefined;
    const fp = est?.footprint;
    // CPU at the scenario's own mesh size (the curve's first point); the busiest resource, simulated.
    const cpuHere = est?.cpuScaling?.find((c) => c.current);
    // A design that could not run has no figures: its columns stay empty.
    const sim = r.unsupported ? undefined : r;
    const top = sim?.stations[0];
    const pct = (x: SimulatedView['latency'] | undefined) =>
      PCTS.flatMap((k) => (x ? [num(x[k].mean), num(x[k].halfWidth)] : ['', '']));
    const p = sim?.perRequest;
    const notes = [...(r.unsupported ?? []), ...r.notes.map((n) => `${n.feature}: ${n.reason}`)].join(' | ');
    lines.push(
      [
        r.architecture,
        r.name,
        r.unsupported ? 'false' : 'true',
        'meshpath simulation',
        ...pct(sim?.latency),
        ...pct(sim?.added),
        num(sim?.cpuTotal.container.mean),
        num(sim?.cpuTotal.kernel.mean),
        num(offered),
        num(sim?.throughputRps.mean),
        est ? String(est.saturated) : '',
        num(p?.hops),
        num(p?.proxies),
        num(p?.kernelCrossings),
        num(p?.copies),
        num(p?.contextSwitches),
        num(fp?.perPod.usedMemoryMiB),
        num(fp?.perPod.reservedMemoryMiB),
        num(fp?.cluster.usedMemoryMiB),
        num(fp?.cluster.reservedMemoryMiB),
        num(cpuHere?.reservedCores),
        num(cpuHere?.usedCores),
        top?.id ?? '',
        num(top?.utilization.mean),
        num(top?.utilization.halfWidth),
        num(top?.meanQueueLength.mean),
        num(top?.waitPerRequestUs.mean),
        num(sim?.outcomes.failedShare.mean),
        num(sim?.outcomes.failedShare.halfWidth),
        num(sim?.outcomes.retriesPerRequest.mean),
        num(sim?.outcomes.timeoutsPerRequest.mean),
        num(sim?.requests.completed),
        num(sim?.requests.failed),
        num(sim?.samplesPerReplication),
        sim ? String(sim.p999Reliable) : '',
        String(view.replications),
        String(view.level),
        String(view.scenario.seed),
        view.scenario.modelVersion,
        notes,
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

const finite = (_k: string, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v);

/**
 * The scenario and every architecture's figures, with the hop ledgers behind them, every resource's
 * load (results[].stations), and the closed-form footprint with its scaling curves.
 */
export function comparisonJson(view: ComparisonView, estimate: ScenarioEstimate | null): string {
  return `${JSON.stringify(
    {
      meshpath: {
        kind: 'simulated comparison',
        note: SIMULATED_LABEL,
        modelVersion: MODEL_VERSION,
        latency: LATENCY_COVERS,
      },
      scenario: view.scenario,
      replications: view.replications,
      confidence: view.level,
      results: view.results,
      footprints:
        estimate?.results.map((r) => {
          // A design that cannot run the scenario has no footprint: it is listed with empty curves.
          const e = r.unsupported ? undefined : r;
          return {
            architecture: r.architecture,
            footprint: e?.footprint ?? null,
            scaling: {
              note: 'Closed-form footprint model. memoryAgainstPods and cpuAgainstPods: services grow in the scenario’s ratio; cpuAgainstPods traffic = added vCPU per 1000 rps (analytic estimate) × trafficRps ÷ 1000, the scenario’s total rate held fixed at every mesh size. memoryAgainstServices: pods held fixed; natWalkUs = kube-proxy iptables first-packet rule walk per new connection to a Service IP.',
              memoryAgainstPods: e?.scaling ?? [],
              cpuAgainstPods: e?.cpuScaling ?? [],
              trafficRps: e?.trafficRps ?? null,
              memoryAgainstServices: e?.servicesScaling ?? [],
            },
          };
        }) ?? [],
    },
    finite,
    2,
  )}\n`;
}

/**
 * Shaped like the Service Mesh Performance specification's PerformanceTestConfig and
 * PerformanceTestResult (protos/service_mesh_performance.proto): one result per architecture,
 * latencies in ms. Simulated runs have no wall-clock start and end, so those fields are left out,
 * and every result's labels say it is simulated.
 */
export function smpResult(view: ComparisonView): string {
  const s = view.scenario;
  const load = s.workload.load;
  const id = `meshpath-${s.seed}`;
  const config = {
    id,
    name: s.name ?? 'meshpath comparison',
    labels: {
      simulated: 'true',
      generator: 'meshpath',
      model_version: s.modelVersion,
      note: SIMULATED_LABEL,
    },
    clients: [
      {
        internal: true,
        load_generator: `meshpath ${load.kind} load`,
        protocol: s.workload.protocol === 'grpc' ? 'grpc' : 'http',
        connections: load.connections,
        rps: load.kind === 'closed' ? 0 : load.rps,
      },
    ],
    duration:
      'measuredRequests' in s.run
        ? `${s.run.measuredRequests} measured requests × ${view.replications} replications (simulated)`
        : 'simulated time window',
  };
  const results = view.results
    .flatMap((r) => (r.unsupported ? [] : [r]))
    .map((r) => ({
      id: `${id}-${r.architecture}`,
      labels: {
        simulated: 'true',
        generator: 'meshpath',
        architecture: r.architecture,
        model_version: s.modelVersion,
        seed: String(s.seed),
        replications: String(view.replications),
        confidence: String(view.level),
        profile: s.profile,
        latency_covers: 'successful requests only',
        failed_share: String(Number(r.outcomes.failedShare.mean.toPrecision(6))),
        retries_per_request: String(Number(r.outcomes.retriesPerRequest.mean.toPrecision(6))),
        timeouts_per_request: String(Number(r.outcomes.timeoutsPerRequest.mean.toPrecision(6))),
        requests_completed: String(r.requests.completed),
        requests_failed: String(r.requests.failed),
      },
      latencies_ms: {
        min: round(r.extremes.min),
        average: round(r.latency.mean.mean),
        p50: round(r.latency.p50.mean),
        p90: round(r.latency.p90.mean),
        p99: round(r.latency.p99.mean),
        max: round(r.extremes.max),
      },
      actual_QPS: Number(r.throughputRps.mean.toPrecision(6)),
      meshConfigId: r.architecture,
    }));
  return `${JSON.stringify({ note: SIMULATED_LABEL, performance_test_config: config, results }, finite, 2)}\n`;
}

function round(us: number | undefined): number | null {
  return us === undefined || !Number.isFinite(us) ? null : Number((us / 1000).toPrecision(6));
}
