import { z } from './zod';
import { ActorSchema, ArchitectureIdSchema, SideSchema } from './architecture';
import { CitationIdSchema } from './citation';
import { HopKindIdSchema } from './hopKind';

/**
 * A lesson as plain data (lessons/<NN-slug>/lesson.json): metadata and typed steps. Every word a
 * learner reads lives in the lesson's text.md under an id (`## <id>` sections), so a course can be
 * translated without touching the steps. Predicates and measured quantities are a small closed
 * vocabulary over what the engine reports (hop records, station queues, comparison results), so a
 * runner can drive the Simulate and Compare sessions and tests can replay a lesson headlessly.
 * Every object is strict: a misspelt field is an error naming it, not a silently ignored key.
 */

/** An id of a string in text.md: `## <id>`. */
export const TextIdSchema = z
  .string()
  .max(64)
  .regex(/^[a-z][a-z0-9-]*$/, 'must be a lower-case id (a-z, 0-9, -) naming a "## <id>" section of text.md');
export type TextId = z.infer<typeof TextIdSchema>;

const StepIdSchema = z
  .string()
  .max(48)
  .regex(/^[a-z][a-z0-9-]*$/, 'must be a lower-case id (a-z, 0-9, -)');

export const LESSON_ID_PATTERN = /^(\d\d)-[a-z0-9]+(-[a-z0-9]+)*$/;
export const LessonIdSchema = z
  .string()
  .max(64)
  .regex(LESSON_ID_PATTERN, 'must be NN-slug, e.g. 01-what-a-mesh-does');

/** Preset scenario ids are checked against models/presets by the loader. */
const PresetIdSchema = z
  .string()
  .max(64)
  .regex(/^[a-z0-9-]+$/, 'must be a preset id (file name in models/presets)');

// ---- what a step can point at ------------------------------------------------------------------

/** Components a hop is charged to or a station belongs to (the compiler's actors). */
export const ComponentSchema = ActorSchema;
export type Component = z.infer<typeof ComponentSchema>;

/** Hops of the compiled route: every given field must match (a hop kind, the side, who runs it, the leg). */
export const HopSelectorSchema = z
  .strictObject({
    hopKind: HopKindIdSchema.optional(),
    side: SideSchema.optional(),
    actor: ActorSchema.optional(),
    leg: z.enum(['request', 'response', 'handler']).optional(),
  })
  .refine((h) => Object.keys(h).length > 0, 'name at least one of hopKind, side, actor, leg');
export type HopSelector = z.infer<typeof HopSelectorSchema>;

/** Stations (resources): a thread pool of a component, or a node's cores ('node'); optionally one node. */
export const StationSelectorSchema = z.strictObject({
  component: z.enum(['app', 'library', 'sidecar', 'nodeproxy', 'waypoint', 'node']),
  node: z.number().int().min(0).max(999).optional(),
});
export type StationSelector = z.infer<typeof StationSelectorSchema>;

/** Conditions on the simulation a `waitUntil` step (or a reveal) waits for. */
export const PredicateSchema = z.discriminatedUnion('kind', [
  /** The n-th traced request (1: the first) enters a hop matching `hop`. */
  z.strictObject({
    kind: z.literal('hopReached'),
    hop: HopSelectorSchema,
    request: z.number().int().min(1).max(10_000).default(1),
  }),
  /** Messages waiting at a matching station exceed n. */
  z.strictObject({
    kind: z.literal('queueAbove'),
    station: StationSelectorSchema,
    n: z.number().int().min(0),
  }),
  /** n traced requests have received their response. */
  z.strictObject({ kind: z.literal('requestsDone'), n: z.number().int().min(1).max(1_000_000) }),
  /** The simulated clock has reached `us` µs. */
  z.strictObject({ kind: z.literal('timeReached'), us: z.number().min(0).max(3.6e9) }),
  /** The comparison has simulated results (not only the analytic estimate) for the current scenario. */
  z.strictObject({ kind: z.literal('resultsReady') }),
]);
export type Predicate = z.output<typeof PredicateSchema>;
export type PredicateInput = z.input<typeof PredicateSchema>;

