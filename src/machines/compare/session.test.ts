import { describe, expect, it, vi } from 'vitest';
import { fromCallback, fromPromise } from 'xstate';
import bench from '../../../models/presets/istio-benchmark.json';
import type { CompiledEntry } from '../../engine/scenario/compiledSet';
import type { RunFigures } from '../../engine/runDigest';
import type { CompiledScenario } from '../../engine/scenario/compileScenario';
import type { ScenarioEstimate } from '../../engine/scenario/estimate';
import type { ComparisonView, DesignEstimate, SimulatedView } from '../../model/comparison';
import type { RunSummary } from '../../model/result';
import { PracticalScenarioSchema, ScenarioSchema, type Scenario } from '../../model/scenario';
import { parseScenario, type ValidScenario } from '../../model/valid';
import { DEFAULT_PRECISION, MAX_REPLICATIONS } from '../../model/precision';
import { SCENARIO_PRESET_IDS, SCENARIO_PRESETS } from '../../model/presets';
import { linkParams, readLink } from './link';
import { DEFAULT_REPLICATIONS, scenarioKey, SWEEP_SLICE_EVENTS } from './machine';
import { createCompareSession, type CompareSession } from './session';
import type { AnalyseOutcome, AssembleInput, AssembleOutcome, ShardEvent, ShardInput } from './types';

const s1: ValidScenario = parseScenario(bench);
const s2: Scenario = { ...s1, seed: 2 };
/** Stand-in estimates carry only what the session reads (the sweep plan: saturation loads). */
const stub = (e: Partial<DesignEstimate>) => e as unknown as DesignEstimate;
const estimateOf = (s: Scenario): ScenarioEstimate => ({
  modelVersion: s.modelVersion,
  results: [stub({ architecture: 'no-mesh', name: 'No mesh', notes: [], meanLatencyUs: s.seed })],
});
// An estimate with saturation loads: sidecar-envoy is the most constrained (5,000 req/s).
const sweepEstimate = (s: Scenario): ScenarioEstimate => ({
  modelVersion: s.modelVersion,
  results: [
    stub({ architecture: 'no-mesh', name: 'No mesh', notes: [], meanLatencyUs: 500, saturationRps: 20_000 }),
    stub({
      architecture: 'sidecar-envoy',
      name: 'Istio sidecar',
      notes: [],
      meanLatencyUs: 900,
      saturationRps: 5_000,
    }),
  ],
});
/** Two compiled designs (stand-ins: the machine only passes their specs on) and one that cannot run. */
const compiledOf = (s: Scenario): CompiledEntry[] =>
  (['no-mesh', 'sidecar-envoy'] as const)
    .map((architecture): CompiledEntry => ({
      architecture,
      status: 'compiled',
      compiled: {
        spec: { seed: s.seed, load: s.workload.load, run: s.run, arch: architecture },
      } as unknown as CompiledScenario,
    }))
    .concat([{ architecture: 'proxyless-grpc', status: 'unsupported', reasons: ['needs gRPC'] }]);
const interval = (mean: number) => ({
  mean,
  halfWidth: mean / 50,
  lower: mean * 0.98,
  upper: mean * 1.02,
  n: 5,
  relativeHalfWidth: 0.02,
});
/** What the fake assembly returns: latencies that follow the load, so sweep points can be told apart. */
const viewOf = (s: Scenario): ComparisonView => {
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
    // A stand-in with only what the sweep reads.
    results: [
      {
        architecture: 'sidecar-envoy',
        name: 'Istio sidecar',
        notes: [],
        latency,
      } as unknown as SimulatedView,
    ],
  };
};
const run = (job: number, j: number) => ({ job, j }) as unknown as RunSummary;

const flush = () => new Promise((r) => setTimeout(r, 0));

/** Actors whose answers the test gives by hand: the analysis, two workers' shards and the assembly. */
function fakes() {
  const analyses: { scenario: ValidScenario; resolve: (o: AnalyseOutcome) => void; signal: AbortSignal }[] =
    [];
  const shards: { input: ShardInput; send: (e: ShardEvent) => void; stopped: boolean }[] = [];
  const assemblies: AssembleInput[] = [];
  const assemble = vi.fn((input: AssembleInput): AssembleOutcome => ({
    status: 'done',
    result: viewOf(input.scenario),
  }));
  const actors = {
    analyse: fromPromise<AnalyseOutcome, { scenario: ValidScenario }>(
      ({ input, signal }) =>
        new Promise((resolve) => analyses.push({ scenario: input.scenario, resolve, signal })),
    ),
    shard: fromCallback<ShardEvent, ShardInput>(({ input, sendBack }) => {
      const entry = { input, send: sendBack, stopped: false };
      shards.push(entry);
      return () => (entry.stopped = true);
    }),
    assemble: fromPromise<AssembleOutcome, AssembleInput>(async ({ input }) => {
      assemblies.push(input);
      return assemble(input);
    }),
  };
  let compiled: CompiledEntry[] = [];
  /** The shards of the latest job: each runs every other run, as a worker would, and answers. */
  const jobShards = () => {
    const job = shards.at(-1)!.input.job;
    return shards.filter((s) => s.input.job === job);
  };
  /** Finishes the latest job's shards, or job `id`'s. */
  const finishShards = async (id?: number) => {
    const mine = id === undefined ? jobShards() : shards.filter((s) => s.input.job === id);
    const total = mine[0].input.designs.length * (mine[0].input.replications - mine[0].input.from);
    for (const s of mine)
      s.send({
        type: 'SHARD_DONE',
        job: s.input.job,
        index: s.input.index,
        outcome: {
          status: 'runs',
          runs: Array.from({ length: total }, (_, j) =>
            j % s.input.count === s.input.index ? run(s.input.job, j) : null,
          ),
        },
      });
    await flush();
  };
  const analysed = async (estimate: (s: Scenario) => ScenarioEstimate = estimateOf) => {
    const a = analyses.at(-1)!;
    compiled = compiledOf(a.scenario);
    a.resolve({ status: 'done', compiled, estimate: estimate(a.scenario) });
    await flush();
  };
  return {
    actors,
    analyses,
    shards,
    assemblies,
    assemble,
    jobShards,
    finishShards,
    analysed,
    lastCompiled: () => compiled,
  };
}

