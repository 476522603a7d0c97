import { describe, expect, it } from 'vitest';
import type { ArchitectureId } from '../model/architecture';
import { SCENARIO_PRESETS, type ScenarioPresetId } from '../model/presets';
import { ScenarioSchema } from '../model/scenario';
import type { SimSpec, SimSpecInput } from '../model/simSpec';
import { mulberry32 } from '../test/prng';
import { Checkpoints } from './checkpoints';
import { replayTo } from './index';
import { compileScenario } from './scenario/compileScenario';
import { Simulation } from './simulation';
import { everyFeature, LOADS } from './snapshotFixtures';
import { dumpState, firstDifference } from './stateDump';
import { summarize } from './summary';

/** Runs `spec` to the end, offering every step to the store. */
function record(spec: SimSpecInput | SimSpec, cp: Checkpoints): Simulation {
  const sim = new Simulation(spec);
  cp.offer(sim);
  while (sim.step()) cp.offer(sim);
  return sim;
}

/**
 * Seeks one reused simulation to each target in turn (back and forth, so both restoring and carrying
 * on are exercised) and compares it with a fresh replay from t = 0: every field, bit for bit.
 */
function checkSeeks(spec: SimSpecInput | SimSpec, cp: Checkpoints, targets: number[]): void {
  const sim = new Simulation(spec);
  for (const t of targets) {
    cp.seek(sim, t);
    const ref = replayTo(spec, t);
    expect(firstDifference(dumpState(sim), dumpState(ref)), `seek to ${t}`).toBeNull();
    expect(sim.now).toBe(ref.now);
    expect(sim.records.toArray()).toEqual(ref.records.toArray());
    expect(summarize(sim)).toEqual(summarize(ref));
  }
}

/** Targets: the start, each checkpoint's moment and just before it, the end, past it, and random ones. */
function targetsFor(cp: Checkpoints, end: number, seed: number, random: number): number[] {
  const rnd = mulberry32(seed);
  const marks = cp.marks().flatMap((m) => [m.now, m.now - 1e-3]);
  const ts = [0, ...marks, end, end + 1000, ...Array.from({ length: random }, () => rnd() * end)];
  // Shuffle (Fisher–Yates) so seeks go backwards as often as forwards.
  for (let i = ts.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [ts[i], ts[j]] = [ts[j], ts[i]];
  }
  return ts.filter((t) => t >= 0);
}

describe('checkpoints: a seek equals a replay from t = 0', () => {
  for (const { name, load, run } of LOADS) {
    it(`every feature, ${name}: seeks to checkpoints, around them and at random`, () => {
      for (const seed of [11, 12]) {
        const spec = everyFeature({ seed, load, run, recordCapacity: 300 });
        const cp = new Checkpoints({ firstEvery: 256, maxCount: 6, records: true });
        const full = record(spec, cp);
        expect(cp.spacing).toBeGreaterThan(256); // the run outgrew the first spacing: thinned
        expect(cp.size).toBeGreaterThanOrEqual(3);
        expect(cp.size).toBeLessThanOrEqual(6);
        checkSeeks(spec, cp, targetsFor(cp, full.now, seed, 12));
      }
    });
  }

  // Compiled presets on several architectures, runs shortened to keep replays from zero quick.
  const cases: [ScenarioPresetId, string, number][] = [
    ['one-request-slowly', 'sidecar-envoy', 20],
    ['istio-benchmark', 'ambient', 1500],
    ['istio-benchmark', 'sidecar-linkerd', 1500],
    ['fan-out-under-load', 'sidecar-envoy', 800],
    ['fan-out-under-load', 'cilium-ebpf', 800],
    ['pods-400', 'ambient', 150],
  ];
  for (const [preset, arch, measured] of cases) {
    it(`${preset} on ${arch}: without records in the checkpoints, every other field still equal`, () => {
      const scenario = {
        ...SCENARIO_PRESETS[preset],
        run: { warmupRequests: 50, measuredRequests: measured },
      };
      const spec = {
        ...compileScenario(ScenarioSchema.parse(scenario), arch as ArchitectureId).spec,
        recordCapacity: 2048,
      };
      const cp = new Checkpoints({ firstEvery: 1000, maxCount: 8 });
      const full = record(spec, cp);
      expect(cp.size).toBeGreaterThanOrEqual(preset === 'one-request-slowly' ? 1 : 4);
      const sim = new Simulation(spec);
      for (const t of targetsFor(cp, full.now, 99, preset === 'pods-400' ? 3 : 8)) {
        cp.seek(sim, t);
        const ref = replayTo(spec, t);
        const a = dumpState(sim);
        const b = dumpState(ref);
        delete a.records;
        delete b.records;
        expect(firstDifference(a, b), `seek to ${t}`).toBeNull();
        // The ring holds the records since the checkpoint (or since the last restore): the newest of the replay's.
        expect(sim.records.total).toBe(ref.records.total);
        const got = sim.records.toArray();
        expect(ref.records.toArray().slice(ref.records.size - got.length)).toEqual(got);
      }
    });
  }
});

