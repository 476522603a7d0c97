import { estimated } from '../../model/comparison';
import { simulated } from '../../model/comparison';
import { describe, expect, it } from 'vitest';
import bench from '../../../models/presets/istio-benchmark.json';
import fanOut from '../../../models/presets/fan-out-under-load.json';
import pods400 from '../../../models/presets/pods-400.json';
import { runComparison } from '../../engine/compare';
import { estimateScenario } from '../../engine/scenario/estimate';
import { toComparisonView } from '../../engine/scenario/view';
import { ScenarioSchema } from '../../model/scenario';
import { applyNamespaces, applyShape, detectShape, namespaceCount, podsPerNode } from './callGraph';
import { linearScale, logScale, niceStep } from './charts/scale';
import { comparisonCsv, comparisonJson, smpResult } from './exporters';
import {
  anyFailures,
  figuresOf,
  halfWidth,
  headline,
  ms,
  msDecimals,
  outcomeSentence,
  percent,
  signedMs,
} from './figures';
import { parseNumber } from './numbers';

const base = ScenarioSchema.parse(bench);

describe('call-graph shapes', () => {
  it('recognises one service, chains and fan-outs, and calls anything else custom', () => {
    expect(detectShape(base.topology)).toEqual({
      kind: 'single',
      size: 1,
      replicas: 1,
      handlerUs: 20,
      threads: 64,
    });
    const chain = applyShape(base.topology, {
      kind: 'chain',
      size: 4,
      replicas: 2,
      handlerUs: 30,
      threads: 8,
    });
    expect(chain.services.map((s) => [s.id, s.calls])).toEqual([
      ['tier-1', ['tier-2']],
      ['tier-2', ['tier-3']],
      ['tier-3', ['tier-4']],
      ['tier-4', []],
    ]);
    expect(chain.entry).toBe('tier-1');
    expect(detectShape(chain)).toEqual({ kind: 'chain', size: 4, replicas: 2, handlerUs: 30, threads: 8 });
    const fan = applyShape(base.topology, {
      kind: 'fan-out',
      size: 3,
      replicas: 1,
      handlerUs: 20,
      threads: 64,
    });
    expect(detectShape(fan)).toMatchObject({ kind: 'fan-out', size: 3 });
    expect(fan.services[0]).toMatchObject({
      id: 'front',
      calls: ['backend-1', 'backend-2', 'backend-3'],
      callMode: 'parallel',
    });
    expect(detectShape(ScenarioSchema.parse(fanOut).topology)).toEqual({
      kind: 'custom',
      services: 5,
      pods: 14,
    });
    expect(detectShape(ScenarioSchema.parse(pods400).topology)).toMatchObject({
      kind: 'custom',
      services: 80,
      pods: 400,
    });
  });

  it('keeps service ids when only replicas or handler time change', () => {
    const t = applyShape(base.topology, { kind: 'single', size: 1, replicas: 3, handlerUs: 50, threads: 64 });
    expect(t.services).toEqual([{ ...base.topology.services[0], replicas: 3, handlerUs: 50 }]);
    expect(podsPerNode({ ...base, topology: t })).toBe(2); // 3 pods + the load generator on 2 nodes
    // Every load-generator client is a pod: 3 + 5 on 2 nodes.
    expect(podsPerNode({ ...base, topology: t, workload: { ...base.workload, clients: 5 } })).toBe(4);
  });

  it('spreads the services round-robin over namespaces, and back to one (default)', () => {
    const fan = applyShape(base.topology, {
      kind: 'fan-out',
      size: 4,
      replicas: 1,
      handlerUs: 20,
      threads: 64,
    });
    expect(namespaceCount(fan)).toBe(1);
    expect(fan.services.every((s) => s.namespace === 'default')).toBe(true);
    const two = applyNamespaces(fan, 2);
    expect(two.services.map((s) => [s.id, s.namespace])).toEqual([
      ['front', 'ns-1'],
      ['backend-1', 'ns-2'],
      ['backend-2', 'ns-1'],
      ['backend-3', 'ns-2'],
      ['backend-4', 'ns-1'],
    ]);
    expect(namespaceCount(two)).toBe(2);
    expect(namespaceCount(applyNamespaces(fan, 99))).toBe(5); // at most one per service
    expect(applyNamespaces(two, 1).services.map((s) => s.namespace)).toEqual(Array(5).fill('default'));
    // The result is a valid scenario topology.
    expect(ScenarioSchema.parse({ ...base, topology: two }).topology.services[1].namespace).toBe('ns-2');
    // Changing replicas keeps the namespaces; a new shape starts again in one.
    const more = applyShape(two, { kind: 'fan-out', size: 4, replicas: 2, handlerUs: 20, threads: 64 });
    expect(namespaceCount(more)).toBe(2);
  });
});

