/**
 * Progress of a long run on stderr, so stdout stays exactly the report. Nothing is shown for runs
 * that finish within SHOW_AFTER_MS. On a terminal one line is redrawn in place; elsewhere (only with
 * --progress) a line is written at most every LINE_EVERY_MS.
 */

export const SHOW_AFTER_MS = 2_000;
export const LINE_EVERY_MS = 2_000;
const REDRAW_EVERY_MS = 200;

export interface ProgressStream {
  write(chunk: string): unknown;
}

export interface Progress {
  /** Runs finished, runs in all, and how far the current run has got (0..1). */
  update(done: number, total: number, fraction: number): void;
  /** Clears the line (terminal) once the work is over. */
  end(): void;
}

export const NO_PROGRESS: Progress = { update() {}, end() {} };

export function createProgress(stream: ProgressStream, tty: boolean, now: () => number = Date.now): Progress {
  const start = now();
  let last = -Infinity;
  let shown = false;
  return {
    update(done, total, fraction) {
      const t = now();
      if (t - start < SHOW_AFTER_MS || t - last < (tty ? REDRAW_EVERY_MS : LINE_EVERY_MS)) return;
      last = t;
      shown = true;
      const overall = total > 0 ? (done + Math.min(Math.max(fraction, 0), 1)) / total : 0;
      const line = `running: ${(overall * 100).toFixed(1)}% (run ${Math.min(done + 1, total)} of ${total}), ${Math.round((t - start) / 1000)} s`;
      stream.write(tty ? `\r${line}\x1b[K` : `${line}\n`);
    },
    end() {
      if (shown && tty) stream.write('\r\x1b[K');
    },
  };
}
