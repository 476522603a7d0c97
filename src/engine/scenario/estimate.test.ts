import { estimated } from '../../model/comparison';
import { simulated } from '../../model/comparison';
import { describe, expect, it } from 'vitest';
import fanOut from '../../../models/presets/fan-out-under-load.json';
import bench from '../../../models/presets/istio-benchmark.json';
import oneRequest from '../../../models/presets/one-request-slowly.json';
import nodes30 from '../../../models/presets/nodes-30.json';
import { ARCHITECTURE_IDS } from '../../model/architecture';
import { CURVE_SHOWN_FROM } from '../../model/comparison';
import { ScenarioSchema, type ScenarioInput } from '../../model/scenario';
import { runComparison } from '../compare';
import { compileScenario } from './compileScenario';
import {
  APPROX_CLOSED,
  APPROX_FAN_OUT,
  APPROX_PACED,
  EstimateError,
  estimateCompiled,
  estimateScenario,
  latencyCurve,
  LOAD_FRACTIONS,
} from './estimate';

const base = bench as unknown as ScenarioInput;
const open1000: ScenarioInput = {
  ...base,
  architectures: ['no-mesh', 'sidecar-envoy', 'ambient'],
  workload: { ...base.workload, load: { kind: 'open', rps: 1000, connections: 16 } },
  run: { warmupRequests: 1000, measuredRequests: 20_000 },
};

