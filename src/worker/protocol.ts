import { z } from '../model/zod';
import { ArchitectureIdSchema } from '../model/architecture';
import type { RunSummary } from '../model/result';
import type { PackedRun } from './packedRun';
import type { AnalyticEstimate } from '../engine';
import type { ScenarioEstimate } from '../engine';

/**
 * Messages between the page and the engine worker. Both sides validate what they receive, because a
 * message is untyped data at runtime. A spec itself is checked by the runner (SimSpecSchema), so a
 * bad spec comes back as an 'error' naming the field rather than as a malformed message — unless the
 * page's compiler built it (`compiled`; see SpecRequestSchema).
 */

const Id = z.number().int().nonnegative();

export const RunRequestSchema = z.object({
  type: z.literal('run'),
  id: Id,
  spec: z.unknown(),
  /** Events between progress reports (also the slice length between checks for 'cancel'). */
  progressEvery: z.number().int().min(1).max(10_000_000).optional(),
});
export const CancelRequestSchema = z.object({ type: z.literal('cancel'), id: Id });
/** The analytic estimate of every architecture of a scenario (checked by the handler, like a spec). */
export const EstimateRequestSchema = z.object({ type: z.literal('estimate'), id: Id, scenario: z.unknown() });
/**
 * Specs each worker keeps, parsed, by key (and the page remembers per worker which keys it sent), so
 * every round of a comparison after the first sends keys, not specs. Room for one job's designs (every
 * architecture: 9) and a sweep point derived from them (which shares its base's arrays, so costs the
 * worker little memory); a sweep point touches its base, so the bases outlive the points. Keys name
 * spec objects and a change compiles new ones, so more room would only hold older scenarios' megabytes.
 */
export const SPEC_CACHE_SIZE = 20;
const SpecKey = z.string().min(1).max(120);

/** A spec's long lists, which a large mesh's spec sends in parts (`spec-part`) before the rest. */
export const SPEC_PART_FIELDS = ['stations', 'hops', 'routes'] as const;
export type SpecPartField = (typeof SPEC_PART_FIELDS)[number];
/**
 * Items per part: about 0.6 MB of hops, ~10 ms to copy in Chromium. A 2,000-pod design's 11,430 hops
 * in one message took 50–90 ms of the page's thread to copy; a 400-pod design's 4,700 about 15 ms.
 */
export const SPEC_PART_ITEMS = 2_000;
/**
 * Items per part by list: a route (its steps and calls) copies about six hops' worth (large-mesh's
 * sidecar design: 891 routes, 1.4 MB), so routes go 400 to a part to stay near the hops' 0.6 MB.
 */
export const SPEC_PART_ITEMS_OF: Record<SpecPartField, number> = {
  stations: SPEC_PART_ITEMS,
  hops: SPEC_PART_ITEMS,
  routes: 400,
};

/**
 * Consecutive items of one of a spec's long lists (SPEC_PART_FIELDS), sent in a task of its own ahead of
 * the `spec` message that names `key` and lists the field in `parts`; the worker joins them in order.
 */
export const SpecPartRequestSchema = z.object({
  type: z.literal('spec-part'),
  key: SpecKey,
  field: z.enum(SPEC_PART_FIELDS),
  items: z.array(z.unknown()),
});

/**
 * One design's compiled spec for the worker to keep under `key` (no reply: a comparison naming the key
 * reports a bad spec). The page sends each in a task of its own before the comparison that needs it, so
 * no single copy to a worker is long; the key names one unchanging spec (specKeys.ts). A spec the page's
 * compiler built (`compiled`) is kept as it is: its scenario was validated where it entered, on the
 * page, and the compiler's output for every preset and design is checked against SimSpecSchema in
 * tests; parsing it again cost each worker 32–36 ms per 400-pod design and about 0.26 s per 2,000-pod
 * one (warm, in Node; more in a worker's first seconds). Any other spec (the Engine check page's, a file's, a test's) is parsed here.
 */
export const SpecRequestSchema = z
  .object({
    type: z.literal('spec'),
    key: SpecKey,
    architecture: ArchitectureIdSchema,
    spec: z.unknown().optional(),
    /** The fields of `spec` that came ahead in `spec-part` messages for this key (not in `spec` itself). */
    parts: z.array(z.enum(SPEC_PART_FIELDS)).optional(),
    /** Instead of `spec`: a spec the worker holds with its load and run replaced (a sweep point). */
    base: z.object({ key: SpecKey, patch: z.object({ load: z.unknown(), run: z.unknown() }) }).optional(),
    /** The page's compiler built `spec` from a scenario validated where it entered: kept as it is. */
    compiled: z.literal(true).optional(),
  })
  .refine((m) => (m.spec === undefined) !== (m.base === undefined), {
    message: 'a spec message carries its spec or a base and patch, not both',
    path: ['spec'],
  });

/**
 * A design in a comparison: its spec inline (parsed here, and kept when it has a key), or the key of a
 * spec this worker was sent before. A key the worker does not hold (evicted, or a replacement worker)
 * is answered with 'spec-missing' and the page sends those specs again.
 */
const CompareDesignSchema = z
  .object({
    architecture: ArchitectureIdSchema,
    key: SpecKey.optional(),
    spec: z.unknown().optional(),
    /** As a `spec` message's: an inline spec the page compiled, kept as it is. */
    compiled: z.literal(true).optional(),
  })
  .refine((d) => d.key !== undefined || d.spec !== undefined, {
    message: 'a design needs its spec or the key of one sent before',
    path: ['spec'],
  });

/**
 * Simulates designs compiled on the page (one spec per design, compiled once per change) on common
 * seeds, with replications; cancellable. A spec not compiled on the page is parsed once here, at the
 * worker's entry, and runs trusted from then on. The reply is the runs ('compare-runs'); the page assembles them.
 */
