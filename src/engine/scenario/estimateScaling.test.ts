import { estimated } from '../../model/comparison';
import { describe, expect, it } from 'vitest';
import bench from '../../../models/presets/istio-benchmark.json';
import type { ScenarioInput } from '../../model/scenario';
import { footprint, SERVICES_AXIS_PODS } from '../footprint';
import { estimateScenario, SCALING_SERVICES } from './estimate';

/** The scaling curves the Compare page draws, as the estimate carries them. */

const base = bench as unknown as ScenarioInput;
// Simulated mesh only (client + server), so the pod axis runs 10 … 2,000.
const small: ScenarioInput = {
  ...base,
  architectures: ['no-mesh', 'sidecar-envoy', 'ambient'],
  topology: { ...base.topology, mesh: undefined },
};

describe('scaling curves in the estimate', () => {
  const [noMesh, sidecar, ambient] = estimateScenario(small).results;

  it('CPU against pods: reserved and idle from the footprint, traffic = added vCPU per 1000 rps × the scenario’s rate, whatever the mesh size', () => {
    expect(estimated(sidecar).trafficRps).toBe(1000); // the preset's 1,000 rps in all, not per pod
    const added =
      estimated(sidecar).cpuTotal!.container +
      estimated(sidecar).cpuTotal!.kernel -
      (estimated(noMesh).cpuTotal!.container + estimated(noMesh).cpuTotal!.kernel);
    expect(added).toBeGreaterThan(0);
    expect(estimated(sidecar).cpuScaling!.map((p) => p.pods)).toEqual(
      estimated(sidecar).scaling!.map((p) => p.pods),
    );
    estimated(sidecar).cpuScaling!.forEach((p, i) => {
      const fp = estimated(sidecar).scaling![i];
      expect(p.reservedCores).toBeCloseTo(fp.cluster.reservedCpuMilli / 1000, 12);
      expect(p.idleCores).toBeCloseTo(fp.cluster.idleCpuMilli / 1000, 12);
      expect(p.trafficCores).toBeCloseTo((added * 1000) / 1000, 9);
    });
    expect(estimated(sidecar).cpuScaling![0].current).toBe(true);
    // No mesh adds nothing; ambient (no per-pod proxy) adds less than sidecars at every size.
    for (const p of estimated(noMesh).cpuScaling!) expect(p.usedCores + p.reservedCores).toBe(0);
    estimated(ambient).cpuScaling!.forEach((p, i) =>
      expect(p.usedCores).toBeLessThan(estimated(sidecar).cpuScaling![i].usedCores),
    );
  });

  it('CPU against pods runs 10 … 10,000 when the scenario’s mesh is 2,000 pods, marking that size', () => {
    const e = estimateScenario({ ...base, architectures: ['sidecar-envoy'] }).results[0];
    expect(estimated(e).cpuScaling!.map((p) => p.pods)).toEqual([
      10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000,
    ]);
    expect(
      estimated(e)
        .cpuScaling!.filter((p) => p.current)
        .map((p) => p.pods),
    ).toEqual([2000]);
    // Reserved: 100m per sidecar + istiod's 500m.
    expect(estimated(e).cpuScaling![0].reservedCores).toBeCloseTo(1.5, 12);
    expect(estimated(e).cpuScaling!.at(-1)!.reservedCores).toBeCloseTo(1000.5, 12);
  });

  it('memory against services at 2,000 pods, with the iptables rule walk (0.015 µs × Services / 2) for kube-proxy', () => {
    const pts = estimated(sidecar).servicesScaling!;
    // The scenario's own mesh (one service) first, marked, then the standard counts.
    expect(pts.map((p) => p.services)).toEqual([1, ...SCALING_SERVICES]);
    expect(pts.filter((p) => p.current).map((p) => p.services)).toEqual([1]);
    expect(pts.every((p) => p.pods === SERVICES_AXIS_PODS)).toBe(true);
    expect(pts.map((p) => p.natWalkUs)).toEqual([1, ...SCALING_SERVICES].map((n) => (0.015 * n) / 2));
    const at = (n: number) =>
      footprint(
        { ...small, topology: { ...small.topology, mesh: { services: n, pods: 2000 } } },
        'sidecar-envoy',
      ).cluster.usedMemoryMiB;
    expect(pts[1].cluster.usedMemoryMiB).toBeCloseTo(at(10), 9);
    expect(pts.at(-1)!.cluster.usedMemoryMiB).toBeCloseTo(at(1000), 9);
    const nft = estimated(estimateScenario({ ...small, dataplane: 'nftables' }).results[1]).servicesScaling!;
    expect(nft.every((p) => p.natWalkUs === undefined)).toBe(true);
  });

  it('counts the mesh’s Services, not only the simulated call graph’s, and marks that point', () => {
    const meshed = estimated(
      estimateScenario({
        ...small,
        topology: { ...small.topology, mesh: { services: 300, pods: 2000 } },
      }).results[1],
    ).servicesScaling!;
    expect(meshed.map((p) => p.services)).toEqual([10, 20, 50, 100, 200, 300, 500, 1000]);
    expect(meshed.find((p) => p.current)).toMatchObject({ services: 300, natWalkUs: (0.015 * 300) / 2 });
  });
});
