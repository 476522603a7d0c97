import { runFraction } from '../engine';
import { analyseSteps } from '../engine';
import { EstimateError, type ScenarioEstimate } from '../engine';
import { ScenarioError } from '../engine';
import { ComparisonSession, type PackedRun, type SpecEntry } from '../engine';
import type { RunSummary } from '../model/result';
import { parseScenarioValue } from '../model/scenarioCodec';
import { DEFAULT_SLICE_EVENTS } from './runner';

/**
 * Scenario-level work for the worker: the analytic estimate, a step at a time (each design's estimate,
 * band and footprint), and a share of a comparison's runs, stepped in slices like runInSlices — so
 * progress goes out, 'cancel' gets in, and other requests (a run for the Engine check page) are
 * answered between steps.
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
export type EstimateOutcome =
  { status: 'done'; estimate: ScenarioEstimate } | { status: 'cancelled' } | FailedOutcome;
/** A shard's outcome: its runs, indexed like the comparison's plan (null where another shard runs it). */
export type ShardOutcome =
  | { status: 'runs'; runs: (RunSummary | null)[] }
  /** Asked `packed`: each run's figures only, packed as soon as it ended (packedRun.ts). */
  | { status: 'packed'; runs: (PackedRun | null)[] }
  | { status: 'cancelled' }
  | FailedOutcome;

const LABEL = 'The scenario';

export interface SliceOptions {
  isCancelled?: () => boolean;
  yieldToEvents?: () => Promise<void>;
}

const yieldByTimeout = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** The estimate of a scenario arriving in a message: parsed here (its entry), compiled once per design. */
export async function estimateInSteps(raw: unknown, opts: SliceOptions = {}): Promise<EstimateOutcome> {
  const yieldToEvents = opts.yieldToEvents ?? yieldByTimeout;
  try {
    const c = parseScenarioValue(raw, LABEL);
    if (!c.ok) return { status: 'error', message: c.message };
    const steps = analyseSteps(c.scenario);
    for (;;) {
      if (opts.isCancelled?.()) return { status: 'cancelled' };
      const next = steps.next();
      if (next.done) return { status: 'done', estimate: next.value.estimate };
      await yieldToEvents();
    }
  } catch (e) {
    return { status: 'error', message: failure(e) };
  }
}

export interface CompareOptions extends SliceOptions {
  seed: number;
  replications: number;
  /** First replication to run (0 when absent). */
  from?: number;
  shard?: { index: number; count: number };
  /** Keep each run's figures only (the page compiled the specs and holds their labels). */
  packed?: boolean;
  sliceEvents?: number;
  onProgress?: (p: CompareProgress) => void;
  /** Least time between progress reports, ms (PROGRESS_MS when absent); the last is always sent. */
  progressMs?: number;
  /** The worker's clock, ms (performance.now when absent): how long since the last report. */
  now?: () => number;
}

/**
 * Progress goes out at most this often. Every report crosses to the page and re-renders its status
 * line; a report per slice (every ~25 ms per worker) kept the page's thread a fifth to a third busy
 * on a 2-core machine (traced at pods-400), taking that time from the workers. Four a second per
 * worker still moves the bar in small steps.
 */
export const PROGRESS_MS = 250;

/**
 * Runs this worker's share of a comparison's runs, a slice at a time. The specs were parsed at the
 * worker's entry (specStore.ts), once per spec however many rounds run them.
 */
export async function compareInSlices(
  designs: readonly SpecEntry[],
  opts: CompareOptions,
): Promise<ShardOutcome> {
  const slice = opts.sliceEvents ?? DEFAULT_SLICE_EVENTS;
  const yieldToEvents = opts.yieldToEvents ?? yieldByTimeout;
  try {
    const session = new ComparisonSession(opts.seed, designs, {
      replications: opts.replications,
      from: opts.from,
      shard: opts.shard,
      packed: opts.packed,
    });
    const now = opts.now ?? (() => performance.now());
    const every = opts.progressMs ?? PROGRESS_MS;
    let reported = 0;
    let reportedAt = -Infinity;
    for (;;) {
      if (opts.isCancelled?.()) return { status: 'cancelled' };
      const finished = session.step(slice);
      const within = session.current ? Math.min(runFraction(session.current), 0.999) : 0;
      const fraction = finished
        ? 1
        : Math.min((session.jobsDone + within) / Math.max(session.jobsTotal, 1), 0.999);
      reported = Math.max(reported, fraction);
      if (opts.onProgress && (finished || now() - reportedAt >= every)) {
        reportedAt = now();
        opts.onProgress({
          fraction: reported,
          runsDone: session.jobsDone,
          runsTotal: session.jobsTotal,
          architecture: session.currentArchitecture,
        });
      }
      if (finished) break;
      await yieldToEvents();
    }
    if (opts.packed) return { status: 'packed', runs: [...session.packedByRun] };
    return { status: 'runs', runs: [...session.summariesByRun] };
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