function open(
  f: ReturnType<typeof fakes>,
  clock = {
    t: 0,
    now() {
      return this.t;
    },
  },
): CompareSession {
  return createCompareSession({ scenario: s1, actors: f.actors, workers: 2, clock });
}

describe('Compare session: estimate and run', () => {
  it('analyses at once, then runs at once on every worker (no time passes), assembles the shards and keeps the result', async () => {
    const f = fakes();
    const session = open(f);
    expect(session.getSnapshot().phase).toBe('estimating');
    expect(f.analyses).toHaveLength(1);
    expect(f.shards).toHaveLength(0);
    await f.analysed();
    const snap = session.getSnapshot();
    expect(snap.estimate).toEqual(estimateOf(s1));
    expect(snap.phase).toBe('running');
    // One shard per worker, each with the compiled specs of the designs that can run.
    expect(f.shards.map((s) => [s.input.index, s.input.count])).toEqual([
      [0, 2],
      [1, 2],
    ]);
    const input = f.shards[0].input;
    expect(input.designs.map((d) => d.architecture)).toEqual(['no-mesh', 'sidecar-envoy']);
    const envoy = f.lastCompiled()[1];
    expect(envoy.status === 'compiled' && input.designs[1].spec === envoy.compiled.spec).toBe(true);
    expect(input.replications).toBe(DEFAULT_REPLICATIONS);
    expect(input.seed).toBe(s1.seed);
    expect(input.sliceEvents).toBeUndefined(); // the main run uses the worker's full slice
    expect(input.progress).toBe(true);

    // Progress from both shards: one line over the job's 10 runs from the first report on (a shard not
    // heard from yet has none done), weighted by each shard's runs, never going back.
    const progress = (index: number, fraction: number, runsDone: number) =>
      f.shards[index].send({
        type: 'SHARD_PROGRESS',
        job: input.job,
        index,
        progress: { fraction, runsDone, runsTotal: 5, architecture: index ? 'sidecar-envoy' : 'no-mesh' },
      });
    progress(0, 0.2, 1);
    expect(session.getSnapshot().progress).toEqual({
      fraction: 0.1, // 0.2 × 5 / 10
      runsDone: 1,
      runsTotal: 10,
      architecture: 'no-mesh',
    });
    progress(1, 0.6, 3);
    expect(session.getSnapshot().progress).toEqual({
      fraction: 0.4, // (0.2 × 5 + 0.6 × 5) / 10
      runsDone: 4,
      runsTotal: 10,
      architecture: 'sidecar-envoy',
    });
    progress(1, 0.4, 2); // a shard's estimate dipped: the line does not go back
    expect(session.getSnapshot().progress?.fraction).toBe(0.4);
    progress(0, 1, 5);
    progress(1, 1, 5);
    expect(session.getSnapshot().progress?.fraction).toBe(0.999); // 1 only once assembled

    await f.finishShards();
    // The session puts the shards' runs together in plan order before assembling them.
    expect(f.assemblies).toHaveLength(1);
    expect(f.assemblies[0].runs).toEqual(Array.from({ length: 10 }, (_, j) => run(input.job, j)));
    expect(f.assemblies[0].compiled).toEqual(compiledOf(s1));
    const done = session.getSnapshot();
    expect(done.phase).toBe('idle'); // no saturation load in this estimate: no sweep
    expect(done.result).toEqual(viewOf(s1));
    expect(done.simulated).toBe(true);
    expect(done.progress).toBeNull();
  });

  it('a change during the analysis aborts it: the estimate never outlives its change', async () => {
    const f = fakes();
    const session = open(f);
    session.setScenario(s2);
    expect(f.analyses[0].signal.aborted).toBe(true);
    expect(f.analyses).toHaveLength(2);
    f.analyses[0].resolve({ status: 'done', compiled: compiledOf(s1), estimate: estimateOf(s1) }); // late: ignored
    await flush();
    expect(session.getSnapshot().phase).toBe('estimating');
    expect(session.getSnapshot().estimate).toBeNull();
    await f.analysed();
    expect(session.getSnapshot().estimate).toEqual(estimateOf(s2));
  });

  it('Cancel during the analysis stops it and keeps the previous scenario', async () => {
    const f = fakes();
    const session = open(f);
    await f.analysed();
    await f.finishShards();
    session.setScenario(s2);
    session.cancel();
    expect(f.analyses[1].signal.aborted).toBe(true);
    const snap = session.getSnapshot();
    expect(snap.phase).toBe('idle');
    expect(snap.scenario).toBe(s1);
    expect(snap.estimate).toEqual(estimateOf(s1));
    expect(snap.simulated).toBe(true);
    expect(snap.notice).toEqual({ kind: 'info', text: 'Estimate cancelled. The previous scenario is kept.' });
  });

  it('a change mid-run stops every shard, and a late answer from them does not land', async () => {
    const f = fakes();
    const session = open(f);
    await f.analysed();
    await f.finishShards();
    session.setScenario(s2);
    expect(session.getSnapshot().simulated).toBe(false); // the old result is stale
    await f.analysed();
    const running = f.jobShards();
    session.setScenario(s1, 3);
    expect(running.every((s) => s.stopped)).toBe(true);
    expect(session.getSnapshot().phase).toBe('estimating');
    for (const s of running)
      s.send({
        type: 'SHARD_DONE',
        job: s.input.job,
        index: s.input.index,
        outcome: { status: 'runs', runs: [] },
      });
    await flush();
    expect(f.assemblies).toHaveLength(1);
    await f.analysed();
    expect(f.jobShards()[0].input.replications).toBe(3);
    expect(session.getSnapshot().replications).toBe(3);
  });

  it('typing fast: each keystroke’s run is stopped by the next change, and only the last one lands', async () => {
    const f = fakes();
    const clock = {
      t: 0,
      now() {
        return this.t;
      },
    };
    const session = open(f, clock);
    await f.analysed();
    for (let seed = 11; seed <= 15; seed++) {
      const before = f.jobShards();
      session.setScenario({ ...s1, seed });
      expect(before.every((s) => s.stopped)).toBe(true); // the previous keystroke's run
      await f.analysed();
      expect(session.getSnapshot().phase).toBe('running');
      clock.t += 40; // keystrokes 40 ms apart
    }
    expect([...new Set(f.shards.map((s) => s.input.seed))]).toEqual([s1.seed, 11, 12, 13, 14, 15]);
    await f.finishShards();
    expect(f.assemblies.map((a) => a.scenario.seed)).toEqual([15]);
    expect(session.getSnapshot().result).toEqual(viewOf({ ...s1, seed: 15 }));
  });

  it('a scenario the engine rejects is not kept: the previous one comes back with the reason', async () => {
    const f = fakes();
    const session = open(f);
    await f.analysed();
    session.setScenario(s2);
    f.analyses[1].resolve({
      status: 'error',
      message: 'The scenario cannot be simulated. topology: needs 2 nodes.',
    });
    await flush();
    const snap = session.getSnapshot();
    expect(snap.phase).toBe('idle');
    expect(snap.scenario).toBe(s1);
    expect(snap.estimate).toEqual(estimateOf(s1));
    expect(snap.notice).toEqual({
      kind: 'error',
      text: 'The scenario cannot be simulated. topology: needs 2 nodes. The previous scenario is kept.',
    });
  });

  it('an invalid edit is refused where it enters, naming the field, and nothing is analysed', async () => {
    const f = fakes();
    const session = open(f);
    await f.analysed();
    session.setScenario({ ...s1, topology: { ...s1.topology, nodes: 0 } });
    expect(f.analyses).toHaveLength(1);
    const snap = session.getSnapshot();
    expect(snap.scenario).toBe(s1);
    expect(snap.phase).toBe('running'); // the current run goes on
    expect(snap.notice?.kind).toBe('error');
    expect(snap.notice?.text).toMatch(
      /^The scenario is not a valid scenario\. topology\.nodes: .*at least 1.*The previous scenario is kept\.$/,
    );
  });

  it('Cancel stops the run and keeps the estimate; Run simulates again', async () => {
    const f = fakes();
    const session = open(f);
    await f.analysed();
    const first = f.jobShards();
    session.cancel();
    expect(first.every((s) => s.stopped)).toBe(true);
    expect(session.getSnapshot().phase).toBe('idle');
    expect(session.getSnapshot().notice?.text).toMatch(/^Simulation cancelled/);
    expect(session.getSnapshot().estimate).toEqual(estimateOf(s1));
    session.run();
    expect(session.getSnapshot().phase).toBe('running');
    expect(f.shards).toHaveLength(4);
    expect(session.getSnapshot().notice).toBeNull();
  });

  it('a failed shard fails the run, says why, and stops the other shard', async () => {
    const f = fakes();
    const session = open(f);
    await f.analysed();
    const [a, b] = f.jobShards();
    a.send({
      type: 'SHARD_DONE',
      job: a.input.job,
      index: 0,
      outcome: { status: 'error', message: 'The engine failed: boom' },
    });
    await flush();
    expect(b.stopped).toBe(true);
    expect(session.getSnapshot().notice).toEqual({
      kind: 'error',
      text: 'The simulation failed. The engine failed: boom',
    });
    expect(session.getSnapshot().result).toBeNull();
    expect(f.assemblies).toHaveLength(0);
  });
});

