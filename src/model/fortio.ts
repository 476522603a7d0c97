import type { Scenario } from './scenario';

/**
 * Fortio's load flags, and the scenario load they describe (fortio/fortio cli/fortio_main.go and
 * periodic/periodic.go). `-qps 0` is "no wait/max qps": each connection sends its next request as
 * soon as the previous reply arrives — a closed loop with no think time. A positive -qps is the paced
 * load: every connection on one schedule from one start time, unless -uniform or -jitter spread them.
 */
export interface FortioFlags {
  /** -qps: total requests per second; 0 for the maximum rate. */
  qps: number;
  /** -c: connections (goroutines), each with one request in flight. */
  c: number;
  jitter?: boolean;
  uniform?: boolean;
  nocatchup?: boolean;
}

export type ScenarioLoad = Scenario['workload']['load'];

export function fortioLoad(f: FortioFlags): ScenarioLoad {
  if (!(f.qps >= 0)) throw new RangeError(`qps: must be 0 (maximum rate) or more, got ${f.qps}`);
  if (!Number.isInteger(f.c) || f.c < 1) throw new RangeError(`c: must be a whole number ≥ 1, got ${f.c}`);
  if (f.qps === 0) return { kind: 'closed', connections: f.c, think: { kind: 'deterministic', value: 0 } };
  return {
    kind: 'paced',
    rps: f.qps,
    connections: f.c,
    uniform: f.uniform ?? false,
    jitter: f.jitter ?? false,
    noCatchUp: f.nocatchup ?? false,
  };
}

/**
 * The settings of Istio's own latency benchmark (istio/tools perf/benchmark: runner.py passes
 * `fortio load -jitter={jitter} -uniform={uniform} -nocatchup={nocatchup} -c {conn} -qps {qps}` with
 * the values of configs/istio/telemetryv2_stats/latency.yaml): 1000 qps over 2–64 connections, 1 KiB
 * (`--size` default 1024). Since istio/tools#2769 (January 2024, Istio 1.21 on) `uniform` and
 * `nocatchup`; from istio/tools#1079 (July 2020) until then `jitter` — so Istio 1.20's published figures
 * were measured with jitter, 1.22's with uniform.
 */
export const ISTIO_BENCHMARK_FORTIO = {
  since2024: { qps: 1000, c: 16, uniform: true, nocatchup: true },
  until2024: { qps: 1000, c: 16, jitter: true },
  connections: [2, 4, 8, 16, 32, 64],
} as const satisfies Record<string, FortioFlags | readonly number[]>;
