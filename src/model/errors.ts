/**
 * Errors of the page's worker clients, as classes every layer tests with `instanceof` (never by name):
 * here, in the bottom layer, so the page's machines can recognise them without importing a worker.
 * Each message is one sentence that names the worker once; the worker's own text is cut to a bound
 * so a runaway stack or message never floods the page.
 */

/** Which worker an error is about: the run/compare engine worker or the Simulate page's trace worker. */
export type WorkerName = 'engine' | 'trace';

/** Longest detail kept from a worker's own text. */
export const MAX_DETAIL_CHARS = 240;

/** `text` on one line, at most `max` characters (cut with an ellipsis). */
export function boundText(text: string, max = MAX_DETAIL_CHARS): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

/** The worker's own text as a detail: bounded, without a prefix that already names a worker. */
export function detailOf(text: string): string {
  let t = text.trim();
  // "The trace worker failed: X" inside another sentence about the trace worker must not be said twice.
  while (WORKER_FAILED.test(t)) t = t.replace(WORKER_FAILED, '');
  return boundText(t.replace(/\.$/, ''));
}
const WORKER_FAILED = /^The (?:engine|trace) worker failed: /;

export class WorkerError extends Error {
  constructor(
    readonly worker: WorkerName,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/**
 * The worker stopped answering (the watchdog heard nothing for too long) or crashed. The client has
 * terminated it and, unless `restarted` is false, started a fresh one: asking again may succeed.
 */
export class WorkerLostError extends WorkerError {
  constructor(
    worker: WorkerName,
    readonly reason: 'silent' | 'crashed',
    readonly restarted: boolean,
    detail?: string,
  ) {
    const what =
      reason === 'silent' ? 'stopped answering' : `crashed${detail ? ` (${detailOf(detail)})` : ''}`;
    super(
      worker,
      restarted
        ? `The ${worker} worker ${what}; it was restarted.`
        : `The ${worker} worker ${what} and could not be restarted. Reload the page to try again.`,
    );
  }
}

/**
 * The worker answered the request with an error of its own (a bad scenario, an engine failure). Its
 * handler writes whole sentences that say what failed; the client only bounds their length.
 */
export class WorkerReplyError extends WorkerError {
  constructor(worker: WorkerName, message: string) {
    super(worker, boundText(message, MAX_DETAIL_CHARS + 60));
  }
}

/** A reply that does not fit the protocol: a bug or a version mismatch between page and worker. */
export class MalformedReplyError extends WorkerError {
  constructor(worker: WorkerName) {
    super(worker, `The ${worker} worker sent a malformed reply.`);
  }
}

/** The client was shut down (its page closed); nothing more is asked of this worker. */
export class WorkerClosedError extends WorkerError {
  constructor(worker: WorkerName) {
    super(worker, `The ${worker} worker was shut down.`);
  }
}

/** A newer request replaced this one (a new scenario was opened); nobody waits for its answer. */
export class SupersededError extends Error {
  constructor() {
    super('superseded by a newer request');
    this.name = 'SupersededError';
  }
}

/** The architecture cannot run the scenario; `reasons` are the feature matrix's, one per setting. */
export class UnsupportedArchitectureError extends WorkerReplyError {
  constructor(
    message: string,
    readonly architecture: string,
    readonly reasons: string[],
  ) {
    super('trace', message);
  }
}
