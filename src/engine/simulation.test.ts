import { describe, expect, it } from 'vitest';
import type { SimSpecInput } from '../model/simSpec';
import { longRoute, mmc } from './fixtures';
import { replayTo, Simulation, simulate, SpecError } from './index';
import { erlangB } from './queueing';
import { affinityShares, affinityWorker } from './affinity';

/** One thread pool serving each request for an exponential (non-CPU) time. */
function pool(discipline: 'shared' | 'affinity', connections: number): SimSpecInput {
  return {
    seed: 4,
    stations: [{ id: 'workers', kind: 'threads', servers: 2, discipline }],
    hops: [{ id: 'work', pool: 'workers', delay: { kind: 'exponential', mean: 1 } }],
    routes: [{ id: 'r', steps: [{ hop: 'work' }] }],
    entry: 'r',
    load: { kind: 'open', rps: 500_000, connections },
    run: { warmupRequests: 5_000, measuredRequests: 200_000 },
  };
}

describe('resources', () => {
  it('connection affinity pins one connection to one worker (M/M/1), a shared queue uses both (M/M/2)', () => {
    // λ = 0.5, S = 1. Affinity with one connection: M/M/1, mean 1/(1−0.5) = 2.
    // Shared: M/M/2 at ρ = 0.25, mean = 1 + C(2,0.5)/(2−0.5) = 1 + 0.1/1.5 ≈ 1.067.
    const pinned = simulate(pool('affinity', 1)).latency.intended.mean;
    const shared = simulate(pool('shared', 1)).latency.intended.mean;
    expect(pinned).toBeGreaterThan(1.9);
    expect(pinned).toBeLessThan(2.1);
    expect(shared).toBeGreaterThan(1.03);
    expect(shared).toBeLessThan(1.1);
    // 1,000 connections pinned to workers: each worker gets a share of the connections, and each
    // request takes a connection at random, so a worker sees Poisson arrivals at λ·share — an M/M/1
    // at ρ = λ·share. Mean sojourn: Σ share_u / (1 − λ·share_u).
    const conns = 1_000;
    const shares = [0, 0];
    for (let c = 0; c < conns; c++) shares[affinityWorker(c, 0, 2)] += 1 / conns;
    expect(Math.min(...shares)).toBeGreaterThan(0.4); // the hash spreads connections
    const theory = shares.reduce((m, sh) => m + sh / (1 - 0.5 * sh), 0);
    const spread = simulate(pool('affinity', conns)).latency.intended.mean;
    expect(Math.abs(spread - theory) / theory).toBeLessThan(0.03);
  });

  it('post-response work keeps the worker busy after the reply leaves, without adding on-path latency', () => {
    const spec: SimSpecInput = {
      seed: 9,
      stations: [
        { id: 'cpu', kind: 'cpu', servers: 4 },
        { id: 'worker', kind: 'threads', servers: 1, component: 'proxy' },
      ],
      hops: [
        {
          id: 'proxy',
          pool: 'worker',
          component: 'proxy',
          cpu: { station: 'cpu', service: { kind: 'deterministic', value: 1 } },
          post: { kind: 'deterministic', value: 1 },
        },
      ],
      routes: [{ id: 'r', steps: [{ hop: 'proxy' }] }],
      entry: 'r',
      load: { kind: 'closed', connections: 1, think: { kind: 'deterministic', value: 10 } },
      run: { warmupRequests: 10, measuredRequests: 1_000 },
    };
    const s = simulate(spec);
    expect(s.latency.intended.max).toBeCloseTo(1, 2); // the reply leaves after the on-path burst only
    // Cycle = 1 (path) + 10 (think) µs; the worker is busy 2 µs of it, the CPU 2 µs of 4 cores.
    expect(s.stations[1].utilization).toBeCloseTo(2 / 11, 2);
    expect(s.stations[0].utilization).toBeCloseTo(2 / 11 / 4, 2);
    expect(s.cpu[0].vcpuContainer).toBeCloseTo(2 / 11, 2);
    // With think time 0.5 the next request arrives while the post work still runs and must wait for it.
    const busy = simulate({
      ...spec,
      load: { kind: 'closed', connections: 1, think: { kind: 'deterministic', value: 0.5 } },
    });
    expect(busy.latency.intended.mean).toBeCloseTo(1.5, 2);
  });

  it('counts CPU per request for the measured requests’ own work: a saturated run costs the same per request as a light one', () => {
    // A caller's hop (2 µs of CPU, 1 µs more after the reply) calls a backend's (3 µs). Each measured
    // request's work is 6 µs of CPU, whenever it runs: 0.006 vCPU per 1000 rps. Counted by the window's
    // clock instead, a saturated run read as cheaper (the 1.5× overloaded CPU here: 0.004), its queue's
    // work falling after the window.
    const at = (rps: number): SimSpecInput => ({
      seed: 5,
      stations: [
        { id: 'cpu', kind: 'cpu', servers: 1 },
        { id: 'worker', kind: 'threads', servers: 64 },
      ],
      hops: [
        {
          id: 'caller',
          pool: 'worker',
          cpu: { station: 'cpu', service: { kind: 'deterministic', value: 2 } },
          post: { kind: 'deterministic', value: 1 },
        },
        { id: 'backend', cpu: { station: 'cpu', service: { kind: 'deterministic', value: 3 } } },
      ],
      routes: [
        { id: 'r', steps: [{ hop: 'caller' }, { call: ['b'] }] },
        { id: 'b', steps: [{ hop: 'backend' }] },
      ],
      entry: 'r',
      load: { kind: 'open', rps },
      run: { warmupRequests: 1_000, measuredRequests: 20_000 },
    });
    const light = simulate(at(50_000)); // the CPU 30 % busy
    const saturated = simulate(at(250_000)); // offered 1.5 cores of work
    expect(saturated.stations[0].utilization).toBeGreaterThan(0.99);
    for (const s of [light, saturated]) {
      expect(s.requests.completed).toBe(20_000);
      expect(s.cpu[0].vcpuPer1000RpsContainer).toBeCloseTo(0.006, 9);
    }
  });

  it('a full waiting room drops: M/M/c/c loss matches Erlang B (c = 3, a = 2), 200,000 requests', () => {
    const spec: SimSpecInput = {
      ...mmc({ lambda: 2, mu: 1, servers: 3, warmup: 2_000, measured: 200_000, seed: 21 }),
    };
    spec.stations = [{ id: 'cpu', kind: 'cpu', servers: 3, queueLimit: 0 }];
    const s = simulate(spec);
    const blocked = s.requests.failed / s.requests.measured;
    // Binomial SE = sqrt(B(1−B)/n) ≈ 0.0009; allow 5 SE.
    expect(Math.abs(blocked - erlangB(3, 2))).toBeLessThan(0.0046);
    expect(s.hops[0].dropped).toBe(s.requests.failed);
    expect(s.latency.intended.n).toBe(s.requests.completed);
  });
});