describe('Compare session: load sweep', () => {
  async function toSweep(f: ReturnType<typeof fakes>, session: CompareSession) {
    await f.analysed(sweepEstimate);
    await f.finishShards();
    expect(session.getSnapshot().phase).toBe('sweeping');
    // The main run's assembly started the next round's sure replication; no round followed: stopped.
    const ahead = f.shards.slice(2, 4);
    expect(ahead.map((x) => [x.input.from, x.input.replications, x.stopped])).toEqual([
      [5, 6, true],
      [5, 6, true],
    ]);
  }

  it('after the main result, sweeps offered load point by point in small slices, reusing the compiled specs', async () => {
    const f = fakes();
    const session = open(f);
    await toSweep(f, session);
    expect(session.getSnapshot().simulated).toBe(true); // shown before any sweep point
    expect(session.getSnapshot().sweep).toMatchObject({
      loads: [1000, 2250, 3500, 4500],
      points: [],
      status: 'running',
    });
    for (let k = 0; k < 4; k++) {
      const shards = f.jobShards();
      expect(shards).toHaveLength(2);
      expect(f.shards).toHaveLength(2 * (k + 3)); // one point at a time (after the main run's and its run ahead)
      const input = shards[0].input;
      expect(input.sliceEvents).toBe(SWEEP_SLICE_EVENTS);
      expect(input.progress).toBe(false);
      expect(input.seed).toBe(s1.seed);
      const spec = input.designs[1].spec as unknown as { load: unknown; run: unknown; arch: string };
      expect(spec.arch).toBe('sidecar-envoy'); // the compiled spec, not a new compilation
      expect(spec.load).toMatchObject({ kind: 'paced', rps: [1000, 2250, 3500, 4500][k] });
      expect(spec.run).toEqual({ warmupRequests: 1000, measuredRequests: 1000 }); // the preset's warm-up, fewer measured
      await f.finishShards();
      expect(f.assemblies.at(-1)!.scenario.workload.load).toMatchObject({ rps: [1000, 2250, 3500, 4500][k] });
    }
    expect(f.analyses).toHaveLength(1); // the sweep compiles nothing
    const snap = session.getSnapshot();
    expect(snap.phase).toBe('idle');
    expect(snap.sweep!.status).toBe('done');
    expect(snap.sweep!.points.map((p) => [p.fraction, p.rps, p.values[0].p99.mean])).toEqual([
      [0.2, 1000, 500],
      [0.45, 2250, 1125],
      [0.7, 3500, 1750],
      [0.9, 4500, 2250],
    ]);
    expect(snap.result).toEqual(viewOf(s1)); // the main result is untouched
  });

  it('any change stops the sweep at once and starts the new main run', async () => {
    const f = fakes();
    const session = open(f);
    await toSweep(f, session);
    await f.finishShards();
    expect(session.getSnapshot().sweep!.points).toHaveLength(1);
    const point = f.jobShards();
    session.setScenario(s2);
    expect(point.every((s) => s.stopped)).toBe(true);
    expect(session.getSnapshot().sweep).toBeNull();
    await f.analysed(sweepEstimate);
    expect(session.getSnapshot().phase).toBe('running');
    expect(f.jobShards()[0].input.seed).toBe(2); // the main run of the new scenario, not a sweep point
    expect(f.jobShards()[0].input.sliceEvents).toBeUndefined();
  });

  it('Stop ends the sweep, keeping its points and the main result; a failed point ends it as failed', async () => {
    const f = fakes();
    const session = open(f);
    await toSweep(f, session);
    await f.finishShards();
    const point = f.jobShards();
    session.cancel();
    expect(point.every((s) => s.stopped)).toBe(true);
    expect(session.getSnapshot().phase).toBe('idle');
    expect(session.getSnapshot().sweep).toMatchObject({ status: 'stopped', points: [{ rps: 1000 }] });
    expect(session.getSnapshot().simulated).toBe(true);

    session.run();
    await f.finishShards();
    expect(session.getSnapshot().phase).toBe('sweeping');
    const [a] = f.jobShards();
    a.send({ type: 'SHARD_DONE', job: a.input.job, index: 0, outcome: { status: 'error', message: 'boom' } });
    await flush();
    expect(session.getSnapshot().phase).toBe('idle');
    expect(session.getSnapshot().sweep).toMatchObject({ status: 'failed', points: [] });
  });
});

