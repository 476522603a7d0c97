import { fromCallback, type AnyActorRef } from 'xstate';
import { simUsPerMs, type PlaybackActor, type PlaybackEvent } from './playback';
import type { TraceBuffer } from './buffer';
import type { TraceClient } from '../../worker/trace/client';
import { boundText, SupersededError, WorkerError } from '../../model/errors';
import { MAX_STRIDE } from '../../model/traceLimits';
import type { TraceLayout } from '../../worker/trace/protocol';

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
  /** Hop records the page takes per second on screen at most: faster playback samples requests. */
  recordsPerSecond: number;
  /** Records one reply may carry (a bounded task on the page; longer windows come in several replies). */
  chunkRecords: number;
  onError: (message: string) => void;
}

/** After a seek, history is fetched until this many events before the seek point are held (the event list's length). */
export const BACKFILL_EVENTS = 150;
/** …in at most this many widening windows (each 8 times the last), so a quiet run does not replay for long. */
const BACKFILL_ROUNDS = 8;

export const DEFAULT_STREAMER: Omit<StreamerOptions, 'onError'> = {
  aheadMs: 3000,
  backMs: 1500,
  keepBackMs: 20_000,
  sampleMs: 33,
  recordsPerSecond: 6_000,
  chunkRecords: 4_000,
};

/**
 * The stride (a power of two) that keeps the records streamed per second on screen within budget:
 * at a slow trace it is 1 (every sampled request); at real time on a busy preset it thins requests.
 */
export function strideFor(
  run: Pick<TraceLayout['run'], 'recordsPerUs' | 'sampleEvery'>,
  slowdown: number,
  recordsPerSecond: number,
): number {
  const perSecond = (run.recordsPerUs / run.sampleEvery) * simUsPerMs(slowdown) * 1000;
  let stride = 1;
  while (perSecond / stride > recordsPerSecond && stride < MAX_STRIDE) stride *= 2;
  return stride;
}

export function createStreamer(
  client: Pick<TraceClient, 'chunk'>,
  buffer: TraceBuffer,
  actor: PlaybackActor,
  opts: StreamerOptions,
) {
  let busy = false;
  let stopped = false;
  let historySpan = 0;
  let historyFor = -1;

  const fail = (e: unknown) => {
    if (e instanceof SupersededError || stopped) return;
    // A worker's error already names the worker; anything else is said to come from the stream.
    if (e instanceof WorkerError) opts.onError(e.message);
    else opts.onError(`The trace stream failed: ${boundText(e instanceof Error ? e.message : String(e))}`);
  };

  /** History is fetched at the stride of what is held, within the same bound per reply. */
  const bounds = () => ({ stride: buffer.stride, maxRecords: opts.chunkRecords });

  async function pump(): Promise<void> {
    if (busy || stopped) return;
    const { t, slowdown, skipIdle } = actor.getSnapshot().context;
    const rate = simUsPerMs(slowdown);
    const ahead = Math.max(opts.aheadMs * rate, 20);
    const stride = strideFor(buffer.layout.run, slowdown, opts.recordsPerSecond);
    const inside = !buffer.empty && t >= buffer.coverStart && (t <= buffer.coverEnd || buffer.done);
    // A new speed that samples differently starts the stream again: what is held was thinned for another.
    if (!buffer.empty && (!inside || stride !== buffer.stride)) buffer.reset(stride);
    else if (buffer.empty) buffer.stride = stride;
    let from: number;
    let to: number;
    const fresh = buffer.empty;
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
    const epoch = buffer.epoch;
    try {
      const c = await client.chunk({
        from,
        to,
        sampleUs: opts.sampleMs * rate,
        mode: 'stream',
        skipIdle,
        stride,
        maxRecords: opts.chunkRecords,
      });
      if (stopped || buffer.epoch !== epoch) return;
      buffer.addChunk(c);
      actor.send({ type: 'DATA' });
      if (fresh && c.from > 0) void backfill(c.from);
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
      const epoch = buffer.epoch;
      const c = await client.chunk({ from, to, sampleUs: 0, mode: 'history', ...bounds() });
      if (stopped || buffer.epoch !== epoch) return; // the buffer started again since: this answer is stale
      buffer.addChunk(c);
      actor.send({ type: 'DATA' });
    } catch (e) {
      fail(e);
    }
  }

  /**
   * After a seek the stream starts just before the seek point, so the event list would show nothing
   * that happened before it: fetch history (listed, not counted) until the list can be filled.
   */
  async function backfill(seekFrom: number): Promise<void> {
    const epoch = buffer.epoch;
    let span = Math.max(opts.backMs * simUsPerMs(actor.getSnapshot().context.slowdown), 50);
    for (let round = 0; round < BACKFILL_ROUNDS; round++) {
      const to = buffer.coverStart;
      if (stopped || buffer.epoch !== epoch || to <= 0 || buffer.countUpTo(seekFrom) >= BACKFILL_EVENTS)
        return;
      const from = Math.max(0, to - span);
      span *= 8;
      try {
        const c = await client.chunk({ from, to, sampleUs: 0, mode: 'history', ...bounds() });
        if (stopped || buffer.epoch !== epoch) return; // another seek since: this answer is stale
        buffer.addChunk({ ...c, backfill: true });
      } catch (e) {
        fail(e);
        return;
      }
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

/**
 * The streamer as the playback machine's invoked actor (its `streamer`): it lives as long as playback
 * does and stops with it. It starts on the next microtask, once the playback actor it reads is running.
 */
export function streamerLogic(
  client: Pick<TraceClient, 'chunk'>,
  buffer: TraceBuffer,
  opts: StreamerOptions,
) {
  return fromCallback<PlaybackEvent, { playback: AnyActorRef }>(({ input }) => {
    let streamer: ReturnType<typeof createStreamer> | null = null;
    let stopped = false;
    queueMicrotask(() => {
      if (!stopped) streamer = createStreamer(client, buffer, input.playback as PlaybackActor, opts);
    });
    return () => {
      stopped = true;
      streamer?.stop();
    };
  });
}
