import { screenMs, simUs } from '../../model/ids';
import { createActor, fromCallback, SimulatedClock } from 'xstate';
import { describe, expect, it } from 'vitest';
import oneRequest from '../../../models/presets/one-request-slowly.json';
import { TraceSession } from '../../worker/trace/session';
import {
  advanceClock,
  IDLE_LEAD_MS,
  nextSlowdown,
  playbackMachine,
  simUsPerMs,
  type PlaybackEmitted,
  type PlaybackEvent,
  type Timeline,
} from './playback';
import { TraceBuffer } from './buffer';

const FRAME = 16;

/** A ticker on a simulated clock: a TICK every 16 ms of (simulated) real time while playing. */
function clockTicker(clock: SimulatedClock) {
  return fromCallback<PlaybackEvent>(({ sendBack }) => {
    let id: number;
    const loop = () => {
      id = clock.setTimeout(() => {
        sendBack({ type: 'TICK', dtMs: FRAME });
        loop();
      }, FRAME);
    };
    loop();
    return () => clock.clearTimeout(id);
  });
}

/** A buffer filled from the real worker session: the first two requests of "one request, slowly". */
function loaded(arch = 'sidecar-envoy') {
  const session = new TraceSession(oneRequest, arch, 'trace');
  const buffer = new TraceBuffer(session.layout);
  let t = 0;
  for (let i = 0; i < 6; i++) {
    const c = session.chunk(t, t + 400, 0, true);
    buffer.addChunk({ ...c, mode: 'stream' });
    t = c.to;
  }
  return { session, buffer };
}

const timelineOf = (b: TraceBuffer): Timeline => ({
  coveredUntil: () => (b.done ? b.endTime : b.coverEnd),
  nextEventAfter: (t) => b.nextEventAfter(t),
  prevEventBefore: (t) => b.prevEventBefore(t),
  idleAt: (t) => b.idleAt(t),
  endTime: () => b.endTime,
});

function start(buffer: TraceBuffer, slowdown = 10_000) {
  const clock = new SimulatedClock();
  const actor = createActor(playbackMachine.provide({ actors: { ticker: clockTicker(clock) } }), {
    input: { timeline: timelineOf(buffer), slowdown },
    clock,
  });
  const emitted: PlaybackEmitted[] = [];
  actor.on('*', (e) => emitted.push(e as PlaybackEmitted));
  actor.start();
  return { actor, clock, emitted, t: () => actor.getSnapshot().context.t };
}

describe('advanceClock (pure)', () => {
  const tl = (over: Partial<Timeline> = {}): Timeline => ({
    coveredUntil: () => 1e9,
    nextEventAfter: () => null,
    prevEventBefore: () => null,
    idleAt: () => false,
    endTime: () => 1e9,
    ...over,
  });

  it('moves simulated time at 1/slowdown of real time', () => {
    expect(simUsPerMs(10_000)).toBe(0.1);
    expect(advanceClock(simUs(50), screenMs(100), 10_000, true, tl()).t).toBeCloseTo(60, 12); // 100 ms real = 10 µs simulated
    expect(advanceClock(simUs(50), screenMs(100), 1_000, true, tl()).t).toBeCloseTo(150, 12);
  });

  it('stops at what the page holds (stalled) and at the end of the run', () => {
    expect(advanceClock(simUs(50), screenMs(1000), 1, true, tl({ coveredUntil: () => 70 }))).toMatchObject({
      t: 70,
      stalled: true,
      ended: false,
    });
    expect(advanceClock(simUs(50), screenMs(1000), 1, true, tl({ endTime: () => 60 }))).toMatchObject({
      t: 60,
      ended: true,
    });
  });

  it('skips a long idle stretch, landing a lead before the next event; short gaps play out', () => {
    const rate = simUsPerMs(10_000);
    const far = advanceClock(
      simUs(0),
      screenMs(FRAME),
      10_000,
      true,
      tl({ idleAt: () => true, nextEventAfter: () => 1_000_000 }),
    );
    expect(far.t).toBeCloseTo(1_000_000 - IDLE_LEAD_MS * rate, 9);
    expect(far.skipped).toEqual({ from: 0, to: far.t });
    const near = advanceClock(
      simUs(0),
      screenMs(FRAME),
      10_000,
      true,
      tl({ idleAt: () => true, nextEventAfter: () => 100 }),
    );
    expect(near).toMatchObject({ t: FRAME * rate, skipped: null });
    const off = advanceClock(
      simUs(0),
      screenMs(FRAME),
      10_000,
      false,
      tl({ idleAt: () => true, nextEventAfter: () => 1_000_000 }),
    );
    expect(off.t).toBeCloseTo(FRAME * rate, 12);
  });

  it('speed steps through the offered slow-down factors', () => {
    expect(nextSlowdown(10_000, 'faster')).toBe(3_000);
    expect(nextSlowdown(10_000, 'slower')).toBe(30_000);
    expect(nextSlowdown(1, 'faster')).toBe(1);
    expect(nextSlowdown(1_000_000, 'slower')).toBe(1_000_000);
    expect(nextSlowdown(5_000, 'faster')).toBe(3_000);
  });
});

