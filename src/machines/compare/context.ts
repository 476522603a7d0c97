import type { CompiledEntry } from '../../engine';
import type { ComparisonView, ScenarioEstimate } from '../../model/comparison';
import type { RunSummary } from '../../model/result';
import type { Scenario } from '../../model/scenario';
import type { ValidScenario } from '../../model/valid';
import type { CompareProgress, DesignSpec, Notice, ShardEvent, Sweep } from './types';

// What the Compare machine holds, the events it takes, and one comparison being simulated (a job).

/** Identity of what a result was computed for: the scenario and the replication count. */
export function scenarioKey(s: Scenario, replications: number): string {
  return `${replications}|${JSON.stringify(s)}`;
}

/** One comparison being simulated (the main run or a sweep point): its shards' runs so far. */
export interface Job {
  id: number;
  scenario: ValidScenario;
  designs: DesignSpec[];
  runs: (RunSummary | null)[];
  shardsDone: number;
  shardProgress: (CompareProgress | null)[];
  fraction: number;
  failed: string | null;
  cancelled: boolean;
}

export interface CompareContext {
  scenario: ValidScenario;
  replications: number;
  /** Shards a comparison is split into (one per worker). */
  workers: number;
  /** The last scenario the engine accepted, compiled once per design; a rejected change falls back to it. */
  accepted: { scenario: ValidScenario; replications: number; compiled: CompiledEntry[] } | null;
  estimate: ScenarioEstimate | null;
  /** The simulation result, and the scenario key it belongs to (stale when it differs from the current one). */
  result: ComparisonView | null;
  resultKey: string | null;
  progress: CompareProgress | null;
  notice: Notice | null;
  /** The load sweep of the current result: its points so far (lightest load first). */
  sweep: Sweep | null;
  job: Job | null;
  jobs: number;
  /** The sweep point being simulated. */
  sweepIndex: number;
}

export interface CompareInput {
  scenario: ValidScenario;
  replications: number;
  workers: number;
  notice: Notice | null;
}

export type CompareEvent =
  | { type: 'SET_SCENARIO'; scenario: ValidScenario; replications?: number }
  | { type: 'RUN' }
  | { type: 'CANCEL' }
  | { type: 'NOTICE'; notice: Notice | null }
  | ShardEvent;
