import type { CompiledEntry, RunFigures } from '../../engine';
import { engineLoad } from '../../model/engineLoad';
import { MAX_REPLICATIONS } from '../../model/precision';
import { joinRounds } from '../../model/rounds';
import { derivedScenario, deriveSimSpec, type ValidScenario } from '../../model/valid';
import type { CompareContext, Job } from './context';
import { atConnections, CONNECTION_COUNTS } from './connectionsSweep';
import { atLoad, planSweep } from './loadSweep';
import { combineProgress } from './progress';
import type { CompareProgress, DesignSpec, ShardInput, ShardOutcome } from './types';

/**
 * The bookkeeping of a job — one comparison shared among the workers — as pure functions of the
 * machine's context.
 */

/** The compiled specs of the designs that can run, as the workers receive them. */
export const designsOf = (compiled: readonly CompiledEntry[]): DesignSpec[] =>
  compiled.flatMap((e) =>
    e.status === 'compiled' ? [{ architecture: e.architecture, spec: e.compiled.spec }] : [],
  );

/** How many points the running sweep has: the load sweep's loads or the connection counts. */
export function sweepLength(c: CompareContext): number {
  return c.sweepKind === 'connections'
    ? CONNECTION_COUNTS.length
    : (planSweep(c.scenario, c.estimate)?.points.length ?? 0);
}

/** The i-th sweep point's scenario (a valid one, derived) and designs: the compiled specs at its load. */
export function sweepJob(c: CompareContext): { scenario: ValidScenario; designs: DesignSpec[] } | null {
  if (!c.accepted) return null;
  let scenario: ValidScenario;
  if (c.sweepKind === 'connections') {
    const n = CONNECTION_COUNTS[c.sweepIndex];
    if (n === undefined) return null;
    scenario = derivedScenario(c.accepted.scenario, (s) => atConnections(s, n));
  } else {
    const point = planSweep(c.scenario, c.estimate)?.points[c.sweepIndex];
    if (!point) return null;
    scenario = derivedScenario(c.accepted.scenario, (s) => atLoad(s, point.rps));
  }
  // Only the load and the run length differ: the compiled specs are reused with those two replaced
  // (and a worker holding a design's spec is sent only those two).
  const designs = designsOf(c.accepted.compiled).map((d) => ({
    architecture: d.architecture,
    spec: deriveSimSpec(d.spec, { load: engineLoad(scenario), run: scenario.run }),
  }));
  return { scenario, designs };
}

/** A new job: no runs yet, one slot per run of the plan (designs × replications `from` up to `to`). */
export function newJob(
  id: number,
  work: { scenario: ValidScenario; designs: DesignSpec[] },
  range: { from: number; to: number },
  workers: number,
): Job {
  return {
    id,
    ...work,
    ...range,
    runs: Array.from({ length: work.designs.length * (range.to - range.from) }, () => null),
    shardsDone: 0,
    shardProgress: Array.from({ length: workers }, () => null),
    fraction: 0,
    failed: null,
    cancelled: false,
  };
}

/** What each worker's shard actor of a job is asked to run: its share of the job's runs. */
export function shardInputs(
  job: Job,
  workers: number,
  opts: { sliceEvents?: number; progress: boolean },
): ShardInput[] {
  return Array.from({ length: workers }, (_, index) => ({
    job: job.id,
    index,
    count: workers,
    seed: job.scenario.seed,
    designs: job.designs,
    from: job.from,
    replications: job.to,
    sliceEvents: opts.sliceEvents,
    progress: opts.progress,
  }));
}

/**
 * A shard's progress: the comparison's one progress line. The job's runs are weighted together and
 * never go back; the replications of the rounds before this one count as done, so a round that adds
 * replications goes on from the share of the larger plan already run ("10 of 13 replications"), not
 * from zero, and the runs are counted for the whole comparison.
 */
export function withShardProgress(
  job: Job,
  index: number,
  progress: CompareProgress,
): { job: Job; progress: CompareProgress } {
  const shardProgress = job.shardProgress.map((p, i) => (i === index ? progress : p));
  const line = combineProgress(shardProgress, job.runs.length, job.fraction, progress.architecture);
  const before = job.from * job.designs.length;
  const total = job.to * job.designs.length;
  const whole =
    total > 0
      ? {
          ...line,
          fraction: Math.min((before + line.fraction * job.runs.length) / total, 0.999),
          runsDone: before + line.runsDone,
          runsTotal: total,
        }
      : line;
  return { job: { ...job, shardProgress, fraction: line.fraction }, progress: whole };
}

/** A shard's answer: its runs fill their places in the plan (the assembly of the shards), or it failed. */
export function withShardOutcome(job: Job, o: ShardOutcome): Job {
  if (o.status === 'error') return { ...job, failed: job.failed ?? o.message };
  if (o.status === 'cancelled') return { ...job, cancelled: true };
  return { ...job, runs: job.runs.map((r, j) => o.runs[j] ?? r), shardsDone: job.shardsDone + 1 };
}

/**
 * The main comparison's runs so far: the finished rounds' and the job's, each design's replications in
 * turn from 0 (the order the assembly reads). Null slots stay null (a job not finished).
 */
export function roundRuns(
  designs: number,
  rounds: CompareContext['rounds'],
  job: Pick<Job, 'from' | 'to' | 'runs'>,
): (RunFigures | null)[] {
  return joinRounds<RunFigures | null>(designs, rounds && { ...rounds, from: readUpTo(rounds) }, job);
}

/** Replications an assembly has read already: the runs kept start after them. */
const readUpTo = (rounds: NonNullable<CompareContext['rounds']>) => rounds.carry?.replications ?? 0;

/**
 * The main comparison's runs not yet read: the finished rounds' that no assembly has read (the
 * replication run ahead included, once folded in) and the current round's job, if it has one (a round
 * of one replication run ahead has none).
 */
export function mainRuns(c: CompareContext): (RunFigures | null)[] {
  const designs = designsOf(c.accepted!.compiled).length;
  const had = c.rounds?.replications ?? 0;
  return roundRuns(designs, c.rounds, c.job ?? { from: had, to: had, runs: [] });
}

/**
 * The replication the next round is sure to run, started while the round that ended at `roundTo` is
 * assembled: a round adds at least one replication, unless the comparison is at its cap. Null without a
 * precision target (a fixed count runs one round).
 */
export function aheadRange(c: CompareContext): { from: number; to: number } | null {
  if (c.accepted?.precision == null || c.roundTo >= MAX_REPLICATIONS) return null;
  return { from: c.roundTo, to: c.roundTo + 1 };
}

/** The replication run ahead joins the finished rounds: the round's own job starts after it. */
export function foldAhead(c: CompareContext): Pick<CompareContext, 'rounds' | 'ahead'> {
  const ahead = c.ahead;
  if (!ahead) return { rounds: c.rounds, ahead: null };
  const runs = roundRuns(ahead.designs.length, c.rounds, ahead) as RunFigures[];
  return { rounds: { replications: ahead.to, carry: c.rounds?.carry ?? null, runs }, ahead: null };
}
