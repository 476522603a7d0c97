// Test support (not a test): a simulated clock for the workers' watchdog; timers fire only when the
// test moves time on.
import type { WatchdogClock } from '../worker/rpc';

export class FakeClock implements WatchdogClock {
  private t = 0;
  private seq = 0;
  private timers = new Map<number, { at: number; fn: () => void }>();

  now(): number {
    return this.t;
  }
  setTimeout(fn: () => void, ms: number): unknown {
    const id = ++this.seq;
    this.timers.set(id, { at: this.t + Math.max(0, ms), fn });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  /** Timers waiting. */
  get armed(): number {
    return this.timers.size;
  }
  /** Moves time on by `ms`, firing each timer at its own moment, in order. */
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      let next: [number, { at: number; fn: () => void }] | null = null;
      for (const e of this.timers) if (e[1].at <= end && (!next || e[1].at < next[1].at)) next = e;
      if (!next) break;
      this.timers.delete(next[0]);
      this.t = Math.max(this.t, next[1].at);
      next[1].fn();
    }
    this.t = end;
  }
  /** Moves time on by `ms` without firing anything (the page was asleep); due timers fire late on the next advance. */
  jump(ms: number): void {
    this.t += ms;
  }
}
