import { describe, expect, it } from 'vitest';
import preset from '../../models/presets/istio-benchmark.json';
import { ARCHITECTURE_IDS, type ArchitectureId } from '../model/architecture';
import type { ScenarioInput } from '../model/scenario';
import { waypointCountText } from '../model/comparison';
import { cpuCurve, footprint, scalingCurve, servicesCurve, type FootprintResult } from './footprint';

/**
 * Footprint checks, tagged [fitted] (the default was derived from that figure: proves the arithmetic),
 * [independent] (a figure no default was derived from: evidence of fidelity) or [conflict] (an
 * independent figure the model misses; the test pins the documented band, see docs/models.md).
 * Published "MB" is read as 10^6 bytes; the model works in MiB.
 */

const bench = preset as unknown as ScenarioInput;
const withTopology = (t: Partial<ScenarioInput['topology']>, s: ScenarioInput = bench): ScenarioInput => ({
  ...s,
  topology: { ...s.topology, ...t },
});
const mib = (mb: number) => (mb * 1e6) / 2 ** 20;
const part = (f: FootprintResult, component: string) => {
  const c = f.components.find((x) => x.component === component);
  if (!c) throw new Error(`${f.architecture} has no ${component}`);
  return c;
};
/** The istio-proxy container: Envoy plus pilot-agent, what Istio's and AKS's figures measure. */
const istioProxy = (f: FootprintResult) =>
  part(f, 'sidecar').used.memoryMiB + part(f, 'istio-agent').used.memoryMiB;

function expectWithin(model: number, target: number, tolerance: number, what: string): void {
  const detail = `${what}: model ${model.toFixed(2)}, published ${target.toFixed(2)} ±${tolerance * 100}%`;
  expect(model, detail).toBeGreaterThanOrEqual(target * (1 - tolerance));
  expect(model, detail).toBeLessThanOrEqual(target * (1 + tolerance));
}
function expectRatio(model: number, published: number, lo: number, hi: number, what: string): void {
  const r = model / published;
  expect(r, `${what}: model/published = ${r.toFixed(3)}, documented band ${lo}–${hi}`).toBeGreaterThanOrEqual(
    lo,
  );
  expect(r, `${what}: model/published = ${r.toFixed(3)}, documented band ${lo}–${hi}`).toBeLessThanOrEqual(
    hi,
  );
}

/** Istio's load test: 20 services per namespace, 2 pods each, a Sidecar scoping each proxy to its namespace. */
const loadTestNamespace = withTopology({ mesh: { services: 20, pods: 40 }, configScope: 'mesh' });
/** Fortio client and server only (Istio's perf/benchmark, the proxyless blog, AKS's data-plane test). */
const fortioOnly = withTopology({ mesh: undefined, configScope: 'mesh' });

describe('[fitted] Istio 1.24 memory (istio-perf-1-24, ±20 %)', () => {
  it('[fitted] istio-proxy ≈ 60 MB in one namespace of the 1000-service / 2000-pod load test', () => {
    expectWithin(istioProxy(footprint(loadTestNamespace, 'sidecar-envoy')), mib(60), 0.2, 'istio-proxy MiB');
  });

  it('[fitted] istio-proxy ≈ 60 MB in the benchmark preset with dependency scoping (Fortio reading)', () => {
    expectWithin(
      istioProxy(footprint(withTopology({ configScope: 'dependencies' }), 'sidecar-envoy')),
      mib(60),
      0.2,
      'istio-proxy MiB',
    );
  });

  it('[fitted] ztunnel ≈ 12 MB with the whole 1000 / 2000 mesh in view', () => {
    expectWithin(part(footprint(bench, 'ambient'), 'ztunnel').used.memoryMiB, mib(12), 0.2, 'ztunnel MiB');
  });

  it('[fitted] waypoint ≈ 60 MB', () => {
    expectWithin(
      part(footprint(bench, 'ambient-waypoint'), 'waypoint').used.memoryMiB,
      mib(60),
      0.2,
      'waypoint MiB',
    );
  });
});

