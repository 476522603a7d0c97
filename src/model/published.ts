import { z } from './zod';
import publishedJson from '../../models/published.json';
import { ArchitectureIdSchema } from './architecture';
import { CatalogError, formatZodError } from './catalogFiles';
import { CitationIdSchema } from './citation';
import type { Scenario } from './scenario';

/**
 * Published results beside the model (models/published.json): each with its source (a citation id)
 * and the conditions it was measured under, so a chart can show model and measurements together and
 * sources that disagree are all shown, not one picked.
 */
export const PUBLISHED_FILE = 'models/published.json';

const Percentile = z.enum(['p50', 'p90', 'p99']);

export const PublishedResultSchema = z.strictObject({
  id: CitationIdSchema,
  /** Citation id in models/citations.json. */
  source: CitationIdSchema,
  architecture: ArchitectureIdSchema,
  /** added-latency: pX over the no-mesh baseline, µs; vcpu-per-1000-rps: one proxy instance. */
  quantity: z.enum(['added-latency', 'vcpu-per-1000-rps']),
  values: z
    .array(
      z.union([
        z.strictObject({ percentile: Percentile, us: z.number().positive().max(1e7) }),
        z.strictObject({ value: z.number().positive().max(1000) }),
      ]),
    )
    .min(1),
  /** Conditions as the source states them; absent when it does not say. */
  conditions: z.strictObject({
    version: z.string().min(1),
    protocol: z.enum(['http1', 'http2', 'grpc']).optional(),
    rps: z.number().positive().optional(),
    connections: z.strictObject({ min: z.number().int().min(1), max: z.number().int().min(1) }).optional(),
    payloadKiB: z.number().nonnegative().optional(),
    workers: z.number().int().min(1).optional(),
    mtls: z.boolean().optional(),
    loadGenerator: z.string().optional(),
    /** CPU and hardware, or the mesh a CPU figure was taken in. */
    cpu: z.string().optional(),
    hardware: z.string().optional(),
  }),
  note: z.string().optional(),
});
export type PublishedResult = z.output<typeof PublishedResultSchema>;

export const PublishedTableSchema = z.array(PublishedResultSchema);

/** A stated connection range in words: '16 connections' when it is one count, '1–64 connections' otherwise. */
export function connectionsText(range: { min: number; max: number }): string {
  return range.min === range.max ? `${range.min} connections` : `${range.min}–${range.max} connections`;
}

export function loadPublished(raw: unknown = publishedJson, file = PUBLISHED_FILE): PublishedResult[] {
  const r = PublishedTableSchema.safeParse(raw);
  if (!r.success) throw new CatalogError(formatZodError(r.error, file, raw));
  return r.data;
}

/** One published point to draw beside the model's: an architecture's pX, with how well it matches. */
export interface PublishedPoint {
  id: string;
  source: string;
  architecture: string;
  percentile: 'p50' | 'p90' | 'p99';
  us: number;
  /** 'matches': every condition the source states agrees with the scenario; 'other-conditions': some differ (listed); 'unstated': the source gives none. */
  match: 'matches' | 'other-conditions' | 'unstated';
  differences: string[];
  note?: string;
}

/**
 * The published added-latency points for the architectures a scenario compares, each marked with
 * whether the scenario matches the conditions the source states (protocol, rate, connections,
 * payload, mTLS). Every point is returned, so disagreeing sources appear side by side.
 */
export function publishedPointsFor(
  scenario: Scenario,
  table: readonly PublishedResult[] = loadPublished(),
): PublishedPoint[] {
  const out: PublishedPoint[] = [];
  const load = scenario.workload.load;
  for (const p of table) {
    if (p.quantity !== 'added-latency' || !scenario.architectures.includes(p.architecture)) continue;
    const c = p.conditions;
    const differences: string[] = [];
    if (c.protocol && c.protocol !== scenario.workload.protocol) differences.push(`protocol ${c.protocol}`);
    if (c.rps !== undefined && (load.kind === 'closed' || Math.abs(load.rps - c.rps) > 0.05 * c.rps))
      differences.push(`${c.rps} rps`);
    if (c.connections && (load.connections < c.connections.min || load.connections > c.connections.max))
      differences.push(connectionsText(c.connections));
    const kib = Math.max(scenario.workload.requestKiB, scenario.workload.responseKiB);
    if (c.payloadKiB !== undefined && Math.abs(kib - c.payloadKiB) > 0.05 * c.payloadKiB)
      differences.push(`${c.payloadKiB} KiB`);
    if (c.mtls !== undefined && c.mtls !== scenario.features.mtls)
      differences.push(c.mtls ? 'mTLS' : 'no mTLS');
    const stated = [c.protocol, c.rps, c.connections, c.payloadKiB, c.mtls].some((x) => x !== undefined);
    const match = !stated ? 'unstated' : differences.length ? 'other-conditions' : 'matches';
    for (const v of p.values)
      if ('percentile' in v)
        out.push({
          id: p.id,
          source: p.source,
          architecture: p.architecture,
          percentile: v.percentile,
          us: v.us,
          match,
          differences,
          ...(p.note ? { note: p.note } : {}),
        });
  }
  return out;
}
