import { describe, expect, it, vi } from 'vitest';
import { traceFixture } from '../../test/traceFixture';
import { TraceBuffer } from './buffer';
import type { TraceClient } from '../../worker/trace/client';
import { BACKFILL_EVENTS, createStreamer, DEFAULT_STREAMER } from './streamer';
import { createActor, fromCallback } from 'xstate';
import { playbackMachine, type PlaybackEvent } from './playback';
import { timelineOf } from './timeline';

/** A client answering from a real session, one request at a time, resolved by the test. */
function harness() {
  const { session } = traceFixture('sidecar-envoy', 0);
  const buffer = new TraceBuffer(session.layout);
  const actor = createActor(
    playbackMachine.provide({ actors: { ticker: fromCallback<PlaybackEvent>(() => () => {}) } }),
    {
      input: { timeline: timelineOf(buffer), slowdown: 10_000 },
    },
  );
  actor.start();
  const asked: { from: number; to: number; mode: string }[] = [];
  const client: Pick<TraceClient, 'chunk'> = {
    chunk: async (req) => {
      asked.push({ from: req.from, to: req.to, mode: req.mode });
      const c =
        req.mode === 'history'
          ? session.history(req.from, req.to)
          : session.chunk(req.from, req.to, req.sampleUs, req.skipIdle);
      return { ...c, mode: req.mode, horizonUs: session.horizonUs };
    },
  };
  const onError = vi.fn();
  const streamer = createStreamer(client, buffer, actor, { ...DEFAULT_STREAMER, onError });
  return { session, buffer, actor, asked, streamer, onError };
}

const settle = () => new Promise((r) => setTimeout(r, 0));
async function idle() {
  for (let i = 0; i < 20; i++) await settle();
}

describe('streamer', () => {
  it('fills the buffer ahead of the clock, across idle time, so the first step finds the first hop', async () => {
    const { buffer, actor, asked } = harness();
    await idle();
    expect(asked[0]).toMatchObject({ from: 0, mode: 'stream' });
    expect(buffer.coverEnd).toBeGreaterThanOrEqual(1_000_000); // the first request starts after 1 s of think time
    actor.send({ type: 'STEP' });
    expect(actor.getSnapshot().context.t).toBe(1_000_000);
    await idle();
    expect(buffer.coverEnd - 1_000_000).toBeGreaterThanOrEqual(DEFAULT_STREAMER.aheadMs * 0.1); // 3 s on screen ahead
  });

  it('restarts the stream at a seek outside what is held, and fetches history for a step back', async () => {
    const { buffer, actor, asked, session } = harness();
    await idle();
    const later = 5_000_000 + 120;
    actor.send({ type: 'SEEK', t: later });
    await idle();
    expect(buffer.coverStart).toBeLessThanOrEqual(later);
    expect(buffer.coverEnd).toBeGreaterThan(later);
    expect(asked.some((a) => a.mode === 'stream' && a.from < later && a.from > 4_000_000)).toBe(true);
    // step back until the page needs records from before what it holds
    // Requests start a second apart (think time): at 5.000 120 s request #4 has not started yet.
    const previous = session.requestRecords(3);
    for (let i = 0; i < 60 && actor.getSnapshot().context.t > 5_000_000 - 1; i++) {
      actor.send({ type: 'STEP_BACK' });
      await idle();
    }
    expect(asked.some((a) => a.mode === 'history')).toBe(true);
    const t = actor.getSnapshot().context.t;
    expect(t).toBeLessThan(5_000_000);
    expect(t).toBe(Math.max(...previous.map((r) => r.enter))); // the last hop of request #3, a second earlier
  });

  it('after a seek, fetches history until the list can show the events before the seek point, without counting them', async () => {
    const { buffer, actor, asked, session } = harness();
    await idle();
    const later = 5_000_000 + 120;
    actor.send({ type: 'SEEK', t: later });
    for (let i = 0; i < 5; i++) await idle();
    // Every record that entered by the seek point, from a replay of the whole stretch.
    const truth = session.history(0, later).records.filter((r) => r.enter <= later);
    const want = Math.min(BACKFILL_EVENTS, truth.length);
    expect(want).toBeGreaterThan(0);
    expect(asked.some((a) => a.mode === 'history' && a.to <= later)).toBe(true);
    expect(buffer.countUpTo(later)).toBeGreaterThanOrEqual(want);
    const lastBefore = truth
      .map((r) => r.enter)
      .sort((a, b) => a - b)
      .slice(-want);
    expect(
      buffer.events.slice(buffer.countUpTo(later) - want, buffer.countUpTo(later)).map((e) => e.enter),
    ).toEqual(lastBefore);
    // The count is of events since the seek point only.
    const since = buffer.countedSince!;
    expect(since).toBeGreaterThan(4_000_000);
    expect(buffer.totalUpTo(later)).toBe(truth.filter((r) => r.enter >= since).length);
  });
});
