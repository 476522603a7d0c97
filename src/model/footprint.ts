import { z } from './zod';
import footprintsJson from '../../models/footprints.json';
import { ARCHITECTURE_IDS, ArchitectureIdSchema, type ArchitectureId } from './architecture';
import { CatalogError, FOOTPRINTS_FILE, formatZodError } from './catalogFiles';
import { CitationIdSchema, StandingSchema } from './citation';
import { ESTIMATE_CITATION_ID } from './hopKind';

/**
 * Footprint models: what each architecture reserves (pod-spec requests) and uses (memory, idle CPU),
 * component by component. Memory used = base + per visible cluster (service × port) + per visible
 * endpoint (pod); which clusters and endpoints a component sees is its `config` view.
 */

export { FOOTPRINTS_FILE };

/** What one instance is counted per. Waypoints are per service (see docs/models.md). */
export const FootprintPerSchema = z.enum(['pod', 'node', 'service', 'cluster']);
export type FootprintPer = z.infer<typeof FootprintPerSchema>;

/**
 * Which configuration a component holds: 'scenario' follows the scenario's configScope (Istio's Sidecar
 * resource); 'mesh' the whole mesh whatever the scope; 'dependencies' only what its pod calls (on-demand
 * discovery); 'own-service' only the service(s) it fronts (waypoints).
 */
export const ConfigViewSchema = z.enum(['scenario', 'mesh', 'dependencies', 'own-service']);
export type ConfigView = z.infer<typeof ConfigViewSchema>;

/** Reserved and used figures: non-negative and bounded (1e9 MiB, 1e9 milli-CPU: far above any real component). */
const nonNeg = z.number().min(0).max(1e9);

export const FootprintComponentSchema = z
  .object({
    /** Lower-case id, unique within the architecture, e.g. 'sidecar', 'ztunnel'. */
    component: z.string().regex(/^[a-z][a-z0-9-]*$/, 'must be a lower-case id (a-z, 0-9, -)'),
    name: z.string().min(1),
    per: FootprintPerSchema,
    /** Instances per unit of `per` (only for 'service' and 'cluster', e.g. two cilium-operator replicas). */
    replicas: z.number().int().min(1).max(10_000).default(1),
    /** Reserved: what the pod spec asks by default, and the citation it comes from (or meshpath-estimate). */
    requests: z.object({ cpuMilli: nonNeg, memoryMiB: nonNeg, source: CitationIdSchema }),
    /** Used memory of one instance: baseMiB + perClusterKiB × clusters + perEndpointKiB × endpoints (KiB → MiB). */
    memory: z.object({ baseMiB: nonNeg, perClusterKiB: nonNeg, perEndpointKiB: nonNeg }),
    config: ConfigViewSchema.default('mesh'),
    /** CPU used with no traffic, per instance, and where that figure comes from. */
    idleCpuMilli: nonNeg,
    idleCpuSource: CitationIdSchema,
    /** Sources of the memory model. */
    sources: z.array(CitationIdSchema).min(1),
    /** Standing of the memory model: estimate if any non-zero term is ours. */
    standing: StandingSchema,
    notes: z.string().min(1),
  })
  .superRefine((c, ctx) => {
    if (new Set(c.sources).size !== c.sources.length)
      ctx.addIssue({ code: 'custom', path: ['sources'], message: 'sources repeat an id' });
    if (c.standing === 'estimate' && !c.sources.includes(ESTIMATE_CITATION_ID))
      ctx.addIssue({
        code: 'custom',
        path: ['sources'],
        message: `estimates must cite '${ESTIMATE_CITATION_ID}'`,
      });
    if ((c.config === 'scenario' || c.config === 'dependencies') && c.per !== 'pod')
      ctx.addIssue({
        code: 'custom',
        path: ['config'],
        message: `'${c.config}' is a per-pod view; this component is per ${c.per}`,
      });
    if (c.config === 'own-service' && c.per !== 'service')
      ctx.addIssue({ code: 'custom', path: ['config'], message: `'own-service' needs per 'service'` });
    if (c.replicas > 1 && (c.per === 'pod' || c.per === 'node'))
      ctx.addIssue({
        code: 'custom',
        path: ['replicas'],
        message: `replicas apply to per 'service' or 'cluster' only`,
      });
  });
export type FootprintComponent = z.output<typeof FootprintComponentSchema>;

export const ArchitectureFootprintSchema = z
  .object({
    architecture: ArchitectureIdSchema,
    /** Empty for no-mesh: nothing beyond what every architecture needs (CNI, kube-proxy). */
    components: z.array(FootprintComponentSchema),
    notes: z.string().optional(),
  })
  .superRefine((a, ctx) => {
    const seen = new Set<string>();
    a.components.forEach((c, i) => {
      if (seen.has(c.component))
        ctx.addIssue({
          code: 'custom',
          path: ['components', i, 'component'],
          message: `duplicate component '${c.component}'`,
        });
      seen.add(c.component);
    });
  });
export type ArchitectureFootprint = z.output<typeof ArchitectureFootprintSchema>;

/** One entry per architecture, all nine present. */
export const FootprintCatalogSchema = z.array(ArchitectureFootprintSchema).superRefine((list, ctx) => {
  const first = new Map<string, number>();
  list.forEach((a, i) => {
    const j = first.get(a.architecture);
    if (j === undefined) first.set(a.architecture, i);
    else
      ctx.addIssue({
        code: 'custom',
        path: [i, 'architecture'],
        message: `duplicate architecture '${a.architecture}' (first at [${j}])`,
      });
  });
  const missing = ARCHITECTURE_IDS.filter((id) => !first.has(id));
  if (missing.length)
    ctx.addIssue({ code: 'custom', path: [], message: `no footprint for: ${missing.join(', ')}` });
});
export type FootprintCatalog = ArchitectureFootprint[];

/** Validated footprint catalog; pass `raw` to validate imported or edited data instead of the shipped file. */
export function loadFootprints(raw: unknown = footprintsJson, fileLabel = FOOTPRINTS_FILE): FootprintCatalog {
  const r = FootprintCatalogSchema.safeParse(raw);
  if (!r.success) throw new CatalogError(formatZodError(r.error, fileLabel, raw));
  return r.data;
}

let shipped: FootprintCatalog | null = null;

/** The shipped footprints (validated on first use). */
export function shippedFootprints(): FootprintCatalog {
  shipped ??= loadFootprints();
  return shipped;
}

export function footprintOf(
  catalog: readonly ArchitectureFootprint[],
  id: ArchitectureId,
): ArchitectureFootprint {
  const a = catalog.find((f) => f.architecture === id);
  if (!a) throw new CatalogError([`${FOOTPRINTS_FILE}: no footprint for architecture '${id}'`]);
  return a;
}

/** Pods a node holds where the mesh is larger than the scenario's nodes: an assumption, shown where it applies. */
export const PODS_PER_NODE = 30;
