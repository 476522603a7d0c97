import { waypointCountText, type PrecisionReport } from '../model/comparison';
import { formatPrecision } from '../model/precision';
import type { SimulatedDesign } from '../model/comparison';
import type { ArchitectureResult } from '../engine';
import type { Interval } from '../engine';
import { csvCell } from '../model/csv';
import type { ComparisonOutcome } from './compare';
import { wrap } from './report';
import { formatCompact, formatInterval, formatNumber, renderTable, type Column } from './table';

const iv = (i: Interval | undefined): string => (i ? formatInterval(i.mean, i.halfWidth) : '—');
/** A design that ran (as opposed to one that cannot run the scenario): every figure is there. */
const ran = (r: ArchitectureResult): r is Exclude<ArchitectureResult, { unsupported: string[] }> =>
  !r.unsupported;

/** The comparison as readable tables: one row per architecture. */
const OVERLOADED =
  'overloaded — the offered load is past what it can serve (the analytic estimate puts a resource at or past 100 % busy), so its queues grow for the whole run: its latency and CPU figures depend on the run’s length, not a steady state';

export function renderComparison(o: ComparisonOutcome): string[] {
  const { scenario: s, result } = o;
  const rows = result.results;
  const out: string[] = [];
  out.push(`meshpath sim — ${s.name ?? o.source} (${o.source})`);
  if (isDescribed(s)) out.push(...wrap(s.description, 100));
  const load = s.workload.load;
  const loadText =
    load.kind === 'open'
      ? `open ${formatCompact(load.rps)} rps over ${load.connections} connections`
      : load.kind === 'paced'
        ? `paced ${formatCompact(load.rps)} rps over ${load.connections} connections`
        : `closed, ${load.connections} connections`;
  out.push(
    `${s.topology.nodes} nodes × ${s.topology.coresPerNode} cores; ${loadText}; ${s.workload.requestKiB} KiB / ${s.workload.responseKiB} KiB; ${s.workload.protocol}; profile ${s.profile}; seed ${s.seed}; ${result.replications} replications, ${Math.round(result.level * 100)}% intervals`,
    precisionLine(result.precision),
  );
  out.push('');

  if (
    rows.some((r) => ran(r) && (r.outcomes.failedShare.mean > 0 || r.outcomes.retriesPerRequest.mean > 0))
  ) {
    out.push('Outcomes of the measured requests (latency below covers only the ones that succeeded)');
    out.push(
      ...renderTable(
        [
          { header: 'architecture' },
          ...['failed', 'retries per request', 'timed-out tries per request'].map((h) => ({
            header: h,
            align: 'right' as const,
          })),
        ],
        rows
          .filter(ran)
          .map((r) => [
            r.architecture,
            `${formatNumber(100 * r.outcomes.failedShare.mean, 3)} %`,
            formatNumber(r.outcomes.retriesPerRequest.mean, 3),
            formatNumber(r.outcomes.timeoutsPerRequest.mean, 3),
          ]),
        { indent: 2 },
      ),
    );
    out.push('');
  }
  out.push(
    'Latency, µs, from the intended send time, of successful requests; added = pX(architecture) − pX(no-mesh) on the same seeds',
  );
  const lat: Column[] = [
    { header: 'architecture' },
    ...['p50', 'p90', 'p99', 'p99.9', '+p50', '+p90', '+p99'].map((h) => ({
      header: h,
      align: 'right' as const,
    })),
  ];
  out.push(
    ...renderTable(
      lat,
      rows
        .filter(ran)
        .map((r) => [
          r.architecture,
          iv(r.latency.p50),
          iv(r.latency.p90),
          iv(r.latency.p99),
          `${iv(r.latency.p999)}${r.p999Reliable ? '' : ' *'}`,
          iv(r.added?.p50),
          iv(r.added?.p90),
          iv(r.added?.p99),
        ]),
      { indent: 2 },
    ),
  );
  if (rows.some((r) => ran(r) && !r.p999Reliable))
    out.push(`  * p99.9 unreliable: fewer than 10,000 samples per replication`);
  out.push('');

  out.push(
    'CPU, vCPU per 1000 rps: container (what kubectl top shows) and kernel (softirq, eBPF); by component, with instances × mean per instance (a sidecar pair is 2 × one sidecar)',
  );
  out.push(
    ...renderTable(
      [
        { header: 'architecture' },
        { header: 'container', align: 'right' },
        { header: 'kernel', align: 'right' },
        { header: 'by component (container + kernel): total = instances × per instance' },
      ],
      rows
        .filter(ran)
        .map((r) => [r.architecture, iv(r.cpuTotal.container), iv(r.cpuTotal.kernel), cpuByComponent(r)]),
      { indent: 2 },
    ),
  );
  out.push('');

  out.push(
    `Memory and reserved resources (closed-form footprint; mesh of ${o.footprints[0]?.mesh.services ?? '?'} services, ${o.footprints[0]?.mesh.pods ?? '?'} pods, ${o.footprints[0]?.mesh.nodes ?? '?'} nodes; config scope ${s.topology.configScope})`,
  );
  out.push(
    ...renderTable(
      [
        { header: 'architecture' },
        ...[
          'used MiB/pod',
          'reserved CPU m/pod',
          'reserved MiB/pod',
          'cluster used GiB',
          'cluster reserved cores',
          'cluster reserved GiB',
        ].map((h) => ({ header: h, align: 'right' as const })),
      ],
      o.footprints.map((f) => [
        f.architecture,
        formatNumber(f.perPod.usedMemoryMiB),
        formatNumber(f.perPod.reservedCpuMilli),
        formatNumber(f.perPod.reservedMemoryMiB),
        formatNumber(f.cluster.usedMemoryMiB / 1024),
        formatNumber(f.cluster.reservedCpuMilli / 1000),
        formatNumber(f.cluster.reservedMemoryMiB / 1024),
      ]),
      { indent: 2 },
    ),
  );
  out.push(
    '  per pod = cluster total ÷ pods (control plane, node agents and waypoints shared out); includes the application-independent mesh parts only',
  );
  for (const f of o.footprints)
    if (f.waypoints) out.push(`  ${f.architecture} counts ${waypointCountText(f.waypoints)}`);
  out.push('');

  out.push('Per request (means)');
  out.push(
    ...renderTable(
      [
        { header: 'architecture' },
        ...[
          'hops',
          'proxies (first call)',
          'kernel crossings',
          'copies',
          'context switches',
          'CPU µs (all)',
        ].map((h) => ({
          header: h,
          align: 'right' as const,
        })),
      ],
      rows.filter(ran).map((r) => {
        const p = r.perRequest;
        // vCPU per 1000 rps × 1000 = CPU µs per request, post-response work included.
        const cpuUs = (r.cpuTotal.container.mean + r.cpuTotal.kernel.mean) * 1000;
        return [
          r.architecture,
          formatCompact(p.hops),
          String(p.proxies),
          formatCompact(p.kernelCrossings),
          formatCompact(p.copies),
          formatCompact(p.contextSwitches),
          formatNumber(cpuUs),
        ];
      }),
      { indent: 2 },
    ),
  );
  out.push(
    '  proxies (first call): user-space proxies on the request leg of the entry’s first call; the other columns count the whole request, every call',
  );

  const notes = rows.flatMap((r) => [
    ...(o.overloaded.includes(r.architecture) ? [`${r.architecture}: ${OVERLOADED}`] : []),
    ...(r.unsupported ?? []).map((u) => `${r.architecture}: cannot run — ${u}`),
    ...r.notes.map(
      (n) =>
        `${r.architecture}: ${n.feature} ${n.mode === 'always' ? 'is always on' : 'is not available'} — ${n.reason}`,
    ),
  ]);
  if (notes.length) {
    out.push('', 'Notes');
    for (const n of notes) out.push(...wrap(n, 100).map((l, i) => (i === 0 ? `  - ${l}` : `    ${l}`)));
  }
  return out;
}

