import { describe, expect, it } from 'vitest';
import type { SimSpecInput } from '../model/simSpec';
import { Simulation } from './index';
import { HopRecordRing } from './records';

/** A proxy (CPU burst, then post-response work) and a wire (delay only), with sampled costs. */
const spec: SimSpecInput = {
  seed: 17,
  stations: [
    { id: 'cpu', kind: 'cpu', servers: 2 },
    { id: 'worker', kind: 'threads', servers: 2, component: 'proxy' },
  ],
  hops: [
    {
      id: 'proxy',
      pool: 'worker',
      component: 'proxy',
      cpu: { station: 'cpu', service: { kind: 'exponential', mean: 3 } },
      delay: { kind: 'deterministic', value: 2 },
      post: { kind: 'exponential', mean: 1 },
    },
    { id: 'wire', delay: { kind: 'exponential', mean: 5 } },
    { id: 'app', cpu: { station: 'cpu', service: { kind: 'lognormal', mean: 4, cv: 0.5 } } },
  ],
  routes: [{ id: 'r', steps: [{ hop: 'proxy' }, { hop: 'wire' }, { hop: 'app' }] }],
  entry: 'r',
  load: { kind: 'open', rps: 100_000 },
  run: { warmupRequests: 50, measuredRequests: 2_000 },
  recordCapacity: 100_000,
};

describe('hop records: CPU per traversal', () => {
  const sim = new Simulation(spec).run();
  const recs = sim.records.toArray();

  it('records the CPU sampled for each traversal: none on the wire, varying elsewhere, within the service time', () => {
    expect(recs.length).toBe(3 * 2_050);
    const byHop = (h: number) => recs.filter((r) => r.hop === h);
    expect(byHop(1).every((r) => r.cpu === 0)).toBe(true);
    for (const h of [0, 2]) {
      const cpu = byHop(h).map((r) => r.cpu);
      expect(Math.min(...cpu)).toBeGreaterThan(0);
      expect(new Set(cpu).size).toBe(cpu.length); // sampled, not a constant mean
    }
    // The proxy's service is its CPU burst plus the 2 µs delay; the app's is its burst alone.
    for (const r of byHop(0)) expect(r.service - r.cpu).toBeCloseTo(2, 9);
    for (const r of byHop(2)) expect(r.service).toBeCloseTo(r.cpu, 9);
  });

  it('adds up, over measured requests, to the engine’s own per-request CPU (post-response work excluded)', () => {
    const measured = recs.filter((r) => r.request >= 50);
    const sum = measured.reduce((a, r) => a + r.cpu, 0);
    expect(sim.perRequest.cpuUs).toBeGreaterThan(0);
    expect(sum).toBeCloseTo(sim.perRequest.cpuUs, 6);
  });

  it('is deterministic for a seed', () => {
    const again = new Simulation(spec).run().records.toArray();
    expect(again.map((r) => r.cpu)).toEqual(recs.map((r) => r.cpu));
  });
});

describe('HopRecordRing', () => {
  const write = (ring: HopRecordRing, from: number, n: number) => {
    for (let k = from; k < from + n; k++) ring.write(k, k % 3, k, 0, 1, 0.5, k + 1, k % 5);
  };

  it('keeps the newest records, oldest first, as it wraps again and again', () => {
    const ring = new HopRecordRing(7);
    write(ring, 0, 40);
    expect(ring.total).toBe(40);
    expect(ring.toArray().map((r) => r.request)).toEqual([33, 34, 35, 36, 37, 38, 39]);
  });

  it('restored mid-lap, keeps writing where an unbroken ring would (same slots, same order)', () => {
    const unbroken = new HopRecordRing(7);
    write(unbroken, 0, 30);
    const restored = new HopRecordRing(7);
    const mid = new HopRecordRing(7);
    write(mid, 0, 19); // 19 = 2 laps + 5
    restored.loadState(mid.saveState(true));
    write(restored, 19, 11);
    expect(restored.toArray()).toEqual(unbroken.toArray());
    expect(restored.saveState(true)).toEqual(unbroken.saveState(true));
  });

  it('without records counts writes and holds none', () => {
    const ring = new HopRecordRing(0);
    write(ring, 0, 5);
    expect(ring.total).toBe(5);
    expect(ring.size).toBe(0);
  });
});