describe('Compare session: the link', () => {
  it('round trip: the link of an accepted scenario opens a session on the same scenario', async () => {
    const f = fakes();
    const session = open(f);
    expect(session.getSnapshot().link).toBeNull(); // nothing accepted yet
    session.setScenario(s2, 3);
    await f.analysed();
    const link = session.getSnapshot().link!;
    const params = new URLSearchParams(link.params);
    expect(params.get('r')).toBe('3');
    const { requested } = readLink(params);
    expect(requested && 'scenario' in requested && requested.scenario).toEqual(ScenarioSchema.parse(s2));
    const again = createCompareSession({
      scenario: (requested as { scenario: ValidScenario }).scenario,
      replications: 3,
      actors: fakes().actors,
    });
    expect(scenarioKey(again.getSnapshot().scenario, again.getSnapshot().replications)).toBe(
      scenarioKey(s2, 3),
    );
  });

  it('its own link read back is not parsed again; another link is opened and names the scenario', async () => {
    const f = fakes();
    const session = open(f);
    await f.analysed();
    const own = new URLSearchParams(session.getSnapshot().link!.params);
    // Links are read with the practical limits (the schema links, files and the CLI share).
    const parse = vi.spyOn(PracticalScenarioSchema, 'safeParse');
    session.openLink(own);
    expect(parse).not.toHaveBeenCalled();
    expect(f.analyses).toHaveLength(1);

    const other = { ...s1, seed: 7, name: 'Shared' };
    session.openLink(linkParams(other, 4, DEFAULT_PRECISION));
    expect(parse).toHaveBeenCalledTimes(1);
    parse.mockRestore();
    const snap = session.getSnapshot();
    expect(snap.scenario.seed).toBe(7);
    expect(snap.replications).toBe(4);
    expect(snap.origin.name).toBe('Shared');
    expect(f.analyses).toHaveLength(2);
  });

  it('a bad link keeps the scenario and says why; a bad r or p opens the link with the defaults', async () => {
    const f = fakes();
    const session = open(f);
    await f.analysed();
    session.openLink(new URLSearchParams('s=%%%&r=2'));
    const snap = session.getSnapshot();
    expect(snap.scenario).toBe(s1);
    expect(snap.notice?.kind).toBe('error');
    expect(snap.notice?.text).toMatch(/damaged.*The current scenario is kept\.$/);
    // A bad `r` or `p` costs only itself: the link's scenario opens with the defaults, and a notice says so.
    session.openLink(
      new URLSearchParams(
        `s=${new URLSearchParams(linkParams(s2, 5, DEFAULT_PRECISION)).get('s')}&r=99&p=abc`,
      ),
    );
    const opened = session.getSnapshot();
    expect(opened.scenario.seed).toBe(2);
    expect(opened.replications).toBe(5);
    expect(opened.precision).toBe(DEFAULT_PRECISION);
    expect(opened.notice?.kind).toBe('info');
    expect(opened.notice?.text).toBe(
      'The link’s replications (r=99) must be a whole number from 2 to 20: 5 are used. The link’s precision (p=abc) must be a percentage from 0.1 to 50, or “fixed”: ±2 % is used.',
    );
  });

  it('history: a burst of changes (under a second apart, on the injected clock) shares one entry', async () => {
    const f = fakes();
    const clock = {
      t: 0,
      now() {
        return this.t;
      },
    };
    const session = open(f, clock);
    await f.analysed();
    expect(session.getSnapshot().link!.replace).toBe(true); // the first link replaces the bare one
    for (const [dt, replace] of [
      [5_000, false],
      [300, true],
      [900, true],
      [1_000, false],
    ] as const) {
      clock.t += dt;
      session.setScenario({ ...s1, seed: clock.t });
      await f.analysed();
      expect(session.getSnapshot().link!.replace).toBe(replace);
    }
  });

  it('history: the link the page opened with is not a write, so the first change after it is a new entry', async () => {
    const f = fakes();
    const clock = { t: 0, now: () => clock.t };
    const from = new URLSearchParams(linkParams(s1, 5, DEFAULT_PRECISION));
    const key = `${from.get('s')}|${from.get('r')}|${from.get('p')}`;
    const session = createCompareSession({
      scenario: s1,
      actors: f.actors,
      workers: 2,
      clock,
      openedFrom: key,
    });
    await f.analysed();
    expect(session.getSnapshot().link).toMatchObject({ key, replace: true });
    clock.t += 300; // soon after opening: still its own history entry (back returns to the opened link)
    session.setScenario({ ...s1, seed: 3 });
    await f.analysed();
    expect(session.getSnapshot().link!.replace).toBe(false);
  });

  it('names the scenario as loaded, and “Custom (edited from …)” once edited', async () => {
    const f = fakes();
    const session = open(f);
    expect(session.getSnapshot().title).toEqual({ text: 'Istio benchmark', edited: false });
    session.setScenario({ ...s1, seed: 4 });
    expect(session.getSnapshot().title).toEqual({
      text: 'Custom (edited from “Istio benchmark”)',
      edited: true,
    });
    session.load({ ...s1, name: 'From a file' }, 'Made for other models.');
    expect(session.getSnapshot().title).toEqual({ text: 'From a file', edited: false });
    expect(session.getSnapshot().notice).toEqual({ kind: 'info', text: 'Made for other models.' });
  });

  it('a link to an edited preset is “Custom (edited from …)”, the preset’s own link its name, opened or followed', () => {
    const pods = parseScenario(SCENARIO_PRESETS['pods-400']);
    const edited = {
      ...pods,
      workload: { ...pods.workload, load: { ...pods.workload.load, rps: 5000 } },
    } as Scenario;
    const fromLink = (s: Scenario) => {
      const { requested } = readLink(linkParams(s, 4, DEFAULT_PRECISION));
      if (!requested || !('scenario' in requested)) throw new Error('the link did not open');
      return requested;
    };
    // Opened with the page: the session is created from the link.
    const opened = fromLink(edited);
    expect(opened.preset?.name).toBe(pods.name);
    const f = fakes();
    const session = createCompareSession({
      scenario: opened.scenario,
      openedPreset: opened.preset,
      actors: f.actors,
      workers: 2,
    });
    expect(session.getSnapshot().title).toEqual({
      text: `Custom (edited from “${pods.name}”)`,
      edited: true,
    });
    // Followed later (the router): the preset's own link is the preset, unedited.
    session.openLink(linkParams(pods, 4, DEFAULT_PRECISION));
    expect(session.getSnapshot().title).toEqual({ text: pods.name, edited: false });
    session.openLink(linkParams(edited, 4, DEFAULT_PRECISION));
    expect(session.getSnapshot().title).toEqual({
      text: `Custom (edited from “${pods.name}”)`,
      edited: true,
    });
    // Edited back to the preset's values, it is the preset again.
    session.setScenario(pods);
    expect(session.getSnapshot().title).toEqual({ text: pods.name, edited: false });
  });

  it('says when the estimate is the previous scenario’s, until the new one is estimated', async () => {
    const f = fakes();
    const session = open(f);
    expect(session.getSnapshot().estimateStale).toBe(false); // no estimate yet: nothing stale
    await f.analysed();
    expect(session.getSnapshot().estimateStale).toBe(false);
    session.setScenario(s2);
    expect(session.getSnapshot().phase).toBe('estimating');
    expect(session.getSnapshot().estimate).toEqual(estimateOf(s1));
    expect(session.getSnapshot().estimateStale).toBe(true);
    await f.analysed();
    expect(session.getSnapshot().estimate).toEqual(estimateOf(s2));
    expect(session.getSnapshot().estimateStale).toBe(false);
  });

  it('keys results by scenario and replications', () => {
    expect(scenarioKey(s1, 5)).not.toBe(scenarioKey(s1, 3));
    expect(scenarioKey(s1, 5)).not.toBe(scenarioKey(s2, 5));
    expect(scenarioKey({ ...s1 }, 5)).toBe(scenarioKey(s1, 5));
  });
});

