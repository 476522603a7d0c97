import { createHash } from 'node:crypto';
import { z } from '../model/zod';
import type { ComparisonResult } from '../engine';
import { ArchitectureIdSchema } from '../model/architecture';
import { DEFAULT_PRECISION, PRECISION_RANGE } from '../model/precision';
import { PracticalScenarioSchema, ScenarioSchema, type Scenario } from '../model/scenario';
import { scenarioProblems } from '../model/scenarioChecks';
import type { CliOptions } from './args';
import { executeComparison, resolveComparison, DEFAULT_COMPARISON_REPLICATIONS } from './compare';
import { inputError, usageError } from './errors';
import { PRESET_NAMES } from './presets';
import type { Progress } from './progress';
import { formatIssues, formatProblemLines, isPlainObject } from './scenario';

/**
 * A sweep: one scenario compared at every combination of offered loads and client connections. Each
 * point is a whole comparison (every design, the scenario's seeds, rounds to the precision asked), so a
 * point's numbers do not depend on which machine ran it. A sweep too large for one machine runs in
 * shards (`--shard k/N` runs points k, k+N, k+2N, …) and `--merge` puts the parts together into exactly
 * what one run prints; docs/sweeps.md runs it as a Kubernetes Indexed Job.
 */

export const SweepFileSchema = z
  .object({
    sweep: z
      .object({
        loads: z.array(z.number().positive()).min(1).max(200).optional(),
        connections: z.array(z.number().int().min(1)).min(1).max(200).optional(),
      })
      .strict(),
    preset: z.enum(PRESET_NAMES as [string, ...string[]]).optional(),
    scenario: z.record(z.string(), z.unknown()).optional(),
    architectures: z.array(ArchitectureIdSchema).min(1).optional(),
    replications: z.number().int().min(2).max(30).optional(),
    precision: z
      .union([
        z.literal('fixed'),
        z
          .number()
          .min(PRECISION_RANGE.min * 100)
          .max(PRECISION_RANGE.max * 100),
      ])
      .optional(),
  })
  .strict()
  .refine((f) => (f.preset === undefined) !== (f.scenario === undefined), {
    message: 'give either "preset" or "scenario", not both or neither',
    path: ['preset'],
  });
export type SweepFile = z.infer<typeof SweepFileSchema>;

/** True when parsed JSON is a sweep file (it has a "sweep" section). */
export const isSweepFile = (raw: unknown): boolean => isPlainObject(raw) && 'sweep' in raw;

export interface SweepPoint {
  index: number;
  rps: number | null;
  connections: number;
  scenario: Scenario;
}

/** One point's figures: what a reader of a sweep compares across points. */
export interface PointResult {
  index: number;
  rps: number | null;
  connections: number;
  replications: number;
  precision: ComparisonResult['precision'];
  results: unknown[];
}

export interface SweepOutput {
  sweep: {
    id: string;
    points: number;
    architectures: string[];
    replications: number;
    precision: number | null;
  };
  /** Present in a part: which shard of how many. */
  shard?: { index: number; count: number };
  points: PointResult[];
}

interface ResolvedSweep {
  id: string;
  points: SweepPoint[];
  replications: number;
  precision: number | null;
  architectures: string[];
}

/** The sweep file read and every point validated (the schema and the limits the page applies). */
export function resolveSweep(raw: unknown, source: string, opts: CliOptions): ResolvedSweep {
  const parsed = SweepFileSchema.safeParse(raw);
  if (!parsed.success)
    throw inputError(formatIssues(parsed.error.issues, source, { schema: SweepFileSchema, raw }));
  const f = parsed.data;
  const base = resolveComparison(
    { ...opts, preset: f.preset as CliOptions['preset'], arch: f.architectures ?? opts.arch },
    f.scenario,
  ).scenario;
  const load = base.workload.load;
  if (f.sweep.loads && load.kind === 'closed')
    throw inputError(`${source}: sweep.loads: a closed-loop scenario has no offered load to sweep`);
  const loads: (number | null)[] = f.sweep.loads ?? ['rps' in load ? load.rps : null];
  const conns = f.sweep.connections ?? [load.connections];
  const schema = opts.noLimits ? ScenarioSchema : PracticalScenarioSchema;
  const points: SweepPoint[] = [];
  for (const rps of loads)
    for (const connections of conns) {
      const index = points.length;
      const input = {
        ...base,
        workload: { ...base.workload, load: { ...load, connections, ...(rps !== null ? { rps } : {}) } },
      };
      const where = `${source} (point ${index}: ${rps ?? '–'} rps, ${connections} connections)`;
      const ok = schema.safeParse(input);
      if (!ok.success) throw inputError(formatIssues(ok.error.issues, where, { schema, raw: input }));
      const problems = scenarioProblems(ok.data, { practical: !opts.noLimits });
      if (problems.length) throw inputError(formatProblemLines(problems, where));
      points.push({ index, rps, connections, scenario: ok.data });
    }
  const replications = opts.replications ?? f.replications ?? DEFAULT_COMPARISON_REPLICATIONS;
  const precision =
    opts.precision !== undefined
      ? opts.precision
      : f.precision === 'fixed'
        ? null
        : f.precision !== undefined
          ? f.precision / 100
          : DEFAULT_PRECISION;
  // The identity of the sweep: parts of different sweeps (or of other models) cannot be merged.
  const id = createHash('sha256')
    .update(
      JSON.stringify({
        points: points.map((p) => p.scenario),
        replications,
        precision,
        models: opts.models ?? null,
      }),
    )
    .digest('hex')
    .slice(0, 16);
  return { id, points, replications, precision, architectures: base.architectures };
}

