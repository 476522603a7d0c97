import { afterEach, describe, expect, it, vi } from 'vitest';
import { createActor, toPromise } from 'xstate';
import bench from '../../../models/presets/istio-benchmark.json';
import { runComparison } from '../../engine/compare';
import * as compiler from '../../engine/scenario/compileScenario';
import { toComparisonView, toComparisonViewSteps } from '../../engine/scenario/view';
import { compileAll } from '../../engine/scenario/compiledSet';
import { analyseSteps } from '../../engine/scenario/analyse';
import { assembleComparison, assembleSteps, ComparisonSession, specsOf } from '../../engine/scenario/session';
import {
  createCompareSession,
  type CompareSession,
  type CompareSnapshot,
} from '../../machines/compare/session';
import { PracticalScenarioSchema, ScenarioSchema } from '../../model/scenario';
import { DEFAULT_PRECISION, precisionRule } from '../../model/precision';
import { parseScenario } from '../../model/valid';
import { fakeWorker } from '../../test/fakeWorker';
import { connectEngineClient, type EngineClient } from '../../worker/client';
import { analyseOnPage, assembleOnPage, shardOnWorkers } from './engineActors';

// Count every compilation, whoever calls it (the analysis compiles a part at a time; the estimate's
// band, the footprint, whole).
vi.mock('../../engine/scenario/compileScenario', async (importOriginal) => {
  const orig = await importOriginal<typeof import('../../engine/scenario/compileScenario')>();
  return {
    ...orig,
    compileScenario: vi.fn(orig.compileScenario),
    compileScenarioSteps: vi.fn(orig.compileScenarioSteps),
  };
});

const scenario = parseScenario({
  ...bench,
  architectures: ['sidecar-envoy', 'proxyless-grpc', 'ambient'],
  run: { warmupRequests: 100, measuredRequests: 1_000 },
});

function open(): CompareSession {
  const clients = [connectEngineClient(fakeWorker()), connectEngineClient(fakeWorker())];
  return createCompareSession({
    scenario,
    replications: 2,
    workers: clients.length,
    actors: {
      analyse: analyseOnPage(undefined, () => Promise.resolve()),
      shard: shardOnWorkers(clients),
      assemble: assembleOnPage(),
    },
  });
}

const until = (session: CompareSession, ok: (s: CompareSnapshot) => boolean) =>
  new Promise<CompareSnapshot>((resolve) => {
    if (ok(session.getSnapshot())) return resolve(session.getSnapshot());
    const off = session.subscribe((s) => {
      if (ok(s)) {
        off();
        resolve(s);
      }
    });
  });

afterEach(() => vi.restoreAllMocks());

describe('the Compare session on the real engine (workers in-process)', () => {
  it('one parse per change, no compile for a change of rate (the designs are reused), and runComparison’s exact numbers', async () => {
    const session = open();
    await until(session, (s) => s.simulated);
    session.cancel(); // the sweep
    const whole = vi.mocked(compiler.compileScenario);
    const steps = vi.mocked(compiler.compileScenarioSteps);
    whole.mockClear();
    steps.mockClear();
    // Either tier counts: the page reads changes with the practical limits.
    const parse = vi.spyOn(ScenarioSchema, 'parse');
    const safeParse = vi.spyOn(ScenarioSchema, 'safeParse');
    const practical = vi.spyOn(PracticalScenarioSchema, 'parse');
    const practicalSafe = vi.spyOn(PracticalScenarioSchema, 'safeParse');

    // A change as the controls make it: a new object, not yet validated.
    const changed = {
      ...scenario,
      workload: { ...scenario.workload, load: { ...scenario.workload.load, rps: 800 } },
    };
    session.setScenario(changed);
    // Rounds of replications until the default precision: finished once no round follows.
    const done = await until(session, (s) => s.simulated && s.result?.precision?.next === null);
    session.stop();

    expect(
      parse.mock.calls.length +
        safeParse.mock.calls.length +
        practical.mock.calls.length +
        practicalSafe.mock.calls.length,
    ).toBe(1);
    // Designs run: the no-mesh baseline, sidecar-envoy and ambient. A change of rate only reuses the
    // designs the last change compiled (reuse.ts); proxyless gRPC, which cannot run HTTP/1.1, is tried again.
    const compiles = [...whole.mock.calls, ...steps.mock.calls];
    const atProfile = compiles.filter(([s]) => (s as { profile: string }).profile === scenario.profile);
    expect(atProfile.map(([, a]) => a)).toEqual(['proxyless-grpc']);
    // The estimate's low/high band re-costs each design (recost.ts) rather than compiling it again.
    expect(compiles.length - atProfile.length).toBe(0);
    parse.mockRestore();
    safeParse.mockRestore();

    expect(JSON.stringify(done.result)).toBe(
      JSON.stringify(
        toComparisonView(
          runComparison(changed, { replications: 2, precision: precisionRule(DEFAULT_PRECISION) }),
        ),
      ),
    );
    // More than the first round ran (two replications never give ±2 % at 99 %), and the target was met.
    expect(done.result!.replications).toBeGreaterThan(2);
    expect(done.result!.precision!.reached).toBeLessThanOrEqual(DEFAULT_PRECISION);
  }, 60_000);
});

