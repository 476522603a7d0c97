import { describe, expect, it } from 'vitest';
import { fortioLoad } from '../model/fortio';
import type { LoadSpec, SimSpecInput } from '../model/simSpec';
import { Simulation, summarize } from './index';

/**
 * Load as Fortio generates it (fortio/fortio periodic/periodic.go, runOne): every connection's schedule
 * starts at one start time, -uniform staggers the first requests by c/N of an interval, -jitter moves
 * each wait by up to ±10 % of its length, -nocatchup skips sends whose time has passed, -qps 0 is a
 * closed loop at the maximum rate. And what one connection carries: HTTP/1.1 one request at a time.
 */
function spec(load: LoadSpec, serviceUs = 10, measured = 400): SimSpecInput {
  return {
    seed: 3,
    stations: [],
    hops: [{ id: 'work', delay: { kind: 'deterministic', value: serviceUs } }],
    routes: [{ id: 'r', steps: [{ hop: 'work' }] }],
    entry: 'r',
    load,
    run: { warmupRequests: 0, measuredRequests: measured },
    recordCapacity: 10_000,
  };
}

/** Send times (hop entries) of the first `n` requests, in request order. */
function sends(load: LoadSpec, n: number, serviceUs = 10): number[] {
  const sim = new Simulation(spec(load, serviceUs, n)).run();
  return sim.records
    .toArray()
    .sort((a, b) => a.request - b.request)
    .map((r) => r.enter);
}

describe('paced load (Fortio -qps)', () => {
  // 4 connections at 1000 rps: each sends every 4 ms.
  const base = { kind: 'paced', rps: 1000, connections: 4 } as const;

  it('starts every connection together by default (one start time; Fortio calls it a thundering herd)', () => {
    const t = sends(base, 8);
    expect(t.slice(0, 4)).toEqual([0, 0, 0, 0]);
    expect(t.slice(4, 8)).toEqual([4000, 4000, 4000, 4000]);
  });

  it('-uniform staggers connection c by c/N of an interval', () => {
    const t = sends({ ...base, uniform: true }, 8);
    expect(t).toEqual([0, 1000, 2000, 3000, 4000, 5000, 6000, 7000]);
  });

  it('-jitter moves each wait by at most ±10 % of it, around the unchanged schedule', () => {
    const t = sends({ ...base, jitter: true }, 400);
    const off = t.slice(4).map((x, i) => x - 4000 * (Math.floor(i / 4) + 1));
    // The wait after a 10 µs reply is at most 4000 − 10 + 399 µs (the previous send may have been
    // early by up to 399): jitter within ±438.9 µs, and it does vary.
    for (const d of off) expect(Math.abs(d)).toBeLessThanOrEqual(438.9001);
    expect(Math.max(...off) - Math.min(...off)).toBeGreaterThan(500);
    // Drift does not accumulate: the schedule, not the last send, sets the next target.
    expect(Math.abs(off.slice(-40).reduce((a, b) => a + b, 0) / 40)).toBeLessThan(100);
    // The same seed gives the same sends.
    expect(sends({ ...base, jitter: true }, 400)).toEqual(t);
  });

  it('catches up when late, or skips the missed sends with -nocatchup', () => {
    // One connection at 1000 rps whose replies take 2.5 ms: it cannot keep up.
    const one = { kind: 'paced', rps: 1000, connections: 1 } as const;
    const late = sends(one, 5, 2500);
    expect(late).toEqual([0, 2500, 5000, 7500, 10_000]); // sent at once, each still counted from its slot
    const skip = sends({ ...one, noCatchUp: true }, 5, 2500);
    expect(skip).toEqual([0, 3000, 6000, 9000, 12_000]); // the next slot not yet past
    const caught = summarize(new Simulation(spec(one, 2500, 200)).run());
    const skipped = summarize(new Simulation(spec({ ...one, noCatchUp: true }, 2500, 200)).run());
    // Catching up counts the wait from the missed slot (coordinated omission made visible) ...
    expect(caught.latency.intended.p50).toBeGreaterThan(10 * caught.latency.actual.p50);
    // ... skipping sends only on time, so intended and actual agree.
    expect(skipped.latency.intended.max).toBeCloseTo(2500, 6);
  });
});

describe('-qps 0: a closed loop at the maximum rate', () => {
  it('maps to closed connections with no think time, each sending as soon as its reply arrives', () => {
    const load = fortioLoad({ qps: 0, c: 3 });
    expect(load).toEqual({ kind: 'closed', connections: 3, think: { kind: 'deterministic', value: 0 } });
    const sum = summarize(new Simulation(spec(load as LoadSpec, 50, 3000)).run());
    // 3 connections, 50 µs each, nothing shared: 3 / 50 µs = 60,000 rps.
    expect(sum.throughputRps).toBeCloseTo(60_000, -2);
  });

  it('maps Fortio flags to the paced load and refuses bad ones, naming the flag', () => {
    expect(fortioLoad({ qps: 1000, c: 16, uniform: true, nocatchup: true })).toEqual({
      kind: 'paced',
      rps: 1000,
      connections: 16,
      uniform: true,
      jitter: false,
      noCatchUp: true,
    });
    expect(() => fortioLoad({ qps: -1, c: 1 })).toThrow(/qps/);
    expect(() => fortioLoad({ qps: 10, c: 0 })).toThrow(/^c:/);
  });
});

describe('what one connection carries (open load)', () => {
  // Poisson at 800 rps on one connection, replies after exactly 1 ms: ρ = 0.8 at the client.
  const open = { kind: 'open', rps: 800, connections: 1 } as const;

  it('HTTP/1.1: one request in flight per connection; the rest wait at the client, counted from arrival', () => {
    const sum = summarize(new Simulation(spec({ ...open, oneInFlight: true }, 1000, 20_000)).run());
    expect(sum.latency.actual.max).toBeCloseTo(1000, 6); // on the wire, each takes exactly its 1 ms
    // M/D/1 at ρ = 0.8: mean wait ρ·S / (2(1 − ρ)) = 2 ms, so a mean latency of 3 ms (±10 %).
    expect(sum.latency.intended.mean).toBeGreaterThan(2700);
    expect(sum.latency.intended.mean).toBeLessThan(3300);
  });

  it('HTTP/2 and gRPC: many streams on one connection, no wait at the client', () => {
    const sum = summarize(new Simulation(spec({ ...open, oneInFlight: false }, 1000, 20_000)).run());
    expect(sum.latency.intended.max).toBeCloseTo(1000, 6);
  });

  it('a request waits only while every connection is busy (two connections: M/D/2)', () => {
    const one = summarize(new Simulation(spec({ ...open, oneInFlight: true }, 1000, 20_000)).run());
    const two = summarize(
      new Simulation(spec({ ...open, connections: 2, oneInFlight: true }, 1000, 20_000)).run(),
    );
    expect(two.latency.intended.mean).toBeLessThan(1200); // M/D/2 at ρ = 0.4: waits are rare
    expect(two.latency.intended.mean).toBeLessThan(one.latency.intended.mean / 2);
  });
});