describe('routes', () => {
  const fan = (mode: 'parallel' | 'sequential'): SimSpecInput => ({
    seed: 1,
    stations: [],
    hops: [
      { id: 'a', delay: { kind: 'deterministic', value: 5 } },
      { id: 'b', delay: { kind: 'deterministic', value: 7 } },
      { id: 'front', delay: { kind: 'deterministic', value: 1 } },
    ],
    routes: [
      { id: 'root', steps: [{ hop: 'front' }, { call: ['ra', 'rb'], mode }, { hop: 'front' }] },
      { id: 'ra', steps: [{ hop: 'a' }] },
      { id: 'rb', steps: [{ hop: 'b' }] },
    ],
    entry: 'root',
    load: { kind: 'closed', connections: 1, think: { kind: 'deterministic', value: 100 } },
    run: { warmupRequests: 0, measuredRequests: 50 },
  });

  it('fan-out waits for the slowest reply; a chain waits for each in turn', () => {
    const par = simulate(fan('parallel'));
    expect(par.latency.intended.min).toBeCloseTo(1 + 7 + 1, 6);
    expect(par.latency.intended.max).toBeCloseTo(9, 2);
    const seq = simulate(fan('sequential'));
    expect(seq.latency.intended.min).toBeCloseTo(1 + 5 + 7 + 1, 6);
    expect(seq.perRequest.hops).toBe(4);
  });

  it('sums per-request counters over every hop crossed', () => {
    const s = simulate(longRoute({ hops: 20, rps: 10_000, warmup: 10, measured: 1_000, seed: 2 }));
    // Hops 0, 3, …, 18 (seven) each cross the kernel twice and copy twice.
    expect(s.perRequest.hops).toBe(20);
    expect(s.perRequest.kernelCrossings).toBe(14);
    expect(s.perRequest.copies).toBe(14);
  });
});

