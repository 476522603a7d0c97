import type { LoadSpec, RunSpec, SimSpecInput } from '../model/simSpec';

/**
 * Test support (not a test): a small spec that uses every kind of engine state — an affinity pool,
 * a pool with a waiting-room limit (drops), a held pool (acquire/release, rejections), lognormal CPU,
 * delays and post-response work (the samplers' spare normals), injected loss, a balanced call with
 * random choice, per-try timeouts and retries, parallel and sequential calls — under the given load.
 */
export function everyFeature(opts: {
  seed: number;
  load: LoadSpec;
  run: RunSpec;
  recordCapacity?: number;
}): SimSpecInput {
  return {
    seed: opts.seed,
    stations: [
      { id: 'cpu-a', kind: 'cpu', servers: 2 },
      { id: 'cpu-b', kind: 'cpu', servers: 2 },
      { id: 'pool-a', kind: 'threads', servers: 2, discipline: 'affinity' },
      { id: 'pool-b', kind: 'threads', servers: 1, queueLimit: 3 },
      { id: 'held', kind: 'threads', servers: 3, queueLimit: 1 },
    ],
    hops: [
      {
        id: 'in',
        pool: 'pool-a',
        cpu: { station: 'cpu-a', service: { kind: 'lognormal', mean: 3, cv: 1 } },
        delay: { kind: 'lognormal', mean: 2, cv: 0.5 },
        post: { kind: 'lognormal', mean: 1, cv: 0.8 },
        counters: { kernelCrossings: 2, copies: 1, contextSwitches: 1 },
      },
      {
        id: 'b0',
        pool: 'pool-b',
        cpu: { station: 'cpu-b', service: { kind: 'exponential', mean: 12 } },
        failure: 0.05,
      },
      {
        id: 'b1',
        cpu: {
          station: 'cpu-b',
          service: { kind: 'empirical', values: [5, 400], weights: [9, 1] },
          cpuClass: 'kernel',
        },
      },
      { id: 'wire', delay: { kind: 'deterministic', value: 4 } },
      { id: 'out', cpu: { station: 'cpu-a', service: { kind: 'lognormal', mean: 2, cv: 0.3 } } },
    ],
    routes: [
      {
        id: 'front',
        steps: [
          { hop: 'in' },
          { acquire: 'held' },
          { choose: ['r0', 'r1'], policy: 'random', timeoutUs: 150, retries: 2 },
          { release: 'held' },
          { call: ['r2', 'r3'], mode: 'parallel' },
          { call: ['r2', 'r0'], mode: 'sequential' },
          { hop: 'out' },
        ],
      },
      { id: 'r0', steps: [{ hop: 'b0' }] },
      { id: 'r1', steps: [{ hop: 'b1' }, { hop: 'wire' }] },
      { id: 'r2', steps: [{ hop: 'wire' }] },
      { id: 'r3', steps: [{ choose: ['r0', 'r2'], policy: 'round-robin' }, { hop: 'out' }] },
    ],
    entry: 'front',
    load: opts.load,
    run: opts.run,
    recordCapacity: opts.recordCapacity ?? 512,
  };
}

/** The kinds of load (and Fortio's options), with run lengths that keep a test run to tens of thousands of events. */
export const LOADS: { name: string; load: LoadSpec; run: RunSpec }[] = [
  {
    name: 'closed, lognormal think',
    load: { kind: 'closed', connections: 6, think: { kind: 'lognormal', mean: 40, cv: 1 } },
    run: { warmupRequests: 100, measuredRequests: 1500 },
  },
  {
    name: 'open',
    load: { kind: 'open', rps: 25_000, connections: 5 },
    run: { warmupRequests: 100, measuredRequests: 1500 },
  },
  {
    name: 'open, one request in flight per connection (HTTP/1.1)',
    load: { kind: 'open', rps: 40_000, connections: 3, oneInFlight: true },
    run: { warmupRequests: 100, measuredRequests: 1500 },
  },
  {
    name: 'paced from one start, jitter, no catch-up',
    load: { kind: 'paced', rps: 30_000, connections: 4, jitter: true, noCatchUp: true },
    run: { warmupRequests: 100, measuredRequests: 1500 },
  },
  {
    name: 'paced, timed window',
    load: { kind: 'paced', rps: 20_000, connections: 4 },
    run: { warmupUs: 5_000, durationUs: 60_000 },
  },
];