describe('analytic estimate of a compiled scenario', () => {
  const est = estimateScenario(open1000);
  const sim = runComparison(open1000, { replications: 3 });
  const pairs = est.results.map(
    (e) => [e, sim.results.find((r) => r.architecture === e.architecture)!] as const,
  );

  it('mean latency lies within 7 % of the simulation (open load, Istio benchmark topology)', () => {
    for (const [e, r] of pairs) {
      const simMean = simulated(r).latency!.mean.mean;
      expect(Math.abs(estimated(e).meanLatencyUs! - simMean) / simMean, e.architecture).toBeLessThan(0.07);
    }
    // Sidecars cost more than ambient's L4 path, which costs more than no mesh.
    const [noMesh, sidecar, ambient] = est.results.map((e) => estimated(e).meanLatencyUs!);
    expect(sidecar).toBeGreaterThan(ambient);
    expect(ambient).toBeGreaterThan(noMesh);
  });

  it('CPU per 1000 rps and per-request counters are expectations over hop visits: they match the simulation', () => {
    for (const [e, r] of pairs) {
      const simCpu = simulated(r).cpuTotal!.container.mean + simulated(r).cpuTotal!.kernel.mean;
      const estCpu = estimated(e).cpuTotal!.container + estimated(e).cpuTotal!.kernel;
      expect(Math.abs(estCpu - simCpu) / simCpu, e.architecture).toBeLessThan(0.01);
      expect(estimated(e).perRequest!.hops).toBe(simulated(r).perRequest!.hops);
      expect(estimated(e).perRequest!.kernelCrossings).toBe(simulated(r).perRequest!.kernelCrossings);
      expect(estimated(e).perRequest!.copies).toBe(simulated(r).perRequest!.copies);
      expect(estimated(e).perRequest!.proxies).toBe(simulated(r).perRequest!.proxies);
    }
    expect(est.results.map((e) => estimated(e).perRequest!.hops)).toEqual([21, 42, 41]);
  });

  it('added latency is the difference to no-mesh; the ledger adds up to the breakdown and the CPU', () => {
    const noMesh = estimated(est.results[0]).meanLatencyUs!;
    for (const e of est.results) {
      expect(estimated(e).addedMeanUs).toBeCloseTo(estimated(e).meanLatencyUs! - noMesh, 9);
      const ledger = estimated(e).ledger!;
      const byCat = (c: string) =>
        ledger.filter((l) => l.category === c).reduce((s, l) => s + l.visits * l.serviceUs, 0);
      for (const c of ['app', 'kernel', 'proxy', 'crypto', 'wire'])
        expect(byCat(c)).toBeCloseTo(estimated(e).breakdown![c as 'app'], 6);
      expect(ledger.reduce((s, l) => s + l.visits * l.waitUs, 0)).toBeCloseTo(
        estimated(e).breakdown!.queueing,
        6,
      );
      const cpu = ledger.reduce((s, l) => s + l.cpuPerRequestContainer + l.cpuPerRequestKernel, 0) / 1000;
      expect(cpu).toBeCloseTo(estimated(e).cpuTotal!.container + estimated(e).cpuTotal!.kernel, 9);
      expect(ledger.every((l) => l.sources.length > 0)).toBe(true);
    }
    const envoy = estimated(est.results[1]).ledger!;
    expect(envoy.map((l) => l.kind).filter((k) => k === 'proxy.l7')).toHaveLength(4);
    expect(envoy[0]).toMatchObject({
      call: 'loadgen > fortio-server',
      leg: 'request',
      kind: 'sys.send',
      visits: 1,
    });
  });

  it('names its approximations: paced load as open, closed load by a fixed point', () => {
    const paced = estimateScenario({ ...base, architectures: ['sidecar-envoy'] }).results[0];
    expect(estimated(paced).approximations).toContain(APPROX_PACED);
    expect(estimated(paced).rps).toBe(1000);

    const closed = estimateScenario(oneRequest as unknown as ScenarioInput).results.filter(
      (e) => !e.unsupported,
    );
    expect(closed.length).toBeGreaterThanOrEqual(3);
    for (const e of closed) {
      expect(e.approximations).toContain(APPROX_CLOSED);
      // One connection, 1 s think time: X = 1 / (1 s + latency).
      expect(e.rps!).toBeCloseTo(1e6 / (1e6 + e.meanLatencyUs!), 6);
    }
  });

  it('fan-out: the slowest branch’s mean is a lower bound, said so, and close at light load', () => {
    const s: ScenarioInput = {
      ...(fanOut as unknown as ScenarioInput),
      architectures: ['no-mesh', 'ambient'],
      workload: {
        ...(fanOut as unknown as ScenarioInput).workload,
        load: { kind: 'open', rps: 200, connections: 64 },
      },
      run: { warmupRequests: 500, measuredRequests: 10_000 },
    };
    const e = estimateScenario(s);
    const r = runComparison(s, { replications: 3 });
    e.results.forEach((x, i) => {
      expect(estimated(x).approximations).toContain(APPROX_FAN_OUT);
      const simMean = simulated(r.results[i]).latency!.mean;
      expect(estimated(x).meanLatencyUs!).toBeLessThan(simMean.upper);
      expect(estimated(x).meanLatencyUs!).toBeGreaterThan(0.85 * simMean.mean);
    });
  });

  it('finds the load at which a resource saturates, and the latency curve bends up to it', () => {
    const s = ScenarioSchema.parse(open1000);
    const c = compileScenario(s, 'sidecar-envoy');
    const sat = estimateCompiled(c).saturationRps!;
    expect(sat).toBeGreaterThan(1000);
    expect(estimateCompiled(c, sat * 0.99).saturated).toBe(false);
    expect(estimateCompiled(c, sat * 1.01).saturated).toBe(true);
    const curve = latencyCurve(c, [0.1 * sat, 0.5 * sat, 0.9 * sat, 1.1 * sat]);
    expect(curve[0]).toBeLessThan(curve[1]);
    expect(curve[1]).toBeLessThan(curve[2]);
    expect(curve[3]).toBe(Infinity);
    const e = estimateScenario(open1000).results[1];
    expect(estimated(e).loadCurve!.length).toBeGreaterThan(5);
    expect(estimated(e).loadCurve!.at(-1)!.meanUs).toBeGreaterThan(2 * estimated(e).loadCurve![0].meanUs);
  });

  it('every design’s curve reaches the chart’s left edge, the most constrained design’s 2 %, rising from there', () => {
    // 30 nodes with every design: the waypoint saturates about 285× before Cilium. Curves drawn only from
    // 2 % of each design's own saturation left the lighter designs' lines starting mid-chart (at 18–20k
    // req/s on large-mesh), with the sweep's marks below them on no line.
    const s = ScenarioSchema.parse({ ...nodes30, architectures: [...ARCHITECTURE_IDS] });
    const rs = estimateScenario(s)
      .results.filter((r) => !r.unsupported)
      .map(estimated);
    const sats = rs.map((e) => e.saturationRps!);
    expect(Math.max(...sats) / Math.min(...sats)).toBeGreaterThan(200);
    const edge = CURVE_SHOWN_FROM * Math.min(...sats);
    for (const e of rs) {
      const curve = e.loadCurve!;
      expect(curve.length).toBe(LOAD_FRACTIONS.length);
      expect(curve[0].rps, e.architecture).toBeLessThanOrEqual(edge);
      for (let i = 1; i < curve.length; i++) {
        expect(curve[i].rps).toBeGreaterThan(curve[i - 1].rps);
        expect(curve[i].meanUs, `${e.architecture} at ${curve[i].rps}`).toBeGreaterThanOrEqual(
          curve[i - 1].meanUs,
        );
      }
      expect(curve.every((p) => Number.isFinite(p.meanUs) && p.meanUs > 0)).toBe(true);
    }
  });

  it('reports the share of calls that cross nodes for each placement', () => {
    const share = (placement: 'cross-node' | 'same-node' | 'spread', nodes: number) =>
      estimated(
        estimateScenario({
          ...open1000,
          architectures: ['no-mesh'],
          topology: {
            ...open1000.topology,
            nodes,
            placement,
            services: [{ id: 'web', replicas: 4 }],
            entry: 'web',
          },
        }).results[0],
      ).crossNodeShare;
    expect(share('cross-node', 2)).toBe(1);
    expect(share('same-node', 2)).toBe(0);
    // spread over 2 nodes: web-0..3 on nodes 0,1,0,1; the load generator is on node 0.
    expect(share('spread', 2)).toBe(0.5);
  });

  it('explains an unsupported combination with the feature matrix reason instead of a number', () => {
    const e = estimateScenario({ ...open1000, architectures: ['proxyless-grpc', 'sidecar-envoy'] }).results;
    expect(e[0].unsupported).toEqual([
      expect.stringMatching(/^HTTP\/1\.1 and HTTP\/2 traffic: Proxyless mode works only for gRPC/),
    ]);
    expect(Object.keys(e[0]).sort()).toEqual(['architecture', 'name', 'notes', 'unsupported']); // nothing else is set
    expect(estimated(e[1]).meanLatencyUs).toBeGreaterThan(0);
    const grpc = estimateScenario({
      ...open1000,
      architectures: ['proxyless-grpc'],
      workload: { ...open1000.workload, protocol: 'grpc' },
    });
    expect(grpc.results[0].unsupported).toBeUndefined();
  });

  it('a scenario the engine cannot place is an error naming the field', () => {
    const bad = {
      ...open1000,
      topology: { ...open1000.topology, nodes: 1, placement: 'cross-node' as const },
    };
    expect(() => estimateScenario(bad)).toThrow(EstimateError);
    try {
      estimateScenario(bad);
    } catch (e) {
      expect((e as EstimateError).field).toBe('topology.placement');
      expect((e as Error).message).toBe("topology.placement: 'cross-node' needs at least 2 nodes");
    }
  });

  it('gives the low-to-high cost band and names the hops whose range matters most', () => {
    for (const e of est.results) {
      expect(estimated(e).band!.low.meanLatencyUs).toBeLessThan(estimated(e).meanLatencyUs!);
      expect(estimated(e).band!.high.meanLatencyUs).toBeGreaterThan(estimated(e).meanLatencyUs!);
      expect(estimated(e).band!.low.cpu).toBeLessThan(
        estimated(e).cpuTotal!.container + estimated(e).cpuTotal!.kernel,
      );
      const spreads = estimated(e).sensitivity!.map((h) => h.spreadUs);
      expect(spreads).toEqual([...spreads].sort((a, b) => b - a));
      expect(spreads.length).toBeGreaterThan(0);
    }
    // The wire's range (two crossings) leads everywhere; the sidecar's four L7 proxy visits come next.
    expect(est.results.map((e) => estimated(e).sensitivity![0].kind)).toEqual([
      'nic.wire',
      'nic.wire',
      'nic.wire',
    ]);
    expect(estimated(est.results[1]).sensitivity![1]).toMatchObject({
      kind: 'proxy.l7',
      spreadUs: expect.closeTo(4 * 60, 0),
    });
    expect(estimated(est.results[0]).sensitivity!.some((h) => h.kind.startsWith('proxy'))).toBe(false);
  });

  it('carries the footprint: a sidecar per pod uses more memory per pod than ambient, which uses more than no mesh', () => {
    const e = estimateScenario({
      ...open1000,
      architectures: ['no-mesh', 'sidecar-envoy', 'ambient'],
    }).results;
    const perPod = e.map((x) => estimated(x).footprint!.perPod.usedMemoryMiB);
    expect(perPod[1]).toBeGreaterThan(perPod[2]);
    expect(perPod[2]).toBeGreaterThan(perPod[0]);
    const own = estimated(e[1]).footprint!.mesh.pods;
    expect(estimated(e[1]).scaling!.map((p) => p.pods)).toEqual(
      [...new Set([own, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000])].sort((x, y) => x - y),
    );
    expect(
      estimated(e[1])
        .scaling!.filter((p) => p.current)
        .map((p) => p.pods),
    ).toEqual([own]);
  });

  it('draws the scaling curve over the standard sizes and the scenario’s own mesh size, each once', () => {
    const big = ScenarioSchema.parse({ ...open1000, architectures: ['no-mesh', 'sidecar-envoy'] });
    const mesh = { services: 100, pods: 401 };
    const e = estimateScenario({ ...big, topology: { ...big.topology, mesh } }).results;
    const pods = estimated(e[1]).scaling!.map((p) => p.pods);
    expect(pods).toEqual([10, 20, 50, 100, 200, 401, 500, 1000, 2000, 5000, 10000]);
    expect(
      estimated(e[1])
        .scaling!.filter((p) => p.current)
        .map((p) => p.pods),
    ).toEqual([401]);
    // Memory grows with the mesh along the curve.
    const mem = estimated(e[1]).scaling!.map((p) => p.cluster.usedMemoryMiB);
    for (let i = 1; i < mem.length; i++) expect(mem[i]).toBeGreaterThan(mem[i - 1]);
  });
});

