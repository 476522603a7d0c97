import { describe, expect, it } from 'vitest';
import { estimated, simulated } from '../../model/comparison';
import { SCENARIO_PRESETS } from '../../model/presets';
import { decodeScenarioParam, encodeScenarioParam } from '../../model/scenarioCodec';
import { runComparison } from '../compare';
import { compileScenario } from './compileScenario';
import { estimateScenario } from './estimate';

// The large-mesh preset as the Compare page opens it (a link's parse, the instant estimate, a
// comparison), on a shorter run than the preset's so it stays a unit test: the same compile, the
// same load, fewer requests.

const opened = decodeScenarioParam(encodeScenarioParam(SCENARIO_PRESETS['large-mesh'] as never));
if (!opened.ok) throw new Error(opened.message);
const scenario = opened.scenario;
const short = { ...scenario, run: { warmupRequests: 500, measuredRequests: 3_000 } };

describe('large-mesh as the Compare page opens it', () => {
  it('opens from a link with its 5 clients, and compiles to fewer than 800 caller-to-backend legs', () => {
    expect(scenario.workload.clients).toBe(5);
    for (const arch of scenario.architectures) {
      const legs = compileScenario(scenario, arch).spec.routes.filter((r) => r.id.startsWith('leg:'));
      // Routes multiply with replicas (caller pod × backend pod): what the page compiles stays bounded.
      // 5 × 17 clients to frontends, 17 × 31 frontends to the mid tier, 10 × 8 and 3 × 7 × 4 below.
      expect(legs.length, arch).toBe(776);
    }
  });

  it('draws memory and CPU against pods at its own 2,005 pods and at the standard sizes above it', () => {
    // Only the sizes at or above the simulated pods are drawn: at 2,000 pods that left the curve one point.
    for (const e of estimateScenario(scenario).results) {
      const f = estimated(e);
      for (const curve of [f.scaling!, f.cpuScaling!]) {
        expect(
          curve.map((p) => p.pods),
          e.architecture,
        ).toEqual([2005, 5000, 10000]);
        expect(curve.filter((p) => p.current).map((p) => p.pods)).toEqual([2005]);
      }
      // The mesh's own memory grows with it (no mesh has none).
      if (e.architecture === 'no-mesh') continue;
      const memory = f.scaling!.map((p) => p.cluster.usedMemoryMiB);
      expect(memory[1], e.architecture).toBeGreaterThan(memory[0]);
      expect(memory[2], e.architecture).toBeGreaterThan(memory[1]);
    }
  });

  it('estimates every design below saturation; only the library refuses any calls', () => {
    const est = estimateScenario(scenario);
    for (const e of est.results) {
      const f = estimated(e);
      expect(f.saturated, e.architecture).toBe(false);
      expect(f.bottleneck!.utilization, e.architecture).toBeLessThan(0.7);
      if (e.architecture !== 'library') expect(f.refusedShare, e.architecture).toBe(0);
    }
    const busiest = (a: string) => estimated(est.results.find((e) => e.architecture === a)!).bottleneck!;
    // The sizing rule: every busy sidecar about 60 % of its two workers.
    expect(busiest('sidecar-envoy')).toMatchObject({ component: 'sidecar' });
    expect(busiest('sidecar-envoy').utilization).toBeGreaterThan(0.55);
    expect(busiest('sidecar-envoy').utilization).toBeLessThan(0.65);
    // Every client sits on node 0, so its one ztunnel carries all 20,000 rps of theirs: the busiest.
    expect(busiest('ambient').id).toBe('nodeproxy:n0');
  });

  it('simulates without failed requests (the library: under 2 %, its frontend pools’ fan-out)', () => {
    const cmp = runComparison(short, { replications: 2 });
    expect(cmp.results.map((r) => r.architecture)).toEqual(scenario.architectures);
    for (const r of cmp.results) {
      const failed = simulated(r).outcomes.failedShare.mean;
      // Each frontend pod's one Hystrix pool (10 threads) serves its four parallel calls: a few refused.
      // About 1 % in the preset's full run (0.92 % over two replications).
      if (r.architecture === 'library') expect(failed, r.architecture).toBeLessThan(0.02);
      else expect(failed, r.architecture).toBe(0);
    }
    // With one generator the sidecar added 376 ms at p50; with 5 clients and sidecars at about 60 %, a
    // few milliseconds (3.5 ms in the preset's full run: 1.3 ms of path and the rest queueing).
    const sidecar = simulated(cmp.results.find((r) => r.architecture === 'sidecar-envoy')!);
    expect(sidecar.added!.p50.mean).toBeGreaterThan(1_000);
    expect(sidecar.added!.p50.mean).toBeLessThan(6_000);
    // Per-instance intervals are worked out a few hundred instances a step: every instance once, in
    // order, their CPU adding up to the design's.
    const instances = sidecar.cpuByInstance;
    expect(instances.length).toBeGreaterThan(2_000);
    expect(new Set(instances.map((i) => `${i.component}/${i.instance}`)).size).toBe(instances.length);
    const sum = instances.reduce((s, i) => s + i.container.mean, 0);
    expect(Math.abs(sum - sidecar.cpuTotal.container.mean)).toBeLessThan(
      1e-9 * sidecar.cpuTotal.container.mean,
    );
  });
});
