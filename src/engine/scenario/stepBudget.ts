/**
 * How much an analysis step may do before it yields to its host (the page yields to the browser between
 * slices of steps, so one long step is one long task). Work is counted in hop-equivalents: one hop
 * through one pass of the evaluation's numeric arrays is 1; the heavier passes weigh what they cost
 * per hop, measured in Node on the large-mesh preset (placing a hop ≈ 3 µs, re-costing it at another
 * profile ≈ 2 µs, indexing it by id ≈ 1 µs, a numeric pass ≈ 0.25 µs).
 */
export const HOP_WORK = { numeric: 1, index: 4, recost: 8, place: 12 } as const;
export type HopWork = keyof typeof HOP_WORK;

/**
 * The work a step does before it yields (≈ 4 ms in Node): a numeric pass over 16,000 hops. A step can
 * overrun it by one part of a pass: at most one numeric pass over a design's hops.
 */
export const STEP_WORK = 16_000;

/**
 * A step's work so far. Generators call `spend` after each part of a pass and yield when it answers
 * true; `spent` only grows (a test reads it between steps to see how much each did).
 *
 * Given a clock, a step also ends once it has run `ms` by that clock. The work weights are warm code's
 * costs in Node; a page runs the analysis once, mostly cold: re-costing pods-400's sidecar design takes
 * 6.7 ms in Node, warm, yet one step of it (at most 4,000 of its 4,701 hops) took 45 ms on a profiled
 * page. Where a step ends never changes what the analysis computes, only how it is cut.
 */
export class StepBudget {
  spent = 0;
  private mark = 0;
  private markTime = 0;

  private readonly clock?: () => number;

  constructor(
    readonly limit = STEP_WORK,
    clock?: () => number,
    private readonly ms = STEP_MS,
  ) {
    // No step time (ms = Infinity): the clock is never read.
    this.clock = Number.isFinite(ms) ? clock : undefined;
    if (this.clock) this.markTime = this.clock();
  }

  /** Counts `hops` hops of a pass of kind `kind`; true when the step has done its share. */
  spend(kind: HopWork, hops: number): boolean {
    this.spent += hops * HOP_WORK[kind];
    if (this.spent - this.mark < this.limit && !(this.clock && this.clock() - this.markTime >= this.ms))
      return false;
    this.restart();
    return true;
  }

  /** The host yielded for another reason (a structural step): the next step starts afresh. */
  restart(): void {
    this.mark = this.spent;
    if (this.clock) this.markTime = this.clock();
  }
}

/** A step's time on a budget with a clock (ms): about what its work limit takes warm code in Node. */
export const STEP_MS = 4;

/** Hops per part of a pass that yields within: half a step's work. */
export function partHops(kind: HopWork, limit = STEP_WORK): number {
  return Math.max(1, Math.floor(limit / HOP_WORK[kind] / 2));
}

/** Runs a step generator to its end, for callers that do not yield. */
export function drain<T>(steps: Generator<void, T, void>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}
