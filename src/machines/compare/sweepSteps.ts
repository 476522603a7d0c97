import type { CompareContext } from './context';
import { CONNECTION_COUNTS, connectionsPointOf } from './connectionsSweep';
import { mainRuns } from './jobs';
import { planSweep, sweepPointOf } from './loadSweep';
import { scenarioKey } from './context';
import type { AssembleOutcome, Sweep } from './types';

/**
 * How the machine's context changes as a round or a sweep moves on: pure functions of the context (the
 * machine assigns what they return), so each is testable and the machine file stays its states.
 */

/**
 * A round's result is shown while the next round runs. What its assembly read is kept for the next
 * one, and its runs are dropped (an assembly that says nothing of what it read keeps them all).
 */
export function roundKept(context: CompareContext, out: AssembleOutcome): Partial<CompareContext> {
  if (out.status !== 'done' || !context.accepted) return {};
  const rounds: CompareContext['rounds'] = out.carry
    ? { replications: context.roundTo, carry: out.carry, runs: [] }
    : {
        replications: context.roundTo,
        carry: context.rounds?.carry ?? null,
        runs: mainRuns(context) as NonNullable<CompareContext['rounds']>['runs'],
      };
  return {
    result: out.result,
    resultKey: scenarioKey(context.scenario, context.replications, context.precision),
    rounds,
    roundTo: out.result.precision?.next ?? context.roundTo,
    progress: null,
    job: null,
  };
}

/** The sweep the context names (loads, or client connections) starts with no points. */
export function sweepStarted(context: CompareContext): Partial<CompareContext> {
  const key = scenarioKey(context.scenario, context.replications, context.precision);
  if (context.sweepKind === 'connections')
    return {
      sweepIndex: 0,
      connections: { key, counts: [...CONNECTION_COUNTS], points: [], status: 'running' as const },
    };
  return {
    sweepIndex: 0,
    sweep: {
      key,
      loads: planSweep(context.scenario, context.estimate)?.points.map((p) => p.rps) ?? [],
      points: [],
      status: 'running' as const,
    },
  };
}

/** The current point's comparison, added to its sweep. */
export function sweepPointAdded(context: CompareContext, out: AssembleOutcome): Partial<CompareContext> {
  if (context.sweepKind === 'connections') {
    const n = CONNECTION_COUNTS[context.sweepIndex];
    if (out.status !== 'done' || n === undefined || !context.connections) return {};
    const point = connectionsPointOf(n, out.result);
    return {
      job: null,
      connections: { ...context.connections, points: [...context.connections.points, point] },
    };
  }
  const point = planSweep(context.scenario, context.estimate)?.points[context.sweepIndex];
  if (out.status !== 'done' || !point || !context.sweep) return {};
  return {
    job: null,
    sweep: {
      ...context.sweep,
      points: [...context.sweep.points, sweepPointOf(point.fraction, point.rps, out.result)],
    },
  };
}

export function sweepEnded(context: CompareContext, status: Sweep['status']): Partial<CompareContext> {
  return context.sweepKind === 'connections'
    ? { job: null, connections: context.connections && { ...context.connections, status } }
    : { job: null, sweep: context.sweep && { ...context.sweep, status } };
}