describe('[fitted] other defaults reproduce their sources', () => {
  it('[fitted] Envoy: 100 more clusters add ≈ 4 MB (envoy-stats-integration-test, ±15 %)', () => {
    const at = (services: number) =>
      part(
        footprint(withTopology({ mesh: { services, pods: 2000 }, configScope: 'mesh' }), 'sidecar-envoy'),
        'sidecar',
      ).used.memoryMiB;
    expectWithin(at(1100) - at(1000), mib(4), 0.15, 'MiB per 100 clusters');
  });

  it('[fitted] pilot-agent 23.5–25.4 MiB, linkerd2-proxy 17.8–26.3 MB, Linkerd control plane 324–365 MB', () => {
    const agent = part(footprint(bench, 'proxyless-grpc'), 'istio-agent').used.memoryMiB;
    expect(agent).toBeGreaterThanOrEqual(23.5);
    expect(agent).toBeLessThanOrEqual(25.4);
    const l = footprint(bench, 'sidecar-linkerd');
    expect(part(l, 'linkerd-proxy').used.memoryMiB).toBeGreaterThanOrEqual(mib(17.8));
    expect(part(l, 'linkerd-proxy').used.memoryMiB).toBeLessThanOrEqual(mib(26.3));
    expect(part(l, 'linkerd-control-plane').used.memoryMiB).toBeGreaterThanOrEqual(mib(324));
    expect(part(l, 'linkerd-control-plane').used.memoryMiB).toBeLessThanOrEqual(mib(365));
  });

  it('[fitted] istiod ≈ 1.5 GB at 1000 services / 2000 sidecars (istio-perf-1-16, ±10 %)', () => {
    expectWithin(
      part(footprint(bench, 'sidecar-envoy'), 'istiod').used.memoryMiB,
      mib(1500),
      0.1,
      'istiod MiB',
    );
  });
});

describe('[independent] sidecar memory against figures no default was derived from', () => {
  it('[independent] proxyless blog: Envoy sidecars used 64.8–66.9 MiB (±20 %)', () => {
    // Same istio-proxy container and the same two-pod Fortio set-up, but Istio of 2021, GKE e2-standard-16,
    // and container working set vs our RSS-like sum: ±20 %. Only the blog's agent figure fed a default.
    const m = istioProxy(footprint(fortioOnly, 'sidecar-envoy'));
    for (const published of [64.8, 64.9, 66.8, 66.9]) expectWithin(m, published, 0.2, 'istio-proxy MiB');
  });

  it('[independent] AKS asm-1-19: ≈72 MB per proxy at 1000 QPS (±25 %)', () => {
    // "both the client and server proxy … roughly 0.4 vCPU and 72 MB": we read it per proxy, because
    // 0.4 vCPU per proxy matches Istio's own 0.35–0.5 of that era and 0.2 each would not. "Roughly",
    // another version and platform, and that reading: ±25 %. (Read as the pair, the model is +65 %.)
    expectWithin(istioProxy(footprint(fortioOnly, 'sidecar-envoy')), mib(72), 0.25, 'istio-proxy MiB');
  });

  it('[independent] istio#18954: 325 clusters → 51 MB allocated in Envoy (±30 %)', () => {
    // Envoy alone (no agent). Heap allocated is not RSS (binary and stacks are outside it, freed heap
    // inside RSS), 175 listeners are not modelled, 2019 stats cost more per cluster, endpoints not
    // stated (we assume 2 per service): ±30 %.
    const f = footprint(
      withTopology({ mesh: { services: 325, pods: 650 }, configScope: 'mesh' }),
      'sidecar-envoy',
    );
    expectWithin(part(f, 'sidecar').used.memoryMiB, 50_992_288 / 2 ** 20, 0.3, 'Envoy MiB');
  });
});

