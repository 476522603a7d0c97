import type { AnalyticEstimate, Interval, ReplicationResult } from '../engine';
import type { LatencySummary, RunSummary } from '../model/result';
import type { Outcome, Scenario } from './run';
import {
  formatCompact,
  formatDurationUs,
  formatInt,
  formatInterval,
  formatNumber,
  formatPercent,
  formatSignedPercent,
  renderPairs,
  renderTable,
  type Column,
} from './table';

/** Fewer samples than this in any replication makes its p99.9 unreliable (about 10 values above it). */
export const P999_MIN_SAMPLES = 10_000;

/** The human-readable report of an outcome, as lines. */
export function renderReport(outcome: Outcome): string[] {
  return outcome.kind === 'single'
    ? renderSingle(outcome.scenario, outcome.summary, outcome.analytic)
    : renderReplications(outcome.scenario, outcome.result, outcome.analytic);
}

function title(scenario: Scenario): string[] {
  const lines = [`meshpath sim — ${scenario.source}`];
  if (scenario.description) lines.push(...wrap(scenario.description, 100));
  return lines;
}

/** Greedy word wrap at `width` columns (a longer word stays whole on its own line). */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && [...line].length + 1 + [...word].length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

function section(name: string, body: string[]): string[] {
  return ['', name, ...body];
}

const right = (header: string): Column => ({ header, align: 'right' });
const left = (header: string): Column => ({ header });

const LATENCY_COLUMNS: Column[] = [
  left('latency (µs)'),
  right('n'),
  right('mean'),
  right('p50'),
  right('p90'),
  right('p99'),
  right('p99.9'),
  right('max'),
];

function latencyRow(label: string, l: LatencySummary): string[] {
  return [label, formatInt(l.n), ...[l.mean, l.p50, l.p90, l.p99, l.p999, l.max].map((x) => formatNumber(x))];
}

function renderSingle(scenario: Scenario, s: RunSummary, analytic: AnalyticEstimate): string[] {
  const out = title(scenario);

  out.push(
    ...section(
      'Run',
      renderPairs([
        ['seed', String(s.seed)],
        ['requests measured', formatInt(s.requests.measured)],
        ['completed', formatInt(s.requests.completed)],
        ['failed', formatInt(s.requests.failed)],
        ['simulated time', formatDurationUs(s.endUs)],
        ['measurement window', formatDurationUs(s.windowUs)],
        ['events', formatInt(s.events)],
      ]),
    ),
  );

  out.push(
    ...section(
      'Latency, from the intended send time (coordinated omission corrected) and from the actual send',
      renderTable(
        LATENCY_COLUMNS,
        [latencyRow('intended send', s.latency.intended), latencyRow('actual send', s.latency.actual)],
        { indent: 2 },
      ),
    ),
  );
  if (s.latency.intended.n > 0 && s.latency.intended.n < P999_MIN_SAMPLES)
    out.push(`  p99.9 is unreliable: fewer than ${formatInt(P999_MIN_SAMPLES)} samples`);

  out.push(
    ...section(
      'Load',
      renderPairs([
        ['throughput', `${formatNumber(s.throughputRps)} rps`],
        ['mean in system', `${formatNumber(s.meanInSystem)} requests`],
      ]),
    ),
  );

  out.push(
    ...section(
      'Stations',
      renderTable(
        [
          left('station'),
          left('kind'),
          left('node'),
          left('component'),
          right('servers'),
          right('utilisation'),
          right('mean queue length'),
        ],
        s.stations.map((st) => [
          st.id,
          st.kind,
          st.node || '-',
          st.component,
          formatInt(st.servers),
          formatPercent(st.utilization),
          formatNumber(st.meanQueueLength),
        ]),
        { indent: 2 },
      ),
    ),
  );

  out.push(
    ...section(
      'Hops (per traversal, µs)',
      renderTable(
        [
          left('hop'),
          left('category'),
          left('component'),
          right('count'),
          right('queued'),
          right('mean queue wait'),
          right('mean service'),
          right('max queue wait'),
          right('dropped'),
        ],
        s.hops.map((h) => [
          h.id,
          h.category,
          h.component,
          formatInt(h.count),
          h.count > 0 ? formatPercent(h.queued / h.count) : '-',
          formatNumber(h.meanQueueWait),
          formatNumber(h.meanService),
          formatNumber(h.maxQueueWait),
          formatInt(h.dropped),
        ]),
        { indent: 2 },
      ),
    ),
  );

  const total = s.cpu.reduce(
    (t, c) => ({
      vc: t.vc + c.vcpuContainer,
      vk: t.vk + c.vcpuKernel,
      pc: t.pc + c.vcpuPer1000RpsContainer,
      pk: t.pk + c.vcpuPer1000RpsKernel,
    }),
    { vc: 0, vk: 0, pc: 0, pk: 0 },
  );
  const cpuRow = (name: string, vc: number, vk: number, pc: number, pk: number): string[] => [
    name,
    ...[vc, vk, pc, pk].map((x) => formatNumber(x)),
  ];
  out.push(
    ...section(
      'CPU by component (vCPU = CPU-seconds per second)',
      renderTable(
        [
          left('component'),
          right('vCPU container'),
          right('vCPU kernel'),
          right('per 1000 rps container'),
          right('per 1000 rps kernel'),
        ],
        [
          ...s.cpu.map((c) =>
            cpuRow(
              c.component,
              c.vcpuContainer,
              c.vcpuKernel,
              c.vcpuPer1000RpsContainer,
              c.vcpuPer1000RpsKernel,
            ),
          ),
          ...(s.cpu.length > 1 ? [cpuRow('total', total.vc, total.vk, total.pc, total.pk)] : []),
        ],
        { indent: 2 },
      ),
    ),
  );

  const p = s.perRequest;
  out.push(
    ...section(
      'Per request (mean over completed requests)',
      renderPairs([
        ['hops', formatCompact(p.hops)],
        ['kernel crossings', formatCompact(p.kernelCrossings)],
        ['copies', formatCompact(p.copies)],
        ['context switches', formatCompact(p.contextSwitches)],
        ['CPU on the path', `${formatNumber(p.cpuUs)} µs`],
        // vCPU per 1000 rps × 1000: every measured request's CPU, work after its reply included.
        ['CPU in all', `${formatNumber((total.pc + total.pk) * 1000)} µs`],
      ]),
    ),
  );

  out.push(...section('Analytic estimate of the mean', renderAnalytic(analytic, s.latency.intended.mean)));
  return out;
}