describe('the Compare session: precision decides how many replications run', () => {
  /** The fake assembly's answer with a precision report: `next` replications wanted (null: precise enough). */
  const reporting =
    (reached: number, next: number | null) =>
    (input: AssembleInput): AssembleOutcome => ({
      status: 'done',
      result: {
        ...viewOf(input.scenario),
        replications: input.replications,
        precision: {
          target: input.precision,
          reached,
          limitedBy: { architecture: 'sidecar-envoy', figure: 'added p99' },
          replications: input.replications,
          next,
          atCap: false,
        },
      },
    });
  const ranges = (f: ReturnType<typeof fakes>) =>
    f.jobShards().map((x) => [x.input.from, x.input.replications]);
  const tag = (r: RunFigures | null) => {
    const { job, j } = r as unknown as { job: number; j: number };
    return `${job}:${j}`;
  };

  it('a round follows while the figures are not precise enough; its runs join the first round’s, design by design', async () => {
    const f = fakes();
    f.assemble.mockImplementationOnce(reporting(0.05, 8)).mockImplementationOnce(reporting(0.015, null));
    const session = open(f);
    await f.analysed();
    expect(ranges(f)).toEqual([
      [0, 5],
      [0, 5],
    ]);
    await f.finishShards();
    // The first round's result is shown while the second runs: replications 5 up to 8 — replication 5
    // (job 2) started while the first round was assembled, then 6 and 7 (job 3).
    let snap = session.getSnapshot();
    expect(snap.simulated).toBe(true);
    expect(snap.refining).toBe(true);
    expect(snap.phase).toBe('running');
    expect(snap.result!.precision!.reached).toBe(0.05);
    expect(f.shards.slice(2).map((x) => [x.input.job, x.input.from, x.input.replications])).toEqual([
      [2, 5, 6],
      [2, 5, 6],
      [3, 6, 8],
      [3, 6, 8],
    ]);
    await f.finishShards(3);
    expect(f.assemblies).toHaveLength(1); // replication 5 is not in yet: the round waits for it
    await f.finishShards(2);
    const second = f.assemblies[1];
    expect(second.replications).toBe(8);
    expect(second.precision).toBe(DEFAULT_PRECISION);
    // Two designs; each design's eight runs in replication order: five from job 1, one from job 2 (run
    // ahead), then two from job 3.
    expect(second.runs.map(tag)).toEqual([
      ...['1:0', '1:1', '1:2', '1:3', '1:4', '2:0', '3:0', '3:1'],
      ...['1:5', '1:6', '1:7', '1:8', '1:9', '2:1', '3:2', '3:3'],
    ]);
    snap = session.getSnapshot();
    expect(snap.refining).toBe(false);
    expect(snap.phase).not.toBe('running');
    expect(snap.result!.precision).toMatchObject({ reached: 0.015, next: null, replications: 8 });
    expect(f.assemblies).toHaveLength(2);
  });

  it('the next round’s sure replication runs while the page assembles the round before (the workers do not wait)', async () => {
    const f = fakes();
    let assembled!: (o: AssembleOutcome) => void;
    let firstInput!: AssembleInput;
    f.assemble
      .mockImplementationOnce((input) => {
        firstInput = input;
        return new Promise<AssembleOutcome>((r) => (assembled = r)) as unknown as AssembleOutcome;
      })
      .mockImplementationOnce(reporting(0.015, null));
    const session = open(f);
    await f.analysed();
    await f.finishShards();
    // The first round is being assembled, and replication 5 of every design already runs on both workers.
    expect(f.assemblies).toHaveLength(1);
    expect(session.getSnapshot().phase).toBe('running');
    expect(
      f.shards.slice(2).map((x) => [x.input.job, x.input.from, x.input.replications, x.stopped]),
    ).toEqual([
      [2, 5, 6, false],
      [2, 5, 6, false],
    ]);
    expect(f.shards.slice(2).every((x) => x.input.progress === false && x.input.count === 2)).toBe(true);
    // It may even finish before the assembly does; then the round asked for (up to 6) needs nothing more.
    await f.finishShards(2);
    assembled(reporting(0.05, 6)(firstInput));
    await flush();
    expect(f.assemblies).toHaveLength(2);
    // No job of its own for a round of one replication run ahead: the next shards are the replication run
    // ahead of the second round's assembly (6), stopped since no third round follows.
    expect(
      f.shards.slice(4).map((x) => [x.input.job, x.input.from, x.input.replications, x.stopped]),
    ).toEqual([
      [3, 6, 7, true],
      [3, 6, 7, true],
    ]);
    expect(f.assemblies[1].replications).toBe(6);
    expect(f.assemblies[1].runs.map(tag)).toEqual([
      ...['1:0', '1:1', '1:2', '1:3', '1:4', '2:0'],
      ...['1:5', '1:6', '1:7', '1:8', '1:9', '2:1'],
    ]);
    const snap = session.getSnapshot();
    expect(snap.phase).toBe('idle'); // finished (this stand-in estimate plans no load sweep)
    expect(snap.refining).toBe(false);
    expect(snap.result!.precision).toMatchObject({ reached: 0.015, next: null, replications: 6 });
    session.stop();
  });

  it('the replication run ahead is stopped by Cancel or a change during the assembly, and never run at the cap', async () => {
    const f = fakes();
    f.assemble.mockImplementation(
      () => new Promise<AssembleOutcome>(() => undefined) as unknown as AssembleOutcome,
    );
    const session = open(f);
    await f.analysed();
    await f.finishShards();
    expect(f.shards.slice(2).map((x) => x.stopped)).toEqual([false, false]);
    session.cancel();
    expect(f.shards.slice(2).map((x) => x.stopped)).toEqual([true, true]);
    expect(session.getSnapshot().phase).toBe('idle');

    session.setScenario(s2);
    await f.analysed();
    await f.finishShards();
    const ahead = f.shards.slice(-2);
    expect(ahead.map((x) => [x.input.from, x.input.replications, x.stopped])).toEqual([
      [5, 6, false],
      [5, 6, false],
    ]);
    session.setScenario(s1);
    expect(ahead.map((x) => x.stopped)).toEqual([true, true]);
    session.stop();

    // A round that reaches the cap (30 replications) is the last: nothing is run ahead of it.
    const g = fakes();
    g.assemble
      .mockImplementationOnce(reporting(0.05, MAX_REPLICATIONS))
      .mockImplementationOnce(
        () => new Promise<AssembleOutcome>(() => undefined) as unknown as AssembleOutcome,
      );
    const capped = open(g);
    await g.analysed();
    await g.finishShards(); // round 1 (0–5); its assembly starts replication 5 ahead
    await g.finishShards(2);
    await g.finishShards(3); // round 2: 6–30
    expect(g.assemblies.at(-1)!.replications).toBe(MAX_REPLICATIONS);
    expect(new Set(g.shards.map((x) => x.input.job))).toEqual(new Set([1, 2, 3]));
    capped.stop();
  });

  it('a fixed count (precision null) runs one round whatever the report says', async () => {
    const f = fakes();
    f.assemble.mockImplementation(reporting(0.05, 8));
    const session = createCompareSession({ scenario: s1, actors: f.actors, workers: 2, precision: null });
    await f.analysed();
    await f.finishShards();
    // A fixed count's assembly is asked with no target, and no round follows even if a report asked.
    expect(f.assemblies[0].precision).toBeNull();
    expect(new Set(f.shards.map((x) => x.input.job)).size).toBe(1);
    expect(session.getSnapshot().refining).toBe(false);
    session.stop();
  });

  it('a change while refining starts again from the first replication; Cancel keeps the round shown', async () => {
    const f = fakes();
    f.assemble.mockImplementation(reporting(0.05, 8));
    const session = open(f);
    await f.analysed();
    await f.finishShards();
    expect(session.getSnapshot().refining).toBe(true);
    session.cancel();
    let snap = session.getSnapshot();
    expect(snap.phase).toBe('idle');
    expect(snap.refining).toBe(false);
    expect(snap.result!.replications).toBe(5); // the first round's figures stay, with their precision
    expect(f.jobShards().every((x) => x.stopped)).toBe(true);
    session.run();
    expect(ranges(f)).toEqual([
      [0, 5],
      [0, 5],
    ]);
    session.setScenario(s2);
    await f.analysed();
    expect(ranges(f)).toEqual([
      [0, 5],
      [0, 5],
    ]);
    snap = session.getSnapshot();
    expect(snap.scenario.seed).toBe(2);
    session.stop();
  });

  it('the precision is part of the link and of what a result belongs to', async () => {
    const f = fakes();
    const session = open(f);
    await f.analysed();
    expect(new URLSearchParams(session.getSnapshot().link!.params).get('p')).toBe('2');
    await f.finishShards();
    expect(session.getSnapshot().simulated).toBe(true);
    session.setPrecision(0.05);
    expect(session.getSnapshot().simulated).toBe(false); // a result for ±2 % is not one for ±5 %
    await f.analysed();
    expect(new URLSearchParams(session.getSnapshot().link!.params).get('p')).toBe('5');
    session.setPrecision(null);
    await f.analysed();
    expect(new URLSearchParams(session.getSnapshot().link!.params).get('p')).toBe('fixed');
    expect(readLink(new URLSearchParams(session.getSnapshot().link!.params)).requested).toMatchObject({
      precision: null,
    });
    // Links made before rounds existed (no p) ask for the default target; a bad p is named.
    const old = new URLSearchParams(linkParams(s1, 5, null));
    old.delete('p');
    expect(readLink(old).requested).toMatchObject({ precision: DEFAULT_PRECISION, replications: 5 });
    old.set('p', '90');
    expect(readLink(old).requested).toMatchObject({
      precision: DEFAULT_PRECISION,
      notice: expect.stringMatching(/precision \(p=90\) must be .*: ±2 % is used\.$/),
    });
    session.stop();
  });
});