describe('[conflict] documented disagreements (the model is not tuned to them)', () => {
  it('[conflict] older Istio pages: ~50 MB (1.1–1.22) and 40 MB (1.10–1.16) per sidecar', () => {
    const m = istioProxy(footprint(loadTestNamespace, 'sidecar-envoy'));
    expectRatio(m, mib(50), 1.1, 1.3, 'vs 50 MB');
    expectRatio(m, mib(40), 1.4, 1.6, 'vs 40 MB');
  });

  it('[conflict] Kinvolk harness (2021): Istio 154.6–156.2 MB per proxy, Linkerd/Istio 0.115–0.168', () => {
    const emojivoto = withTopology({
      mesh: undefined,
      configScope: 'mesh',
      entry: 'web',
      services: [
        { id: 'web', replicas: 1, calls: ['emoji', 'voting'] },
        { id: 'emoji', replicas: 1 },
        { id: 'voting', replicas: 1 },
      ],
    });
    const istio = istioProxy(footprint(emojivoto, 'sidecar-envoy'));
    const linkerd = part(footprint(emojivoto, 'sidecar-linkerd'), 'linkerd-proxy').used.memoryMiB;
    expectRatio(istio, mib(155.4), 0.3, 0.45, 'Istio proxy');
    expectRatio(linkerd / istio, 0.115, 2.5, 3.5, 'Linkerd/Istio vs 17.8/154.6');
    expectRatio(linkerd / istio, 0.168, 2, 2.5, 'Linkerd/Istio vs 26.3/156.2');
  });

  it('[conflict] AKS istiod at capacity: 40.4 GB (20,000 sidecars, 1,000 services), 32.1 GB (25,000, one service)', () => {
    const at = (services: number, pods: number) =>
      part(footprint(withTopology({ mesh: { services, pods } }), 'sidecar-envoy'), 'istiod').used.memoryMiB;
    expectRatio(at(1000, 20_000), mib(40_400), 0.25, 0.45, 'istiod, 1,000 services');
    expectRatio(at(1, 25_000), mib(32_100), 0.45, 0.6, 'istiod, one service');
  });
});