export const CompareRequestSchema = z.object({
  type: z.literal('compare'),
  id: Id,
  /** The scenario's seed: each replication's seed derives from it. */
  seed: z.number().int().min(0).max(0xffffffff),
  designs: z.array(CompareDesignSchema),
  replications: z.number().int().min(2).max(50),
  /** First replication to run: a later round of a comparison runs `from` up to `replications`. */
  from: z.number().int().min(0).max(49).optional(),
  /** Events between progress reports and cancel checks. */
  progressEvery: z.number().int().min(1).max(10_000_000).optional(),
  /** false: send no progress (a background run nobody watches, e.g. the load sweep). */
  progress: z.boolean().optional(),
  /**
   * true: answer with 'compare-packed', each run's figures without the labels its spec fixes (the page
   * compiled the specs and pairs them again; see packedRun.ts). A page sending raw specs leaves it out.
   */
  packed: z.boolean().optional(),
  /** Run only this share of the runs (several workers, one comparison); all of them when absent. */
  shard: z
    .object({ index: z.number().int().min(0), count: z.number().int().min(1).max(64) })
    .refine((s) => s.index < s.count, { message: 'index must be below count', path: ['index'] })
    .optional(),
});
export const RequestSchema = z.discriminatedUnion('type', [
  RunRequestSchema,
  CancelRequestSchema,
  EstimateRequestSchema,
  CompareRequestSchema,
  SpecRequestSchema,
  SpecPartRequestSchema,
]);

export type SpecRequest = z.infer<typeof SpecRequestSchema>;
export type SpecPartRequest = z.infer<typeof SpecPartRequestSchema>;
export type CompareDesign = z.infer<typeof CompareDesignSchema>;
export type RunRequest = z.infer<typeof RunRequestSchema>;
export type EstimateRequest = z.infer<typeof EstimateRequestSchema>;
export type CompareRequest = z.infer<typeof CompareRequestSchema>;
export type CancelRequest = z.infer<typeof CancelRequestSchema>;
export type Request = z.infer<typeof RequestSchema>;

/** Plain objects produced by our own engine; checked only for shape, not field by field. */
const isObject = (v: unknown): boolean => typeof v === 'object' && v !== null;

export const ProgressResponseSchema = z.object({
  type: z.literal('progress'),
  id: Id,
  /** 0..1, non-decreasing within a run; 1 only when the run is complete. */
  fraction: z.number().min(0).max(1),
  events: z.number().int().nonnegative(),
  /** Simulated time reached, µs. */
  nowUs: z.number().nonnegative(),
});
export const ResultResponseSchema = z.object({
  type: z.literal('result'),
  id: Id,
  summary: z.custom<RunSummary>(isObject),
  analytic: z.custom<AnalyticEstimate>(isObject),
});
export const ErrorResponseSchema = z.object({ type: z.literal('error'), id: Id, message: z.string() });
export const EstimateResponseSchema = z.object({
  type: z.literal('estimate-result'),
  id: Id,
  estimate: z.custom<ScenarioEstimate>(isObject),
});
export const CompareProgressResponseSchema = z.object({
  type: z.literal('compare-progress'),
  id: Id,
  /** 0..1 over all runs, non-decreasing; 1 only when every run is complete. */
  fraction: z.number().min(0).max(1),
  runsDone: z.number().int().nonnegative(),
  runsTotal: z.number().int().nonnegative(),
  /** The architecture being simulated. */
  architecture: z.string().nullable(),
});
/** A shard's runs, indexed like the comparison's plan (null where another shard runs it). */
export const CompareRunsResponseSchema = z.object({
  type: z.literal('compare-runs'),
  id: Id,
  runs: z.array(z.custom<RunSummary | null>((v) => v === null || isObject(v))),
});
/**
 * A shard's runs as 'compare-runs' has them, packed (packedRun.ts): each run's hop and station figures
 * in a Float64Array, transferred; the page pairs them with the labels of the specs it sent.
 */
export const ComparePackedResponseSchema = z.object({
  type: z.literal('compare-packed'),
  id: Id,
  runs: z.array(z.custom<PackedRun | null>((v) => v === null || isObject(v))),
});
/** The comparison named spec keys this worker does not hold: nothing ran; send them again inline. */
export const SpecMissingResponseSchema = z.object({
  type: z.literal('spec-missing'),
  id: Id,
  keys: z.array(z.string()),
});
/** Acknowledges a 'cancel': the run stopped early and no result follows. */
export const CancelledResponseSchema = z.object({ type: z.literal('cancelled'), id: Id });
export const ResponseSchema = z.discriminatedUnion('type', [
  ProgressResponseSchema,
  ResultResponseSchema,
  ErrorResponseSchema,
  CancelledResponseSchema,
  EstimateResponseSchema,
  CompareProgressResponseSchema,
  CompareRunsResponseSchema,
  ComparePackedResponseSchema,
  SpecMissingResponseSchema,
]);

export type ProgressResponse = z.infer<typeof ProgressResponseSchema>;
export type ResultResponse = z.infer<typeof ResultResponseSchema>;
export type ErrorResponse = z.infer<typeof ErrorResponseSchema>;
export type CancelledResponse = z.infer<typeof CancelledResponseSchema>;
export type EstimateResponse = z.infer<typeof EstimateResponseSchema>;
export type CompareProgressResponse = z.infer<typeof CompareProgressResponseSchema>;
export type Response = z.infer<typeof ResponseSchema>;

/** Id used in an 'error' reply to a message too malformed to carry a usable id. */
export const UNKNOWN_ID = 0;

/** Schema problems in the project's one message form (path, expected shape or limit, bounded). */
export { formatIssues, formatPath } from '../model/issues';