describe('Compare session: connections sweep', () => {
  it('on demand from idle: 1 … 64 connections point by point, the compiled specs with only load and run replaced', async () => {
    const f = fakes();
    const session = open(f);
    await f.analysed(); // no saturation load: no load sweep, so the session is idle after the main run
    await f.finishShards();
    expect(session.getSnapshot().phase).toBe('idle');
    expect(session.getSnapshot().connections).toBeNull();
    session.sweepConnections();
    expect(session.getSnapshot().phase).toBe('sweeping');
    expect(session.getSnapshot().connections).toMatchObject({
      counts: [1, 2, 4, 8, 16, 32, 64],
      points: [],
      status: 'running',
    });
    for (const [k, n] of [1, 2, 4, 8, 16, 32, 64].entries()) {
      const input = f.jobShards()[0].input;
      expect(input.sliceEvents).toBe(SWEEP_SLICE_EVENTS);
      expect(input.progress).toBe(false);
      expect(input.seed).toBe(s1.seed);
      const spec = input.designs[1].spec as unknown as { load: unknown; run: unknown; arch: string };
      expect(spec.arch).toBe('sidecar-envoy');
      expect(spec.load).toEqual({ ...s1.workload.load, connections: n });
      expect(spec.run).toEqual({ warmupRequests: 1000, measuredRequests: 1000 });
      await f.finishShards();
      expect(f.assemblies.at(-1)!.scenario.workload.load).toMatchObject({ connections: n });
      expect(session.getSnapshot().connections!.points).toHaveLength(k + 1);
    }
    expect(f.analyses).toHaveLength(1); // compiles nothing
    const snap = session.getSnapshot();
    expect(snap.phase).toBe('idle');
    expect(snap.connections!.status).toBe('done');
    expect(snap.connections!.points.map((p) => p.connections)).toEqual([1, 2, 4, 8, 16, 32, 64]);
    expect(snap.result).toEqual(viewOf(s1)); // the main result is untouched
  });

  it('stops a running load sweep (keeping its points); Stop and any change end it', async () => {
    const f = fakes();
    const session = open(f);
    await f.analysed(sweepEstimate);
    await f.finishShards();
    await f.finishShards(); // one load-sweep point
    const loadPoint = f.jobShards();
    session.sweepConnections();
    expect(loadPoint.every((s) => s.stopped)).toBe(true);
    expect(session.getSnapshot().sweep).toMatchObject({ status: 'stopped', points: [{ rps: 1000 }] });
    expect(session.getSnapshot().connections!.status).toBe('running');
    await f.finishShards();
    session.cancel();
    expect(session.getSnapshot().connections).toMatchObject({
      status: 'stopped',
      points: [{ connections: 1 }],
    });
    expect(session.getSnapshot().sweep!.status).toBe('stopped'); // the load sweep's state is its own
    session.setScenario(s2);
    expect(session.getSnapshot().connections).toBeNull();
  });

  it('is refused before any scenario is accepted', () => {
    const f = fakes();
    const session = open(f);
    session.sweepConnections();
    expect(session.getSnapshot().phase).toBe('estimating');
    expect(session.getSnapshot().connections).toBeNull();
  });
});

