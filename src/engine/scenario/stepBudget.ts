/**
 * How much an analysis step may do before it yields to its host (the page yields to the browser between
 * slices of steps, so one long step is one long task). Work is counted in hop-equivalents: one hop
 * through one pass of the evaluation's numeric arrays is 1; the heavier passes weigh what they cost
 * per hop, measured in Node on the large-mesh preset (placing a hop ≈ 3 µs, indexing it by id or
 * costing it again ≈ 1 µs, a numeric pass ≈ 0.25 µs).
 */
export const HOP_WORK = { numeric: 1, index: 4, place: 12 } as const;
export type HopWork = keyof typeof HOP_WORK;

/**
 * The work a step does before it yields (≈ 4 ms in Node): a numeric pass over 16,000 hops. A step can
 * overrun it by one part of a pass: at most one numeric pass over a design's hops.
 */
export const STEP_WORK = 16_000;

/**
 * A step's work so far. Generators call `spend` after each part of a pass and yield when it answers
 * true; `spent` only grows (a test reads it between steps to see how much each did).
 */
export class StepBudget {
  spent = 0;
  private mark = 0;

  constructor(readonly limit = STEP_WORK) {}

  /** Counts `hops` hops of a pass of kind `kind`; true when the step has done its share. */
  spend(kind: HopWork, hops: number): boolean {
    this.spent += hops * HOP_WORK[kind];
    if (this.spent - this.mark < this.limit) return false;
    this.mark = this.spent;
    return true;
  }

  /** The host yielded for another reason (a structural step): the next step starts afresh. */
  restart(): void {
    this.mark = this.spent;
  }
}

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