describe('the analysis on the page', () => {
  const stepsOf = () => {
    const g = analyseSteps(scenario);
    let n = 0;
    while (!g.next().done) n++;
    return n;
  };
  const analyse = async (sliceMs: number) => {
    let t = 0;
    let yields = 0;
    // A clock that moves 1 ms each time it is read: a slice of 10 ms is a few steps. The steps are
    // cut by work alone here (no step time), so they are the ones counted above.
    const actor = createActor(
      analyseOnPage(
        undefined,
        async () => void yields++,
        () => t++,
        sliceMs,
        undefined,
        Infinity,
      ),
      { input: { scenario } },
    );
    actor.start();
    const out = await toPromise(actor);
    return { out, yields };
  };

  it('runs its steps in slices and yields between slices, not after every step', async () => {
    const steps = stepsOf();
    expect(steps).toBeGreaterThan(20);
    const each = await analyse(0);
    const sliced = await analyse(10);
    // Without a budget, a yield after every step (as before slicing); with one, a yield per slice.
    // Either way one more first, so the change's own task (its event, the render) ends before any step,
    // and one last, so the estimate renders in a task of its own rather than after the last slice.
    expect(each.yields).toBe(1 + steps + 1);
    expect(sliced.yields).toBeGreaterThanOrEqual(Math.floor(steps / 10));
    expect(sliced.yields).toBeLessThanOrEqual(Math.ceil(steps / 5));
    expect(sliced.out.status).toBe('done');
    expect(JSON.stringify(sliced.out)).toBe(JSON.stringify(each.out));
    // A slice longer than the whole analysis: the first yield and the last only.
    const whole = await analyse(Infinity);
    expect(whole.yields).toBe(2);
    expect(JSON.stringify(whole.out)).toBe(JSON.stringify(each.out));
  });
});

describe('the assembly on the page', () => {
  it('yields between designs (each summary, then each view) and gives the Node assembly’s exact result', async () => {
    const compiled = compileAll(scenario);
    const runner = new ComparisonSession(scenario.seed, specsOf(compiled), { replications: 2 });
    while (!runner.step(1e6));
    const input = {
      scenario,
      compiled,
      replications: 2,
      runs: [...runner.summariesByRun],
      precision: DEFAULT_PRECISION,
    };
    let yields = 0;
    // A slice of 0 ms: a yield after every step (the slices themselves: assembleSlices.test.ts).
    const actor = createActor(
      assembleOnPage(undefined, async () => void yields++, undefined, 0),
      { input },
    );
    actor.start();
    const out = await toPromise(actor);
    const count = (steps: Generator<void, unknown, void>) => {
      let n = 0;
      while (!steps.next().done) n++;
      return n;
    };
    const summarySteps = count(
      assembleSteps(scenario, compiled, 2, runner.summariesByRun, {
        precision: precisionRule(DEFAULT_PRECISION),
      }),
    );
    const viewSteps = count(
      toComparisonViewSteps(
        assembleComparison(scenario, compiled, 2, runner.summariesByRun, {
          precision: precisionRule(DEFAULT_PRECISION),
        }),
      ),
    );
    // Three compiled designs (the no-mesh baseline, sidecar-envoy, ambient; proxyless gRPC cannot run):
    // each design's slots, each run read, then each shown design's figures (three steps); then the views; one yield
    // first, so the shards' last reply ends its own task, and one last, so the result renders in a task
    // of its own.
    expect(summarySteps).toBe(3 + 3 * 2 + 2 * 3);
    expect(yields).toBe(1 + summarySteps + viewSteps + 1);
    expect(out.status).toBe('done');
    expect(JSON.stringify(out.status === 'done' && out.result)).toBe(
      JSON.stringify(
        toComparisonView(
          assembleComparison(scenario, compiled, 2, runner.summariesByRun, {
            precision: precisionRule(DEFAULT_PRECISION),
          }),
        ),
      ),
    );
  }, 60_000);
});

describe('the shards on the workers', () => {
  it('posts each shard’s request in a task of its own, and never posts a shard stopped before its task', () => {
    const asked: number[] = [];
    const client = {
      compareShard: (_d: unknown, _s: unknown, _r: unknown, shard: { index: number }) => {
        asked.push(shard.index);
        return { promise: new Promise<never>(() => {}), cancel: () => {} };
      },
    } as unknown as EngineClient;
    const tasks: (() => void)[] = [];
    const logic = shardOnWorkers([client, client], (f) => tasks.push(f));
    const input = (index: number) => ({
      job: 1,
      index,
      count: 3,
      designs: [],
      seed: 1,
      replications: 2,
      from: 0,
      progress: false,
    });
    const actors = [0, 1, 2].map((index) => createActor(logic, { input: input(index) }));
    actors.forEach((a) => a.start());
    // Started together (one transition), none posted yet: one task each, to come.
    expect(asked).toEqual([]);
    expect(tasks).toHaveLength(3);
    actors[2].stop();
    tasks[0]();
    expect(asked).toEqual([0]);
    tasks[1]();
    tasks[2]();
    expect(asked).toEqual([0, 1]);
  });
});
