import { describe, expect, it } from 'vitest';
import { screenMs } from '../../model/ids';
import { SCENARIO_PRESETS } from '../../model/presets';
import { TraceSession } from '../../worker/trace/session';
import { MAX_FRAME_MS } from '../../app/simulate/ticker';
import { flushMicrotasks, localPlayback, sessionClient } from '../../test/sessionPlayback';
import { createStreamer, DEFAULT_STREAMER } from './streamer';

/**
 * The 400-pod preset played in the load view at each slow-down, fastest first, each from t = 0 (as a
 * user trying the speeds does): the trace worker once died here. Its stream sampled every station
 * (822) on the page's grid — one sample per screen millisecond — all the way to the end of a look-ahead
 * summed over every hop of the spec (170 ms), past V8's largest array, and the page said "The trace
 * worker stopped answering". Counted, not timed: what the session holds after every reply.
 */
describe('slow playback of a large mesh', () => {
  it('plays pods-400 at every slow-down from 1,000,000× to 1,000× with bounded samples held', async () => {
    const session = new TraceSession(SCENARIO_PRESETS['pods-400'], 'sidecar-envoy', 'load');
    // The look-ahead follows a request's path (about 7 ms here), not every pod pair's routes (170 ms).
    expect(session.horizonUs).toBeGreaterThanOrEqual(1000);
    expect(session.horizonUs).toBeLessThan(20_000);
    const stations = session.layout.stations.length;
    expect(stations).toBeGreaterThan(800);
    const { buffer, actor } = localPlayback(session, 1_000_000);
    let mostHeld = 0;
    let replies = 0;
    const client = sessionClient(session, (_req, c) => {
      replies++;
      mostHeld = Math.max(mostHeld, session.heldSampleValues + c.samples.busy.length);
    });
    const errors: string[] = [];
    const streamer = createStreamer(client, buffer, actor, {
      ...DEFAULT_STREAMER,
      onError: (m) => errors.push(m),
    });
    const flush = flushMicrotasks;
    const reached: number[] = [];
    for (const slowdown of [1_000_000, 300_000, 100_000, 30_000, 10_000, 3000, 1000]) {
      actor.send({ type: 'RESTART' });
      actor.send({ type: 'SET_SLOWDOWN', slowdown });
      await flush();
      actor.send({ type: 'PLAY' });
      for (let f = 0; f < 60; f++) {
        actor.send({ type: 'TICK', dtMs: screenMs(MAX_FRAME_MS) });
        await flush();
      }
      actor.send({ type: 'PAUSE' });
      await flush();
      reached.push(actor.getSnapshot().context.t);
    }
    streamer.stop();
    expect(errors).toEqual([]);
    expect(replies).toBeGreaterThan(7);
    // Each speed played on from its restart, and faster (less slowed) played further in its second.
    expect(reached.every((t) => t > 0)).toBe(true);
    for (let i = 1; i < reached.length; i++) expect(reached[i]).toBeGreaterThan(reached[i - 1]);
    // Samples held at once: within the bound on station values (400,000) and one more reply's worth.
    expect(mostHeld).toBeLessThanOrEqual(2 * 400_000);
  }, 120_000);
});
