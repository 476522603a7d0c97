import {
  analyticEstimate,
  SpecError,
  Simulation,
  summarize,
  type AnalyticEstimate,
  runFraction,
} from '../engine';
import type { RunSummary } from '../model/result';
import { SimSpecSchema } from '../model/simSpec';
import { vouchSimSpec } from '../model/valid';
import { formatIssues } from './protocol';

/**
 * Runs a spec in slices of events so its host (a Web Worker) can handle messages between slices:
 * progress goes out and 'cancel' gets in. Stepping in slices processes exactly the events run()
 * would, so the result is the same as simulate() for the same spec and seed.
 */

export interface RunProgress {
  fraction: number;
  events: number;
  nowUs: number;
}

export type RunOutcome =
  | { status: 'done'; summary: RunSummary; analytic: AnalyticEstimate }
  | { status: 'cancelled' }
  | { status: 'error'; message: string; error?: Error };

export interface RunnerOptions {
  /** Events per slice; progress is reported after each. */
  sliceEvents?: number;
  onProgress?: (p: RunProgress) => void;
  /** Polled between slices. */
  isCancelled?: () => boolean;
  /** Lets the host's event loop run between slices. */
  yieldToEvents?: () => Promise<void>;
}

/**
 * Most events in a slice: about 11 ms at 400 pods in Node, 15–40 ms at 2,000 (more memory touched per
 * event). A comparison's slices also end after SLICE_MS of the worker's clock (compareRunner.ts).
 */
export const DEFAULT_SLICE_EVENTS = 50_000;

const yieldByTimeout = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export async function runInSlices(specInput: unknown, opts: RunnerOptions = {}): Promise<RunOutcome> {
  const slice = opts.sliceEvents ?? DEFAULT_SLICE_EVENTS;
  const yieldToEvents = opts.yieldToEvents ?? yieldByTimeout;
  try {
    const parsed = SimSpecSchema.safeParse(specInput);
    if (!parsed.success) return { status: 'error', message: `Invalid spec. ${formatIssues(parsed.error)}` };
    // Parsed once, here at the worker's entry: the simulation and the analytic estimate trust it.
    const spec = vouchSimSpec(parsed.data);
    const sim = new Simulation(spec);
    let reported = 0;
    for (;;) {
      if (opts.isCancelled?.()) return { status: 'cancelled' };
      for (let n = 0; n < slice && sim.step(); n++);
      // The estimate can dip when a phase changes; never let the bar go backwards.
      reported = Math.max(reported, runFraction(sim));
      opts.onProgress?.({ fraction: reported, events: sim.events, nowUs: sim.now });
      if (sim.done) break;
      await yieldToEvents();
    }
    return { status: 'done', summary: summarize(sim), analytic: analyticEstimate(spec) };
  } catch (e) {
    return { status: 'error', message: errorMessage(e) };
  }
}

function errorMessage(e: unknown): string {
  if (e instanceof SpecError) return `Invalid spec. ${e.message}`;
  if (e instanceof Error) return `The engine failed: ${e.message}`;
  return `The engine failed: ${String(e)}`;
}
