import { z } from './zod';

/**
 * The bounds of every number a scenario holds: one table that the schemas, the Compare form, links,
 * files and the CLI all read. `min`..`max` is what is valid at all (what the engine is built to hold);
 * `practical`, where given, is the most the page simulates promptly — beyond it an estimate or a run
 * takes minutes and gigabytes. The page always applies the practical limits; the CLI does too unless
 * `--no-limits` lifts them knowingly.
 */
export interface Limit {
  min: number;
  max: number;
  practical?: number;
  integer?: true;
}

/** Which upper bounds a schema applies. */
export type Tier = 'practical' | 'valid';

const HOUR_US = 3.6e9;

export const LIMITS = {
  seed: { min: 0, max: 0xffffffff, integer: true },
  nodes: { min: 1, max: 10_000, practical: 1_000, integer: true },
  coresPerNode: { min: 1, max: 1024, integer: true },
  /** Services in the simulated call graph (the pod limits of scenarioChecks bound them further). */
  services: { min: 1, max: 10_000, practical: 2_000, integer: true },
  replicas: { min: 1, max: 100_000, practical: 1_000, integer: true },
  handlerUs: { min: 0, max: 1_000_000 },
  threads: { min: 1, max: 10_000, integer: true },
  waypointNode: { min: 0, max: 9_999, integer: true },
  meshServices: { min: 1, max: 1_000_000, integer: true },
  meshPods: { min: 1, max: 10_000_000, integer: true },
  servicesPerNamespace: { min: 1, max: 1_000_000, integer: true },
  /** Requests per second; the run's length is bounded by its request count, not by the rate. */
  rps: { min: 1, max: 1e9 },
  /** The instant estimate's time grows with connections (an affinity share per connection). */
  connections: { min: 1, max: 10_000_000, practical: 10_000, integer: true },
  /**
   * Load-generator clients (Fortio pods), each meshed with its own proxy: Istio's load tests run many
   * (istio-load-test-namespaces); 64 covers 64,000 rps at the 1,000 rps a client of its benchmark sends.
   */
  clients: { min: 1, max: 64, integer: true },
  /** Think time of a closed load, µs. */
  thinkUs: { min: 0, max: HOUR_US },
  messageKiB: { min: 0, max: 1024 * 1024 },
  retries: { min: 0, max: 10, integer: true },
  timeoutMs: { min: 0.001, max: 600_000 },
  addedUs: { min: 1, max: 60_000_000 },
  probability: { min: 0, max: 1 },
  cv: { min: 0, max: 10 },
  warmupRequests: { min: 0, max: 1e12, practical: 1_000_000, integer: true },
  measuredRequests: { min: 1, max: 1e12, practical: 1_000_000, integer: true },
  /** A time window of simulated µs (warm-up or measured). */
  windowUs: { min: 0, max: 1e13, practical: HOUR_US },
  recordCapacity: { min: 0, max: 10_000_000, practical: 1_000_000, integer: true },
} as const satisfies Record<string, Limit>;

/** Longest free text, characters: names, descriptions, version tags; a namespace is a DNS label (RFC 1123). */
export const TEXT_LIMITS = { name: 200, description: 4000, modelVersion: 40, namespace: 63 } as const;

/** The upper bound a tier applies. */
export function upperBound(l: Limit, tier: Tier): number {
  return tier === 'practical' ? (l.practical ?? l.max) : l.max;
}

/** A zod number with the limit's bounds (inclusive) at the given tier. */
export function boundedNumber(l: Limit, tier: Tier) {
  const n = l.integer ? z.number().int() : z.number();
  return n.min(l.min).max(upperBound(l, tier));
}

/**
 * A form field's range: the valid minimum and the practical maximum, in the form's unit (`scale`
 * converts: 0.001 shows µs as ms, 100 shows a probability as a percentage).
 */
export function formRange(l: Limit, scale = 1): { min: number; max: number; integer?: boolean } {
  const at = (x: number) => Number((x * scale).toPrecision(12)); // 0.001 is inexact in binary
  const r = { min: at(l.min), max: at(upperBound(l, 'practical')) };
  return 'integer' in l && scale === 1 ? { ...r, integer: true } : r;
}
