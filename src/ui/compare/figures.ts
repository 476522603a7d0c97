import type { ComparisonView, DesignEstimate, ScenarioEstimate, SimulatedView } from '../../model/comparison';
import type { ArchitectureId } from '../../model/architecture';
import type { Scenario } from '../../model/scenario';
import { formatMiB } from './numbers';

/**
 * What the Compare page shows for each architecture, from the analytic estimate and (when it belongs
 * to the current scenario) the simulation: pure functions, so the wording and numbers are tested
 * without a browser.
 */

export interface Figures {
  id: ArchitectureId;
  name: string;
  estimate?: DesignEstimate;
  /** Present when the simulation of the current scenario has finished. */
  simulated?: SimulatedView;
  unsupported?: string[];
}

export function figuresOf(estimate: ScenarioEstimate | null, result: ComparisonView | null): Figures[] {
  const list = estimate?.results ?? result?.results ?? [];
  return list.map((e) => {
    const sim = result?.results.find((r) => r.architecture === e.architecture);
    const est = estimate?.results.find((r) => r.architecture === e.architecture);
    return {
      id: e.architecture,
      name: e.name,
      estimate: est && !est.unsupported ? est : undefined,
      simulated: sim && !sim.unsupported ? sim : undefined,
      unsupported: est?.unsupported ?? sim?.unsupported,
    };
  });
}

const NBSP = '\u00a0';
const MINUS = '\u2212';

/** "+0.21 ms", "−0.01 ms", "+1.23 s": signed, two decimals in ms (or s above 10 s). */
export function signedMs(us: number): string {
  if (!Number.isFinite(us)) return us > 0 ? '+∞' : '—';
  const sign = us < 0 ? MINUS : '+';
  const a = Math.abs(us);
  return a >= 10_000_000
    ? `${sign}${(a / 1e6).toFixed(2)}${NBSP}s`
    : `${sign}${(a / 1000).toFixed(2)}${NBSP}ms`;
}

/** "0.19 ms" with two decimals (three below 0.1 ms), "∞" when saturated. */
export function ms(us: number): string {
  if (!Number.isFinite(us)) return Number.isNaN(us) ? '—' : '∞';
  const v = us / 1000;
  return `${Math.abs(v) < 0.1 ? v.toFixed(3) : v.toFixed(2)}${NBSP}ms`;
}

/** vCPU per 1000 rps, two decimals (three below 0.1). */
export function vcpu(x: number): string {
  if (!Number.isFinite(x)) return '—';
  return Math.abs(x) < 0.1 ? x.toFixed(3) : x.toFixed(2);
}

export function signedVcpu(x: number): string {
  return `${x < 0 ? MINUS : '+'}${vcpu(Math.abs(x))}`;
}

/** Memory: MiB below 1 GiB, GiB above (see `formatMiB`). */
export const mib = formatMiB;

/** Total CPU (container + kernel), vCPU per 1000 rps: simulated when available, else the estimate. */
export function cpuTotal(f: Figures): number | undefined {
  if (f.simulated?.cpuTotal) return f.simulated.cpuTotal.container.mean + f.simulated.cpuTotal.kernel.mean;
  if (f.estimate?.cpuTotal) return f.estimate.cpuTotal.container + f.estimate.cpuTotal.kernel;
  return undefined;
}

/**
 * One sentence per architecture, against no mesh: "+0.21 ms p99 and +0.19 vCPU per 1000 rps vs no
 * mesh" from the simulation; from the estimate, the mean latency, said to be an estimate. `load`: the
 * scenario's, to say when a paced load's callers sent fewer requests than it offers.
 */
export function headline(f: Figures, baseline: Figures | undefined, cause?: string, load?: Load): string {
  const main = latencyHeadline(f, baseline, load);
  const outcome = outcomeSentence(f, cause);
  return outcome ? `${main} ${outcome}` : main;
}

/**
 * Why every call fails whatever the design, from the scenario alone: a pod down in a service whose
 * only replica it is. Undefined when some replica stays up.
 */
export function failureCause(s: Scenario): string | undefined {
  if (s.failure.kind !== 'pod-down') return undefined;
  const service = s.failure.service;
  const svc = s.topology.services.find((x) => x.id === service);
  return svc && svc.replicas === 1 ? 'no replica was up' : undefined;
}

