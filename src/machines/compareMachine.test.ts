import { describe, expect, it, vi } from 'vitest';
import { createActor, SimulatedClock } from 'xstate';
import bench from '../../models/presets/istio-benchmark.json';
import type { ScenarioEstimate } from '../engine/scenario/estimate';
import type { ComparisonView } from '../engine/scenario/view';
import { ScenarioSchema, type Scenario } from '../model/scenario';
import type { CompareEngine, CompareOutcome, CompareProgress, EstimateOutcome } from '../worker/client';
import { compareMachine, DEFAULT_REPLICATIONS, resultIsCurrent, scenarioKey, SIMULATION_DELAY_MS } from './compareMachine';

const s1: Scenario = ScenarioSchema.parse(bench);
const s2: Scenario = { ...s1, seed: 2 };
const estimateOf = (s: Scenario): ScenarioEstimate => ({ modelVersion: s.modelVersion, results: [{ architecture: 'no-mesh', name: 'No mesh', notes: [], meanLatencyUs: s.seed }] });
const viewOf = (s: Scenario): ComparisonView => ({ scenario: s, replications: 5, level: 0.99, results: [] });

/** An engine whose answers the test releases by hand. */
function fakeEngine() {
  const estimates: { scenario: Scenario; resolve: (o: EstimateOutcome) => void }[] = [];
  const runs: { scenario: Scenario; replications: number; progress: (p: CompareProgress) => void; finish: (o: CompareOutcome) => void; cancel: ReturnType<typeof vi.fn> }[] = [];
  const engine: CompareEngine = {
    estimate: (scenario) => new Promise((resolve) => estimates.push({ scenario, resolve })),
    compare: (scenario, replications, onProgress) => {
      let finish!: (o: CompareOutcome) => void;
      const promise = new Promise<CompareOutcome>((r) => (finish = r));
      const cancel = vi.fn(() => finish({ status: 'cancelled' }));
      runs.push({ scenario, replications, progress: (p) => onProgress?.(p), finish, cancel });
      return { promise, cancel };
    },
  };
  return { engine, estimates, runs };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

function start(engine: CompareEngine) {
  const clock = new SimulatedClock();
  const actor = createActor(compareMachine, { input: { engine, scenario: s1 }, clock });
  actor.start();
  return { actor, clock };
}

describe('compare machine (simulated clock)', () => {
  it('estimates at once, waits the delay, then simulates with progress and keeps the result', async () => {
    const f = fakeEngine();
    const { actor, clock } = start(f.engine);
    expect(actor.getSnapshot().value).toBe('estimating');
    expect(f.estimates).toHaveLength(1);
    f.estimates[0].resolve({ status: 'done', estimate: estimateOf(s1) });
    await flush();
    expect(actor.getSnapshot().value).toBe('waiting');
    expect(actor.getSnapshot().context.estimate).toEqual(estimateOf(s1));

    clock.increment(SIMULATION_DELAY_MS - 1);
    expect(f.runs).toHaveLength(0);
    clock.increment(1);
    expect(actor.getSnapshot().value).toBe('running');
    expect(f.runs).toHaveLength(1);
    expect(f.runs[0].replications).toBe(DEFAULT_REPLICATIONS);

    f.runs[0].progress({ fraction: 0.4, runsDone: 10, runsTotal: 25, architecture: 'ambient' });
    expect(actor.getSnapshot().context.progress).toEqual({ fraction: 0.4, runsDone: 10, runsTotal: 25, architecture: 'ambient' });
    f.runs[0].finish({ status: 'done', result: viewOf(s1) });
    await flush();
    const snap = actor.getSnapshot();
    expect(snap.value).toBe('idle');
    expect(snap.context.result).toEqual(viewOf(s1));
    expect(snap.context.progress).toBeNull();
    expect(resultIsCurrent(snap.context)).toBe(true);
  });

  it('a change mid-run cancels the run, estimates the new scenario, and marks the old result stale', async () => {
    const f = fakeEngine();
    const { actor, clock } = start(f.engine);
    f.estimates[0].resolve({ status: 'done', estimate: estimateOf(s1) });
    await flush();
    clock.increment(SIMULATION_DELAY_MS);
    f.runs[0].finish({ status: 'done', result: viewOf(s1) });
    await flush();

    actor.send({ type: 'SET_SCENARIO', scenario: s2 });
    expect(resultIsCurrent(actor.getSnapshot().context)).toBe(false);
    f.estimates[1].resolve({ status: 'done', estimate: estimateOf(s2) });
    await flush();
    clock.increment(SIMULATION_DELAY_MS);
    expect(f.runs).toHaveLength(2);
    actor.send({ type: 'SET_SCENARIO', scenario: s1, replications: 3 }); // while running
    expect(f.runs[1].cancel).toHaveBeenCalledOnce();
    expect(actor.getSnapshot().value).toBe('estimating');
    // A late answer from the cancelled run does not land.
    f.runs[1].finish({ status: 'done', result: viewOf(s2) });
    await flush();
    expect(actor.getSnapshot().context.result).toEqual(viewOf(s1));
    f.estimates[2].resolve({ status: 'done', estimate: estimateOf(s1) });
    await flush();
    clock.increment(SIMULATION_DELAY_MS);
    expect(f.runs[2].replications).toBe(3);
    expect(actor.getSnapshot().context.replications).toBe(3);
  });

  it('typing fast starts one simulation, not one per keystroke', async () => {
    const f = fakeEngine();
    const { actor, clock } = start(f.engine);
    for (let seed = 1; seed <= 5; seed++) {
      actor.send({ type: 'SET_SCENARIO', scenario: { ...s1, seed } });
      f.estimates.at(-1)!.resolve({ status: 'done', estimate: estimateOf({ ...s1, seed }) });
      await flush();
      clock.increment(100);
    }
    expect(f.runs).toHaveLength(0);
    clock.increment(SIMULATION_DELAY_MS);
    expect(f.runs).toHaveLength(1);
    expect(f.runs[0].scenario.seed).toBe(5);
  });

  it('a scenario the engine rejects is not kept: the previous one comes back with the reason', async () => {
    const f = fakeEngine();
    const { actor } = start(f.engine);
    f.estimates[0].resolve({ status: 'done', estimate: estimateOf(s1) });
    await flush();
    actor.send({ type: 'SET_SCENARIO', scenario: s2 });
    f.estimates[1].resolve({ status: 'error', message: 'The scenario cannot be simulated. topology.placement: needs 2 nodes.' });
    await flush();
    const c = actor.getSnapshot().context;
    expect(actor.getSnapshot().value).toBe('idle');
    expect(c.scenario).toEqual(s1);
    expect(c.estimate).toEqual(estimateOf(s1));
    expect(c.notice).toEqual({ kind: 'error', text: 'The scenario cannot be simulated. topology.placement: needs 2 nodes. The previous scenario is kept.' });
  });

  it('Cancel stops the run and keeps the estimate; Run simulates again', async () => {
    const f = fakeEngine();
    const { actor, clock } = start(f.engine);
    f.estimates[0].resolve({ status: 'done', estimate: estimateOf(s1) });
    await flush();
    clock.increment(SIMULATION_DELAY_MS);
    actor.send({ type: 'CANCEL' });
    expect(f.runs[0].cancel).toHaveBeenCalledOnce();
    expect(actor.getSnapshot().value).toBe('idle');
    expect(actor.getSnapshot().context.notice?.text).toMatch(/^Simulation cancelled/);
    expect(actor.getSnapshot().context.estimate).toEqual(estimateOf(s1));
    actor.send({ type: 'RUN' });
    expect(actor.getSnapshot().value).toBe('running');
    expect(f.runs).toHaveLength(2);
    expect(actor.getSnapshot().context.notice).toBeNull();
  });

  it('a failed simulation says why and keeps the previous result', async () => {
    const f = fakeEngine();
    const { actor, clock } = start(f.engine);
    f.estimates[0].resolve({ status: 'done', estimate: estimateOf(s1) });
    await flush();
    clock.increment(SIMULATION_DELAY_MS);
    f.runs[0].finish({ status: 'error', message: 'The engine failed: boom' });
    await flush();
    expect(actor.getSnapshot().context.notice).toEqual({ kind: 'error', text: 'The simulation failed. The engine failed: boom' });
    expect(actor.getSnapshot().context.result).toBeNull();
  });

  it('keys results by scenario and replications', () => {
    expect(scenarioKey(s1, 5)).not.toBe(scenarioKey(s1, 3));
    expect(scenarioKey(s1, 5)).not.toBe(scenarioKey(s2, 5));
    expect(scenarioKey({ ...s1 }, 5)).toBe(scenarioKey(s1, 5));
  });
});
