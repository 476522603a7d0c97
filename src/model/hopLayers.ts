import { z } from './zod';
import hopLayersJson from '../../models/hop-layers.json';
import { CatalogError, formatZodError } from './catalogs';
import { CitationIdSchema } from './citation';
import { HopKindIdSchema } from './hopKind';

export const HOP_LAYERS_FILE = 'models/hop-layers.json';

/**
 * The message's layers, outermost last: what a hop adds, reads, rewrites or removes. One message is a
 * whole request or response (packet-walks.md §0), so "TCP segment" stands for the segments carrying it.
 */
export const LAYER_IDS = ['http', 'hbone', 'tls', 'tcp', 'ip', 'overlay', 'node-crypto', 'ethernet'] as const;
export const LayerIdSchema = z.enum(LAYER_IDS);
export type LayerId = z.infer<typeof LayerIdSchema>;

export const LAYER_TITLES: Record<LayerId, string> = {
  http: 'HTTP message (HTTP/1.1, or HTTP/2 frames for h2 and gRPC)',
  hbone: 'HBONE tunnel (HTTP/2 CONNECT stream)',
  tls: 'TLS records',
  tcp: 'TCP segment (ports)',
  ip: 'IP header (addresses)',
  overlay: 'overlay header (VXLAN / Geneve over UDP)',
  'node-crypto': 'node encryption (WireGuard over UDP, or IPsec ESP)',
  ethernet: 'Ethernet frame',
};

/** Short names for narrow places (the inspector's layer table); the titles above explain them. */
export const LAYER_SHORT: Record<LayerId, string> = {
  http: 'HTTP',
  hbone: 'HBONE',
  tls: 'TLS',
  tcp: 'TCP',
  ip: 'IP',
  overlay: 'overlay',
  'node-crypto': 'node encryption',
  ethernet: 'Ethernet',
};

/** added: absent going in; removed: absent coming out; rewritten: changed (in ≠ out); read: looked at; carried: passed untouched. */
export const LayerActionSchema = z.enum(['added', 'removed', 'rewritten', 'read', 'carried']);
export type LayerAction = z.infer<typeof LayerActionSchema>;

export const LayerChangeSchema = z
  .object({
    layer: LayerIdSchema,
    action: LayerActionSchema,
    /** The header as it comes in (e.g. 'dst 10.96.0.10:80'); absent when the action is 'added'. */
    in: z.string().min(1).optional(),
    /** The header as it goes out; absent when the action is 'removed'. */
    out: z.string().min(1).optional(),
    /** Named header fields the hop sets (e.g. { dst: 'podB IP' }); the walk keeps the layer's other fields. */
    set: z.record(z.string().min(1), z.string().min(1)).optional(),
    /** Numeric fields lowered by one (a router's TTL). */
    decrement: z.array(z.string().min(1)).min(1).optional(),
    /** Numeric fields raised by one (the count of links, each with its own MAC addresses). */
    increment: z.array(z.string().min(1)).min(1).optional(),
  })
  .superRefine((c, ctx) => {
    if (c.action === 'added' && c.in)
      ctx.addIssue({ code: 'custom', path: ['in'], message: "an 'added' layer has no 'in'" });
    if (c.action === 'removed' && c.out)
      ctx.addIssue({ code: 'custom', path: ['out'], message: "a 'removed' layer has no 'out'" });
    if (c.set && c.action !== 'added' && c.action !== 'rewritten')
      ctx.addIssue({
        code: 'custom',
        path: ['set'],
        message: "only an 'added' or 'rewritten' layer sets fields",
      });
    for (const k of ['decrement', 'increment'] as const)
      if (c[k] && c.action !== 'rewritten')
        ctx.addIssue({ code: 'custom', path: [k], message: "only a 'rewritten' layer steps fields" });
    if (c.action === 'rewritten' && !c.set && !c.decrement && !c.increment) {
      if (!c.in || !c.out)
        ctx.addIssue({
          code: 'custom',
          path: [c.in ? 'out' : 'in'],
          message: "a 'rewritten' layer needs both 'in' and 'out', or 'set' / 'decrement' / 'increment'",
        });
      else if (c.in === c.out)
        ctx.addIssue({
          code: 'custom',
          path: ['out'],
          message: "a 'rewritten' layer must differ in and out",
        });
    }
  });
export type LayerChange = z.infer<typeof LayerChangeSchema>;

