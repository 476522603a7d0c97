import { runFraction } from '../engine';
import { EstimateError, estimateScenario, type ScenarioEstimate } from '../engine/scenario/estimate';
import { ScenarioError } from '../engine/scenario/placement';
import { ComparisonSession } from '../engine/scenario/session';
import { toComparisonView, type ComparisonView } from '../engine/scenario/view';
import type { RunSummary } from '../model/result';
import type { Scenario } from '../model/scenario';
import { parseScenarioValue } from '../model/scenarioCodec';
import { DEFAULT_SLICE_EVENTS } from './runner';

/**
 * Scenario-level work for the worker: the analytic estimate (one synchronous call, milliseconds) and
 * the comparison, stepped in slices like runInSlices so progress goes out and 'cancel' gets in.
 */

export interface CompareProgress {
  fraction: number;
  runsDone: number;
  runsTotal: number;
  architecture: string | null;
}

/**
 * A failure: its message, and on the page the client's error object (`error`, for instanceof tests
 * such as WorkerLostError; the worker itself never sets it, as class instances do not cross to the page).
 */
export type FailedOutcome = { status: 'error'; message: string; error?: Error };
export type EstimateOutcome = { status: 'done'; estimate: ScenarioEstimate } | FailedOutcome;
export type CompareOutcome =
  { status: 'done'; result: ComparisonView } | { status: 'cancelled' } | FailedOutcome;
/** A shard's outcome: its runs, indexed like the comparison's plan. */
export type ShardOutcome =
  { status: 'runs'; runs: (RunSummary | null)[] } | { status: 'cancelled' } | FailedOutcome;

const LABEL = 'The scenario';

function checkScenario(raw: unknown): { ok: true; scenario: Scenario } | { ok: false; message: string } {
  const r = parseScenarioValue(raw, LABEL);
  return r.ok ? { ok: true, scenario: r.scenario } : r;
}

/** `beat` is called as each architecture is estimated (the worker's heartbeat). */
export function estimateOutcome(raw: unknown, beat?: () => void): EstimateOutcome {
  try {
    const c = checkScenario(raw);
    if (!c.ok) return { status: 'error', message: c.message };
    return { status: 'done', estimate: estimateScenario(c.scenario, undefined, beat) };
  } catch (e) {
    return { status: 'error', message: failure(e) };
  }
}

export interface CompareOptions {
  replications: number;
  shard?: { index: number; count: number };
  sliceEvents?: number;
  onProgress?: (p: CompareProgress) => void;
  isCancelled?: () => boolean;
  yieldToEvents?: () => Promise<void>;
}

const yieldByTimeout = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export async function compareInSlices(
  raw: unknown,
  opts: CompareOptions & { shard?: undefined },
): Promise<CompareOutcome>;
export async function compareInSlices(
  raw: unknown,
  opts: CompareOptions,
): Promise<CompareOutcome | ShardOutcome>;
export async function compareInSlices(
  raw: unknown,
  opts: CompareOptions,
): Promise<CompareOutcome | ShardOutcome> {
  const slice = opts.sliceEvents ?? DEFAULT_SLICE_EVENTS;
  const yieldToEvents = opts.yieldToEvents ?? yieldByTimeout;
  try {
    const c = checkScenario(raw);
    if (!c.ok) return { status: 'error', message: c.message };
    const session = new ComparisonSession(c.scenario, { replications: opts.replications, shard: opts.shard });
    let reported = 0;
    for (;;) {
      if (opts.isCancelled?.()) return { status: 'cancelled' };
      const finished = session.step(slice);
      const within = session.current ? Math.min(runFraction(session.current), 0.999) : 0;
      const fraction = finished
        ? 1
        : Math.min((session.jobsDone + within) / Math.max(session.jobsTotal, 1), 0.999);
      reported = Math.max(reported, fraction);
      opts.onProgress?.({
        fraction: reported,
        runsDone: session.jobsDone,
        runsTotal: session.jobsTotal,
        architecture: session.currentArchitecture,
      });
      if (finished) break;
      await yieldToEvents();
    }
    if (opts.shard) return { status: 'runs', runs: [...session.summariesByRun] };
    return { status: 'done', result: toComparisonView(session.result()) };
  } catch (e) {
    return { status: 'error', message: failure(e) };
  }
}

/** The comparison from its shards' runs (validated: one per planned run). */
export function assembleOutcome(raw: unknown, replications: number, runs: unknown[]): CompareOutcome {
  try {
    const c = checkScenario(raw);
    if (!c.ok) return { status: 'error', message: c.message };
    const session = new ComparisonSession(c.scenario, { replications, shard: { index: 0, count: 1 } });
    if (runs.length !== session.plan.length || runs.some((r) => typeof r !== 'object' || r === null))
      return {
        status: 'error',
        message: `The engine failed: expected ${session.plan.length} runs to assemble, got ${runs.filter((r) => r).length}.`,
      };
    session.absorb(runs as RunSummary[]);
    return { status: 'done', result: toComparisonView(session.result()) };
  } catch (e) {
    return { status: 'error', message: failure(e) };
  }
}

function failure(e: unknown): string {
  if (e instanceof EstimateError || e instanceof ScenarioError)
    return `${LABEL} cannot be simulated. ${e.message}`;
  if (e instanceof Error) return `The engine failed: ${e.message}`;
  return `The engine failed: ${String(e)}`;
}