describe('numbers typed into controls', () => {
  const rule = { label: 'Request rate', unit: 'req/s', min: 1, max: 200_000 };
  it('accepts plain decimals with separators, rejects the rest, naming the field and range', () => {
    expect(parseNumber('1,000', rule)).toEqual({ ok: true, value: 1000 });
    expect(parseNumber(' 2.5 ', rule)).toEqual({ ok: true, value: 2.5 });
    for (const bad of ['', '1e3', '0x10', 'abc', '0', '200001', 'NaN', 'Infinity', '--1'])
      expect(parseNumber(bad, rule)).toEqual({
        ok: false,
        message: 'Request rate must be from 1 to 200,000 req/s.',
      });
    expect(parseNumber('2.5', { label: 'Nodes', min: 1, max: 10, integer: true })).toEqual({
      ok: false,
      message: 'Nodes must be a whole number from 1 to 10.',
    });
  });
});

describe('chart scales', () => {
  it('uses 1-2-5 steps and always includes zero', () => {
    expect(niceStep(0.13)).toBe(0.2);
    expect(niceStep(7)).toBe(10);
    const s = linearScale(-12, 480, 0, 100);
    expect(s.ticks).toEqual([-100, 0, 100, 200, 300, 400, 500]);
    expect(s.at(0)).toBeCloseTo(100 / 6, 9);
    expect(logScale(10, 2000, 0, 100).ticks).toEqual([10, 20, 50, 100, 200, 500, 1000, 2000]);
  });
});

