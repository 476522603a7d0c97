import type { AssemblyCarry, CompiledEntry, RunFigures } from '../../engine';
import type { ScenarioEstimate } from '../../model/comparison';
import type { ComparisonView } from '../../model/comparison';
import type { ArchitectureId } from '../../model/architecture';
import type { ValidScenario, ValidSimSpec } from '../../model/valid';
import type { CompareProgress, ShardOutcome } from '../../worker/client';
import type { SweepPoint } from './loadSweep';

export type { CompareProgress, ShardOutcome } from '../../worker/client';

export interface Notice {
  kind: 'info' | 'error';
  text: string;
}

/** What the page is doing: the estimate, the main simulation (runs and their assembly), the load sweep, or nothing. */
export type RunPhase = 'estimating' | 'running' | 'sweeping' | 'idle';

export interface Sweep {
  /** scenarioKey of the main comparison it belongs to. */
  key: string;
  /** Offered loads it runs, req/s. */
  loads: number[];
  points: SweepPoint[];
  status: 'running' | 'done' | 'stopped' | 'failed';
}

/**
 * The analysis of a scenario: compiled once per design (what the workers run) and its analytic
 * estimate, or why the engine cannot take it (a message naming the field).
 */
export type AnalyseOutcome =
  | { status: 'done'; compiled: CompiledEntry[]; estimate: ScenarioEstimate }
  | { status: 'error'; message: string };

/**
 * What the analysis takes: the scenario, and the designs the last accepted change compiled (reused
 * when only the load, seed or run changed; see the engine's reuse.ts).
 */
export interface AnalyseInput {
  scenario: ValidScenario;
  previous?: readonly CompiledEntry[];
}

/** A design to simulate, as a worker receives it. */
export interface DesignSpec {
  architecture: ArchitectureId;
  spec: ValidSimSpec;
}

/** What one worker's shard actor is asked to run. */
export interface ShardInput {
  /** Which job (main run or a sweep point) it belongs to: events of stopped jobs are ignored. */
  job: number;
  index: number;
  count: number;
  seed: number;
  designs: DesignSpec[];
  /** Replications `from` up to, not including, `replications` (one round of the comparison). */
  from: number;
  replications: number;
  /** Events between cancel checks (and progress reports); the worker's default when absent. */
  sliceEvents?: number;
  /** false: a background run nobody watches (the sweep) sends no progress. */
  progress: boolean;
}

/** Events a shard actor sends back to the session. */
export type ShardEvent =
  | { type: 'SHARD_PROGRESS'; job: number; index: number; progress: CompareProgress }
  | { type: 'SHARD_DONE'; job: number; index: number; outcome: ShardOutcome };

export interface AssembleInput {
  scenario: ValidScenario;
  compiled: CompiledEntry[];
  replications: number;
  /** The runs after `carry`'s replications (all of them without one), each design's in turn. */
  runs: (RunFigures | null)[];
  /** What the last round's assembly read: only the runs after it are read again. */
  carry?: AssemblyCarry | null;
  /** Precision target to report against (null: none; the report still says how precise it is). */
  precision: number | null;
}

/**
 * The comparison, and what the assembly read of it (`carry`: the next round's assembly reads only its
 * own runs; absent, the session keeps every run for it).
 */
export type AssembleOutcome =
  { status: 'done'; result: ComparisonView; carry?: AssemblyCarry } | { status: 'error'; message: string };