/** One way a hop kind treats the message (e.g. tls.rec encrypts or decrypts). */
export const HopLayerVariantSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be kebab-case'),
    /** Lower-case phrases; the variant applies to a hop whose label contains one. The last variant has none: the default. */
    match: z
      .array(
        z
          .string()
          .min(1)
          .regex(/^[^A-Z]*$/, 'must be lower case'),
      )
      .min(1)
      .optional(),
    /** Connection set-up (SYN, TLS handshake, CONNECT, connect() hooks): its own message, not the request's bytes. */
    handshake: z.boolean().default(false),
    /** What the hop does to the message, in a sentence. */
    does: z.string().min(1),
    /** Where the message is before and after: user-space buffer, socket queue, packet in a namespace, wire. */
    inAt: z.string().min(1),
    outAt: z.string().min(1),
    /** The layers this hop adds, reads, rewrites or removes, innermost first (order of LAYER_IDS); others pass
     *  untouched. Empty when no header is involved (a syscall copy, a socket-to-socket redirect). */
    layers: z.array(LayerChangeSchema),
  })
  .superRefine((v, ctx) => {
    const order = v.layers.map((l) => LAYER_IDS.indexOf(l.layer));
    order.forEach((o, i) => {
      if (i > 0 && o <= order[i - 1])
        ctx.addIssue({
          code: 'custom',
          path: ['layers', i, 'layer'],
          message: `layers must be listed once each, innermost first (${LAYER_IDS.join(', ')})`,
        });
    });
  });
export type HopLayerVariant = z.infer<typeof HopLayerVariantSchema>;

export const HopLayerEntrySchema = z
  .object({
    kind: HopKindIdSchema,
    variants: z.array(HopLayerVariantSchema).min(1),
    /** Where the description comes from (citation ids). */
    sources: z.array(CitationIdSchema).min(1),
    /** True when the sources describe the mechanism and the header detail is standard Linux / protocol behaviour we inferred. */
    inferred: z.boolean(),
    /** When no listed source describes the headers: the standard they follow (shown instead of the sources' claim). */
    standard: z.string().min(1).optional(),
  })
  .superRefine((e, ctx) => {
    e.variants.forEach((v, i) => {
      const last = i === e.variants.length - 1;
      if (last && v.match)
        ctx.addIssue({
          code: 'custom',
          path: ['variants', i, 'match'],
          message: 'the last variant is the default: it has no match',
        });
      if (!last && !v.match)
        ctx.addIssue({
          code: 'custom',
          path: ['variants', i, 'match'],
          message: 'only the last variant may omit match',
        });
    });
    const ids = e.variants.map((v) => v.id);
    ids.forEach((id, i) => {
      if (ids.indexOf(id) !== i)
        ctx.addIssue({
          code: 'custom',
          path: ['variants', i, 'id'],
          message: `duplicate variant id '${id}'`,
        });
    });
  });
export type HopLayerEntry = z.infer<typeof HopLayerEntrySchema>;

export const HopLayerCatalogSchema = z.array(HopLayerEntrySchema).superRefine((list, ctx) => {
  const seen = new Set<string>();
  list.forEach((e, i) => {
    if (seen.has(e.kind))
      ctx.addIssue({
        code: 'custom',
        path: [i, 'kind'],
        message: `duplicate entry for hop kind '${e.kind}'`,
      });
    seen.add(e.kind);
  });
});

/** Validated hop-layer catalog; pass `raw` to validate edited data instead of the shipped file. */
export function loadHopLayers(raw: unknown = hopLayersJson, fileLabel = HOP_LAYERS_FILE): HopLayerEntry[] {
  const r = HopLayerCatalogSchema.safeParse(raw);
  if (!r.success) throw new CatalogError(formatZodError(r.error, fileLabel, raw));
  return r.data;
}

/** The variant for a hop: the first whose phrase occurs in the hop's label, else the default. */
export function layerVariantFor(entry: HopLayerEntry, label: string): HopLayerVariant {
  const l = label.toLowerCase();
  return (
    entry.variants.find((v) => v.match?.some((m) => l.includes(m))) ??
    entry.variants[entry.variants.length - 1]
  );
}

/** Cross-file problems: kinds missing or unknown, citations that do not resolve. Empty when consistent. */
export function checkHopLayers(
  entries: readonly HopLayerEntry[],
  kindIds: readonly string[],
  citationIds: readonly string[],
): string[] {
  const problems: string[] = [];
  const kinds = new Set(kindIds);
  const known = new Set(citationIds);
  const covered = new Set(entries.map((e) => e.kind));
  entries.forEach((e, i) => {
    if (!kinds.has(e.kind))
      problems.push(`${HOP_LAYERS_FILE}: [${i}].kind: '${e.kind}' is not in models/hop-kinds.json`);
    e.sources.forEach((id, j) => {
      if (!known.has(id)) problems.push(`${HOP_LAYERS_FILE}: [${i}].sources[${j}]: unknown citation '${id}'`);
    });
  });
  for (const k of kindIds)
    if (!covered.has(k)) problems.push(`${HOP_LAYERS_FILE}: hop kind '${k}' has no layer entry`);
  return problems;
}
