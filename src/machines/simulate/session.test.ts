import { describe, expect, it } from 'vitest';
import { screenMs } from '../../model/ids';
import { fromCallback } from 'xstate';
import { UnsupportedArchitectureError } from '../../model/errors';
import { SCENARIO_PRESETS } from '../../model/presets';
import type { TraceClient } from '../../worker/trace/client';
import { TraceSession } from '../../worker/trace/session';
import type { PlaybackEvent } from './playback';
import { createSimulateSession, type SimulateChoices } from './session';
import { DEFAULT_SLOWDOWN } from './sessionMachine';

/**
 * The Simulate session driven headless: a trace "worker" answering from real trace sessions in this
 * process, and a clock the test advances by hand.
 */
function harness(choices: Partial<SimulateChoices> = {}, extra: { t?: number; notices?: [] } = {}) {
  let tick: ((dtMs: number) => void) | null = null;
  const ticker = fromCallback<PlaybackEvent>(({ sendBack }) => {
    tick = (dtMs) => sendBack({ type: 'TICK', dtMs: screenMs(dtMs) });
    return () => (tick = null);
  });
  let open: TraceSession | null = null;
  let sessions = 0;
  const opened: string[] = [];
  const trace: Pick<TraceClient, 'open' | 'chunk' | 'state' | 'request'> = {
    open: async (scenario, arch, view) => {
      opened.push(`${arch}/${view}`);
      try {
        open = new TraceSession(scenario, arch, view, { session: ++sessions });
      } catch (e) {
        const reasons = (e as { reasons?: string[] }).reasons;
        if (reasons) throw new UnsupportedArchitectureError((e as Error).message, arch, reasons);
        throw e;
      }
      return open.layout;
    },
    chunk: async (req) => {
      const s = open!;
      const c =
        req.mode === 'history'
          ? s.history(req.from, req.to, req.stride, req.maxRecords)
          : s.chunk(req.from, req.to, req.sampleUs, req.skipIdle, req.stride, req.maxRecords);
      return { ...c, mode: req.mode, horizonUs: s.horizonUs };
    },
    state: async (t) => ({ t, ...open!.stateAt(t) }),
    request: async (seq) => open!.requestRecords(seq),
  };
  const session = createSimulateSession(
    { trace, ticker },
    {
      choices: {
        presetId: 'one-request-slowly',
        seed: null,
        protocol: null,
        arch: 'sidecar-envoy',
        view: 'trace',
        ...choices,
      },
      ...extra,
    },
  );
  const settle = async () => {
    for (let i = 0; i < 30; i++) await new Promise((r) => setTimeout(r, 0));
  };
  const ready = async () => {
    for (let i = 0; i < 200 && session.snapshot().status === 'loading'; i++) await settle();
    await settle();
  };
  return { session, settle, ready, opened, tickBy: (ms: number) => tick?.(ms), current: () => open! };
}