/** The estimate, labelled approximate, next to the simulated mean; or why it does not apply. */
function renderAnalytic(a: AnalyticEstimate, simulatedMean: number, interval?: Interval): string[] {
  if (!a.applicable) return [`  does not apply: ${a.reason}`];
  const note = '  (approximate: M/G/c waiting at each resource, as if every resource saw Poisson arrivals)';
  if (a.saturated) {
    const over = a.stations
      .filter((st) => st.utilization >= 1)
      .map((st) => `${st.id} ${formatPercent(st.utilization)}`);
    return [`  unbounded: offered load saturates ${over.join(', ')} (utilisation ≥ 100%)`, note];
  }
  const diff = (simulatedMean - a.meanLatencyUs) / a.meanLatencyUs;
  const lines = [
    `  estimate ${formatNumber(a.meanLatencyUs)} µs; simulated ${formatNumber(simulatedMean)} µs (${formatSignedPercent(diff)} vs the estimate)`,
  ];
  if (interval && Number.isFinite(interval.halfWidth))
    lines.push(
      `  the estimate is ${a.meanLatencyUs >= interval.lower && a.meanLatencyUs <= interval.upper ? 'inside' : 'outside'} the simulated mean's interval`,
    );
  lines.push(note);
  return lines;
}

function renderReplications(scenario: Scenario, r: ReplicationResult, analytic: AnalyticEstimate): string[] {
  const out = title(scenario);
  const level = formatPercent(r.level, 0);
  const first = r.runs[0];
  out.push(
    ...section(
      `Replications: ${r.runs.length} independent runs (seeds derived from seed ${first?.seed ?? '-'})`,
      renderTable(
        [
          right('#'),
          right('seed'),
          right('n'),
          right('mean (µs)'),
          right('p50'),
          right('p90'),
          right('p99'),
          right('p99.9'),
          right('throughput (rps)'),
          right('failed'),
        ],
        r.runs.map((run, k) => {
          const l = run.latency.intended;
          return [
            String(k + 1),
            String(run.seed),
            formatInt(l.n),
            ...[l.mean, l.p50, l.p90, l.p99, l.p999, run.throughputRps].map((x) => formatNumber(x)),
            formatInt(run.requests.failed),
          ];
        }),
        { indent: 2 },
      ),
    ),
  );

  const fewest = Math.min(...r.runs.map((run) => run.latency.intended.n));
  const p999Unreliable = fewest < P999_MIN_SAMPLES;
  const ciRow = (name: string, i: Interval, note = ''): string[] => [
    name,
    formatInterval(i.mean, i.halfWidth),
    Number.isFinite(i.relativeHalfWidth) ? `±${formatPercent(i.relativeHalfWidth)}` : 'n/a',
    note,
  ];
  out.push(
    ...section(
      `${level} confidence intervals (Student t over replications; latency from the intended send time)`,
      renderTable(
        [left('metric'), right('mean ± half-width'), right('relative'), left('')],
        [
          ciRow('mean (µs)', r.ci.meanLatency),
          ciRow('p50 (µs)', r.ci.p50),
          ciRow('p90 (µs)', r.ci.p90),
          ciRow('p99 (µs)', r.ci.p99),
          ciRow(
            'p99.9 (µs)',
            r.ci.p999,
            p999Unreliable
              ? `unreliable: a replication has ${formatInt(fewest)} samples (< ${formatInt(P999_MIN_SAMPLES)})`
              : '',
          ),
          ciRow('throughput (rps)', r.ci.throughputRps),
          ciRow('mean in system', r.ci.meanInSystem),
        ],
        { indent: 2 },
      ),
    ),
  );

  out.push(
    ...section(
      'Analytic estimate of the mean',
      renderAnalytic(analytic, r.ci.meanLatency.mean, r.ci.meanLatency),
    ),
  );
  return out;
}