describe('checkpoints: bounded and evenly spaced', () => {
  it('keeps at most maxCount, evenly spaced in events, the first the initial state', () => {
    const spec = everyFeature({ seed: 3, ...LOADS[1] });
    const cp = new Checkpoints({ firstEvery: 100, maxCount: 10 });
    const sim = record(spec, cp);
    const marks = cp.marks();
    expect(marks.length).toBeGreaterThanOrEqual(5); // thinning halves a full set: never below maxCount / 2
    expect(marks.length).toBeLessThanOrEqual(10);
    expect(marks[0]).toEqual({ now: 0, events: 0, sent: 0 });
    marks.forEach((m, i) => expect(m.events).toBe(i * cp.spacing));
    expect(sim.events - marks[marks.length - 1].events).toBeLessThan(cp.spacing); // the replay after the last is short
    for (let i = 1; i < marks.length; i++) expect(marks[i].now).toBeGreaterThanOrEqual(marks[i - 1].now);
  });

  it('keeps within maxBytes by thinning the same way', () => {
    const spec = everyFeature({ seed: 3, ...LOADS[1] });
    const one = new Checkpoints({ firstEvery: 100, maxCount: 1000 });
    record(spec, one);
    const each = one.bytes / one.size;
    const cp = new Checkpoints({ firstEvery: 100, maxCount: 1000, maxBytes: 8.5 * each });
    record(spec, cp);
    expect(cp.bytes).toBeLessThanOrEqual(8.5 * each);
    expect(cp.size).toBeGreaterThanOrEqual(4);
    cp.marks().forEach((m, i) => expect(m.events).toBe(i * cp.spacing));
  });

  it('maxCount 1 keeps only the initial state: every seek replays from t = 0, still exact', () => {
    const spec = everyFeature({ seed: 4, ...LOADS[0], recordCapacity: 300 });
    const cp = new Checkpoints({ maxCount: 1, records: true });
    const full = record(spec, cp);
    expect(cp.size).toBe(1);
    checkSeeks(spec, cp, [full.now / 2, full.now / 4, full.now]);
  });

  it('beforeRequest gives the latest checkpoint before a request was sent', () => {
    const spec = everyFeature({ seed: 5, ...LOADS[1] });
    const cp = new Checkpoints({ firstEvery: 500, maxCount: 12 });
    record(spec, cp);
    const marks = cp.marks();
    for (const seq of [0, 1, 250, 900, 1599]) {
      const got = cp.beforeRequest(seq);
      expect(got.sent).toBeLessThanOrEqual(seq);
      const next = marks.find((m) => m.events > got.events);
      if (next) expect(next.sent).toBeGreaterThan(seq);
    }
  });

  it('rejects bad bounds, naming them', () => {
    expect(() => new Checkpoints({ maxCount: 0 })).toThrow(/maxCount/);
    expect(() => new Checkpoints({ firstEvery: 0.5 })).toThrow(/firstEvery/);
    expect(() => new Checkpoints({ maxBytes: -1 })).toThrow(/maxBytes/);
    expect(() => new Checkpoints().first()).toThrow(/initial state/);
  });
});