describe('behaviour', () => {
  const shop = withTopology({
    nodes: 10,
    entry: 'frontend',
    services: [
      { id: 'frontend', replicas: 4, calls: ['cart', 'catalog'] },
      { id: 'cart', replicas: 4, calls: ['db'] },
      { id: 'catalog', replicas: 4 },
      { id: 'db', replicas: 2 },
    ],
    mesh: { services: 80, pods: 400 },
  });

  it("configScope 'dependencies' shrinks sidecar memory at 400 pods / 80 services", () => {
    const mesh = footprint(withTopology({ configScope: 'mesh' }, shop), 'sidecar-envoy');
    const deps = footprint(withTopology({ configScope: 'dependencies' }, shop), 'sidecar-envoy');
    expect(part(deps, 'sidecar').visible.clusters).toBeLessThan(part(mesh, 'sidecar').visible.clusters);
    // 80 clusters × 39 KiB + 400 endpoints × 1.5 KiB ≈ 3.6 MiB per sidecar in view of the whole mesh.
    expect(part(mesh, 'sidecar').used.memoryMiB - part(deps, 'sidecar').used.memoryMiB).toBeGreaterThan(3);
    expect(deps.cluster.usedMemoryMiB).toBeLessThan(mesh.cluster.usedMemoryMiB - 400 * 3);
    // Components that do not follow the Sidecar scope stay put.
    expect(part(deps, 'istiod').used.memoryMiB).toBe(part(mesh, 'istiod').used.memoryMiB);
    const linkerd = (scope: 'mesh' | 'dependencies') =>
      part(footprint(withTopology({ configScope: scope }, shop), 'sidecar-linkerd'), 'linkerd-proxy').used
        .memoryMiB;
    expect(linkerd('mesh')).toBe(linkerd('dependencies'));
  });

  it("ambient's per-node footprint barely grows with pods per node; per-pod sidecars grow with each pod", () => {
    const perNode = (arch: ArchitectureId, pods: number) =>
      footprint(withTopology({ mesh: { services: pods / 5, pods } }, shop), arch, undefined, {
        podsPerNode: 1000,
      }).perNode.usedMemoryMiB;
    // 10 nodes throughout: 10 → 40 pods per node.
    expect(perNode('ambient', 400) - perNode('ambient', 100)).toBeLessThan(1);
    expect(perNode('sidecar-envoy', 400) - perNode('sidecar-envoy', 100)).toBeGreaterThan(30 * 50);
  });

  it('sidecar totals scale linearly with pods under dependency scoping, faster than linearly in view of the whole mesh', () => {
    const pods = [100, 200, 400, 800, 1600];
    const perPod = (scope: 'mesh' | 'dependencies') =>
      scalingCurve(withTopology({ configScope: scope }, shop), 'sidecar-envoy', { pods }).map(
        (p) => p.byPer.pod.usedMemoryMiB / p.pods,
      );
    const deps = perPod('dependencies');
    for (const x of deps) expect(x).toBeCloseTo(deps[0], 9);
    const mesh = perPod('mesh');
    for (let i = 1; i < mesh.length; i++) expect(mesh[i]).toBeGreaterThan(mesh[i - 1]);
  });

  it('scaling curve covers 10 … 2,000 pods and keeps the services-per-pod ratio', () => {
    const curve = scalingCurve(shop, 'ambient', { pods: [10, 100, 2000] });
    expect(curve.map((p) => p.pods)).toEqual([15, 100, 2000]); // the 15 simulated pods are a floor
    expect(curve.map((p) => p.services)).toEqual([4, 20, 400]); // and the 4 simulated services
    expect(curve[2].cluster.usedMemoryMiB).toBeGreaterThan(curve[1].cluster.usedMemoryMiB);
  });

  it('reserves at least what the pod spec asks', () => {
    const f = footprint(shop, 'sidecar-envoy');
    expect(f.perPod.reservedCpuMilli).toBeGreaterThanOrEqual(100);
    expect(f.perPod.reservedMemoryMiB).toBeGreaterThanOrEqual(128);
    expect(part(f, 'sidecar').reserved).toEqual({ cpuMilli: 100, memoryMiB: 128 });
    expect(part(f, 'sidecar').total.reservedMemoryMiB).toBe(128 * f.mesh.pods);
    const z = part(footprint(shop, 'ambient'), 'ztunnel');
    expect(z.instances).toBe(f.mesh.nodes);
    expect(z.reserved).toEqual({ cpuMilli: 200, memoryMiB: 512 });
  });

  it('every architecture has a footprint; no-mesh costs nothing; same input, same output', () => {
    for (const id of ARCHITECTURE_IDS) expect(footprint(shop, id).architecture).toBe(id);
    expect(footprint(shop, 'no-mesh').cluster).toEqual({
      reservedCpuMilli: 0,
      reservedMemoryMiB: 0,
      usedMemoryMiB: 0,
      idleCpuMilli: 0,
    });
    expect(footprint(shop, 'cilium-ebpf')).toEqual(footprint(shop, 'cilium-ebpf'));
  });

  describe('waypoints counted as placed (istio-waypoint-docs: one per namespace by default)', () => {
    const twoNamespaces = (scope: 'namespace' | 'service', mesh?: { services: number; pods: number }) =>
      withTopology({
        nodes: 4,
        entry: 'web',
        services: [
          { id: 'web', replicas: 1, namespace: 'shop', calls: ['api', 'db'] },
          { id: 'api', replicas: 2, namespace: 'shop' },
          { id: 'db', replicas: 1, namespace: 'data' },
        ],
        mesh,
        waypointScope: scope,
      });

    it('3 services in 2 namespaces: 2 waypoints; one per service: 3', () => {
      const ns = footprint(twoNamespaces('namespace'), 'ambient-waypoint');
      expect(part(ns, 'waypoint').instances).toBe(2);
      expect(ns.byPer.service).toMatchObject({ reservedCpuMilli: 200, reservedMemoryMiB: 256 });
      // A shared waypoint holds its services' clusters: 1.5 on average here.
      expect(part(ns, 'waypoint').visible.clusters).toBe(1.5);
      expect(ns.waypoints).toEqual({ instances: 2, placed: 2, servicesEach: 1.5, scope: 'namespace' });
      expect(waypointCountText(ns.waypoints!)).toBe(
        '2 waypoints (one per namespace, 1.5 services per waypoint)',
      );
      const svc = footprint(twoNamespaces('service'), 'ambient-waypoint');
      expect(part(svc, 'waypoint').instances).toBe(3);
      expect(svc.byPer.service.reservedCpuMilli).toBe(300);
      expect(waypointCountText(svc.waypoints!)).toBe('3 waypoints (one per service)');
    });

    it('a larger mesh keeps the simulated services per waypoint; the option overrides it', () => {
      // 4 services in the default namespace: one waypoint for 4 services, so 80 services → 20.
      const f = footprint(shop, 'ambient-waypoint');
      expect(f.waypoints).toEqual({ instances: 20, placed: 1, servicesEach: 4, scope: 'namespace' });
      expect(waypointCountText(f.waypoints!)).toBe(
        '20 waypoints (one per namespace: 1 for the simulated services, the rest of the mesh at 4 services per waypoint)',
      );
      expect(
        part(footprint(withTopology({ waypointScope: 'service' }, shop), 'ambient-waypoint'), 'waypoint')
          .instances,
      ).toBe(80);
      // 3 waypoints for 7 services at 7 services: exactly 3 (no rounding up from 7 ÷ (7/3)).
      const seven = withTopology({
        entry: 's1',
        services: Array.from({ length: 7 }, (_, i) => ({
          id: `s${i + 1}`,
          replicas: 1,
          namespace: `n${i % 3}`,
        })),
        mesh: undefined,
      });
      expect(footprint(seven, 'ambient-waypoint').waypoints!.instances).toBe(3);
      const option = footprint(shop, 'ambient-waypoint', undefined, { servicesPerWaypoint: 20 });
      expect(option.waypoints).toEqual({ instances: 4, placed: 1, servicesEach: 20, scope: 'option' });
      expect(waypointCountText(option.waypoints!)).toBe('4 waypoints (20 services per waypoint)');
      expect(footprint(shop, 'ambient').waypoints).toBeUndefined();
    });
  });

  it("the rest of a larger mesh in namespaces of a stated size: Istio's load test, 20 services each (istio-load-test-namespaces)", () => {
    // The benchmark preset: one simulated service (one waypoint), 999 more in namespaces of 20: 1 + 50.
    const f = footprint(bench, 'ambient-waypoint');
    expect(bench.topology.mesh?.servicesPerNamespace).toBe(20);
    expect(f.waypoints).toEqual({
      instances: 51,
      placed: 1,
      servicesEach: 1000 / 51,
      scope: 'namespace',
      restPerNamespace: 20,
    });
    expect(waypointCountText(f.waypoints!)).toBe(
      '51 waypoints (one per namespace: 1 for the simulated services, the rest of the mesh in namespaces of 20 services)',
    );
    // Without the namespaces' size, the simulated ratio (1 service, 1 waypoint) holds: 1,000 waypoints.
    const { servicesPerNamespace: _n, ...mesh } = bench.topology.mesh!;
    const ratio = footprint(withTopology({ mesh }, bench), 'ambient-waypoint');
    expect(ratio.waypoints!.instances).toBe(1000);
    // Far fewer waypoints, far less memory: the mesh's used memory per pod falls.
    expect(f.perPod.usedMemoryMiB).toBeLessThan(ratio.perPod.usedMemoryMiB / 4);
    // The curve against services, at the preset's own size, counts the same mesh (the grouping is kept).
    const [at1000] = servicesCurve(bench, 'ambient-waypoint', { services: [1000], pods: 2000 });
    expect(at1000.cluster).toEqual(f.cluster);
    // One waypoint per service ignores the namespaces.
    const perService = footprint(withTopology({ waypointScope: 'service' }, bench), 'ambient-waypoint');
    expect(perService.waypoints!.instances).toBe(1000);
  });

  it('rejects options below 1', () => {
    expect(() => footprint(shop, 'ambient', undefined, { podsPerNode: 0 })).toThrow(/podsPerNode/);
  });

  describe('scaling curves, closed form against hand-computed values (sidecar-envoy: Envoy, pilot-agent, istiod)', () => {
    // Fortio client + server simulated, whole mesh in view: C = S clusters and E = P endpoints per sidecar.
    const whole = withTopology({ mesh: undefined, configScope: 'mesh' });
    const [at10, at2000] = scalingCurve(whole, 'sidecar-envoy', { pods: [10, 2000], servicesPerPod: 0.5 });

    it('memory: (32 + (39·S + 1.5·P)/1024) MiB Envoy + 24.5 MiB agent per pod, plus istiod 100 + 681·P/1024 MiB', () => {
      expect([at10.pods, at10.services, at2000.pods, at2000.services]).toEqual([10, 5, 2000, 1000]);
      // 10 × (32 + 210/1024) + 10 × 24.5 + (100 + 6810/1024)
      expect(at10.cluster.usedMemoryMiB).toBeCloseTo(322.05078125 + 245 + 106.650390625, 9);
      // 2000 × (32 + 42000/1024) + 2000 × 24.5 + (100 + 1362000/1024)
      expect(at2000.cluster.usedMemoryMiB).toBeCloseTo(146_031.25 + 49_000 + 1430.078125, 9);
      expect(at2000.perPod.usedMemoryMiB).toBeCloseTo((146_031.25 + 49_000 + 1430.078125) / 2000, 9);
    });

    it('CPU: reserved 100m per pod + istiod 500m; idle 2 + 0.78 mCPU per pod + 10 for istiod; traffic = added vCPU × the scenario’s rate, the same at every size', () => {
      const [c10, c2000] = cpuCurve([at10, at2000], { addedVcpuPer1000Rps: 0.5, rps: 1000 });
      expect(c10).toEqual({
        pods: 10,
        reservedCores: 1.5,
        idleCores: expect.closeTo(0.0378, 12),
        trafficCores: 0.5,
        usedCores: expect.closeTo(0.5378, 12),
      });
      expect(c2000.reservedCores).toBe(200.5);
      expect(c2000.idleCores).toBeCloseTo(5.57, 12);
      expect(c2000.trafficCores).toBe(0.5); // 0.5 vCPU per 1000 rps × 1,000 rps, not multiplied by the pods
      expect(cpuCurve([at10], { addedVcpuPer1000Rps: 0, rps: 1000 })[0].usedCores).toBeCloseTo(0.0378, 12);
    });

    it('services axis at 2,000 pods: each service adds one cluster (39 KiB) to every sidecar and nothing else', () => {
      const [s10, s1000] = servicesCurve(whole, 'sidecar-envoy', { services: [10, 1000], pods: 2000 });
      expect([s10.pods, s10.services, s1000.pods, s1000.services]).toEqual([2000, 10, 2000, 1000]);
      expect(s1000.cluster.usedMemoryMiB - s10.cluster.usedMemoryMiB).toBeCloseTo(
        (39 * 990 * 2000) / 1024,
        6,
      );
      expect(s1000.cluster.reservedCpuMilli).toBe(s10.cluster.reservedCpuMilli);
      // Under dependency scoping a sidecar sees only what it calls: more services change nothing per pod.
      const [d10, d1000] = servicesCurve(bench, 'sidecar-envoy', { services: [10, 1000], pods: 2000 });
      expect(d1000.cluster.usedMemoryMiB).toBeCloseTo(d10.cluster.usedMemoryMiB, 9);
    });

    it('services axis: waypoints are one per service, so their requests (100m / 128Mi) grow with services', () => {
      const [w10, w1000] = servicesCurve(whole, 'ambient-waypoint', { services: [10, 1000], pods: 2000 });
      expect(w10.byPer.service.reservedMemoryMiB).toBe(128 * 10);
      expect(w1000.byPer.service.reservedMemoryMiB).toBe(128 * 1000);
      expect(w1000.byPer.service.reservedCpuMilli).toBe(100 * 1000);
    });
  });
});
