import { simUsPerMs, type PlaybackActor } from '../../machines/playback';
import type { TraceBuffer } from '../../machines/trace/buffer';
import type { TraceClient } from '../../worker/trace/client';
import { SupersededError } from '../../worker/trace/client';

/**
 * Keeps the page's trace buffer filled around the playback time: streams windows ahead of the clock,
 * restarts the stream (a replay in the worker) after a seek outside what is held, fetches history
 * when a step back needs it, and drops what is far behind. Sizes are in real milliseconds on screen,
 * converted with the current slow-down, so a slow trace and a fast load view both stay a few seconds ahead.
 */
export interface StreamerOptions {
  aheadMs: number;
  backMs: number;
  keepBackMs: number;
  /** Resource samples every this many ms on screen. */
  sampleMs: number;
  onError: (message: string) => void;
}

export const DEFAULT_STREAMER: Omit<StreamerOptions, 'onError'> = { aheadMs: 3000, backMs: 1500, keepBackMs: 20_000, sampleMs: 33 };

export function createStreamer(client: Pick<TraceClient, 'chunk'>, buffer: TraceBuffer, actor: PlaybackActor, opts: StreamerOptions) {
  let busy = false;
  let stopped = false;
  let historySpan = 0;
  let historyFor = -1;

  const fail = (e: unknown) => {
    if (e instanceof SupersededError || stopped) return;
    opts.onError(e instanceof Error ? e.message : String(e));
  };

  async function pump(): Promise<void> {
    if (busy || stopped) return;
    const { t, slowdown, skipIdle } = actor.getSnapshot().context;
    const rate = simUsPerMs(slowdown);
    const ahead = Math.max(opts.aheadMs * rate, 20);
    const inside = !buffer.empty && t >= buffer.coverStart && (t <= buffer.coverEnd || buffer.done);
    if (!buffer.empty && !inside) buffer.reset();
    let from: number;
    let to: number;
    if (buffer.empty) {
      from = Math.max(0, t - opts.backMs * rate);
      to = t + ahead;
    } else if (!buffer.done && buffer.coverEnd - t < ahead) {
      from = buffer.coverEnd;
      to = buffer.coverEnd + ahead;
    } else {
      // Drop what is far behind, in steps (pruning scans the buffer, so not on every frame).
      const keep = opts.keepBackMs * rate;
      if (t - keep > buffer.coverStart + keep / 2 || buffer.events.length > 60_000) buffer.prune(t - keep);
      return;
    }
    busy = true;
    try {
      const c = await client.chunk({ from, to, sampleUs: opts.sampleMs * rate, mode: 'stream', skipIdle });
      if (stopped) return;
      buffer.addChunk(c);
      actor.send({ type: 'DATA' });
    } catch (e) {
      fail(e);
      return;
    } finally {
      busy = false;
    }
    void pump();
  }

  /** Fetches records before what is held, widening the window until a step back finds its event. */
  async function history(before: number): Promise<void> {
    if (stopped) return;
    const rate = simUsPerMs(actor.getSnapshot().context.slowdown);
    historySpan = historyFor === before ? historySpan * 8 : Math.max(opts.backMs * rate, 50);
    historyFor = before;
    const to = buffer.coverStart;
    const from = Math.max(0, to - historySpan);
    try {
      const c = await client.chunk({ from, to, sampleUs: 0, mode: 'history' });
      if (stopped) return;
      buffer.addChunk(c);
      actor.send({ type: 'DATA' });
    } catch (e) {
      fail(e);
    }
  }

  const sub = actor.subscribe(() => void pump());
  const off = actor.on('needHistory', (e) => void history(e.before));
  void pump();
  return {
    pump,
    stop() {
      stopped = true;
      sub.unsubscribe();
      off.unsubscribe();
    },
  };
}