describe('load', () => {
  it('paced load shows coordinated omission: latency from the intended send exceeds latency from the actual send', () => {
    // One connection at 100,000 rps (every 10 µs); 1 % of requests stall for 200 µs.
    const spec: SimSpecInput = {
      ...mmc({ lambda: 0.1, mu: 1, servers: 1, warmup: 100, measured: 50_000, seed: 8 }),
      hops: [
        {
          id: 'serve',
          cpu: { station: 'cpu', service: { kind: 'empirical', values: [1, 200], weights: [99, 1] } },
        },
      ],
      load: { kind: 'paced', rps: 100_000, connections: 1 },
    };
    const s = simulate(spec);
    const { intended, actual } = s.latency;
    expect(actual.max).toBeLessThanOrEqual(200.001);
    expect(intended.max).toBeGreaterThan(250); // requests queued behind a stall are charged from when they were due
    expect(intended.p99).toBeGreaterThan(actual.p99);
    expect(intended.mean).toBeGreaterThan(actual.mean * 1.5);
    // It catches up: throughput stays at the target rate.
    expect(s.throughputRps).toBeGreaterThan(99_000);
    expect(s.throughputRps).toBeLessThan(101_000);
  });

  it('open and closed load record the same latency from intended and actual send', () => {
    const s = simulate(mmc({ lambda: 0.5, mu: 1, servers: 1, warmup: 100, measured: 10_000, seed: 3 }));
    expect(s.latency.actual).toEqual(s.latency.intended);
  });

  it('a run bounded by simulated time measures the requests sent inside the window', () => {
    const spec: SimSpecInput = {
      ...mmc({ lambda: 0.5, mu: 1, servers: 1, warmup: 0, measured: 1, seed: 3 }),
      run: { warmupUs: 1_000, durationUs: 200_000 },
    };
    const s = simulate(spec);
    expect(s.windowUs).toBe(200_000);
    // Poisson count over 200,000 µs at 0.5/µs: mean 100,000, SD ≈ 316; allow 5 SD.
    expect(Math.abs(s.requests.measured - 100_000)).toBeLessThan(1_600);
    expect(s.requests.completed).toBe(s.requests.measured);
  });
});

describe('records, replay and memory', () => {
  it('keeps a bounded ring of recent records and per-hop summaries for the rest', () => {
    const sim = new Simulation(
      longRoute({ hops: 20, rps: 10_000, warmup: 0, measured: 10_000, seed: 5, recordCapacity: 100 }),
    ).run();
    expect(sim.records.size).toBe(100);
    expect(sim.records.total).toBe(200_000);
    const hop0 = sim.hopStats.count(0);
    expect(hop0).toBe(10_000);
    const recs = sim.records.toArray();
    for (let i = 1; i < recs.length; i++) expect(recs[i].leave).toBeGreaterThanOrEqual(recs[i - 1].leave);
    for (const r of recs) {
      expect(r.enter + r.queueWait + r.service).toBeCloseTo(r.leave, 6);
      expect(r.queueWait).toBeGreaterThanOrEqual(0);
    }
  });

  it('request slots are reused: memory tracks requests in flight, not run length', () => {
    const sim = new Simulation(
      mmc({ lambda: 0.5, mu: 1, servers: 1, warmup: 0, measured: 200_000, seed: 1 }),
    );
    sim.run();
    // @ts-expect-error reading the private table's integer rows (16 words a slot) for the test
    const capacity: number = sim.req.I.length / 16;
    expect(capacity).toBeLessThanOrEqual(256);
  });

  it('replay from the seed rebuilds any earlier moment exactly', () => {
    const spec = longRoute({
      hops: 10,
      rps: 50_000,
      warmup: 100,
      measured: 2_000,
      seed: 12,
      recordCapacity: 50,
    });
    const live = new Simulation(spec);
    const t = 20_000;
    while (live.nextEventTime <= t) live.step();
    const again = replayTo(spec, t);
    expect(again.events).toBe(live.events);
    expect(again.records.toArray()).toEqual(live.records.toArray());
    expect(again.requestsInFlight).toBe(live.requestsInFlight);
  });
});

describe('spec errors name the field', () => {
  const base = mmc({ lambda: 0.5, mu: 1, servers: 1, warmup: 0, measured: 10, seed: 1 });
  it('unknown station', () => {
    expect(() => new Simulation({ ...base, hops: [{ id: 'x', pool: 'nope' }] })).toThrow(
      new SpecError('hops[0].pool', "unknown station 'nope'"),
    );
  });
  it('call cycle', () => {
    expect(() => new Simulation({ ...base, routes: [{ id: 'r', steps: [{ call: ['r'] }] }] })).toThrow(
      /call cycle: r → r/,
    );
  });
  it('schema violations carry the path', () => {
    try {
      new Simulation({ ...base, load: { kind: 'open', rps: -1 } });
      expect.unreachable();
    } catch (e) {
      expect(JSON.stringify((e as { issues: unknown }).issues)).toContain('"rps"');
    }
  });
});

