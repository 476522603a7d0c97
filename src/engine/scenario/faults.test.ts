import { describe, expect, it } from 'vitest';
import preset from '../../../models/presets/istio-benchmark.json';
import type { ArchitectureId } from '../../model/architecture';
import type { ScenarioInput } from '../../model/scenario';
import { Simulation } from '../simulation';
import { summarize } from '../summary';
import { compileScenario } from './compileScenario';

/** Istio's benchmark with two server replicas, shortened. */
function scenario(over: Partial<ScenarioInput> = {}): ScenarioInput {
  const base = preset as unknown as ScenarioInput;
  return {
    ...base,
    topology: {
      ...base.topology,
      nodes: 3,
      services: [{ id: 'fortio-server', replicas: 2, handlerUs: 20, threads: 64 }],
    },
    run: { warmupRequests: 200, measuredRequests: 8_000 },
    ...over,
    features: { ...base.features, ...over.features },
  };
}

const run = (s: ScenarioInput, arch: ArchitectureId) => {
  const c = compileScenario(s, arch);
  return { c, r: summarize(new Simulation(c.spec).run()) };
};
const failedShare = (x: ReturnType<typeof run>) => x.r.requests.failed / x.r.requests.measured;

describe('injected failures, retries and timeouts per architecture', () => {
  const down = scenario({ failure: { kind: 'pod-down', service: 'fortio-server' } });

  it('one replica down: Envoy retries to the other (default 2 retries); L4 designs fail the connections pinned to it', () => {
    const envoy = run(down, 'sidecar-envoy');
    expect(failedShare(envoy)).toBe(0);
    expect(envoy.r.requests.retries).toBeGreaterThan(3_000); // about half the requests hit the down pod first
    // 16 connections, connection c sticks to backend c mod 2: exactly half the requests fail.
    expect(failedShare(run(down, 'ambient'))).toBeCloseTo(0.5, 2);
    expect(failedShare(run(down, 'no-mesh'))).toBeCloseTo(0.5, 2);
    // With retries off, Envoy's round-robin sends every other request to the down pod.
    const noRetry = run(
      scenario({ failure: down.failure, features: { ...down.features, retries: 0 } as never }),
      'sidecar-envoy',
    );
    expect(failedShare(noRetry)).toBeCloseTo(0.5, 2);
  });

  it('10 % loss: two Envoy retries leave ≈ 0.1 %; ambient cannot retry HTTP and says so', () => {
    const lossy = scenario({
      failure: { kind: 'loss', service: 'fortio-server', probability: 0.1 },
      features: { retries: 3 } as never,
    });
    const envoy = run(lossy, 'sidecar-envoy');
    // 3 retries asked: 0.1⁴ = 0.0001 → at most a few of 8,000.
    expect(envoy.r.requests.failed).toBeLessThan(8);
    const amb = run(lossy, 'ambient');
    // Binomial SE ≈ 0.0034 at n = 8,000; allow 5 SE.
    expect(Math.abs(failedShare(amb) - 0.1)).toBeLessThan(0.017);
    expect(amb.c.notes).toContainEqual(expect.objectContaining({ feature: 'Retries', mode: 'unavailable' }));
  });

  it('an added delay shifts the latency of every design by that much', () => {
    const slow = scenario({ failure: { kind: 'delay', service: 'fortio-server', addedUs: 1000 } });
    for (const arch of ['no-mesh', 'sidecar-envoy'] as const) {
      const base = run(scenario(), arch).r.latency.intended.p50;
      const late = run(slow, arch).r.latency.intended.p50;
      expect(late - base).toBeGreaterThan(990);
      expect(late - base).toBeLessThan(1010);
    }
  });

  it('a per-try timeout shorter than the service fails every try where the design has timeouts', () => {
    const s = scenario({
      failure: { kind: 'delay', service: 'fortio-server', addedUs: 2000 },
      features: { timeoutMs: 0.5 } as never,
    });
    const envoy = run(s, 'sidecar-envoy');
    expect(envoy.r.requests.completed).toBe(0);
    expect(envoy.r.requests.timeouts).toBe(3 * envoy.r.requests.measured); // first try + 2 retries
    const amb = run(s, 'ambient');
    expect(amb.r.requests.failed).toBe(0);
    expect(amb.c.notes).toContainEqual(expect.objectContaining({ feature: 'Timeouts', mode: 'unavailable' }));
  });
});

describe('in-process isolation (library)', () => {
  const lib = (isolation: 'thread' | 'semaphore', over: Partial<ScenarioInput> = {}) =>
    run(scenario({ ...over, features: { isolation, ...over.features } as never }), 'library');

  it('thread isolation holds a Hystrix thread across the call; semaphore isolation skips the two hand-offs', () => {
    const thread = lib('thread');
    const sem = lib('semaphore');
    expect(
      thread.c.spec.routes.some((r) =>
        r.steps.some((st) => 'acquire' in st && st.acquire === 'library:loadgen'),
      ),
    ).toBe(true);
    expect(
      sem.c.spec.routes.some((r) =>
        r.steps.some((st) => 'acquire' in st && st.acquire === 'semaphore:loadgen'),
      ),
    ).toBe(true);
    expect(thread.r.perRequest.hops - sem.r.perRequest.hops).toBe(2);
    expect(thread.r.latency.intended.p50).toBeGreaterThan(sem.r.latency.intended.p50 + 10);
  });

  it('a slow dependency exhausts the 10-thread pool: calls beyond it are rejected (Hystrix bulkhead)', () => {
    const slow = {
      failure: { kind: 'delay' as const, service: 'fortio-server', addedUs: 1000 },
      workload: { ...scenario().workload, load: { kind: 'open' as const, rps: 20_000, connections: 16 } },
    };
    const t = lib('thread', slow);
    // Offered concurrency ≈ 20,000/s × ≈1.2 ms ≈ 24 calls against 10 threads: Erlang B(10, 24) ≈ 0.6.
    expect(failedShare(t)).toBeGreaterThan(0.4);
    expect(failedShare(t)).toBeLessThan(0.75);
    // At 1,000 rps (≈1.2 calls in flight) nothing is rejected.
    expect(lib('thread', { failure: slow.failure }).r.requests.failed).toBe(0);
  });
});