/**
 * Measured quantities, each read from a comparison's result for one architecture. Units: latencies
 * in µs (added = minus no-mesh, paired per seed), CPU in vCPU per 1000 rps, memory in MiB, the rest
 * per request or a share (0..1).
 */
export const METRICS = {
  latencyP50: 'µs',
  latencyP90: 'µs',
  latencyP99: 'µs',
  /** p99 measured from the actual send time (hides coordinated omission). */
  latencyP99Actual: 'µs',
  addedLatencyP50: 'µs',
  addedLatencyP90: 'µs',
  addedLatencyP99: 'µs',
  vcpuPer1000rps: 'vCPU',
  vcpuContainerPer1000rps: 'vCPU',
  vcpuKernelPer1000rps: 'vCPU',
  hopsPerRequest: 'count',
  kernelCrossings: 'count',
  copies: 'count',
  contextSwitches: 'count',
  proxiesPerRequest: 'count',
  failedShare: 'share',
  retriesPerRequest: 'count',
  /** Memory the mesh uses per application pod (data plane and control plane amortised; the footprint). */
  memoryPerPodMiB: 'MiB',
  /** Utilisation of the busiest matching station (0..1). */
  busiestUtilization: 'share',
} as const;
export type Metric = keyof typeof METRICS;
export const MetricSchema = z.enum(Object.keys(METRICS) as [Metric, ...Metric[]]);

export const QuantitySchema = z.strictObject({
  metric: MetricSchema,
  architecture: ArchitectureIdSchema,
  /** Narrows CPU metrics and busiestUtilization to one component (sidecar, nodeproxy, kernel, …). */
  component: z.enum(['app', 'library', 'sidecar', 'nodeproxy', 'waypoint', 'kernel', 'node']).optional(),
});
export type Quantity = z.infer<typeof QuantitySchema>;

/** A number from the run: one quantity, or the ratio of two. */
export const ValueSchema = z.union([
  QuantitySchema,
  z.strictObject({ ratio: z.tuple([QuantitySchema, QuantitySchema]) }),
]);
export type Value = z.infer<typeof ValueSchema>;

const Tolerance = z.number().min(0).max(1);

/**
 * Statements about measured results, always relative to other results so recalibrating the models
 * cannot silently make a lesson wrong: an ordering (each at least the one before, within a relative
 * tolerance) or a ratio within bounds. `between` is for shares and counts the model fixes (hops,
 * proxies on the path), not for calibrated costs.
 */
export const ConditionSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('ascending'),
    values: z.array(QuantitySchema).min(2).max(9),
    tolerance: Tolerance.default(0),
  }),
  z
    .strictObject({
      kind: z.literal('ratio'),
      numerator: QuantitySchema,
      denominator: QuantitySchema,
      min: z.number().min(0).optional(),
      max: z.number().positive().optional(),
    })
    .refine((c) => c.min !== undefined || c.max !== undefined, 'give min, max or both'),
  z
    .strictObject({
      kind: z.literal('between'),
      value: QuantitySchema,
      min: z.number().optional(),
      max: z.number().optional(),
    })
    .refine((c) => c.min !== undefined || c.max !== undefined, 'give min, max or both'),
]);
export type Condition = z.output<typeof ConditionSchema>;

// ---- steps -------------------------------------------------------------------------------------

const Citations = z.array(CitationIdSchema).max(8).default([]);
const Texts = z.array(TextIdSchema).min(1).max(8);
/**
 * Speaker notes for the teacher (a text.md id), shown in presenter mode on a toggle; never shown to a
 * learner working alone, nor printed in the handout.
 */
const Notes = TextIdSchema.optional();

/** What a narration points at on screen. */
export const HighlightSchema = z
  .strictObject({
    hops: z.array(HopSelectorSchema).max(8).optional(),
    components: z.array(ComponentSchema).max(7).optional(),
    /** One traced request's packet (1: the first). */
    packet: z.number().int().min(1).max(10_000).optional(),
  })
  .refine((h) => Object.keys(h).length > 0, 'highlight at least hops, components or a packet');
export type Highlight = z.infer<typeof HighlightSchema>;