/** Runs the sweep's points (all of them, or shard k of N: points k, k+N, …) and returns them as JSON-ready data. */
export function runSweep(
  sweep: ResolvedSweep,
  source: string,
  opts: CliOptions,
  progress: Progress,
  warn: (line: string) => void,
): SweepOutput {
  const shard = opts.shard;
  const mine = sweep.points.filter((p) => !shard || p.index % shard.count === shard.index);
  const points = mine.map((p): PointResult => {
    const outcome = executeComparison(
      `${source}#${p.index}`,
      p.scenario,
      sweep.replications,
      opts.models,
      progress,
      {
        precision: sweep.precision,
        threads: opts.threads,
        warn,
      },
    );
    const r = outcome.result;
    return {
      index: p.index,
      rps: p.rps,
      connections: p.connections,
      replications: r.replications,
      precision: r.precision,
      results: r.results.map((x) => {
        if (x.unsupported) return x;
        const { compiled: _c, digests: _d, ledger: _l, stations: _s, cpuByInstance: _i, ...rest } = x;
        return rest;
      }),
    };
  });
  return {
    sweep: {
      id: sweep.id,
      points: sweep.points.length,
      architectures: sweep.architectures,
      replications: sweep.replications,
      precision: sweep.precision,
    },
    ...(shard ? { shard } : {}),
    points,
  };
}

const PartSchema = z.object({
  sweep: z.object({
    id: z.string(),
    points: z.number().int().min(1),
    architectures: z.array(z.string()),
    replications: z.number().int(),
    precision: z.number().nullable(),
  }),
  shard: z.object({ index: z.number().int().min(0), count: z.number().int().min(1) }),
  points: z.array(z.object({ index: z.number().int().min(0) }).passthrough()),
});

/** Puts the parts of a sharded sweep together: exactly what one unsharded run prints. */
export function mergeSweepParts(parts: { source: string; raw: unknown }[]): SweepOutput {
  if (parts.length === 0) throw usageError('--merge needs the part files to merge');
  const read = parts.map(({ source, raw }) => {
    const p = PartSchema.safeParse(raw);
    if (!p.success)
      throw inputError(formatIssues(p.error.issues, `${source} (a sweep part)`, { schema: PartSchema, raw }));
    return { source, part: p.data };
  });
  const first = read[0];
  for (const { source, part } of read)
    if (part.sweep.id !== first.part.sweep.id)
      throw inputError(
        `${source}: a part of another sweep (id ${part.sweep.id}, not ${first.part.sweep.id})`,
      );
  const seen = new Map<number, string>();
  const points: PointResult[] = [];
  for (const { source, part } of read)
    for (const pt of part.points) {
      if (seen.has(pt.index))
        throw inputError(`${source}: point ${pt.index} is also in ${seen.get(pt.index)}`);
      seen.set(pt.index, source);
      points.push(pt as unknown as PointResult);
    }
  const missing = Array.from({ length: first.part.sweep.points }, (_, i) => i).filter((i) => !seen.has(i));
  if (missing.length)
    throw inputError(
      `the parts hold ${seen.size} of the sweep's ${first.part.sweep.points} points; missing: ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', …' : ''} (shards of ${first.part.shard.count}: is a part left out?)`,
    );
  points.sort((a, b) => a.index - b.index);
  return { sweep: first.part.sweep, points };
}

/** JSON as the CLI prints it (an interval that could not be computed is null). */
export const sweepJson = (o: SweepOutput): string =>
  `${JSON.stringify(o, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2)}\n`;