describe('Compare session: the work of a change, done once', () => {
  it('encodes the accepted scenario’s link once (the encoder tries every preset), not once for its key and again for its parameters', async () => {
    const f = fakes();
    // A scenario object of its own: link.ts keeps each trusted scenario's encoding, so s1's may be known.
    const session = createCompareSession({ scenario: parseScenario(bench), actors: f.actors, workers: 2 });
    // packed() encodes each candidate's text once: the whole scenario and one patch per preset.
    const encode = vi.spyOn(TextEncoder.prototype, 'encode');
    try {
      await f.analysed();
      expect(session.getSnapshot().link).not.toBeNull();
      expect(encode.mock.calls.length).toBeGreaterThan(0);
      expect(encode.mock.calls.length).toBeLessThanOrEqual(1 + SCENARIO_PRESET_IDS.length);
    } finally {
      encode.mockRestore();
    }
  });

  it('works out the scenario’s key once per change, not on every progress update', async () => {
    const f = fakes();
    const session = open(f);
    await f.analysed();
    const { job } = f.shards[0].input;
    const stringify = vi.spyOn(JSON, 'stringify');
    try {
      for (let i = 1; i <= 20; i++)
        f.shards[i % 2].send({
          type: 'SHARD_PROGRESS',
          job,
          index: i % 2,
          progress: { fraction: i / 25, runsDone: i, runsTotal: 25, architecture: 'no-mesh' },
        });
      expect(session.getSnapshot().progress?.runsDone).toBe(20 + 19); // each shard's latest, summed
      // scenarioKey is the scenario's JSON: none of the twenty updates writes it again.
      expect(stringify.mock.calls.filter(([v]) => v === session.getSnapshot().scenario)).toHaveLength(0);
    } finally {
      stringify.mockRestore();
    }
  });
});