/** Scenario changes a lesson may make on top of a preset (a closed set: the runner must honour each). */
export const ScenarioChangesSchema = z
  .strictObject({
    mtls: z.boolean().optional(),
    l7Policy: z.boolean().optional(),
    telemetry: z.boolean().optional(),
    connectionReuse: z.boolean().optional(),
    nodeEncryption: z.boolean().optional(),
    placement: z.enum(['cross-node', 'same-node', 'spread']).optional(),
    /** Who shares a waypoint: Istio's default one per namespace, or one per service. */
    waypointScope: z.enum(['namespace', 'service']).optional(),
    rps: z.number().positive().max(1_000_000).optional(),
    meshPods: z.number().int().min(1).max(100_000).optional(),
    retries: z.number().int().min(0).max(10).optional(),
    timeoutMs: z.number().positive().max(600_000).optional(),
    protocol: z.enum(['http1', 'http2', 'grpc']).optional(),
    /** Client connections of the load (Fortio -c). */
    connections: z.number().int().min(1).max(10_000).optional(),
    /** How paced connections are spread (Fortio: start together, -uniform, -jitter); makes the load paced. */
    pacing: z.enum(['together', 'uniform', 'jitter']).optional(),
    /** Which side's L7 rule (Cilium: whose node's Envoy). */
    l7Direction: z.enum(['ingress', 'egress']).optional(),
  })
  .refine((c) => Object.keys(c).length > 0, 'list at least one change');
export type ScenarioChanges = z.infer<typeof ScenarioChangesSchema>;

const NarrateStep = z.strictObject({
  type: z.literal('narrate'),
  id: StepIdSchema,
  notes: Notes,
  text: TextIdSchema,
  highlight: HighlightSchema.optional(),
  citations: Citations,
});

const SetStep = z
  .strictObject({
    type: z.literal('set'),
    id: StepIdSchema,
    notes: Notes,
    page: z.enum(['simulate', 'compare']).optional(),
    scenario: z
      .strictObject({ preset: PresetIdSchema, changes: ScenarioChangesSchema.optional() })
      .optional(),
    /** Simulate: the one architecture shown. */
    architecture: ArchitectureIdSchema.optional(),
    /** Compare: the architectures compared (no-mesh is always run as the baseline). */
    architectures: z.array(ArchitectureIdSchema).min(1).max(9).optional(),
    view: z.enum(['trace', 'load']).optional(),
    /** Slow-down factor of playback (1: real time). */
    speed: z.number().int().min(1).max(1_000_000).optional(),
    camera: z.enum(['overview', 'client', 'server', 'path']).optional(),
    /** Optional words shown while the change is made. */
    text: TextIdSchema.optional(),
  })
  .refine(
    (s) =>
      ['page', 'scenario', 'architecture', 'architectures', 'view', 'speed', 'camera'].some((k) => k in s),
    'a set step must change at least one of page, scenario, architecture, architectures, view, speed, camera',
  );

const WaitStep = z.strictObject({
  type: z.literal('waitUntil'),
  id: StepIdSchema,
  notes: Notes,
  text: TextIdSchema,
  until: PredicateSchema,
});

const Option = z.strictObject({ id: StepIdSchema, text: TextIdSchema });

/** How a bet is placed, and how the right answer comes from the run (or is fixed, for facts). */
export const BetSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('choice'),
    options: z.array(Option).min(2).max(6),
    /** A fixed answer (a fact with a citation), or the first option whose condition holds in the run. */
    correct: z.union([
      z.strictObject({ option: StepIdSchema }),
      z.strictObject({
        fromRun: z
          .array(z.strictObject({ option: StepIdSchema, when: ConditionSchema }))
          .min(1)
          .max(6),
      }),
    ]),
  }),
  z.strictObject({
    kind: z.literal('ordering'),
    /** Put these in ascending order of their measured value; ties within the tolerance go either way. */
    items: z
      .array(z.strictObject({ id: StepIdSchema, text: TextIdSchema, value: QuantitySchema }))
      .min(2)
      .max(6),
    tolerance: Tolerance.default(0.05),
  }),
  z
    .strictObject({
      kind: z.literal('number'),
      value: ValueSchema,
      /** How the slider shows the number: 'ms' and 'µs' for latencies (held in µs), 'x' for ratios. */
      unit: z.enum(['µs', 'ms', 'vCPU', 'MiB', 'count', 'x', '%']),
      slider: z.strictObject({ min: z.number(), max: z.number(), step: z.number().positive() }),
      /** A bet within this relative distance of the measured value counts as right. */
      tolerance: Tolerance.default(0.25),
    })
    .refine((n) => n.slider.max > n.slider.min, {
      message: 'slider.max must exceed slider.min',
      path: ['slider'],
    }),
]);
export type Bet = z.output<typeof BetSchema>;

