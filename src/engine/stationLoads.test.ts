import { simulated } from '../model/comparison';
import { describe, expect, it } from 'vitest';
import preset from '../../models/presets/istio-benchmark.json';
import type { ScenarioInput } from '../model/scenario';
import { runComparison, stationLoads } from './compare';
import { mmc } from './fixtures';
import { erlangC } from './queueing';
import { replicationSeed } from './replications';
import { compileScenario } from './scenario/compileScenario';
import { Simulation } from './simulation';
import { summarize } from './summary';
import { compileAll } from './scenario/compiledSet';
import { ComparisonSession, specsOf } from './scenario/session';
import { parseScenario } from '../model/valid';

/** Per-station load in the comparison result: checked against queueing theory and against the work done. */

const runsOf = (build: (seed: number) => ConstructorParameters<typeof Simulation>[0], reps: number) =>
  Array.from({ length: reps }, (_, k) =>
    summarize(new Simulation(build(replicationSeed(20261125, k))).run()),
  );

describe('station loads', () => {
  it('M/M/2 at λ = 1.2, μ = 1: utilisation λ/(cμ) = 0.6 within 1 %, queue length and wait per request as Erlang C within 4 % (8 replications × 200,000)', () => {
    const c = 2,
      mu = 1,
      lambda = 1.2,
      a = lambda / mu;
    const runs = runsOf(
      (seed) => mmc({ lambda, mu, servers: c, warmup: 10_000, measured: 200_000, seed }),
      8,
    );
    const [st] = stationLoads(runs, 0.99);
    const wq = erlangC(c, a) / (c * mu - lambda); // 0.5625 µs
    expect(st.id).toBe('cpu');
    expect(Math.abs(st.utilization.mean - 0.6)).toBeLessThanOrEqual(0.006);
    expect(st.utilization.halfWidth).toBeLessThan(0.006);
    expect(Math.abs(st.meanQueueLength.mean / (lambda * wq) - 1)).toBeLessThanOrEqual(0.04);
    expect(Math.abs(st.waitPerRequestUs.mean / wq - 1)).toBeLessThanOrEqual(0.04);
    // Little's law against the waits the hops measured directly, replication by replication.
    for (const r of runs)
      expect(
        Math.abs((r.stations[0].meanQueueLength * 1e6) / r.throughputRps / r.hops[0].meanQueueWait - 1),
      ).toBeLessThan(0.01);
  });

  it('busy time is conserved: utilisation × cores × window = the CPU time of the hops run on that node (sidecar-envoy, benchmark preset)', () => {
    const scenario = {
      ...(preset as unknown as ScenarioInput),
      run: { warmupRequests: 500, measuredRequests: 5000 },
    } as ScenarioInput;
    const compiled = compileScenario(scenario, 'sidecar-envoy');
    const [r] = runsOf((seed) => ({ ...compiled.spec, seed }), 1);
    const cpuStations = compiled.spec.stations.filter((s) => s.kind === 'cpu');
    expect(cpuStations.length).toBe(2);
    for (const spec of cpuStations) {
      const st = r.stations.find((s) => s.id === spec.id)!;
      const busy = st.utilization * st.servers * r.windowUs;
      let work = 0;
      compiled.spec.hops.forEach((h, i) => {
        if (h.cpu?.station === spec.id) work += r.hops[i].cpuUsContainer + r.hops[i].cpuUsKernel;
      });
      expect(work).toBeGreaterThan(0);
      // Only a burst straddling the window's start could differ (≈ 10 µs of ≈ 10⁶): 0.1 % leaves room
      // for that on any seed, while a missing kind of work (e.g. post-response telemetry) would fail.
      expect(
        Math.abs(busy / work - 1),
        `${spec.id}: busy ${busy.toFixed(0)} µs, work ${work.toFixed(0)} µs`,
      ).toBeLessThan(1e-3);
    }
  });

  it('lists busy stations only, busiest first, with intervals across replications', () => {
    const scenario = {
      ...(preset as unknown as ScenarioInput),
      architectures: ['sidecar-envoy'],
      run: { warmupRequests: 200, measuredRequests: 2000 },
    } as ScenarioInput;
    const result = runComparison(scenario, { replications: 3 }).results[0];
    const st = simulated(result).stations!;
    // The same replications' summaries, run again: the result read each run into its digest and kept none.
    const valid = parseScenario(scenario);
    const session = new ComparisonSession(valid.seed, specsOf(compileAll(valid)), { replications: 3 });
    while (!session.step(1e6));
    const runs = session.plan.flatMap((job, j) =>
      job.architecture === 'sidecar-envoy' ? [session.summariesByRun[j]!] : [],
    );
    expect(stationLoads(runs, 0.99)).toEqual(st);
    expect(st.length).toBeGreaterThan(3);
    for (let i = 1; i < st.length; i++)
      expect(st[i].utilization.mean).toBeLessThanOrEqual(st[i - 1].utilization.mean);
    for (const s of st) {
      expect(s.utilization.mean).toBeGreaterThan(0);
      expect(s.utilization.n).toBe(3);
    }
    const ids = new Set(
      runs[0].stations.filter((_, i) => runs.some((r) => r.stations[i].utilization > 0)).map((s) => s.id),
    );
    // A resource idle in every replication is left out; busy in any one, it stays.
    const idle = runs.map((r) => ({
      ...r,
      stations: r.stations.map((x, i) => (i === 0 ? { ...x, utilization: 0, meanQueueLength: 0 } : x)),
    }));
    expect(stationLoads(idle, 0.99).map((x) => x.id)).not.toContain(runs[0].stations[0].id);
    idle[1].stations[0] = runs[1].stations[0];
    expect(stationLoads(idle, 0.99).map((x) => x.id)).toContain(runs[0].stations[0].id);
    expect(new Set(st.map((s) => s.id))).toEqual(ids);
    expect(st.some((s) => s.kind === 'threads' && s.component === 'sidecar')).toBe(true);
  });
});