/** The simulation finished and no measured request succeeded: there is no latency to show. */
export function noneSucceeded(f: Figures): boolean {
  const o = outcomesOf(f);
  return !!o && o.failed >= 1 - 1e-9;
}

/**
 * Why a design can cost less than no mesh: Cilium translates the Service once at connect() where no mesh
 * pays kube-proxy's per-packet NAT (a reader takes a negative overhead for a bug otherwise).
 */
function belowBaseline(f: Figures, addedUs: number): string {
  return f.id === 'cilium-ebpf' && addedUs < 0
    ? ' Less than no mesh: Cilium’s socket load balancing picks the backend once per connection, where no mesh pays kube-proxy’s per-packet NAT.'
    : '';
}

/** A scenario's load, as the sentences about it read it. */
type Load = Scenario['workload']['load'];

/**
 * The requests a design's callers sent, against the rate offered, when they sent noticeably fewer: a
 * paced caller waits for each reply (and skips the sends it missed), so the design, not the load, set
 * the pace. Only a paced load is judged: an open load's arrivals come whatever the replies do (its
 * rate sent differs from the offered one by chance alone), and a closed loop offers no rate.
 */
export function sentShortfall(
  f: Figures,
  load: Load | undefined,
): { sent: number; offered: number } | undefined {
  const sent = f.simulated?.throughputRps?.mean;
  if (sent === undefined || load?.kind !== 'paced' || !(load.rps > 0)) return undefined;
  return sent < 0.97 * load.rps ? { sent, offered: load.rps } : undefined;
}

/** A rate in requests per second, whole: "9,251". */
export const rate = (x: number) => Math.round(x).toLocaleString('en');

/** What a shortfall means, in a sentence (empty when there is none). */
function shortfallText(f: Figures, load: Load | undefined): string {
  const s = sentShortfall(f, load);
  return s
    ? ` Its callers sent ${rate(s.sent)} of the ${rate(s.offered)} req/s offered: they wait for replies, so it set the pace, and its figures are for the requests it let through.`
    : '';
}

/** "Saturated at this load: a waypoint resource is over 100 % busy (analytic estimate)." */
function saturatedText(f: Figures): string {
  const component = f.estimate?.bottleneck?.component;
  return `Saturated at this load: a ${component ? `${component} ` : ''}resource is over 100 % busy (analytic estimate).`;
}

function latencyHeadline(f: Figures, baseline: Figures | undefined, load: Load | undefined): string {
  const of = (outcomesOf(f)?.failed ?? 0) > 0 ? ' of successful requests' : '';
  if (!f.unsupported?.length && noneSucceeded(f)) {
    const cpu = cpuTotal(f);
    return f.id === 'no-mesh'
      ? `Baseline: no successful requests${cpu !== undefined ? `; ${vcpu(cpu)} vCPU per 1000 rps` : ''}.`
      : 'No successful requests: no latency to compare.';
  }
  if (f.unsupported?.length) return `Cannot run this scenario: ${f.unsupported.join('; ')}`;
  const cpu = cpuTotal(f);
  const baseCpu = baseline ? cpuTotal(baseline) : undefined;
  if (f.id === 'no-mesh') {
    const lat = f.simulated?.latency
      ? `p99${of} ${ms(f.simulated.latency.p99.mean)}`
      : f.estimate?.meanLatencyUs !== undefined
        ? `mean ${ms(f.estimate.meanLatencyUs)} (analytic estimate)`
        : '';
    return `Baseline: ${lat}${cpu !== undefined ? ` and ${vcpu(cpu)} vCPU per 1000 rps` : ''}.${shortfallText(f, load)}`;
  }
  // No mesh unticked: it is still simulated (added latency is paired on its seeds) and estimated, just not
  // shown; the CPU difference then comes from the estimate, said so.
  const hidden = !baseline;
  const added = f.estimate?.addedCpu;
  const cpuText =
    cpu !== undefined && baseCpu !== undefined
      ? ` and ${signedVcpu(cpu - baseCpu)} vCPU per 1000 rps`
      : hidden && added !== undefined
        ? ` and ${signedVcpu(added)} vCPU per 1000 rps${f.simulated?.added ? ' (analytic estimate)' : ''}`
        : '';
  const vs = hidden ? 'vs no mesh (the baseline, not shown)' : 'vs no mesh';
  if (f.simulated?.added) {
    // Saturated, an open load's queue grows without end; callers that wait for replies send less instead.
    const short = shortfallText(f, load);
    const saturated = f.estimate?.saturated
      ? ` ${saturatedText(f)}${short ? '' : ' Its queue grows for as long as the run lasts, and so does its latency.'}`
      : '';
    return `${signedMs(f.simulated.added.p99.mean)} p99${of}${cpuText} ${vs}.${belowBaseline(f, f.simulated.added.p99.mean)}${saturated}${short}`;
  }
  if (f.estimate?.saturated) return `${saturatedText(f)}`;
  if (f.estimate?.addedMeanUs !== undefined)
    return `${signedMs(f.estimate.addedMeanUs)} mean${cpuText} vs no mesh (analytic estimate${hidden ? '; the baseline is not shown' : ''}).`;
  return '';
}

