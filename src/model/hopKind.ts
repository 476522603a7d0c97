import { z } from './zod';
import { CitationIdSchema, StandingSchema } from './citation';

/** The hop-type vocabulary of packet-walks.md §0; the catalog must define each of these. */
export const PACKET_WALK_HOP_IDS = [
  'app.compute',
  'lib.logic',
  'lib.handoff',
  'sys.send',
  'sys.recv',
  'tcp.tx',
  'tcp.rx',
  'lo',
  'veth',
  'host.route',
  'nf.nat',
  'nf.pass',
  'ebpf.sock',
  'ebpf.skmsg',
  'ebpf.tc',
  'ebpf.redirect',
  'encap',
  'decap',
  'crypto.kernel',
  'nic.wire',
  'proxy.l4',
  'proxy.l7',
  'tls.hs',
  'tls.rec',
  'h2.connect',
] as const;

/** The id for values that are our own estimate; estimates must cite it. */
export const ESTIMATE_CITATION_ID = 'meshpath-estimate';

/** Dotted lower-case id; open-ended so edited models can add kinds (e.g. 'proxy.l7.waypoint'). */
export const HopKindIdSchema = z
  .string()
  .regex(/^[a-z0-9]+(\.[a-z0-9]+)*$/, 'must be dotted lower-case, e.g. proxy.l7');

/** A hop cost, µs: at most one second per traversal (1 ms per KiB), far above any measured hop. */
const us = z.number().nonnegative().max(1_000_000);

/** One cost level, in microseconds per traversal of one message. */
export const HopCostSchema = z.object({
  /** Added latency on the critical path. */
  onPathUs: us,
  /** CPU time spent inside onPathUs (so never more than it). */
  cpuUs: us,
  /** Extra on-path time per KiB of payload; also CPU unless cpuClass is 'none'. */
  perKiBUs: z.number().nonnegative().max(1000),
  /** CPU work after the message has left that still keeps the worker busy (e.g. telemetry); 0 when none. */
  postUs: us,
});
export type HopCost = z.infer<typeof HopCostSchema>;

const COST_FIELDS = ['onPathUs', 'cpuUs', 'perKiBUs', 'postUs'] as const;

/**
 * Payload bytes in one packet inside a node-to-node tunnel: WireGuard's tunnel MTU is the path MTU less
 * 80 (wg-quick, `wg-quick-mtu`), 1420 on a 1500-byte network, less 40 bytes of inner IPv4 and TCP headers.
 */
export const TUNNEL_PAYLOAD_BYTES = 1380;

/** How many packets a message of `kib` KiB is in a tunnel (a message without payload is still one). */
export function tunnelPackets(kib: number): number {
  return Math.max(1, Math.ceil((kib * 1024) / TUNNEL_PAYLOAD_BYTES));
}
const LEVELS = ['low', 'default', 'high'] as const;

const CountSchema = z.number().int().nonnegative().max(1000);

export const HopKindSchema = z
  .object({
    id: HopKindIdSchema,
    name: z.string().min(1),
    /** What the hop does, for the inspector panel. */
    description: z.string().min(1),
    layer: z.enum(['app', 'user', 'kernel', 'wire']),
    /** Bucket for stacked breakdowns; queueing is computed by the engine, not a hop category. */
    category: z.enum(['app', 'kernel', 'netfilter', 'ebpf', 'proxy', 'crypto', 'wire']),
    /** Which CPU bucket the hop charges: container (kubectl top), kernel (softirq, eBPF), none (wire). */
    cpuClass: z.enum(['container', 'kernel', 'none']),
    cost: z.object({ low: HopCostSchema, default: HopCostSchema, high: HopCostSchema }),
    /**
     * What the fixed part (onPathUs, cpuUs) is paid for: each message, or each packet of it (node-to-node
     * encryption encapsulates and seals every packet; `tunnelPackets`).
     */
    fixedPer: z.enum(['message', 'packet']).default('message'),
    /** Per traversal, counted as in packet-walks.md §0 (see docs/models.md). */
    counters: z.object({ kernelCrossings: CountSchema, copies: CountSchema, contextSwitches: CountSchema }),
    sources: z.array(CitationIdSchema).min(1),
    standing: StandingSchema,
    notes: z.string().optional(),
  })
  .superRefine((h, ctx) => {
    for (const f of COST_FIELDS) {
      const [lo, def, hi] = LEVELS.map((l) => h.cost[l][f]);
      if (lo > def)
        ctx.addIssue({
          code: 'custom',
          path: ['cost', 'low', f],
          message: `low (${lo}) must be ≤ default (${def})`,
        });
      if (def > hi)
        ctx.addIssue({
          code: 'custom',
          path: ['cost', 'high', f],
          message: `high (${hi}) must be ≥ default (${def})`,
        });
    }
    for (const l of LEVELS) {
      const c = h.cost[l];
      if (c.cpuUs > c.onPathUs)
        ctx.addIssue({
          code: 'custom',
          path: ['cost', l, 'cpuUs'],
          message: `cpuUs (${c.cpuUs}) must be ≤ onPathUs (${c.onPathUs}); put off-path work in postUs`,
        });
      if (h.cpuClass === 'none' && (c.cpuUs > 0 || c.postUs > 0))
        ctx.addIssue({
          code: 'custom',
          path: ['cost', l],
          message: "cpuClass 'none' must have cpuUs and postUs of 0",
        });
    }
    if (h.layer === 'wire' && h.cpuClass !== 'none')
      ctx.addIssue({
        code: 'custom',
        path: ['cpuClass'],
        message: "wire hops use no CPU: cpuClass must be 'none'",
      });
    if ((h.layer === 'app' || h.layer === 'user') && h.cpuClass !== 'container')
      ctx.addIssue({
        code: 'custom',
        path: ['cpuClass'],
        message: `${h.layer}-layer hops run in a container: cpuClass must be 'container'`,
      });
    if (new Set(h.sources).size !== h.sources.length)
      ctx.addIssue({ code: 'custom', path: ['sources'], message: 'sources must not repeat an id' });
    if (h.standing === 'estimate' && !h.sources.includes(ESTIMATE_CITATION_ID))
      ctx.addIssue({
        code: 'custom',
        path: ['sources'],
        message: `estimates must cite '${ESTIMATE_CITATION_ID}'`,
      });
  });

export type HopKind = z.infer<typeof HopKindSchema>;

export const HopCatalogSchema = z
  .array(HopKindSchema)
  .min(1)
  .superRefine((list, ctx) => {
    const first = new Map<string, number>();
    list.forEach((h, i) => {
      const j = first.get(h.id);
      if (j === undefined) first.set(h.id, i);
      else
        ctx.addIssue({
          code: 'custom',
          path: [i, 'id'],
          message: `duplicate hop kind id '${h.id}' (first at [${j}])`,
        });
    });
  });
