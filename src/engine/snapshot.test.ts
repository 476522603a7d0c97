import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../test/prng';
import type { Sampler } from './distributions';
import { LatencyHistogram } from './histogram';
import { IntQueue } from './intQueue';
import { HopRows, ROW_STRIDE } from './hopRows';
import { HopRecordRing } from './records';
import { createStream } from './rng';
import { Simulation } from './simulation';
import { FIXED, restore, snapshot } from './snapshot';
import { everyFeature, LOADS } from './snapshotFixtures';
import { dumpFixed, dumpState, firstDifference, perturb } from './stateDump';
import { summarize } from './summary';

const stepN = (sim: Simulation, n: number) => {
  for (let i = 0; i < n && sim.step(); i++);
};

/** True for a sampler that carries nothing between calls (it refuses to hold a value). */
function stateless(v: unknown): boolean {
  if (typeof v !== 'function') return false;
  try {
    (v as Sampler).hold(0.5);
    return false;
  } catch {
    return true;
  }
}

describe('snapshot and restore: nothing is missed', () => {
  for (const { name, load, run } of LOADS) {
    it(`restore undoes a change to every field, then the run goes on as if never touched (${name})`, () => {
      const spec = everyFeature({ seed: 7, load, run });
      const sim = new Simulation(spec);
      stepN(sim, 6000);
      const snap = snapshot(sim);
      const before = dumpState(sim);
      perturb(sim);
      const perturbed = dumpState(sim);
      // The perturbation reached every field that can change (else this test could not see a miss).
      const unchanged = Object.keys(before).filter((k) => firstDifference(before[k], perturbed[k]) === null);
      for (const k of unchanged)
        expect(before[k] === null || stateless((sim as unknown as Record<string, unknown>)[k]), k).toBe(true);
      expect(Object.keys(before).length - unchanged.length).toBeGreaterThan(30);

      restore(sim, snap);
      expect(firstDifference(dumpState(sim), before)).toBeNull();

      const ref = new Simulation(spec);
      stepN(ref, 6000);
      expect(firstDifference(dumpState(ref), before)).toBeNull();
      sim.run();
      ref.run();
      expect(firstDifference(dumpState(sim), dumpState(ref))).toBeNull();
      expect(summarize(sim)).toEqual(summarize(ref));
    });
  }

  it('fields listed as FIXED never change during a run', () => {
    for (const { load, run } of LOADS) {
      const sim = new Simulation(everyFeature({ seed: 5, load, run }));
      const before = dumpFixed(sim);
      expect(Object.keys(before).sort()).toEqual([...FIXED].sort());
      sim.run();
      expect(firstDifference(dumpFixed(sim), before)).toBeNull();
    }
  });

  // The classes with a compact form of their own list their fields by hand in saveState/saveTo/getState;
  // a new field must be added there (and here).
  it('classes saved by their own rule have exactly the fields that rule knows', () => {
    expect(Object.keys(new IntQueue()).sort()).toEqual(['buf', 'head', 'n']);
    expect(Object.keys(new LatencyHistogram()).sort()).toEqual([
      'clamped',
      'counts',
      'maxNs',
      'minNs',
      'sumNs',
      'total',
    ]);
    expect(Object.keys(new HopRecordRing(4)).sort()).toEqual([
      'capacity',
      'cpu',
      'enter',
      'from',
      'hop',
      'leave',
      'next',
      'outcome',
      'req',
      'service',
      'total',
      'wait',
    ]);
    expect(Object.keys(createStream(1, 'x')).sort()).toEqual(['s00', 's01', 's10', 's11']);
    expect(Object.keys(new HopRows(2)).sort()).toEqual(['rows', 'samplers', 'table']);
  });

  it('the hop rows keep only what a run changes: every other word is as built, after any run', () => {
    for (const load of LOADS) {
      const sim = new Simulation(everyFeature({ seed: 4, ...load }));
      const built = sim.hopStats.rows.slice();
      sim.run();
      const saved = sim.hopStats.saveState();
      // Zero what the checkpoint keeps in both: what is left must not have changed.
      const zeroKept = (rows: Float64Array) => {
        const copy = new HopRows(rows.length / ROW_STRIDE);
        copy.rows.set(rows);
        copy.loadState(new Float64Array(saved.length));
        return copy.rows;
      };
      expect(Array.from(zeroKept(sim.hopStats.rows))).toEqual(Array.from(zeroKept(built)));
      // And the run did change some of what it keeps (totals, spares).
      expect(saved.some((x) => x !== 0 && !Number.isNaN(x))).toBe(true);
    }
  });

  it('a field the walk has no rule for makes snapshot throw, naming it', () => {
    const sim = new Simulation(everyFeature({ seed: 1, ...LOADS[0] }));
    const own = sim as unknown as Record<string, unknown>;
    own.lookup = new Map();
    expect(() => snapshot(sim)).toThrow(/lookup \(a Map\)/);
    delete own.lookup;
    own.onDone = () => 1;
    expect(() => snapshot(sim)).toThrow(/onDone is a function/);
  });

  it('refuses a snapshot of another spec, and records that do not fit the ring', () => {
    const a = new Simulation(everyFeature({ seed: 1, ...LOADS[0] }));
    const b = new Simulation(everyFeature({ seed: 2, ...LOADS[0] }));
    stepN(a, 3000);
    expect(() => restore(b, snapshot(a))).toThrow(/different simulation spec/);
    const small = new Simulation(everyFeature({ seed: 1, ...LOADS[0], recordCapacity: 8 }));
    expect(() => restore(small, snapshot(a))).toThrow(/cannot go into a ring of 8/);
    restore(small, snapshot(a, { records: false })); // without records, any capacity
    expect(small.records.total).toBe(a.records.total);
    expect(small.records.size).toBe(0);
  });
});

describe('snapshot → restore → continue equals never snapshotting', () => {
  for (const { name, load, run } of LOADS) {
    it(`at random moments, going back and into fresh simulations (${name})`, () => {
      for (const seed of [1, 2]) {
        const rnd = mulberry32(1000 + seed);
        const spec = everyFeature({ seed, load, run });
        const ref = new Simulation(spec); // never snapshotted; kept in step for comparisons
        let sim = new Simulation(spec);
        let checks = 0;
        let partial = false; // a snapshot without records was restored: the ring holds only later ones
        const compare = () => {
          const a = dumpState(sim);
          const b = dumpState(ref);
          if (partial) {
            // Records from before that snapshot were left out by request: the ring holds a suffix of
            // the unbroken run's records; everything else is equal.
            delete a.records;
            delete b.records;
            expect(sim.records.total).toBe(ref.records.total);
            const got = sim.records.toArray();
            expect(ref.records.toArray().slice(ref.records.size - got.length)).toEqual(got);
          }
          expect(firstDifference(a, b)).toBeNull();
        };
        while (!sim.done) {
          stepN(sim, 1 + Math.floor(rnd() * 2500));
          const snap = snapshot(sim, { records: rnd() < 0.5 });
          stepN(sim, Math.floor(rnd() * 2000)); // a future that will be undone
          if (rnd() < 0.5) sim = new Simulation(spec); // restore into another simulation
          restore(sim, snap);
          if (!snap.records) partial = true;
          while (ref.events < sim.events && ref.step());
          compare();
          checks++;
        }
        ref.run();
        expect(checks).toBeGreaterThan(4);
        compare();
        expect(summarize(sim)).toEqual(summarize(ref));
      }
    });
  }
});
