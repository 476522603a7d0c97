import { describe, expect, it } from 'vitest';
import type { Distribution } from '../model/distribution';
import { mulberry32 } from '../test/prng';
import { makeSampler } from './distributions';
import { createStream, streamTable } from './rng';
import { sample, SamplerTable } from './samplerTable';

/** Each sampler's row copied out of the table, as a simulation keeps them (no spare held). */
function rowsOf(table: SamplerTable): Float64Array {
  const rows = new Float64Array(4 * table.size);
  for (let i = 0; i < table.size; i++) table.copyRow(i, rows, 4 * i);
  return rows;
}

const KINDS: Distribution[] = [
  { kind: 'deterministic', value: 2.5 },
  { kind: 'exponential', mean: 3 },
  { kind: 'lognormal', mean: 3, cv: 1.5 },
  { kind: 'lognormal', mean: 0.4, cv: 1e-9 }, // tiny cv: the log1p branch of sigma²
  { kind: 'lognormal', mean: 7, cv: 0 }, // degenerates to a constant
  { kind: 'lognormal', mean: 12, cv: 0.3 },
  { kind: 'empirical', values: [4] },
  { kind: 'empirical', values: [1, 2, 3, 9] },
  { kind: 'empirical', values: [1, 2, 3], weights: [1, 5, 2] },
  { kind: 'empirical', values: [0.5, 8], weights: [3, 1e-9] },
];

describe('SamplerTable', () => {
  it('draws exactly what makeSampler draws, each sampler keeping its own spare, streams shared', () => {
    // Samplers interleaved at random over two shared streams, as hops share a station's stream.
    const table = new SamplerTable(KINDS);
    const rows = rowsOf(table);
    const closures = KINDS.map((d) => makeSampler(d));
    const streamsA = [createStream(3, 'a'), createStream(3, 'b')];
    // The table's streams start where the objects do, and must end in the same state.
    const words = streamTable([createStream(3, 'a'), createStream(3, 'b')]);
    const rnd = mulberry32(11);
    let lognormalDraws = 0;
    for (let k = 0; k < 20_000; k++) {
      const i = Math.floor(rnd() * KINDS.length);
      const st = k % 2;
      const want = closures[i](streamsA[st]);
      const got = sample(table, rows, 4 * i, words, 4 * st);
      expect(Object.is(got, want), `draw ${k} of sampler ${i}`).toBe(true);
      const held = closures[i].held();
      const spare = rows[4 * i + 3];
      expect(Object.is(spare, held) || (Number.isNaN(spare) && Number.isNaN(held))).toBe(true);
      if (KINDS[i].kind === 'lognormal') lognormalDraws++;
    }
    expect(lognormalDraws).toBeGreaterThan(5000);
    expect(Array.from(words.subarray(0, 4))).toEqual(streamsA[0].getState());
    expect(Array.from(words.subarray(4, 8))).toEqual(streamsA[1].getState());
  });

  it('a spare put back repeats the draws; NaN means a fresh pair from the stream', () => {
    const table = new SamplerTable([{ kind: 'lognormal', mean: 3, cv: 1.5 }]);
    const rows = rowsOf(table);
    const s = streamTable([createStream(4, 'dist-test')]);
    sample(table, rows, 0, s, 0);
    expect(Number.isNaN(rows[3])).toBe(false);
    const held = rows[3];
    const words = s.slice();
    const ahead = Array.from({ length: 7 }, () => sample(table, rows, 0, s, 0));
    rows[3] = held;
    s.set(words);
    expect(Array.from({ length: 7 }, () => sample(table, rows, 0, s, 0))).toEqual(ahead);
    expect(Number.isNaN(rows[3])).toBe(true);
  });

  it('draws nothing from the stream for constants', () => {
    const table = new SamplerTable([
      { kind: 'deterministic', value: 1 },
      { kind: 'lognormal', mean: 2, cv: 0 },
      { kind: 'empirical', values: [3] },
    ]);
    const s = streamTable([createStream(1, 'x')]);
    const words = s.slice();
    expect([0, 1, 2].map((i) => sample(table, rowsOf(table), 4 * i, s, 0))).toEqual([1, 2, 3]);
    expect(s).toEqual(words);
  });
});
