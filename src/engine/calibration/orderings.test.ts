import { simulated } from '../../model/comparison';
import { beforeAll, describe, expect, it } from 'vitest';
import preset from '../../../models/presets/istio-benchmark.json';
import type { ArchitectureId } from '../../model/architecture';
import type { ScenarioInput } from '../../model/scenario';
import { runComparison } from '../compare';

/**
 * Orderings the published sources support, checked at low load (Istio's benchmark: 1000 rps paced)
 * and at high load (4000 rps open Poisson on the same two 16-core nodes). The table with sources is in
 * docs/models.md ("Orderings"). gRPC so that proxyless gRPC runs too (no hop cost depends on it).
 * 3 replications of 10,000 measured requests each; orderings compare interval means.
 */
const ALL: ArchitectureId[] = [
  'no-mesh',
  'library',
  'proxyless-grpc',
  'sidecar-envoy',
  'sidecar-linkerd',
  'sidecar-ebpf-redirect',
  'cilium-ebpf',
  'ambient',
  'ambient-waypoint',
];
const base = preset as unknown as ScenarioInput;

function measure(
  load: ScenarioInput['workload']['load'],
): Record<ArchitectureId, { p50: number; p99: number }> {
  const c = runComparison(
    {
      ...base,
      architectures: ALL,
      workload: { ...base.workload, protocol: 'grpc', load },
      run: { warmupRequests: 1_000, measuredRequests: 10_000 },
    },
    { replications: 3 },
  );
  return Object.fromEntries(
    c.results.map((r) => [
      r.architecture,
      { p50: simulated(r).latency!.p50.mean, p99: simulated(r).latency!.p99.mean },
    ]),
  ) as Record<ArchitectureId, { p50: number; p99: number }>;
}

let low: ReturnType<typeof measure>;
let high: ReturnType<typeof measure>;
beforeAll(() => {
  low = measure(base.workload.load); // the preset's: Fortio paced as Istio's runner drives it (-uniform)
  high = measure({ kind: 'open', rps: 4000, connections: 16 });
});

describe('orderings at low load (1000 rps) and high load (4000 rps)', () => {
  it('Cilium’s eBPF datapath is at or below the kube-proxy baseline (cilium-1-9-blog, cilium-cni-benchmark-2021)', () => {
    expect(low['cilium-ebpf'].p50).toBeLessThan(low['no-mesh'].p50);
    expect(high['cilium-ebpf'].p99).toBeLessThanOrEqual(high['no-mesh'].p99);
  });

  it('proxyless gRPC adds "a marginal increase", far below a sidecar (istio-proxyless-grpc-blog)', () => {
    for (const m of [low, high]) {
      expect(m['proxyless-grpc'].p50 - m['no-mesh'].p50).toBeLessThan(
        0.1 * (m['sidecar-envoy'].p50 - m['no-mesh'].p50),
      );
      expect(m['proxyless-grpc'].p99).toBeLessThan(m['sidecar-envoy'].p99);
    }
  });

  it('two ztunnels cost less than two sidecars (istio-perf-1-22 vs istio-perf-1-20), more so under load', () => {
    expect(low.ambient.p50).toBeLessThan(low['sidecar-envoy'].p50);
    expect(low.ambient.p99).toBeLessThan(low['sidecar-envoy'].p99);
    expect(high.ambient.p99).toBeLessThan(high['sidecar-envoy'].p99);
    expect(high['sidecar-envoy'].p99 - high.ambient.p99).toBeGreaterThan(
      low['sidecar-envoy'].p99 - low.ambient.p99,
    );
  });

  it('linkerd2-proxy adds less than Envoy at low and high load (linkerd-benchmark-2021-05, -2021-11; vendor-run)', () => {
    expect(low['sidecar-linkerd'].p50).toBeLessThan(low['sidecar-envoy'].p50);
    expect(high['sidecar-linkerd'].p50).toBeLessThan(high['sidecar-envoy'].p50);
    expect(high['sidecar-linkerd'].p99).toBeLessThan(high['sidecar-envoy'].p99);
  });

  it('eBPF socket redirect does not add latency to a sidecar path (intel-istio-tcpip-bypass)', () => {
    expect(low['sidecar-ebpf-redirect'].p50).toBeLessThan(low['sidecar-envoy'].p50);
    expect(high['sidecar-ebpf-redirect'].p50).toBeLessThan(high['sidecar-envoy'].p50);
  });

  it('a waypoint adds a third proxy to the ambient path (packet-walks §9, §10)', () => {
    for (const m of [low, high]) expect(m['ambient-waypoint'].p50).toBeGreaterThan(m.ambient.p50);
  });

  it('queueing grows with load on proxy paths, not on the proxy-free ones', () => {
    expect(high['sidecar-envoy'].p99).toBeGreaterThan(low['sidecar-envoy'].p99 * 1.3);
    expect(Math.abs(high['no-mesh'].p99 - low['no-mesh'].p99) / low['no-mesh'].p99).toBeLessThan(0.1);
  });
});
