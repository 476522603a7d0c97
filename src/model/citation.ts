import { z } from './zod';

/** Kebab-case id, e.g. 'istio-perf-1-24'. */
export const CitationIdSchema = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be kebab-case (a-z, 0-9, single hyphens)');

/** `owner/repo:path` — a file in a public GitHub repository (commit, if any, goes in `version`). */
const GITHUB_REF = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+:[^\s:][^\s]*$/;
/** `./path` — a file in this repository (only for meshpath's own estimates). */
const LOCAL_REF = /^\.\/[^\s]+$/;

export const CitationUrlSchema = z
  .string()
  .refine(
    (s) => GITHUB_REF.test(s) || LOCAL_REF.test(s) || z.url({ protocol: /^https?$/ }).safeParse(s).success,
    {
      message: 'must be an http(s) URL, an owner/repo:path GitHub reference, or a ./path in this repository',
    },
  );

/** measured = the source states the figure (a published measurement, or stated behaviour for specs and docs);
 *  derived = the figure we quote is arithmetic or chart-decoding on published data; estimate = our proposal. */
export const StandingSchema = z.enum(['measured', 'derived', 'estimate']);
export type Standing = z.infer<typeof StandingSchema>;

export const CitationSchema = z.object({
  id: CitationIdSchema,
  title: z.string().min(1),
  publisher: z.string().min(1),
  url: CitationUrlSchema,
  /** Software version, commit, or publication date — whatever the source pins. */
  version: z.string().min(1),
  /** The figure quoted, as text, faithful to the source. */
  figure: z.string().min(1),
  /** Hardware, load and settings the figure was measured under. */
  conditions: z.string().min(1),
  standing: StandingSchema,
  /** H primary and stated in text; M vendor-run, inferred or old; L user report, decoded chart, secondary. */
  confidence: z.enum(['H', 'M', 'L']),
  /** Set when no hop kind cites this source because only calibration checks (or footprint models) use it;
   *  exempts it from the unused-citation check. */
  usedBy: z.enum(['calibration']).optional(),
});

export type Citation = z.infer<typeof CitationSchema>;

export const CitationRegistrySchema = z.array(CitationSchema).superRefine((list, ctx) => {
  const first = new Map<string, number>();
  list.forEach((c, i) => {
    const j = first.get(c.id);
    if (j === undefined) first.set(c.id, i);
    else
      ctx.addIssue({
        code: 'custom',
        path: [i, 'id'],
        message: `duplicate citation id '${c.id}' (first at [${j}])`,
      });
  });
});
