import { describe, expect, it, vi } from 'vitest';
import { createActor, SimulatedClock } from 'xstate';
import bench from '../../models/presets/istio-benchmark.json';
import type { ScenarioEstimate } from '../engine/scenario/estimate';
import type { ComparisonView } from '../engine/scenario/view';
import { ScenarioSchema, type Scenario } from '../model/scenario';
import type { CompareEngine, CompareOutcome, CompareProgress, EstimateOutcome } from '../worker/client';
import {
  compareMachine,
  currentSweep,
  DEFAULT_REPLICATIONS,
  resultIsCurrent,
  scenarioKey,
  SWEEP_SLICE_EVENTS,
} from './compareMachine';

const s1: Scenario = ScenarioSchema.parse(bench);
const s2: Scenario = { ...s1, seed: 2 };
const estimateOf = (s: Scenario): ScenarioEstimate => ({
  modelVersion: s.modelVersion,
  results: [{ architecture: 'no-mesh', name: 'No mesh', notes: [], meanLatencyUs: s.seed }],
});
const viewOf = (s: Scenario): ComparisonView => ({ scenario: s, replications: 5, level: 0.99, results: [] });

/** An engine whose answers the test releases by hand. */
function fakeEngine() {
  const estimates: { scenario: Scenario; resolve: (o: EstimateOutcome) => void }[] = [];
  const runs: {
    scenario: Scenario;
    replications: number;
    sliceEvents?: number;
    progress: (p: CompareProgress) => void;
    finish: (o: CompareOutcome) => void;
    cancel: ReturnType<typeof vi.fn>;
  }[] = [];
  const engine: CompareEngine = {
    estimate: (scenario) => new Promise((resolve) => estimates.push({ scenario, resolve })),
    compare: (scenario, replications, onProgress, opts) => {
      let finish!: (o: CompareOutcome) => void;
      const promise = new Promise<CompareOutcome>((r) => (finish = r));
      const cancel = vi.fn(() => finish({ status: 'cancelled' }));
      runs.push({
        scenario,
        replications,
        sliceEvents: opts?.sliceEvents,
        progress: (p) => onProgress?.(p),
        finish,
        cancel,
      });
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
  it('estimates at once, then simulates at once (no time passes) with progress and keeps the result', async () => {
    const f = fakeEngine();
    const { actor } = start(f.engine);
    expect(actor.getSnapshot().value).toBe('estimating');
    expect(f.estimates).toHaveLength(1);
    expect(f.runs).toHaveLength(0);
    f.estimates[0].resolve({ status: 'done', estimate: estimateOf(s1) });
    await flush();
    expect(actor.getSnapshot().context.estimate).toEqual(estimateOf(s1));
    // The simulated clock never moved: the run starts on the estimate, not on a timer.
    expect(actor.getSnapshot().value).toBe('running');
    expect(f.runs).toHaveLength(1);
    expect(f.runs[0].replications).toBe(DEFAULT_REPLICATIONS);
    expect(f.runs[0].sliceEvents).toBeUndefined(); // the main run uses the worker's full slice

    f.runs[0].progress({ fraction: 0.4, runsDone: 10, runsTotal: 25, architecture: 'ambient' });
    expect(actor.getSnapshot().context.progress).toEqual({
      fraction: 0.4,
      runsDone: 10,
      runsTotal: 25,
      architecture: 'ambient',
    });
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
    const { actor } = start(f.engine);
    f.estimates[0].resolve({ status: 'done', estimate: estimateOf(s1) });
    await flush();
    f.runs[0].finish({ status: 'done', result: viewOf(s1) });
    await flush();

    actor.send({ type: 'SET_SCENARIO', scenario: s2 });
    expect(resultIsCurrent(actor.getSnapshot().context)).toBe(false);
    f.estimates[1].resolve({ status: 'done', estimate: estimateOf(s2) });
    await flush();
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
    expect(f.runs[2].replications).toBe(3);
    expect(actor.getSnapshot().context.replications).toBe(3);
  });

  it('typing fast: the run of each keystroke is cancelled by the next change, and only the last one lands', async () => {
    const f = fakeEngine();
    const { actor, clock } = start(f.engine);
    f.estimates[0].resolve({ status: 'done', estimate: estimateOf(s1) });
    await flush();
    for (let seed = 11; seed <= 15; seed++) {
      actor.send({ type: 'SET_SCENARIO', scenario: { ...s1, seed } });
      expect(f.runs.at(-1)!.cancel).toHaveBeenCalledOnce(); // the previous keystroke's run
      f.estimates.at(-1)!.resolve({ status: 'done', estimate: estimateOf({ ...s1, seed }) });
      await flush();
      expect(actor.getSnapshot().value).toBe('running');
      clock.increment(40); // keystrokes 40 ms apart
    }
    expect(f.runs.map((r) => r.scenario.seed)).toEqual([s1.seed, 11, 12, 13, 14, 15]);
    expect(f.runs.slice(0, 5).every((r) => r.cancel.mock.calls.length === 1)).toBe(true);
    f.runs[3].finish({ status: 'done', result: viewOf({ ...s1, seed: 13 }) }); // late, after its cancel: ignored
    await flush();
    expect(actor.getSnapshot().context.result).toBeNull();
    f.runs[5].finish({ status: 'done', result: viewOf({ ...s1, seed: 15 }) });
    await flush();
    expect(actor.getSnapshot().context.result).toEqual(viewOf({ ...s1, seed: 15 }));
    expect(resultIsCurrent(actor.getSnapshot().context)).toBe(true);
  });

  it('a scenario the engine rejects is not kept: the previous one comes back with the reason', async () => {
    const f = fakeEngine();
    const { actor } = start(f.engine);
    f.estimates[0].resolve({ status: 'done', estimate: estimateOf(s1) });
    await flush();
    actor.send({ type: 'SET_SCENARIO', scenario: s2 });
    f.estimates[1].resolve({
      status: 'error',
      message: 'The scenario cannot be simulated. topology.placement: needs 2 nodes.',
    });
    await flush();
    const c = actor.getSnapshot().context;
    expect(actor.getSnapshot().value).toBe('idle');
    expect(c.scenario).toEqual(s1);
    expect(c.estimate).toEqual(estimateOf(s1));
    expect(c.notice).toEqual({
      kind: 'error',
      text: 'The scenario cannot be simulated. topology.placement: needs 2 nodes. The previous scenario is kept.',
    });
  });

  it('Cancel stops the run and keeps the estimate; Run simulates again', async () => {
    const f = fakeEngine();
    const { actor } = start(f.engine);
    f.estimates[0].resolve({ status: 'done', estimate: estimateOf(s1) });
    await flush();
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
    const { actor } = start(f.engine);
    f.estimates[0].resolve({ status: 'done', estimate: estimateOf(s1) });
    await flush();
    f.runs[0].finish({ status: 'error', message: 'The engine failed: boom' });
    await flush();
    expect(actor.getSnapshot().context.notice).toEqual({
      kind: 'error',
      text: 'The simulation failed. The engine failed: boom',
    });
    expect(actor.getSnapshot().context.result).toBeNull();
  });

  // An estimate with saturation loads: sidecar-envoy is the most constrained (5,000 req/s).
  const sweepEstimate = (s: Scenario): ScenarioEstimate => ({
    modelVersion: s.modelVersion,
    results: [
      { architecture: 'no-mesh', name: 'No mesh', notes: [], meanLatencyUs: 500, saturationRps: 20_000 },
      {
        architecture: 'sidecar-envoy',
        name: 'Istio sidecar',
        notes: [],
        meanLatencyUs: 900,
        saturationRps: 5_000,
      },
    ],
  });
  const interval = (mean: number) => ({
    mean,
    halfWidth: mean / 50,
    lower: mean * 0.98,
    upper: mean * 1.02,
    n: 5,
    relativeHalfWidth: 0.02,
  });
  const pointView = (s: Scenario): ComparisonView => {
    const rps = (s.workload.load as { rps: number }).rps;
    const latency = {
      mean: interval(rps / 10),
      p50: interval(1),
      p90: interval(1),
      p99: interval(rps / 2),
      p999: interval(1),
    };
    return {
      scenario: s,
      replications: 5,
      level: 0.99,
      results: [{ architecture: 'sidecar-envoy', name: 'Istio sidecar', notes: [], latency }],
    };
  };
  async function toSweep(f: ReturnType<typeof fakeEngine>, actor: ReturnType<typeof start>['actor']) {
    f.estimates.at(-1)!.resolve({ status: 'done', estimate: sweepEstimate(s1) });
    await flush();
    f.runs.at(-1)!.finish({ status: 'done', result: viewOf(s1) });
    await flush();
    expect(actor.getSnapshot().value).toBe('sweeping');
  }

  it('after the main result, sweeps offered load point by point in small slices, then idles', async () => {
    const f = fakeEngine();
    const { actor } = start(f.engine);
    await toSweep(f, actor);
    expect(resultIsCurrent(actor.getSnapshot().context)).toBe(true); // shown before any sweep point
    expect(currentSweep(actor.getSnapshot().context)).toMatchObject({
      loads: [1000, 2250, 3500, 4500],
      points: [],
      status: 'running',
    });
    for (let k = 0; k < 4; k++) {
      const run = f.runs[1 + k];
      expect(f.runs).toHaveLength(2 + k); // one point at a time
      expect(run.sliceEvents).toBe(SWEEP_SLICE_EVENTS);
      expect(run.scenario.seed).toBe(s1.seed);
      expect(run.scenario.workload.load).toMatchObject({ kind: 'paced', rps: [1000, 2250, 3500, 4500][k] });
      expect(run.scenario.run).toEqual({ warmupRequests: 1000, measuredRequests: 1000 }); // the preset's warm-up, fewer measured
      run.finish({ status: 'done', result: pointView(run.scenario) });
      await flush();
    }
    const snap = actor.getSnapshot();
    expect(snap.value).toBe('idle');
    const sweep = currentSweep(snap.context)!;
    expect(sweep.status).toBe('done');
    expect(sweep.points.map((p) => [p.fraction, p.rps, p.values[0].p99.mean])).toEqual([
      [0.2, 1000, 500],
      [0.45, 2250, 1125],
      [0.7, 3500, 1750],
      [0.9, 4500, 2250],
    ]);
    expect(snap.context.result).toEqual(viewOf(s1)); // the main result is untouched
  });

  it('any change cancels the sweep at once and starts the new main run', async () => {
    const f = fakeEngine();
    const { actor } = start(f.engine);
    await toSweep(f, actor);
    f.runs[1].finish({ status: 'done', result: pointView(f.runs[1].scenario) });
    await flush();
    expect(currentSweep(actor.getSnapshot().context)!.points).toHaveLength(1);
    actor.send({ type: 'SET_SCENARIO', scenario: s2 });
    expect(f.runs[2].cancel).toHaveBeenCalledOnce();
    expect(actor.getSnapshot().context.sweep).toBeNull();
    f.estimates.at(-1)!.resolve({ status: 'done', estimate: sweepEstimate(s2) });
    await flush();
    expect(actor.getSnapshot().value).toBe('running');
    expect(f.runs).toHaveLength(4);
    expect(f.runs[3].scenario).toEqual(s2); // the main run of the new scenario, not a sweep point
    expect(f.runs[3].sliceEvents).toBeUndefined();
  });

  it('Stop ends the sweep, keeping its points and the main result; a failed point ends it as failed', async () => {
    const f = fakeEngine();
    const { actor } = start(f.engine);
    await toSweep(f, actor);
    f.runs[1].finish({ status: 'done', result: pointView(f.runs[1].scenario) });
    await flush();
    actor.send({ type: 'CANCEL' });
    expect(f.runs[2].cancel).toHaveBeenCalledOnce();
    expect(actor.getSnapshot().value).toBe('idle');
    expect(currentSweep(actor.getSnapshot().context)).toMatchObject({
      status: 'stopped',
      points: [{ rps: 1000 }],
    });
    expect(resultIsCurrent(actor.getSnapshot().context)).toBe(true);

    actor.send({ type: 'RUN' });
    f.runs[3].finish({ status: 'done', result: viewOf(s1) });
    await flush();
    expect(actor.getSnapshot().value).toBe('sweeping');
    f.runs[4].finish({ status: 'error', message: 'The engine failed: boom' });
    await flush();
    expect(actor.getSnapshot().value).toBe('idle');
    expect(currentSweep(actor.getSnapshot().context)).toMatchObject({ status: 'failed', points: [] });
  });

  it('no sweep without a saturation load to take shares of', async () => {
    const f = fakeEngine();
    const { actor } = start(f.engine);
    f.estimates[0].resolve({ status: 'done', estimate: estimateOf(s1) }); // no saturationRps
    await flush();
    f.runs[0].finish({ status: 'done', result: viewOf(s1) });
    await flush();
    expect(actor.getSnapshot().value).toBe('idle');
    expect(f.runs).toHaveLength(1);
    expect(actor.getSnapshot().context.sweep).toBeNull();
  });

  it('keys results by scenario and replications', () => {
    expect(scenarioKey(s1, 5)).not.toBe(scenarioKey(s1, 3));
    expect(scenarioKey(s1, 5)).not.toBe(scenarioKey(s2, 5));
    expect(scenarioKey({ ...s1 }, 5)).toBe(scenarioKey(s1, 5));
  });
});
