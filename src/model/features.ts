import { z } from './zod';
import { ARCHITECTURE_IDS, type ArchitectureId } from './architecture';
import { CitationIdSchema } from './citation';

export const FEATURE_IDS = [
  'mtls',
  'node-encryption',
  'l7-policy',
  'telemetry',
  'retries',
  'timeouts',
  'circuit-breaking',
  'mutual-auth',
  'ztunnel-encryption',
  'balancing',
  'protocol-http',
  'protocol-grpc',
] as const;
export type FeatureId = (typeof FEATURE_IDS)[number];

/**
 * The feature matrix: for each mesh feature, where each architecture runs it and whether a scenario
 * can switch it. Modes: 'optional' (follows the scenario), 'always' (cannot be turned off),
 * 'unavailable' (the architecture cannot provide it: runs without it and says so), 'unsupported'
 * (the combination cannot run at all; the reason is shown instead of a result).
 */
export const SupportSchema = z
  .object({
    mode: z.enum(['optional', 'always', 'unavailable', 'unsupported']),
    /** Where it runs, e.g. 'client sidecar', 'node kernel (WireGuard)', '—'. */
    where: z.string(),
    /** What the architecture does by default (e.g. 'on', '2 retries', 'per connection'). */
    default: z.string(),
    /** Why it is always on, unavailable or unsupported; shown next to results. */
    reason: z.string().optional(),
    /**
     * Another feature this one needs on this architecture: with it off, this one is unavailable and
     * `reason` says why (Cilium's L7 metrics exist only when an L7 rule puts its node Envoy on the path).
     */
    requires: z.enum(FEATURE_IDS).optional(),
  })
  .refine((s) => s.mode === 'optional' || (s.reason && s.reason.length > 0), {
    message: 'a reason is required unless the mode is optional',
    path: ['reason'],
  })
  .refine((s) => !s.requires || (s.mode === 'optional' && s.reason && s.reason.length > 0), {
    message: "a feature that requires another is 'optional' and gives the reason it is off without it",
    path: ['requires'],
  });
export type Support = z.infer<typeof SupportSchema>;

const perArchitecture = z.object(
  Object.fromEntries(ARCHITECTURE_IDS.map((id) => [id, SupportSchema])) as Record<
    ArchitectureId,
    typeof SupportSchema
  >,
);

export const FeatureSchema = z.object({
  id: z.enum(FEATURE_IDS),
  name: z.string(),
  description: z.string(),
  support: perArchitecture,
  sources: z.array(CitationIdSchema).min(1),
});
export type Feature = z.infer<typeof FeatureSchema>;

export const FeatureMatrixSchema = z.array(FeatureSchema).superRefine((fs, ctx) => {
  const seen = new Set<string>();
  fs.forEach((f, i) => {
    if (seen.has(f.id))
      ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `duplicate feature '${f.id}'` });
    seen.add(f.id);
  });
});
export type FeatureMatrix = z.infer<typeof FeatureMatrixSchema>;