const CSV_HEADER = [
  'architecture',
  'name',
  'supported',
  ...['mean', 'p50', 'p90', 'p99', 'p999'].flatMap((p) => [`${p}_us`, `${p}_halfwidth_us`]),
  ...['mean', 'p50', 'p90', 'p99', 'p999'].flatMap((p) => [`added_${p}_us`, `added_${p}_halfwidth_us`]),
  'vcpu_per_1000rps_container',
  'vcpu_per_1000rps_kernel',
  'memory_used_mib_per_pod',
  'reserved_cpu_milli_per_pod',
  'reserved_memory_mib_per_pod',
  'cluster_memory_used_mib',
  'cluster_reserved_cpu_milli',
  'cluster_reserved_memory_mib',
  'hops',
  'proxies_first_call',
  'kernel_crossings',
  'copies',
  'context_switches',
  'cpu_us_per_request',
  'failed_share',
  'retries_per_request',
  'timeouts_per_request',
  'samples_per_replication',
  'p999_reliable',
  'replications',
  'confidence',
  'notes',
];

/** One CSV row per architecture (RFC 4180 quoting). */
export function renderComparisonCsv(o: ComparisonOutcome): string {
  const lines = [CSV_HEADER.join(',')];
  for (const r of o.result.results) {
    // A design that cannot run has no figures: its columns stay empty.
    const sim = ran(r) ? r : undefined;
    const pct = (x: NonNullable<typeof sim>['latency'] | undefined) =>
      ['mean', 'p50', 'p90', 'p99', 'p999'].flatMap((k) => {
        const i = x?.[k as keyof typeof x];
        return i ? [num(i.mean), num(i.halfWidth)] : ['', ''];
      });
    const p = sim?.perRequest;
    const notes = [
      ...(o.overloaded.includes(r.architecture) ? [OVERLOADED] : []),
      ...(r.unsupported ?? []),
      ...r.notes.map((n) => `${n.feature}: ${n.reason}`),
    ].join(' | ');
    lines.push(
      [
        r.architecture,
        r.name,
        r.unsupported ? 'false' : 'true',
        ...pct(sim?.latency),
        ...pct(sim?.added),
        num(sim?.cpuTotal.container.mean),
        num(sim?.cpuTotal.kernel.mean),
        ...footprintCells(o, r.architecture),
        num(p?.hops),
        num(p?.proxies),
        num(p?.kernelCrossings),
        num(p?.copies),
        num(p?.contextSwitches),
        num(p?.cpuUs),
        num(sim?.outcomes.failedShare.mean),
        num(sim?.outcomes.retriesPerRequest.mean),
        num(sim?.outcomes.timeoutsPerRequest.mean),
        num(sim?.samplesPerReplication),
        sim ? String(sim.p999Reliable) : '',
        String(o.result.replications),
        String(o.result.level),
        notes,
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The comparison as JSON: the scenario and per-architecture results, without what each run was read into. */
export function renderComparisonJson(o: ComparisonOutcome): string {
  const results = o.result.results.map((r) => {
    if (!ran(r)) return r;
    const { compiled: _c, digests: _d, ledger: _l, ...rest } = r;
    return rest;
  });
  return JSON.stringify(
    {
      source: o.source,
      scenario: o.scenario,
      replications: o.result.replications,
      level: o.result.level,
      precision: o.result.precision,
      results,
      footprints: o.footprints,
      overloaded: o.overloaded,
    },
    (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v),
    2,
  );
}

function footprintCells(o: ComparisonOutcome, arch: string): string[] {
  const f = o.footprints.find((x) => x.architecture === arch);
  if (!f) return ['', '', '', '', '', ''];
  return [
    num(f.perPod.usedMemoryMiB),
    num(f.perPod.reservedCpuMilli),
    num(f.perPod.reservedMemoryMiB),
    num(f.cluster.usedMemoryMiB),
    num(f.cluster.reservedCpuMilli),
    num(f.cluster.reservedMemoryMiB),
  ];
}

function num(x: number | undefined): string {
  return x === undefined || !Number.isFinite(x) ? '' : String(Number(x.toPrecision(6)));
}

function isDescribed(s: object): s is { description: string } {
  return typeof (s as { description?: unknown }).description === 'string';
}

/**
 * Each component's CPU as a sum over its instances and per instance ("sidecar 0.40 = 2 × 0.20"), so a
 * reader does not take the sum of two sidecars for one (Istio publishes per proxy).
 */
export function cpuByComponent(r: Pick<SimulatedDesign, 'cpu' | 'cpuByInstance'>): string {
  return r.cpu
    .map((c) => {
      const total = c.container.mean + c.kernel.mean;
      const n = r.cpuByInstance.filter((i) => i.component === c.component).length;
      const text = `${c.component} ${formatNumber(total, 2)}`;
      return n > 1 ? `${text} = ${n} × ${formatNumber(total / n, 2)}` : text;
    })
    .join(', ');
}

/** How precise the headline figures are, and whether the target was met. */
function precisionLine(p: PrecisionReport): string {
  const reached = formatPrecision(p.reached);
  const by = p.limitedBy ? ` (widest: ${p.limitedBy.architecture} ${p.limitedBy.figure})` : '';
  if (p.target === null) return `Headline figures precise to ${reached}${by}; a fixed count of replications.`;
  const target = formatPrecision(p.target);
  return p.atCap
    ? `Headline figures precise to ${reached}${by}: short of the ${target} asked at the cap of ${p.replications} replications.`
    : `Headline figures precise to ${reached}${by}, within the ${target} asked.`;
}
