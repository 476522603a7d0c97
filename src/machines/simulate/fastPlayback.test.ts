import { screenMs } from '../../model/ids';
import { describe, expect, it } from 'vitest';
import { SLOWDOWNS } from './playback';
import { SCENARIO_PRESETS, type ScenarioPresetId } from '../../model/presets';
import { TraceSession } from '../../worker/trace/session';
import { MAX_FRAME_MS } from '../../app/simulate/ticker';
import { flushMicrotasks, localPlayback, sessionClient } from '../../test/sessionPlayback';
import { createStreamer, DEFAULT_STREAMER, strideFor } from './streamer';

/**
 * Fast playback must play every preset to its end with a bounded buffer: the load view at real time
 * once sent 100,000+ records in one reply and the page failed ("Maximum call stack size exceeded").
 * The page here is the real buffer, playback machine and streamer over a real trace session, on a
 * simulated clock (frames of MAX_FRAME_MS).
 */
/**
 * A session's layout is fixed by its scenario, architecture and view (the constructor's full first run):
 * the playback runs keep theirs here, so strideFor need not simulate those presets again.
 */
const runs = new Map<ScenarioPresetId, TraceSession['layout']['run']>();
const runOf = (preset: ScenarioPresetId) =>
  runs.get(preset) ?? new TraceSession(SCENARIO_PRESETS[preset], 'sidecar-envoy', 'load').layout.run;

async function playToEnd(preset: ScenarioPresetId, slowdown: number) {
  const session = new TraceSession(SCENARIO_PRESETS[preset], 'sidecar-envoy', 'load');
  // A copy, taken before playback moves the session on.
  runs.set(preset, structuredClone(session.layout.run));
  const { buffer, actor } = localPlayback(session, slowdown);
  const replies: { mode: string; records: number }[] = [];
  const client = sessionClient(session, (req, c) =>
    replies.push({ mode: req.mode, records: c.records.length }),
  );
  const errors: string[] = [];
  const streamer = createStreamer(client, buffer, actor, {
    ...DEFAULT_STREAMER,
    onError: (m) => errors.push(m),
  });
  const flush = flushMicrotasks;
  await flush();
  actor.send({ type: 'PLAY' });
  let frames = 0;
  let maxHeld = 0;
  const end = session.layout.run.endUs;
  // Generous frame cap: the run's length on screen, plus stalls while replies arrive.
  const cap = Math.ceil(((end / 1000) * slowdown) / MAX_FRAME_MS) * 3 + 2000;
  while (actor.getSnapshot().value === 'playing' && frames < cap) {
    actor.send({ type: 'TICK', dtMs: screenMs(MAX_FRAME_MS) });
    frames++;
    await flush();
    maxHeld = Math.max(maxHeld, buffer.events.length);
  }
  streamer.stop();
  const delivered = replies.reduce((a, r) => a + r.records, 0);
  return { session, actor, replies, errors, frames, maxHeld, delivered, end };
}

describe('fast playback of the load view', () => {
  const cases: [ScenarioPresetId, number][] = [
    ['istio-benchmark', 1],
    ['istio-benchmark', 10],
    ['fan-out-under-load', 1],
    ['fan-out-under-load', 10],
    ['pods-400', 10],
  ];
  it.each(cases)(
    '%s at slow-down %d× plays to the end, each reply and the held buffer bounded',
    async (preset, slowdown) => {
      const r = await playToEnd(preset, slowdown);
      expect(r.errors).toEqual([]);
      expect(r.actor.getSnapshot().context.t).toBe(r.end);
      expect(r.actor.getSnapshot().value).toBe('paused');
      const largest = Math.max(...r.replies.map((x) => x.records));
      expect(largest).toBeLessThanOrEqual(DEFAULT_STREAMER.chunkRecords);
      // Pruning keeps about 50,000–60,000 records; one more reply may arrive before the next prune.
      expect(r.maxHeld).toBeLessThanOrEqual(60_000 + DEFAULT_STREAMER.chunkRecords);
      // Records taken per second on screen stay near the budget (requests are sampled, not records,
      // so the rate varies a little with which requests are kept).
      const seconds = (r.frames * MAX_FRAME_MS) / 1000;
      expect(r.delivered / seconds).toBeLessThanOrEqual(DEFAULT_STREAMER.recordsPerSecond * 1.3);
      expect(r.delivered).toBeGreaterThan(0);
    },
    120_000,
  );
});

describe('strideFor', () => {
  it('is a power of two that brings every preset at every speed within the budget, and 1 at slow speeds', () => {
    for (const preset of ['istio-benchmark', 'fan-out-under-load', 'nodes-30'] as const) {
      const run = runOf(preset);
      expect(run.recordsPerUs).toBeGreaterThan(0);
      for (const s of SLOWDOWNS) {
        const stride = strideFor(run, s, 6000);
        expect(Math.log2(stride) % 1).toBe(0);
        const perSecond = (run.recordsPerUs / run.sampleEvery) * (1000 / s) * 1000;
        expect(perSecond / stride).toBeLessThanOrEqual(6000);
        if (stride > 1) expect(perSecond / (stride / 2)).toBeGreaterThan(6000); // the smallest that fits
      }
      expect(strideFor(run, 10_000, 6000)).toBe(1);
    }
  });
});