const Feedback = z.strictObject({ right: TextIdSchema, wrong: TextIdSchema });

const PredictStep = z.strictObject({
  type: z.literal('predict'),
  id: StepIdSchema,
  notes: Notes,
  question: TextIdSchema,
  bet: BetSchema,
  /** The result is revealed when this holds (by default when the run's results are in). */
  reveal: PredicateSchema.default({ kind: 'resultsReady' }),
  feedback: Feedback,
  /** The misconception this question probes, in words (shown after the reveal). */
  misconception: TextIdSchema.optional(),
  citations: Citations,
});

const ChallengeStep = z.strictObject({
  type: z.literal('challenge'),
  id: StepIdSchema,
  notes: Notes,
  question: TextIdSchema,
  /** The hop the question is asked on: the runner stops the packet there and highlights it. */
  on: HopSelectorSchema,
  options: z.array(Option).min(2).max(6),
  correct: z.array(StepIdSchema).min(1).max(6),
  feedback: Feedback,
  citations: Citations,
});

const CheckStep = z.strictObject({
  type: z.literal('check'),
  id: StepIdSchema,
  notes: Notes,
  text: TextIdSchema,
  condition: ConditionSchema,
  pass: TextIdSchema,
  fail: TextIdSchema,
});

const NoticeStep = z.strictObject({
  type: z.literal('notice'),
  id: StepIdSchema,
  notes: Notes,
  items: Texts,
});
const TryStep = z.strictObject({ type: z.literal('try'), id: StepIdSchema, notes: Notes, items: Texts });
const SandboxStep = z.strictObject({
  type: z.literal('sandbox'),
  id: StepIdSchema,
  notes: Notes,
  text: TextIdSchema,
});

export const StepSchema = z.discriminatedUnion('type', [
  NarrateStep,
  SetStep,
  WaitStep,
  PredictStep,
  ChallengeStep,
  CheckStep,
  NoticeStep,
  TryStep,
  SandboxStep,
]);
export type Step = z.output<typeof StepSchema>;
export type StepType = Step['type'];
export type SetStepData = Extract<Step, { type: 'set' }>;
export type PredictStepData = Extract<Step, { type: 'predict' }>;

export const LEVELS = ['beginner', 'intermediate', 'advanced'] as const;

export const LessonSchema = z
  .strictObject({
    id: LessonIdSchema,
    order: z.number().int().min(0).max(99),
    /** Estimated minutes for a learner working alone. */
    minutes: z.number().int().min(5).max(15),
    level: z.enum(LEVELS),
    title: TextIdSchema,
    summary: TextIdSchema,
    objectives: z.array(TextIdSchema).min(1).max(6),
    /** Sources the lesson's statements rest on. */
    citations: Citations,
    steps: z.array(StepSchema).min(3).max(60),
  })
  .superRefine((l, ctx) => {
    const seen = new Set<string>();
    l.steps.forEach((s, i) => {
      if (seen.has(s.id))
        ctx.addIssue({
          code: 'custom',
          path: ['steps', i, 'id'],
          message: `step id '${s.id}' is used twice`,
        });
      seen.add(s.id);
    });
    const last = l.steps.length - 1;
    if (l.steps[last]?.type !== 'sandbox')
      ctx.addIssue({ code: 'custom', path: ['steps', last], message: 'a lesson ends with a sandbox step' });
    if (!l.steps.some((s) => s.type === 'try'))
      ctx.addIssue({ code: 'custom', path: ['steps'], message: 'a lesson has at least one "try" step' });
    if (l.steps[0]?.type !== 'set')
      ctx.addIssue({
        code: 'custom',
        path: ['steps', 0],
        message: 'a lesson starts with a set step (its scenario)',
      });
  });
export type Lesson = z.output<typeof LessonSchema>;
export type LessonInput = z.input<typeof LessonSchema>;
