import type { Distribution } from '../model/distribution';
import type { SimSpecInput } from '../model/simSpec';

/**
 * Small queueing networks built from the engine's primitives, shared by the validation tests,
 * the benchmark and the CLI's built-in sample. Rates are per µs (λ = 0.8 means 800,000 rps).
 */

export function mmc(opts: {
  lambda: number;
  mu: number;
  servers: number;
  warmup: number;
  measured: number;
  seed: number;
  service?: Distribution;
}): SimSpecInput {
  return {
    seed: opts.seed,
    stations: [{ id: 'cpu', kind: 'cpu', servers: opts.servers }],
    hops: [
      {
        id: 'serve',
        cpu: { station: 'cpu', service: opts.service ?? { kind: 'exponential', mean: 1 / opts.mu } },
      },
    ],
    routes: [{ id: 'r', steps: [{ hop: 'serve' }] }],
    entry: 'r',
    load: { kind: 'open', rps: opts.lambda * 1e6 },
    run: { warmupRequests: opts.warmup, measuredRequests: opts.measured },
    recordCapacity: 0,
  };
}

/** k single-server stations in series, each exponential with rate mu. */
export function tandem(opts: {
  k: number;
  lambda: number;
  mu: number;
  warmup: number;
  measured: number;
  seed: number;
}): SimSpecInput {
  const ids = Array.from({ length: opts.k }, (_, i) => `s${i}`);
  return {
    seed: opts.seed,
    stations: ids.map((id) => ({ id, kind: 'cpu' as const, servers: 1 })),
    hops: ids.map((id) => ({
      id: `hop-${id}`,
      cpu: { station: id, service: { kind: 'exponential' as const, mean: 1 / opts.mu } },
    })),
    routes: [{ id: 'r', steps: ids.map((id) => ({ hop: `hop-${id}` })) }],
    entry: 'r',
    load: { kind: 'open', rps: opts.lambda * 1e6 },
    run: { warmupRequests: opts.warmup, measuredRequests: opts.measured },
    recordCapacity: 0,
  };
}

/** Closed M/M/1: N customers, exponential think time. */
export function closedMM1(opts: {
  customers: number;
  mu: number;
  think: number;
  warmup: number;
  measured: number;
  seed: number;
}): SimSpecInput {
  return {
    seed: opts.seed,
    stations: [{ id: 'cpu', kind: 'cpu', servers: 1 }],
    hops: [{ id: 'serve', cpu: { station: 'cpu', service: { kind: 'exponential', mean: 1 / opts.mu } } }],
    routes: [{ id: 'r', steps: [{ hop: 'serve' }] }],
    entry: 'r',
    load: { kind: 'closed', connections: opts.customers, think: { kind: 'exponential', mean: opts.think } },
    run: { warmupRequests: opts.warmup, measuredRequests: opts.measured },
    recordCapacity: 0,
  };
}

/**
 * A route of `hops` hops alternating between two nodes' CPUs, with a proxy-like thread pool on
 * every third hop and a wire delay on every fifth: exercises pools, cores and delays together.
 */
export function longRoute(opts: {
  hops: number;
  rps: number;
  warmup: number;
  measured: number;
  seed: number;
  recordCapacity?: number;
}): SimSpecInput {
  const hops = Array.from({ length: opts.hops }, (_, i) => {
    const node = i % 2 === 0 ? 'n1' : 'n2';
    return {
      id: `h${i}`,
      category: i % 5 === 4 ? 'wire' : i % 3 === 0 ? 'proxy' : 'kernel',
      component: i % 3 === 0 ? 'proxy' : 'kernel',
      pool: i % 3 === 0 ? `pool-${node}` : undefined,
      cpu:
        i % 5 === 4
          ? undefined
          : {
              station: `cpu-${node}`,
              service: { kind: 'lognormal' as const, mean: 2, cv: 0.5 },
              cpuClass: (i % 3 === 0 ? 'container' : 'kernel') as 'container' | 'kernel',
            },
      delay: i % 5 === 4 ? { kind: 'deterministic' as const, value: 10 } : undefined,
      counters: { kernelCrossings: i % 3 === 0 ? 2 : 0, copies: i % 3 === 0 ? 2 : 0, contextSwitches: 0 },
    };
  });
  return {
    seed: opts.seed,
    stations: [
      { id: 'cpu-n1', kind: 'cpu', servers: 2, node: 'n1' },
      { id: 'cpu-n2', kind: 'cpu', servers: 2, node: 'n2' },
      { id: 'pool-n1', kind: 'threads', servers: 2, node: 'n1', component: 'proxy' },
      { id: 'pool-n2', kind: 'threads', servers: 2, node: 'n2', component: 'proxy' },
    ],
    hops,
    routes: [{ id: 'r', steps: hops.map((h) => ({ hop: h.id })) }],
    entry: 'r',
    load: { kind: 'open', rps: opts.rps },
    run: { warmupRequests: opts.warmup, measuredRequests: opts.measured },
    recordCapacity: opts.recordCapacity ?? 0,
  };
}