/** Decimals `ms` shows for a value: two, three below 0.1 ms. */
export function msDecimals(us: number): number {
  return Math.abs(us / 1000) < 0.1 ? 3 : 2;
}

/**
 * An interval's half-width in ms at its value's precision, with the unit: "0.19 ms ± 0.01 ms"; one
 * too small to show at that precision reads "<0.01 ms" rather than more digits than the value has.
 */
export function halfWidth(us: number, decimals = 2): string {
  if (!Number.isFinite(us)) return '∞';
  const v = us / 1000;
  const step = 10 ** -decimals;
  if (v > 0 && v < step / 2) return `<${step.toFixed(decimals)}${NBSP}ms`;
  return `${v.toFixed(decimals)}${NBSP}ms`;
}

/** What happened to the measured requests (simulation only): shares and per-request counts, means. */
export interface OutcomeFigures {
  failed: number;
  failedHalfWidth: number;
  retries: number;
  timeouts: number;
}

export function outcomesOf(f: Figures): OutcomeFigures | undefined {
  const o = f.simulated?.outcomes;
  if (!o) return undefined;
  return {
    failed: o.failedShare.mean,
    failedHalfWidth: o.failedShare.halfWidth,
    retries: o.retriesPerRequest.mean,
    timeouts: o.timeoutsPerRequest.mean,
  };
}

/** Whether any design lost requests: latency then covers only the ones that succeeded. */
export function anyFailures(figures: Figures[]): boolean {
  return figures.some((f) => (outcomesOf(f)?.failed ?? 0) > 0);
}

/** Whether any design failed, retried or timed out a request. */
export function anyOutcomeActivity(figures: Figures[]): boolean {
  return figures.some((f) => {
    const o = outcomesOf(f);
    return !!o && (o.failed > 0 || o.retries > 0 || o.timeouts > 0);
  });
}

/** A share as a percentage: "20 %", "0.8 %", "0.05 %", "0 %". */
export function percent(share: number): string {
  if (!Number.isFinite(share)) return '—';
  const v = share * 100;
  const text =
    v === 0
      ? '0'
      : v >= 10
        ? v.toFixed(0)
        : v >= 0.1
          ? String(Number(v.toFixed(1)))
          : String(Number(v.toPrecision(1)));
  return `${text}${NBSP}%`;
}

/** Per-request counts: "0.25", "0.003". */
export function perRequest(x: number): string {
  if (!Number.isFinite(x)) return '—';
  return x === 0 ? '0' : x >= 0.1 ? x.toFixed(2) : String(Number(x.toPrecision(2)));
}

/**
 * The outcome clause of a headline, empty when every request succeeded without retries: "20 % of
 * requests failed." or "Retries (0.25 per request) kept failures to 0.8 %."
 */
export function outcomeSentence(f: Figures, cause?: string): string {
  const o = outcomesOf(f);
  if (!o || (o.failed === 0 && o.retries === 0 && o.timeouts === 0)) return '';
  if (noneSucceeded(f)) {
    const why = cause ? `: ${cause}` : '';
    return o.retries > 0
      ? `Every request failed; retries could not help${why}.`
      : `Every request failed${why}.`;
  }
  const timeouts = o.timeouts > 0 ? ` ${perRequest(o.timeouts)} tries per request timed out.` : '';
  if (o.retries > 0) {
    const kept = o.failed > 0 ? `kept failures to ${percent(o.failed)}` : 'saved every request';
    return `Retries (${perRequest(o.retries)} per request) ${kept}.${timeouts}`;
  }
  return o.failed > 0 ? `${percent(o.failed)} of requests failed.${timeouts}` : timeouts.trim();
}
