import { describe, expect, it } from 'vitest';
import { fromCallback } from 'xstate';
import { screenMs } from '../../model/ids';
import type { TraceClient } from '../../worker/trace/client';
import { TraceSession } from '../../worker/trace/session';
import type { PlaybackEvent } from './playback';
import { createSideBySideSession } from './sideBySide';

/** One fake trace worker per pane, answering from a real trace session in this process. */
function fakeTrace(): Pick<TraceClient, 'open' | 'chunk'> & { session: () => TraceSession } {
  let s: TraceSession | null = null;
  return {
    session: () => s!,
    open: async (scenario, arch, view) => (s = new TraceSession(scenario, arch, view)).layout,
    chunk: async (req) => {
      const c =
        req.mode === 'history'
          ? s!.history(req.from, req.to, req.stride, req.maxRecords)
          : s!.chunk(req.from, req.to, req.sampleUs, req.skipIdle, req.stride, req.maxRecords);
      return { ...c, mode: req.mode, horizonUs: s!.horizonUs };
    },
  };
}

async function harness(archs: string[]) {
  let tick: ((ms: number) => void) | null = null;
  const ticker = fromCallback<PlaybackEvent>(({ sendBack }) => {
    tick = (ms) => sendBack({ type: 'TICK', dtMs: screenMs(ms) });
    return () => (tick = null);
  });
  const traces = archs.map(() => fakeTrace());
  const s = createSideBySideSession(
    { traces, ticker },
    { choices: { presetId: 'one-request-slowly', seed: null, protocol: null, view: 'trace' }, archs },
  );
  const settle = async () => {
    for (let i = 0; i < 40; i++) await new Promise((r) => setTimeout(r, 0));
  };
  for (let i = 0; i < 100 && !s.state().actor; i++) await settle();
  await settle();
  return { s, traces, settle, tick: (ms: number) => tick?.(ms) };
}

describe('side by side', () => {
  it('one clock over three designs: the first request starts everywhere at once, the sidecar path is longer', async () => {
    const archs = ['library', 'sidecar-envoy', 'cilium-ebpf'];
    const h = await harness(archs);
    expect(h.s.state().panes.map((p) => p.status)).toEqual(['ready', 'ready', 'ready']);
    const first = h.traces.map((t) => t.session().requestRecords(0));
    const starts = first.map((recs) => Math.min(...recs.map((r) => r.enter)));
    expect(new Set(starts).size).toBe(1); // same seed, same arrivals: common random numbers
    h.s.step();
    await h.settle();
    expect(h.s.t()).toBe(starts[0]);
    // Each pane's own records, in its own buffer.
    const ends = first.map((recs) => Math.max(...recs.map((r) => r.leave)));
    const hops = first.map((recs) => recs.length);
    expect(hops[1]).toBeGreaterThan(hops[0]); // two sidecars add hops to the library's path
    expect(ends[1]).toBeGreaterThan(ends[0]);
    // Step until the library's request is done: the sidecar's is still on its way at that moment.
    for (let i = 0; i < 2000 && h.s.t() < ends[0]; i++) {
      h.s.step();
      await h.settle();
    }
    // Steps land on hop entries: the first one at or after the library's reply arrived.
    expect(h.s.t()).toBeGreaterThanOrEqual(ends[0]);
    expect(h.s.t()).toBeLessThan(ends[1]);
    const panes = h.s.state().panes;
    const inFlight = panes.map((p) =>
      p.status === 'ready' ? p.buffer.inFlight(h.s.t()).filter((e) => e.request === 0).length : -1,
    );
    expect(inFlight[0]).toBe(0); // the library's first request is done…
    expect(inFlight[1]).toBeGreaterThan(0); // …the sidecar's is still crossing hops
    h.s.dispose();
  });

  it('every step lands on the next event of some pane, never skipping one', async () => {
    const archs = ['library', 'ambient'];
    const h = await harness(archs);
    const enters = new Set(
      h.traces.flatMap((t) =>
        t
          .session()
          .requestRecords(0)
          .map((r) => r.enter),
      ),
    );
    const sorted = [...enters].sort((a, b) => a - b).slice(0, 25);
    const seen: number[] = [];
    for (let i = 0; i < sorted.length; i++) {
      h.s.step();
      await h.settle();
      seen.push(h.s.t());
    }
    // Ends of idle stretches and other requests' hops may interleave; request 0's hop entries all appear, in order.
    const idx = sorted.map((t) => seen.indexOf(t));
    expect(idx.every((k) => k >= 0)).toBe(true);
    expect([...idx].sort((a, b) => a - b)).toEqual(idx);
    h.s.dispose();
  });

  it('a design that cannot run the scenario says why in its pane; the others play', async () => {
    const h = await harness(['sidecar-envoy', 'proxyless-grpc']);
    const [a, b] = h.s.state().panes;
    expect(a.status).toBe('ready');
    expect(b.status).toBe('error'); // the fake worker throws the engine's own error, not the client's class
    expect(h.s.state().actor).not.toBeNull();
    h.s.dispose();
  });
});