describe('figures and headlines', () => {
  const s = ScenarioSchema.parse({
    ...bench,
    architectures: ['no-mesh', 'sidecar-envoy', 'proxyless-grpc'],
    run: { warmupRequests: 50, measuredRequests: 800 },
  });
  const estimate = estimateScenario(s);
  const view = toComparisonView(runComparison(s, { replications: 2 }));

  it("says why Cilium can cost less than no mesh (kube-proxy's NAT), and only when it does", () => {
    const c = ScenarioSchema.parse({
      ...bench,
      architectures: ['no-mesh', 'cilium-ebpf'],
      run: { warmupRequests: 50, measuredRequests: 800 },
    });
    const figs = figuresOf(estimateScenario(c), toComparisonView(runComparison(c, { replications: 2 })));
    const cilium = figs.find((f) => f.id === 'cilium-ebpf')!;
    expect(cilium.simulated!.added!.p99.mean).toBeLessThan(0);
    expect(headline(cilium, figs[0])).toMatch(
      / vs no mesh\. Less than no mesh: Cilium’s socket load balancing/,
    );
    // A design above the baseline gets no such sentence.
    const after = figuresOf(estimate, view);
    expect(headline(after[1], after[0])).not.toMatch(/Less than no mesh/);
  });

  it('a simulated design the estimate finds saturated says so beside its figures, naming the resource', () => {
    const [base, side] = figuresOf(estimate, view);
    expect(headline(side, base)).not.toMatch(/Saturated/);
    const saturated = {
      ...side,
      estimate: {
        ...side.estimate!,
        saturated: true,
        bottleneck: { ...side.estimate!.bottleneck!, component: 'sidecar' },
      },
    };
    expect(headline(saturated, base)).toMatch(
      / vs no mesh\. Saturated at this load: a sidecar resource is over 100 % busy \(analytic estimate\)\. Its queue grows for as long as the run lasts, and so does its latency\.$/,
    );
  });

  it('formats signed milliseconds the way the headline reads', () => {
    expect(signedMs(210)).toBe('+0.21\u00a0ms');
    expect(signedMs(-5)).toBe('\u22120.01\u00a0ms');
    expect(ms(187.5)).toBe('0.19\u00a0ms');
    expect(ms(Infinity)).toBe('∞');
    // The half-width in the value's unit and precision, never more digits than the value.
    expect(halfWidth(4.3, msDecimals(187.5))).toBe('<0.01\u00a0ms');
    expect(`${ms(150)} ± ${halfWidth(0.61, msDecimals(150))}`).toBe('0.15\u00a0ms ± <0.01\u00a0ms');
    expect(halfWidth(12, msDecimals(187.5))).toBe('0.01\u00a0ms');
    expect(halfWidth(4.3, msDecimals(50))).toBe('0.004\u00a0ms');
    expect(halfWidth(0, 2)).toBe('0.00\u00a0ms');
  });

  it('reads "+x ms p99 and +y vCPU per 1000 rps vs no mesh" from the simulation, said to be an estimate before it', () => {
    const before = figuresOf(estimate, null);
    const after = figuresOf(estimate, view);
    const envoyEst = estimate.results[1];
    const cpuDelta =
      estimated(envoyEst).cpuTotal!.container +
      estimated(envoyEst).cpuTotal!.kernel -
      (estimated(estimate.results[0]).cpuTotal!.container + estimated(estimate.results[0]).cpuTotal!.kernel);
    expect(headline(before[1], before[0])).toBe(
      `${signedMs(estimated(envoyEst).addedMeanUs!)} mean and +${cpuDelta.toFixed(2)} vCPU per 1000 rps vs no mesh (analytic estimate).`,
    );
    const sim = view.results[1];
    const simCpu =
      simulated(sim).cpuTotal!.container.mean +
      simulated(sim).cpuTotal!.kernel.mean -
      (simulated(view.results[0]).cpuTotal!.container.mean +
        simulated(view.results[0]).cpuTotal!.kernel.mean);
    expect(headline(after[1], after[0])).toBe(
      `${signedMs(simulated(sim).added!.p99.mean)} p99 and +${simCpu.toFixed(2)} vCPU per 1000 rps vs no mesh.`,
    );
    expect(headline(after[0], after[0])).toMatch(
      /^Baseline: p99 0\.\d+\u00a0ms and 0\.0\d\d vCPU per 1000 rps\.$/,
    );
    expect(headline(after[2], after[0])).toMatch(
      /^Cannot run this scenario: HTTP\/1\.1 and HTTP\/2 traffic: Proxyless mode works only for gRPC/,
    );
  });

  it('exports CSV, JSON and SMP-shaped results that say they are simulated', () => {
    const csv = comparisonCsv(view, estimate).trim().split('\n');
    expect(csv).toHaveLength(4);
    const header = csv[0].split(',');
    const envoy = csv[2].split(',');
    expect(envoy[header.indexOf('p99_us')]).toBe(
      String(Number(simulated(view.results[1]).latency!.p99.mean.toPrecision(6))),
    );
    expect(envoy[header.indexOf('source')]).toBe('meshpath simulation');
    // The load offered and sent, and whether the estimate finds the design saturated.
    expect(envoy[header.indexOf('offered_rps')]).toBe('1000');
    expect(envoy[header.indexOf('sent_rps')]).toBe(
      String(Number(simulated(view.results[1]).throughputRps.mean.toPrecision(6))),
    );
    expect(envoy[header.indexOf('saturated_estimate')]).toBe('false');
    expect(envoy[header.indexOf('memory_used_per_pod_mib')]).toBe(
      String(Number(estimated(estimate.results[1]).footprint!.perPod.usedMemoryMiB.toPrecision(6))),
    );
    expect(csv[3]).toMatch(/^proxyless-grpc,Proxyless gRPC \(xDS\),false,/);

    const json = JSON.parse(comparisonJson(view, estimate));
    expect(json.meshpath.kind).toBe('simulated comparison');
    expect(json.results[1].ledger.length).toBeGreaterThan(10);

    const smp = JSON.parse(smpResult(view));
    expect(smp.performance_test_config.labels.simulated).toBe('true');
    expect(smp.performance_test_config.clients[0]).toMatchObject({
      protocol: 'http',
      connections: 16,
      rps: 1000,
    });
    const r = smp.results[1];
    expect(r.latencies_ms.p99).toBeCloseTo(simulated(view.results[1]).latency!.p99.mean / 1000, 6);
    expect(r.latencies_ms.min).toBeLessThanOrEqual(r.latencies_ms.p50);
    expect(r.latencies_ms.max).toBeGreaterThanOrEqual(r.latencies_ms.p99);
    expect(r).not.toHaveProperty('start_time');
    expect(smp.results).toHaveLength(2); // proxyless gRPC did not run
  });
});

