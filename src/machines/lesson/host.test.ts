import { describe, expect, it } from 'vitest';
import { SCENARIO_PRESETS } from '../../model/presets';
import type { Quantity } from '../../model/lesson';
import { fakeTrace, handClock, settle } from '../../test/simulateHarness';
import { TraceSession } from '../../worker/trace/session';
import { createSimulateSession } from '../simulate/session';
import {
  comparisonPlan,
  LESSON_RUN,
  measure,
  type ComparisonSource,
  type LessonComparison,
} from './comparison';
import { cameraFor, createLessonHost } from './host';
import type { HostSetup } from './setup';
import { doneAt, finalHops, firstEntry, queueAbove, tracedSeq } from './tracePredicates';

const ci = (mean: number) => ({ mean, lo: mean, hi: mean, n: 2, halfWidth: 0 });
const pct = (p50: number, p90: number, p99: number) => ({
  mean: ci(p50),
  p50: ci(p50),
  p90: ci(p90),
  p99: ci(p99),
  p999: ci(p99),
});

/** A comparison with hand-set figures, to pin each metric to the field it reads. */
const fixture: LessonComparison = {
  replications: 2,
  memoryPerPodMiB: { 'sidecar-envoy': 57, 'no-mesh': 0 },
  results: [
    {
      architecture: 'sidecar-envoy',
      latency: pct(300, 400, 500),
      latencyActual: pct(290, 380, 450),
      added: pct(150, 200, 250),
      cpu: [
        { component: 'sidecar', container: ci(0.3), kernel: ci(0.1) },
        { component: 'kernel', container: ci(0), kernel: ci(0.05) },
      ],
      cpuTotal: { container: ci(0.35), kernel: ci(0.15) },
      perRequest: { hops: 42, kernelCrossings: 24, copies: 16, contextSwitches: 12, cpuUs: 400, proxies: 2 },
      outcomes: { failedShare: ci(0.01), retriesPerRequest: ci(0.2), timeoutsPerRequest: ci(0) },
      stations: [
        {
          id: 'sidecar:a',
          kind: 'threads',
          node: 'n0',
          component: 'sidecar',
          servers: 2,
          utilization: ci(0.7),
          meanQueueLength: ci(1),
          waitPerRequestUs: ci(3),
        },
        {
          id: 'cpu:n0',
          kind: 'cpu',
          node: 'n0',
          component: 'node',
          servers: 4,
          utilization: ci(0.9),
          meanQueueLength: ci(0),
          waitPerRequestUs: ci(0),
        },
      ],
    } as unknown as LessonComparison['results'][number],
    { architecture: 'proxyless-grpc', name: 'Proxyless gRPC', notes: [], unsupported: ['needs gRPC'] },
  ],
};

const m = (metric: Quantity['metric'], component?: Quantity['component'], architecture = 'sidecar-envoy') =>
  measure(fixture, { metric, architecture, component } as Quantity);

describe('measured quantities read the comparison’s real fields', () => {
  it('latencies, added latencies, per-request counts and outcomes', () => {
    expect([m('latencyP50'), m('latencyP90'), m('latencyP99'), m('latencyP99Actual')]).toEqual([
      300, 400, 500, 450,
    ]);
    expect([m('addedLatencyP50'), m('addedLatencyP90'), m('addedLatencyP99')]).toEqual([150, 200, 250]);
    expect([
      m('hopsPerRequest'),
      m('kernelCrossings'),
      m('copies'),
      m('contextSwitches'),
      m('proxiesPerRequest'),
    ]).toEqual([42, 24, 16, 12, 2]);
    expect([m('failedShare'), m('retriesPerRequest')]).toEqual([0.01, 0.2]);
  });

  it('CPU: all components or one, container + kernel or one class; absent components cost nothing', () => {
    expect(m('vcpuPer1000rps')).toBeCloseTo(0.5, 12);
    expect(m('vcpuContainerPer1000rps')).toBe(0.35);
    expect(m('vcpuKernelPer1000rps')).toBe(0.15);
    expect(m('vcpuPer1000rps', 'sidecar')).toBeCloseTo(0.4, 12);
    expect(m('vcpuKernelPer1000rps', 'kernel')).toBe(0.05);
    expect(m('vcpuPer1000rps', 'waypoint')).toBe(0);
  });

  it('memory from the footprint, busiest utilisation per component (kernel work runs on node cores)', () => {
    expect(m('memoryPerPodMiB')).toBe(57);
    expect(m('memoryPerPodMiB', undefined, 'no-mesh')).toBe(0);
    expect(m('busiestUtilization')).toBe(0.9);
    expect(m('busiestUtilization', 'sidecar')).toBe(0.7);
    expect(m('busiestUtilization', 'kernel')).toBe(0.9);
    expect(m('busiestUtilization', 'nodeproxy')).toBe(0);
  });

  it('null for an architecture not compared or one that cannot run the scenario', () => {
    expect(m('latencyP50', undefined, 'ambient')).toBeNull();
    expect(m('latencyP50', undefined, 'proxyless-grpc')).toBeNull();
  });
});

