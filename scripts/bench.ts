/**
 * Engine benchmark (not a test): prints customers/s, events/s and hop-events/s through the public API,
 * a bare typed-array M/M/1 loop for scale, and heap use as the run length grows.
 * Run: npm run bench   (figures are recorded in docs/benchmarks.md with the machine they came from)
 */
import os from 'node:os';
import {
  Simulation,
  compileScenario,
  replicationSeed,
  restore,
  simulate,
  snapshot,
} from '../src/engine/index';
import { longRoute, mmc } from '../src/engine/fixtures';
import { LatencyHistogram } from '../src/engine/histogram';
import { createStream } from '../src/engine/rng';
import { log } from '../src/engine/detmath';
import { SCENARIO_PRESETS } from '../src/model/presets';
import { parseScenario } from '../src/model/valid';

const seconds = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e9;
const fmt = (x: number) =>
  x >= 1e6 ? `${(x / 1e6).toFixed(2)} M` : x >= 1e3 ? `${(x / 1e3).toFixed(1)} k` : x.toFixed(1);
const gc = (globalThis as { gc?: () => void }).gc;

function best<T>(runs: number, f: () => T): { s: number; out: T } {
  let bestS = Infinity;
  let out!: T;
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    out = f();
    bestS = Math.min(bestS, seconds(t0));
  }
  return { s: bestS, out };
}

console.log(
  `machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`,
);

// 1. M/M/1, 1,000,000 customers, λ = 0.8, μ = 1, latency recording on, through simulate().
const N = 1_000_000;
simulate(mmc({ lambda: 0.8, mu: 1, servers: 1, warmup: 0, measured: 100_000, seed: 1 })); // JIT warm-up
const mm1 = best(3, () => {
  const sim = new Simulation(mmc({ lambda: 0.8, mu: 1, servers: 1, warmup: 0, measured: N, seed: 1 }));
  sim.run();
  return sim.events;
});
console.log(
  `M/M/1 (1,000,000 customers, λ=0.8, μ=1): ${fmt(N / mm1.s)} customers/s, ${fmt(mm1.out / mm1.s)} events/s (best of 3, ${mm1.s.toFixed(3)} s)`,
);

// 2. Bare typed-array loop: Lindley's recursion with the same streams, log and histogram — the ceiling.
const bare = best(3, () => {
  const arrivals = createStream(1, 'arrivals');
  const service = createStream(1, 'service:cpu');
  const h = new LatencyHistogram();
  const w = new Float64Array(1);
  for (let i = 0; i < N; i++) {
    const s = -log(service.nextOpen01());
    h.record(w[0] + s);
    const a = -1.25 * log(arrivals.nextOpen01());
    const next = w[0] + s - a;
    w[0] = next > 0 ? next : 0;
  }
  return h.count;
});
console.log(
  `bare typed-array M/M/1 loop (Lindley): ${fmt(N / bare.s)} customers/s — engine at ${((100 * bare.s) / mm1.s).toFixed(0)} % of it`,
);

// 3. A 20-hop route: hop traversals per second.
const routeN = 100_000;
const route = best(3, () => {
  const sim = new Simulation(
    longRoute({ hops: 20, rps: 50_000, warmup: 0, measured: routeN, seed: 1, recordCapacity: 4096 }),
  );
  sim.run();
  return { hops: sim.records.total, events: sim.events };
});
console.log(
  `20-hop route (${routeN.toLocaleString('en')} requests, records on): ${fmt(route.out.hops / route.s)} hop-events/s, ${fmt(route.out.events / route.s)} events/s`,
);

// 3b. The real workload: one replication of the 400-pod preset per design, as `npm run sim -- --preset
// pods-400` runs 25 of them (5 designs × 5 replications), with its hop records (ring of 4,096) and metrics.
const bareRate = N / bare.s;
for (const arch of ['sidecar-envoy', 'ambient'] as const) {
  const spec = compileScenario(parseScenario(SCENARIO_PRESETS['pods-400']), arch).spec;
  const one = () => {
    const sim = new Simulation({ ...spec, seed: replicationSeed(spec.seed, 0) });
    sim.run();
    return { hops: sim.records.total, events: sim.events };
  };
  one(); // JIT warm-up
  const r = best(3, one);
  console.log(
    `pods-400, ${arch} (one replication, ${r.out.hops.toLocaleString('en')} hop-events): ${fmt(r.out.hops / r.s)} hop-events/s, ${fmt(r.out.events / r.s)} events/s, ${r.s.toFixed(2)} s — ${((100 * r.out.hops) / r.s / bareRate).toFixed(0)} % of the bare loop's customers/s`,
  );
}

// 4. Checkpoints: cost of one snapshot and one restore of the 20-hop route in mid-run (records left out).
{
  const sim = new Simulation(
    longRoute({ hops: 20, rps: 50_000, warmup: 0, measured: routeN, seed: 1, recordCapacity: 4096 }),
  );
  for (let i = 0; i < 200_000; i++) sim.step();
  snapshot(sim, { records: false }); // the first one also computes the spec's key
  const taken = best(3, () => {
    let s = snapshot(sim, { records: false });
    for (let i = 0; i < 99; i++) s = snapshot(sim, { records: false });
    return s;
  });
  const back = best(3, () => {
    for (let i = 0; i < 100; i++) restore(sim, taken.out);
  });
  console.log(
    `checkpoint of the 20-hop route: snapshot ${(taken.s * 10).toFixed(3)} ms, restore ${(back.s * 10).toFixed(3)} ms, ${(taken.out.bytes / 1024).toFixed(0)} KiB`,
  );
}

// 5. Memory as the run grows: heap after the run (after GC when --expose-gc is given).
for (const n of [250_000, 1_000_000, 4_000_000]) {
  const sim = new Simulation(mmc({ lambda: 0.8, mu: 1, servers: 1, warmup: 0, measured: n, seed: 2 }));
  sim.run();
  gc?.();
  const mb = process.memoryUsage().heapUsed / 2 ** 20;
  console.log(
    `memory: ${n.toLocaleString('en')} customers → heap ${mb.toFixed(1)} MiB${gc ? '' : ' (no --expose-gc: includes garbage)'} (sim alive: ${sim.done})`,
  );
}