describe('load balancing', () => {
  const lb = (policy: 'round-robin' | 'random' | 'connection', connections: number): SimSpecInput => ({
    seed: 17,
    stations: [
      { id: 'c0', kind: 'cpu', servers: 1 },
      { id: 'c1', kind: 'cpu', servers: 1 },
      { id: 'c2', kind: 'cpu', servers: 1 },
    ],
    hops: [0, 1, 2].map((i) => ({
      id: `b${i}`,
      cpu: { station: `c${i}`, service: { kind: 'exponential' as const, mean: 1 } },
    })),
    routes: [
      { id: 'client', steps: [{ choose: ['r0', 'r1', 'r2'], policy }] },
      ...[0, 1, 2].map((i) => ({ id: `r${i}`, steps: [{ hop: `b${i}` }] })),
    ],
    entry: 'client',
    load: { kind: 'open', rps: 1_500_000, connections },
    run: { warmupRequests: 1_000, measuredRequests: 60_000 },
  });

  it('round-robin and random spread requests evenly over backends', () => {
    for (const policy of ['round-robin', 'random'] as const) {
      const s = simulate(lb(policy, 4));
      const counts = s.hops.map((h) => h.count);
      expect(counts.reduce((a, b) => a + b)).toBe(60_000);
      // Each backend gets 1/3; multinomial SD ≈ 115 for random, ≤ 1 for round-robin; allow 5 SD.
      for (const c of counts) expect(Math.abs(c - 20_000)).toBeLessThan(600);
    }
  });

  it('round-robin (Erlang-3 arrivals per backend) queues less than random (Poisson per backend)', () => {
    // Random splitting of Poisson is Poisson: each backend is M/M/1 at ρ = 0.5, mean 2.
    const random = simulate(lb('random', 4)).latency.intended.mean;
    expect(Math.abs(random - 2) / 2).toBeLessThan(0.05);
    expect(simulate(lb('round-robin', 4)).latency.intended.mean).toBeLessThan(random * 0.85);
  });

  it('connection balancing sticks a connection to one backend: one connection loads one backend only', () => {
    const s = simulate({ ...lb('connection', 1), load: { kind: 'open', rps: 500_000, connections: 1 } });
    expect(s.hops.map((h) => h.count)).toEqual([60_000, 0, 0]);
  });
});

describe('connection affinity and balancing do not line up', () => {
  it("a pool's connection shares are each worker's count of affinityWorker over the connections, kept per pool", () => {
    for (const [conns, pool, workers] of [
      [160, 7, 2],
      [32, 1200, 4],
      [5, 3, 8],
    ]) {
      const counts = new Array<number>(workers).fill(0);
      for (let c = 0; c < conns; c++) counts[affinityWorker(c, pool, workers)]++;
      const shares = affinityShares(conns, pool, workers);
      expect(Array.from(shares, (x) => Math.round(x * conns))).toEqual(counts);
      expect(shares.reduce((a, x) => a + x, 0)).toBeCloseTo(1, 12);
      expect(affinityShares(conns, pool, workers)).toBe(shares); // kept: worked out once
    }
    expect(affinityShares(160, 8, 2)).not.toBe(affinityShares(160, 7, 2));
  });

  it('round-robin over two replicas still uses both pinned workers of each replica', () => {
    // With `connection mod workers`, request n (connection n mod 64) to replica n mod 2 would always
    // land on worker n mod 2 there: one worker of each replica idle.
    const spec: SimSpecInput = {
      seed: 3,
      stations: [0, 1].map((i) => ({
        id: `w${i}`,
        kind: 'threads' as const,
        servers: 2,
        discipline: 'affinity' as const,
      })),
      hops: [0, 1].map((i) => ({
        id: `h${i}`,
        pool: `w${i}`,
        delay: { kind: 'exponential' as const, mean: 10 },
      })),
      routes: [
        { id: 'c', steps: [{ choose: ['r0', 'r1'], policy: 'round-robin' }] },
        { id: 'r0', steps: [{ hop: 'h0' }] },
        { id: 'r1', steps: [{ hop: 'h1' }] },
      ],
      entry: 'c',
      load: { kind: 'open', rps: 40_000, connections: 64 },
      run: { warmupRequests: 1_000, measuredRequests: 40_000 },
    };
    const sim = new Simulation(spec).run();
    for (const st of sim.net.stations) {
      const a = sim.unitBusyArea(st.firstUnit);
      const b = sim.unitBusyArea(st.firstUnit + 1);
      expect(Math.min(a, b) / Math.max(a, b)).toBeGreaterThan(0.5);
    }
  });
});