describe('playback machine on a simulated clock', () => {
  it('plays: one request of ≈342 µs takes ≈3.4 s at 10,000× slower, with the idle second skipped', () => {
    const { buffer } = loaded();
    const { actor, clock, t } = start(buffer);
    const first = buffer.events[0];
    actor.send({ type: 'PLAY' });
    clock.increment(FRAME);
    // The first request starts after a 1 s think time: playback skips to just before it.
    expect(t()).toBeCloseTo(first.enter - IDLE_LEAD_MS * 0.1, 6);
    expect(actor.getSnapshot().context.lastSkip).toEqual({ from: 0, to: t() });
    expect(actor.getSnapshot().context.skippedTotal).toBeCloseTo(t(), 6);
    const from = t();
    for (let i = 0; i < 100; i++) clock.increment(FRAME); // 1.6 s of real time
    expect(t() - from).toBeCloseTo(160, 6); // 1.6 s × 0.1 µs/ms
    actor.send({ type: 'PAUSE' });
    const paused = t();
    clock.increment(5_000);
    expect(t()).toBe(paused);
    expect(actor.getSnapshot().value).toBe('paused');
  });

  it('playing to the end pauses at the end, asking the timeline once per frame whether it is idle', () => {
    const { buffer } = loaded();
    let idleAsks = 0;
    // The whole run held, so nothing stalls before the end.
    const tl = {
      ...timelineOf(buffer),
      coveredUntil: () => buffer.endTime,
      idleAt: (x: number) => (idleAsks++, buffer.idleAt(x)),
    };
    const clock = new SimulatedClock();
    const actor = createActor(playbackMachine.provide({ actors: { ticker: clockTicker(clock) } }), {
      input: { timeline: tl, slowdown: 1 },
      clock,
    });
    actor.start();
    actor.send({ type: 'SEEK', t: buffer.endTime - 100 * FRAME * simUsPerMs(1) + 1 });
    actor.send({ type: 'PLAY' });
    idleAsks = 0;
    for (let i = 0; i < 99; i++) clock.increment(FRAME);
    expect(actor.getSnapshot().value).toBe('playing');
    expect(idleAsks).toBe(99);
    clock.increment(FRAME);
    expect(actor.getSnapshot().value).toBe('paused');
    expect(actor.getSnapshot().context.t).toBe(buffer.endTime);
    clock.increment(5 * FRAME);
    expect(idleAsks).toBe(100);
  });

  it('adds up every idle stretch skipped, not only the last, until a restart', () => {
    const { buffer } = loaded();
    const { actor, clock } = start(buffer);
    actor.send({ type: 'PLAY' });
    const skips: number[] = [];
    let last: { from: number; to: number } | null = null;
    for (let i = 0; i < 5_000 && skips.length < 2 && actor.getSnapshot().matches('playing'); i++) {
      clock.increment(FRAME);
      const s = actor.getSnapshot().context.lastSkip;
      if (s && s !== last) skips.push(s.to - s.from);
      last = s;
    }
    const total = actor.getSnapshot().context.skippedTotal;
    expect(skips.length).toBeGreaterThanOrEqual(1);
    expect(total).toBeCloseTo(
      skips.reduce((a, b) => a + b, 0),
      3,
    );
    actor.send({ type: 'RESTART' });
    expect(actor.getSnapshot().context.skippedTotal).toBe(0);
  });

  it('step and step back move between hop events, consistent with the buffer', () => {
    const { buffer } = loaded();
    const { actor, t } = start(buffer);
    const enters = [...new Set(buffer.events.map((e) => e.enter))];
    actor.send({ type: 'STEP' });
    expect(t()).toBe(enters[0]);
    actor.send({ type: 'STEP' });
    actor.send({ type: 'STEP' });
    expect(t()).toBe(enters[2]);
    expect(buffer.countUpTo(t())).toBe(3);
    actor.send({ type: 'STEP_BACK' });
    expect(t()).toBe(enters[1]);
    expect(buffer.countUpTo(t())).toBe(2);
    actor.send({ type: 'STEP_BACK' });
    actor.send({ type: 'STEP_BACK' });
    expect(t()).toBe(0); // before the first event: the start of the run
  });

  it('step back past what the page holds asks for a replay, and completes when the data arrives', () => {
    const { session, buffer } = loaded();
    const { actor, emitted, t } = start(buffer);
    const target = buffer.events[30].enter;
    buffer.prune(target - 1e-6); // the page forgot everything before
    actor.send({ type: 'SEEK', t: target });
    expect(emitted).toContainEqual({ type: 'seeked', t: target });
    actor.send({ type: 'STEP_BACK' });
    expect(emitted).toContainEqual({ type: 'needHistory', before: target });
    expect(t()).toBe(target);
    expect(actor.getSnapshot().context.pending).toBe('back');
    const h = session.history(target - 100, buffer.coverStart);
    buffer.addChunk({ ...h, mode: 'history' });
    actor.send({ type: 'DATA' });
    expect(t()).toBeLessThan(target);
    expect(t()).toBe(buffer.events.filter((e) => e.enter < target).at(-1)!.enter);
    expect(actor.getSnapshot().context.pending).toBeNull();
  });

  it('seek clamps to the run and pauses; play at the end restarts from 0', () => {
    const { buffer } = loaded();
    const { actor, clock, t, emitted } = start(buffer);
    actor.send({ type: 'PLAY' });
    actor.send({ type: 'SEEK', t: -5 });
    expect(t()).toBe(0);
    expect(actor.getSnapshot().value).toBe('paused');
    actor.send({ type: 'SEEK', t: 1e12 });
    expect(t()).toBe(buffer.endTime);
    actor.send({ type: 'PLAY' });
    expect(t()).toBe(0);
    expect(emitted.filter((e) => e.type === 'seeked').at(-1)).toEqual({ type: 'seeked', t: 0 });
    clock.increment(FRAME);
    expect(actor.getSnapshot().value).toBe('playing');
  });

  it('stalls at the end of what the page holds instead of inventing time', () => {
    const { buffer } = loaded();
    const { actor, clock, t } = start(buffer, 1);
    actor.send({ type: 'PLAY' });
    for (let i = 0; i < 400; i++) clock.increment(FRAME); // 6.4 s of simulated time at 1×: more than is held
    expect(t()).toBe(buffer.coverEnd);
    expect(actor.getSnapshot().context.stalled).toBe(true);
    expect(actor.getSnapshot().value).toBe('playing');
  });

  it('speed controls change the slow-down factor within bounds', () => {
    const { buffer } = loaded();
    const { actor } = start(buffer);
    actor.send({ type: 'FASTER' });
    expect(actor.getSnapshot().context.slowdown).toBe(3_000);
    actor.send({ type: 'SLOWER' });
    actor.send({ type: 'SLOWER' });
    expect(actor.getSnapshot().context.slowdown).toBe(30_000);
    actor.send({ type: 'SET_SLOWDOWN', slowdown: 0 });
    expect(actor.getSnapshot().context.slowdown).toBe(1);
  });
});