const setup = (over: Partial<HostSetup>): HostSetup => ({
  page: 'simulate',
  preset: 'one-request-slowly',
  changes: null,
  architecture: 'sidecar-envoy',
  architectures: [],
  view: 'trace',
  speed: null,
  camera: null,
  ...over,
});

describe('comparison plans', () => {
  it('no-mesh first as the baseline, the changes applied, the run capped for lessons', () => {
    const p = comparisonPlan(
      setup({
        page: 'compare',
        preset: 'istio-benchmark',
        changes: { meshPods: 400 },
        architectures: ['ambient'],
      }),
    )!;
    expect(p.architectures).toEqual(['no-mesh', 'ambient']);
    expect(p.scenario.run).toEqual({
      warmupRequests: LESSON_RUN.warmupRequests,
      measuredRequests: LESSON_RUN.measuredRequests,
    });
    // The mesh scaled to the pods asked for, its namespaces' size kept (Istio's load test: 20 services each).
    expect((p.scenario.topology as { mesh: unknown }).mesh).toEqual({
      services: 200,
      pods: 400,
      servicesPerNamespace: 20,
    });
    // A shorter preset keeps its own length; a Simulate step compares the architecture shown.
    const small = comparisonPlan(setup({ preset: 'failures-and-retries', architecture: 'no-mesh' }))!;
    expect(small.scenario.run).toEqual({ warmupRequests: 0, measuredRequests: 30 });
    expect(small.architectures).toEqual(['no-mesh']);
    expect(comparisonPlan(setup({ preset: 'nope' }))).toBeNull();
  });
});

describe('trace predicates', () => {
  const s = new TraceSession(SCENARIO_PRESETS['one-request-slowly'], 'sidecar-envoy', 'trace');
  const layout = s.layout;

  it('finds the hop that ends a request and when a request entered a hop', () => {
    const finals = finalHops(layout);
    expect([...finals].map((i) => layout.hops[i].leg)).toEqual(['response']);
    expect(tracedSeq(layout, 3)).toBe(2);
    const r0 = s.requestRecords(0);
    const send = firstEntry(layout, r0, { hopKind: 'sys.send', side: 'client', actor: 'app' });
    // The first request is sent after a second of think time.
    expect(send).toBe(1_000_000);
    expect(firstEntry(layout, r0, { hopKind: 'ebpf.sock' })).toBeNull();
    const end = doneAt(r0, finals)!;
    expect(end).toBe(Math.max(...r0.map((r) => r.leave)));
    expect(end).toBeGreaterThan(send!);
    expect(doneAt([], finals)).toBeNull();
  });

  it('queueAbove reads the matching stations of a sample', () => {
    const sidecars = layout.stations
      .map((st, i) => (st.component === 'sidecar' ? i : -1))
      .filter((i) => i >= 0);
    const queue = new Int32Array(layout.stations.length);
    expect(queueAbove(layout, { queue }, { component: 'sidecar' }, 0)).toBe(false);
    queue[sidecars[1]] = 2;
    expect(queueAbove(layout, { queue }, { component: 'sidecar' }, 0)).toBe(true);
    expect(queueAbove(layout, { queue }, { component: 'sidecar' }, 2)).toBe(false);
    expect(queueAbove(layout, { queue }, { component: 'sidecar', node: 99 }, 0)).toBe(false);
    expect(queueAbove(layout, null, { component: 'sidecar' }, 0)).toBe(false);
  });

  it('cameras: the client’s and the server’s node, the packet, the overview', () => {
    expect(cameraFor('client', layout)).toEqual({ kind: 'kernel', node: 0 });
    expect(cameraFor('server', layout)).toEqual({ kind: 'kernel', node: 1 });
    expect(cameraFor('path', layout)).toEqual({ kind: 'follow' });
    expect(cameraFor('overview', layout)).toEqual({ kind: 'overview' });
  });
});

