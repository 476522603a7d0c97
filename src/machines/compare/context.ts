import type { AssemblyCarry, CompiledEntry, RunFigures } from '../../engine';
import type { ComparisonView, ScenarioEstimate } from '../../model/comparison';
import type { Scenario } from '../../model/scenario';
import type { ValidScenario } from '../../model/valid';
import type { ConnectionsSweep } from './connectionsSweep';
import type { CompareProgress, DesignSpec, Notice, ShardEvent, Sweep } from './types';

// What the Compare machine holds, the events it takes, and one comparison being simulated (a job).

/**
 * Identity of what a result was computed for: the scenario and its run length (the first round's
 * replications and the precision target, null for a fixed count).
 */
export function scenarioKey(s: Scenario, replications: number, precision: number | null = null): string {
  return `${replications}|${precision ?? 'fixed'}|${JSON.stringify(s)}`;
}

/**
 * One comparison being simulated (the main run or a sweep point), or one round of it: replications
 * `from` up to `to`, and its shards' runs so far (each design's replications in turn).
 */
export interface Job {
  id: number;
  scenario: ValidScenario;
  designs: DesignSpec[];
  from: number;
  to: number;
  runs: (RunFigures | null)[];
  shardsDone: number;
  shardProgress: (CompareProgress | null)[];
  fraction: number;
  failed: string | null;
  cancelled: boolean;
}

export interface CompareContext {
  scenario: ValidScenario;
  /** Replications of the first round (of every round, without a precision target). */
  replications: number;
  /** Relative half-width the headline figures must reach (0.02 = ±2 %); null: a fixed count. */
  precision: number | null;
  /** Shards a comparison is split into (one per worker). */
  workers: number;
  /** The last scenario the engine accepted, compiled once per design; a rejected change falls back to it. */
  accepted: {
    scenario: ValidScenario;
    replications: number;
    precision: number | null;
    compiled: CompiledEntry[];
  } | null;
  /**
   * The main comparison's rounds finished so far (replications 0 up to `replications`): what their
   * assembly read (`carry`, its first `carry.replications`), and the runs after it, not yet read (each
   * design's in turn). A round's runs are dropped once read: a large mesh's per-hop figures are
   * megabytes a run.
   */
  rounds: { replications: number; carry: AssemblyCarry | null; runs: RunFigures[] } | null;
  /** Replications the current round of the main comparison runs up to. */
  roundTo: number;
  estimate: ScenarioEstimate | null;
  /** The simulation result, and the scenario key it belongs to (stale when it differs from the current one). */
  result: ComparisonView | null;
  resultKey: string | null;
  progress: CompareProgress | null;
  notice: Notice | null;
  /** The load sweep of the current result: its points so far (lightest load first). */
  sweep: Sweep | null;
  job: Job | null;
  /**
   * The replication every next round is sure to add (a round adds at least one), started while the page
   * assembles the round before, so the workers do not sit idle meanwhile; it joins the round that
   * follows, or is stopped and dropped when none follows.
   */
  ahead: Job | null;
  jobs: number;
  /** The sweep point being simulated. */
  sweepIndex: number;
  /** Which sweep the sweeping state runs: the load sweep after a result, or the connections sweep asked for. */
  sweepKind: 'load' | 'connections';
  /** The connections sweep of the current scenario: its points so far (fewest connections first). */
  connections: ConnectionsSweep | null;
}

export interface CompareInput {
  scenario: ValidScenario;
  replications: number;
  precision: number | null;
  workers: number;
  notice: Notice | null;
}

export type CompareEvent =
  | { type: 'SET_SCENARIO'; scenario: ValidScenario; replications?: number; precision?: number | null }
  | { type: 'RUN' }
  /** Run the connections sweep now (from idle, or instead of a running load sweep). */
  | { type: 'SWEEP_CONNECTIONS' }
  | { type: 'CANCEL' }
  | { type: 'NOTICE'; notice: Notice | null }
  | ShardEvent;