describe('Simulate session', () => {
  it('opens the trace, then plays on the injected clock and pauses', async () => {
    const h = harness();
    expect(h.session.snapshot().status).toBe('loading');
    await h.ready();
    const s = h.session.snapshot();
    expect(s.status).toBe('ready');
    expect(s.slowdown).toBe(DEFAULT_SLOWDOWN.trace);
    expect(s.t).toBe(0);
    h.session.play();
    expect(h.session.snapshot().playing).toBe(true);
    // 1 s of think time before the first request: idle time is skipped to 0.3 s on screen before it.
    h.tickBy(16);
    const afterSkip = h.session.snapshot().t;
    expect(afterSkip).toBe(1_000_000 - 300 * (1000 / 10_000));
    h.tickBy(50);
    expect(h.session.snapshot().t).toBeCloseTo(afterSkip + 50 * 0.1, 9);
    h.session.pause();
    h.tickBy(50);
    expect(h.session.snapshot().playing).toBe(false);
    expect(h.session.snapshot().t).toBeCloseTo(afterSkip + 5, 9);
    h.session.dispose();
  });

  it('steps to the next hop entry, back to the previous one, and seeks', async () => {
    const h = harness();
    await h.ready();
    const first = h.current().requestRecords(0);
    const enters = [...new Set(first.map((r) => r.enter))].sort((a, b) => a - b);
    // The first request is sent after 1 s of think time: the first step lands on its first hop.
    // A step may wait for the stream (the step completes when its data arrives): settle after each.
    const step = async (back = false) => {
      if (back) h.session.stepBack();
      else h.session.step();
      await h.settle();
      return h.session.snapshot().t;
    };
    expect(enters[0]).toBe(1_000_000);
    expect(await step()).toBe(enters[0]);
    expect(await step()).toBe(enters[1]);
    expect(await step()).toBe(enters[2]);
    expect(await step(true)).toBe(enters[1]);
    h.session.seek(5_000_000 + 120);
    expect(h.session.snapshot().t).toBe(5_000_120);
    await h.settle();
    // After a seek the buffer is restreamed there; a step back finds request #4's... or #3's last hop.
    const prev = h
      .current()
      .requestRecords(4)
      .filter((r) => r.enter < 5_000_120);
    h.session.stepBack();
    await h.settle();
    const want = prev.length
      ? Math.max(...prev.map((r) => r.enter))
      : Math.max(
          ...h
            .current()
            .requestRecords(3)
            .map((r) => r.enter),
        );
    expect(h.session.snapshot().t).toBe(want);
    h.session.dispose();
  });

  it('selects, keeps time and speed across an architecture switch, and says what changed', async () => {
    const h = harness();
    await h.ready();
    h.session.step();
    h.session.setSlowdown(30_000);
    const t = h.session.snapshot().t;
    h.session.select({ kind: 'node', index: 1 });
    expect(h.session.snapshot().selection).toEqual({ kind: 'node', index: 1 });
    h.session.setArchitecture('ambient');
    expect(h.session.snapshot().status).toBe('loading');
    expect(h.session.snapshot().selection).toBeNull();
    await h.ready();
    const s = h.session.snapshot();
    expect(s.status).toBe('ready');
    expect(s.choices.arch).toBe('ambient');
    expect(s.t).toBe(t);
    expect(s.slowdown).toBe(30_000);
    expect(s.change?.previous.architecture.id).toBe('sidecar-envoy');
    expect(s.change?.next.architecture.id).toBe('ambient');
    expect(h.opened).toEqual(['sidecar-envoy/trace', 'ambient/trace']);
    h.session.dispose();
  });

  it('a new preset starts at t = 0 and forgets the switch; a new view takes its own speed', async () => {
    const h = harness();
    await h.ready();
    h.session.step();
    h.session.setArchitecture('ambient');
    await h.ready();
    h.session.setPreset('istio-benchmark');
    await h.ready();
    expect(h.session.snapshot()).toMatchObject({ status: 'ready', t: 0, change: null });
    h.session.setView('load');
    await h.ready();
    expect(h.session.snapshot().slowdown).toBe(DEFAULT_SLOWDOWN.load);
    const view = h.session.page().view;
    expect(view.status === 'ready' && view.layout.view).toBe('load');
    h.session.dispose();
  });

  it('says when the architecture cannot run the scenario, and recovers on the next choice', async () => {
    const h = harness({ presetId: 'istio-benchmark', arch: 'proxyless-grpc' });
    await h.ready();
    const s = h.session.snapshot();
    expect(s.status).toBe('unsupported');
    expect(s.view.status === 'unsupported' && s.view.reasons.join(' ')).toMatch(/gRPC|protocol/i);
    h.session.setProtocol('grpc');
    await h.ready();
    expect(h.session.snapshot().status).toBe('ready');
    h.session.dispose();
  });

  it('drops the notice about a parameter once a valid choice of it is made', async () => {
    const h = harness(
      {},
      {
        notices: [
          { param: 'arch', text: 'URL parameter arch=x: no such architecture' },
          { param: 'view', text: 'URL parameter view=y: no such view' },
        ] as never,
      },
    );
    await h.ready();
    h.session.setArchitecture('ambient');
    expect(h.session.snapshot().notices.map((n) => n.param)).toEqual(['view']);
    h.session.dismissNotices();
    expect(h.session.snapshot().notices).toEqual([]);
    h.session.dispose();
  });

  it('page() keeps its identity across playback ticks (React re-renders only on page changes)', async () => {
    const h = harness();
    await h.ready();
    const before = h.session.page();
    let calls = 0;
    const off = h.session.subscribe(() => calls++);
    h.session.play();
    h.tickBy(16);
    h.tickBy(16);
    expect(h.session.page()).toBe(before);
    expect(calls).toBe(0);
    h.session.setCamera({ kind: 'kernel', node: 1 });
    expect(h.session.page()).not.toBe(before);
    expect(h.session.page().camera).toEqual({ kind: 'kernel', node: 1 });
    expect(calls).toBe(1);
    off();
    h.session.dispose();
  });
});

it('the presets used here exist', () => {
  expect(SCENARIO_PRESETS['one-request-slowly']).toBeTruthy();
});
