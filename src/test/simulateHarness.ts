// Test support (not a test): the Simulate session driven headless — a trace "worker" answering from
// real trace sessions in this process, and a clock the test advances by hand.
import { fromCallback } from 'xstate';
import { screenMs } from '../model/ids';
import { UnsupportedArchitectureError } from '../model/errors';
import type { PlaybackEvent } from '../machines/simulate/playback';
import { createSimulateSession, type SimulateChoices } from '../machines/simulate/session';
import type { SimulateInput } from '../machines/simulate/sessionMachine';
import type { TraceClient } from '../worker/trace/client';
import { TraceSession } from '../worker/trace/session';

export type FakeTrace = Pick<TraceClient, 'open' | 'chunk' | 'state' | 'request'>;

/** A trace client answering from real TraceSessions, one per open, asynchronously as a worker would. */
export function fakeTrace(opened: string[] = []): { trace: FakeTrace; current: () => TraceSession } {
  let open: TraceSession | null = null;
  let sessions = 0;
  const trace: FakeTrace = {
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
  return { trace, current: () => open! };
}

/** A ticker whose frames the test sends: `tick(ms)` while playback is playing. */
export function handClock() {
  let tick: ((dtMs: number) => void) | null = null;
  const ticker = fromCallback<PlaybackEvent>(({ sendBack }) => {
    tick = (dtMs) => sendBack({ type: 'TICK', dtMs: screenMs(dtMs) });
    return () => (tick = null);
  });
  return { ticker, tickBy: (ms: number) => tick?.(ms) };
}

/** Lets pending promises and timers run (the fake worker answers on later turns). */
export async function settle(rounds = 30): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((r) => setTimeout(r, 0));
}

export function simulateHarness(
  choices: Partial<SimulateChoices> = {},
  extra: Omit<SimulateInput, 'choices'> = {},
) {
  const opened: string[] = [];
  const { trace, current } = fakeTrace(opened);
  const clock = handClock();
  const session = createSimulateSession(
    { trace, ticker: clock.ticker },
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
  const ready = async () => {
    for (let i = 0; i < 200 && session.snapshot().status === 'loading'; i++) await settle();
    await settle();
  };
  return { session, settle, ready, opened, tickBy: clock.tickBy, current };
}