describe('failures, retries and timeouts', () => {
  // 20 % loss at the only service: no mesh has nothing to retry; the Istio sidecar retries twice by default.
  const lossy = ScenarioSchema.parse({
    ...base,
    architectures: ['no-mesh', 'sidecar-envoy'],
    run: { warmupRequests: 50, measuredRequests: 1_000 },
    failure: { kind: 'loss', service: base.topology.services[0].id, probability: 0.2 },
  });
  const view = toComparisonView(runComparison(lossy, { replications: 2 }));
  const est = estimateScenario(lossy);
  const figs = figuresOf(est, view);

  it('says in the headline how many requests failed and what retries saved', () => {
    const noMesh = simulated(view.results[0]).outcomes!;
    const envoy = simulated(view.results[1]).outcomes!;
    expect(noMesh.failedShare.mean).toBeGreaterThan(0.15);
    expect(envoy.retriesPerRequest.mean).toBeGreaterThan(0.1);
    expect(envoy.failedShare.mean).toBeLessThan(0.05);
    expect(anyFailures(figs)).toBe(true);
    expect(headline(figs[0], figs[0])).toMatch(
      /^Baseline: p99 of successful requests .* \d+\u00a0% of requests failed\.$/,
    );
    expect(headline(figs[1], figs[0])).toMatch(
      / vs no mesh\. Retries \(0\.\d+ per request\) (kept failures to [\d.]+\u00a0%|saved every request)\./,
    );
    expect(
      outcomeSentence(
        figuresOf(
          null,
          toComparisonView(runComparison({ ...lossy, failure: { kind: 'none' } }, { replications: 1 })),
        )[1],
      ),
    ).toBe('');
  });

  it('formats shares as percentages', () => {
    expect(percent(0.2)).toBe('20\u00a0%');
    expect(percent(0.008)).toBe('0.8\u00a0%');
    expect(percent(0.0005)).toBe('0.05\u00a0%');
    expect(percent(0)).toBe('0\u00a0%');
  });

  it('exports the outcomes in CSV, JSON and SMP', () => {
    const csv = comparisonCsv(view, est).trim().split('\n');
    const header = csv[0].split(',');
    const noMesh = csv[1].split(',');
    expect(Number(noMesh[header.indexOf('failed_share')])).toBeCloseTo(
      simulated(view.results[0]).outcomes!.failedShare.mean,
      5,
    );
    expect(header).toEqual(
      expect.arrayContaining(['retries_per_request', 'timeouts_per_request', 'requests_failed']),
    );
    expect(Number(csv[2].split(',')[header.indexOf('retries_per_request')])).toBeGreaterThan(0);
    const json = JSON.parse(comparisonJson(view, est));
    expect(json.results[0].outcomes.failedShare.mean).toBeGreaterThan(0.15);
    expect(json.meshpath.latency).toMatch(/only the requests that succeeded/);
    const smp = JSON.parse(smpResult(view));
    expect(Number(smp.results[0].labels.failed_share)).toBeGreaterThan(0.15);
    expect(smp.results[1].labels.retries_per_request).toBeDefined();
  });
});