describe('analytic estimate with several load-generator clients', () => {
  // The Istio topology with 4 server replicas at 6,000 rps: one generator's sidecar does a request's
  // whole client side, four clients share it. Paired with the simulation on the same scenario.
  const many = (clients: number): ScenarioInput => ({
    ...open1000,
    topology: { ...base.topology, services: [{ id: 'fortio-server', replicas: 4, handlerUs: 20 }] },
    workload: { ...open1000.workload, clients, load: { kind: 'open', rps: 6000, connections: 16 } },
  });
  const est = estimateScenario(many(4));
  const sim = runComparison(many(4), { replications: 3 });

  it('mean latency lies within 7 % of the simulation, and CPU within 1 %', () => {
    for (const e of est.results) {
      const r = sim.results.find((x) => x.architecture === e.architecture)!;
      const simMean = simulated(r).latency!.mean.mean;
      expect(Math.abs(estimated(e).meanLatencyUs! - simMean) / simMean, e.architecture).toBeLessThan(0.07);
      const simCpu = simulated(r).cpuTotal!.container.mean + simulated(r).cpuTotal!.kernel.mean;
      const estCpu = estimated(e).cpuTotal!.container + estimated(e).cpuTotal!.kernel;
      expect(Math.abs(estCpu - simCpu) / simCpu, e.architecture).toBeLessThan(0.01);
    }
  });

  it('four clients carry four times the load of one before a sidecar of theirs fills', () => {
    const one = estimated(estimateScenario(many(1)).results[1]);
    const four = estimated(est.results[1]);
    expect(one.bottleneck!.id).toBe('sidecar:loadgen');
    expect(four.bottleneck!.id).not.toMatch(/^sidecar:loadgen/);
    // 9,900 → 39,200 rps (the server sidecars fill next, at 4 replicas).
    expect(four.saturationRps! / one.saturationRps!).toBeGreaterThan(3.5);
  });
});
