import { describe, expect, it } from 'vitest';
import { parseSimSpec } from '../model/valid';
import { compiledNet } from './compile';
import { longRoute } from './fixtures';
import { simulate } from './index';

const base = () =>
  parseSimSpec(
    longRoute({ hops: 6, rps: 20_000, warmup: 100, measured: 2_000, seed: 3, recordCapacity: 64 }),
  );

describe('compiledNet', () => {
  it('compiles a network once for specs that differ in seed or run length only', () => {
    const spec = base();
    const net = compiledNet(spec);
    expect(compiledNet({ ...spec, seed: 9 })).toBe(net);
    expect(compiledNet({ ...spec, run: { warmupRequests: 10, measuredRequests: 100 } })).toBe(net);
  });

  it('compiles again when the hops, stations or routes are other arrays', () => {
    const spec = base();
    const net = compiledNet(spec);
    expect(compiledNet({ ...spec, hops: [...spec.hops] })).not.toBe(net);
    expect(compiledNet({ ...spec, stations: [...spec.stations] })).not.toBe(net);
    expect(compiledNet({ ...spec, routes: [...spec.routes] })).not.toBe(net);
    const other = base();
    expect(compiledNet(other)).not.toBe(net);
  });

  it('a run on a shared network gives exactly what a run on its own network gives', () => {
    const spec = base();
    compiledNet(spec); // shared from here on
    const fresh = simulate({ ...spec, seed: 5, hops: [...spec.hops] });
    const shared = simulate({ ...spec, seed: 5 });
    expect(shared).toEqual(fresh);
  });
});
