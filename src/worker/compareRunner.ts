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

/** Events between two readings of the clock within a slice. */
const PIECE_EVENTS = 5_000;
/**
 * Longest a slice of runs goes on before the worker yields (and reads 'cancel'), ms of its clock. A
 * count of events alone does not bound it: 50,000 events take about 11 ms at 400 pods but 15–40 ms at
 * 2,000 (more memory touched per event), and twice or three times that while the page's thread and
 * the other worker share two cores.
 */
export const SLICE_MS = 8;

/**
 * One slice: the session's steps until `maxEvents` events, SLICE_MS of the clock, or the end. Starting
 * a run or reading a finished one (each tens of ms at 2,000 pods) ends the slice, so it is never joined
 * to events in one stretch without a yield.
 */
function sliceOf(session: ComparisonSession, maxEvents: number, now: () => number): boolean {
  const started = now();
  for (let left = maxEvents; ;) {
    const [current, done] = [session.current, session.jobsDone];
    const n = Math.min(left, PIECE_EVENTS);
    if (session.step(n)) return true;
    left -= n;
    // A run started, read, or run to its end (its reading follows in a slice of its own).
    if (session.current !== current || session.jobsDone !== done || session.current?.done) return false;
    if (left <= 0 || now() - started >= SLICE_MS) return false;
  }
}

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
      const finished = sliceOf(session, slice, now);
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