describe('lesson host over the Simulate session', () => {
  function host(source?: ComparisonSource) {
    const clock = handClock();
    const runs: string[] = [];
    const comparisons: ComparisonSource = source ?? {
      run: async (_s, archs) => {
        runs.push(archs.join(','));
        return fixture;
      },
    };
    const h = createLessonHost({
      openSimulate: (choices) =>
        createSimulateSession({ trace: fakeTrace().trace, ticker: clock.ticker }, { choices }),
      comparisons,
    });
    return { h, clock, runs };
  }

  it('hopReached holds from the moment the traced request enters the hop, exactly, also after a seek back', async () => {
    const { h } = host();
    let changes = 0;
    h.subscribe(() => changes++);
    await h.apply(setup({ speed: 10_000 }), { restart: true });
    const sim = h.simulate()!;
    expect(sim.snapshot()).toMatchObject({ status: 'ready', t: 0, slowdown: 10_000 });
    const p = {
      kind: 'hopReached' as const,
      hop: { hopKind: 'proxy.l7', side: 'server' as const },
      request: 1,
    };
    expect(h.holds(p)).toBe(false);
    await settle();
    const s = new TraceSession(SCENARIO_PRESETS['one-request-slowly'], 'sidecar-envoy', 'trace');
    const at = firstEntry(s.layout, s.requestRecords(0), p.hop)!;
    sim.seek(at - 0.001);
    expect(h.holds(p)).toBe(false);
    sim.seek(at);
    expect(h.holds(p)).toBe(true);
    sim.seek(10);
    expect(h.holds(p)).toBe(false);
    expect(h.holds({ kind: 'timeReached', us: 10 })).toBe(true);
    expect(h.holds({ kind: 'timeReached', us: 11 })).toBe(false);
    // Request 2 is sent a second after request 1 came back.
    expect(h.holds({ ...p, request: 2 })).toBe(false);
    await settle();
    sim.seek(at + 1_000_000);
    expect(h.holds({ ...p, request: 2 })).toBe(false);
    sim.seek(at + 1_100_000);
    expect(h.holds({ ...p, request: 2 })).toBe(true);
    expect(changes).toBeGreaterThan(0);
    h.dispose();
  });

  it('stopAt pauses where the moment came: at the hop’s entry, not the frame past it', async () => {
    const { h } = host();
    await h.apply(setup({ speed: 10_000 }), { restart: true });
    const sim = h.simulate()!;
    const p = {
      kind: 'hopReached' as const,
      hop: { hopKind: 'sys.send', side: 'client' as const, actor: 'app' as const },
      request: 1,
    };
    expect(h.holds(p)).toBe(false);
    await settle();
    const s = new TraceSession(SCENARIO_PRESETS['one-request-slowly'], 'sidecar-envoy', 'trace');
    const at = firstEntry(s.layout, s.requestRecords(0), p.hop)!;
    // A slow frame carried playback three hops on (the next hop's entry and beyond).
    const later = s.requestRecords(0).find((r) => r.enter > at)!.leave;
    sim.play();
    sim.seek(later);
    expect(h.holds(p)).toBe(true);
    h.stopAt(p);
    expect(sim.snapshot()).toMatchObject({ t: at, playing: false });
    // Where playback has not passed the moment, it only pauses.
    sim.play();
    h.stopAt({ kind: 'timeReached', us: at + 1e9 });
    expect(sim.snapshot()).toMatchObject({ t: at, playing: false });
    h.dispose();
  });

  it('requestsDone counts the first n traced requests back at the load generator', async () => {
    const { h } = host();
    await h.apply(setup({}), { restart: true });
    const s = new TraceSession(SCENARIO_PRESETS['one-request-slowly'], 'sidecar-envoy', 'trace');
    const finals = finalHops(s.layout);
    const second = doneAt(s.requestRecords(1), finals)!;
    const sim = h.simulate()!;
    expect(h.holds({ kind: 'requestsDone', n: 2 })).toBe(false);
    await settle();
    sim.seek(second - 0.01);
    expect(h.holds({ kind: 'requestsDone', n: 1 })).toBe(true);
    expect(h.holds({ kind: 'requestsDone', n: 2 })).toBe(false);
    sim.seek(second);
    expect(h.holds({ kind: 'requestsDone', n: 2 })).toBe(true);
    h.dispose();
  });

  it('a Compare step runs its comparison at once; measuring on a Simulate step starts one only when asked', async () => {
    const { h, runs } = host();
    await h.apply(setup({ architecture: 'ambient' }), { restart: true });
    expect(runs).toEqual([]);
    expect(h.comparison().status).toBe('idle');
    expect(h.measure({ metric: 'latencyP50', architecture: 'ambient' })).toBeNull();
    expect(runs).toEqual(['no-mesh,ambient']);
    // A figure about an architecture the step does not show comes from a run with it beside no-mesh.
    expect(h.measure({ metric: 'latencyP50', architecture: 'sidecar-envoy' })).toBeNull();
    await settle(2);
    expect(runs).toEqual(['no-mesh,ambient', 'no-mesh,sidecar-envoy']);
    expect(h.measure({ metric: 'latencyP50', architecture: 'sidecar-envoy' })).toBe(300);
    await h.apply(setup({ page: 'compare', preset: 'istio-benchmark', architectures: ['sidecar-envoy'] }), {
      restart: false,
    });
    expect(runs.at(-1)).toBe('no-mesh,sidecar-envoy');
    expect(runs).toHaveLength(3);
    await settle(2);
    expect(h.holds({ kind: 'resultsReady' })).toBe(true);
    expect(h.comparison().status).toBe('done');
    // Trace predicates do not hold while the Compare page is shown.
    expect(h.holds({ kind: 'timeReached', us: 0 })).toBe(false);
    h.dispose();
  });

  it('resultsReady waits for the comparison of the setup shown', async () => {
    const pending: ((c: LessonComparison) => void)[] = [];
    const { h } = host({ run: () => new Promise((resolve) => pending.push(resolve)) });
    await h.apply(setup({ page: 'compare', preset: 'istio-benchmark', architectures: ['ambient'] }), {
      restart: true,
    });
    expect(h.comparison().status).toBe('running');
    expect(h.holds({ kind: 'resultsReady' })).toBe(false);
    expect(h.measure({ metric: 'latencyP50', architecture: 'sidecar-envoy' })).toBeNull();
    // The figure about sidecars (not compared here) started a run of its own.
    expect(pending).toHaveLength(2);
    pending[0](fixture);
    await settle(2);
    expect(h.holds({ kind: 'resultsReady' })).toBe(true);
    h.dispose();
  });

  it('refuses an unknown preset and reports what the architecture cannot run, naming the reason', async () => {
    const failing: ComparisonSource = { run: () => Promise.reject(new Error('topology.nodes: too many')) };
    const { h } = host(failing);
    await expect(h.apply(setup({ preset: 'no-such' }), { restart: true })).rejects.toThrow(
      /scenario.preset: unknown preset 'no-such'/,
    );
    await expect(h.apply(setup({ architecture: 'proxyless-grpc' }), { restart: true })).rejects.toThrow(
      /proxyless-grpc cannot run this scenario/,
    );
    await h.apply(setup({ page: 'compare', architectures: ['ambient'] }), { restart: true });
    await settle(2);
    expect(h.comparison()).toMatchObject({ status: 'error', message: 'topology.nodes: too many' });
    h.dispose();
  });
});
