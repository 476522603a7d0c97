import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import preset from '../../models/presets/istio-benchmark.json';
import { runComparison } from '../engine/compare';
import { cli } from '../test/cli';

const tmp = mkdtempSync(join(tmpdir(), 'meshpath-sweep-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function file(name: string, content: unknown): string {
  const p = join(tmp, name);
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
}

/** The Istio benchmark, short runs: a sweep of 2 loads × 3 connection counts = 6 points. */
const scenario = {
  ...preset,
  architectures: ['no-mesh', 'sidecar-envoy'],
  run: { warmupRequests: 100, measuredRequests: 800 },
};
const sweep = {
  sweep: { loads: [500, 1000], connections: [1, 4, 16] },
  scenario,
  replications: 2,
  precision: 'fixed',
};

describe('sim: a sweep, whole or in shards', () => {
  const path = file('sweep.json', sweep);
  const whole = cli(path);

  it('runs every point as a comparison: the numbers runComparison gives at that load and connection count', () => {
    expect(whole.err).toBe('');
    expect(whole.code).toBe(0);
    const out = JSON.parse(whole.out) as {
      sweep: { points: number };
      points: { index: number; rps: number; connections: number; results: { latency: unknown }[] }[];
    };
    expect(out.sweep.points).toBe(6);
    expect(out.points.map((p) => [p.rps, p.connections])).toEqual([
      [500, 1],
      [500, 4],
      [500, 16],
      [1000, 1],
      [1000, 4],
      [1000, 16],
    ]);
    const p4 = out.points[4];
    const direct = runComparison(
      {
        ...scenario,
        workload: { ...scenario.workload, load: { ...scenario.workload.load, rps: 1000, connections: 4 } },
      } as never,
      { replications: 2 },
    );
    expect(JSON.stringify(p4.results.map((r) => r.latency))).toBe(
      JSON.stringify(direct.results.map((r) => (r.unsupported ? undefined : r.latency))),
    );
  });

  it('shards k/N run points k, k+N, …; merged in any order they are exactly the whole run', () => {
    const parts = [0, 1, 2].map((k) => {
      const r = cli(path, '--shard', `${k}/3`);
      expect(r.code).toBe(0);
      const part = JSON.parse(r.out) as { shard: unknown; points: { index: number }[] };
      expect(part.shard).toEqual({ index: k, count: 3 });
      expect(part.points.map((p) => p.index)).toEqual([k, k + 3]);
      return file(`part-${k}.json`, r.out);
    });
    const merged = cli('--merge', parts[2], parts[0], parts[1]);
    expect(merged.err).toBe('');
    expect(merged.out).toBe(whole.out);
  });

  it('a missing, repeated or foreign part is refused, naming it', () => {
    const a = file('a.json', cli(path, '--shard', '0/2').out);
    const b = file('b.json', cli(path, '--shard', '1/2').out);
    const missing = cli('--merge', a);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/the parts hold 3 of the sweep's 6 points; missing: 1, 3, 5/);
    const twice = cli('--merge', a, b, a);
    expect(twice.err).toMatch(/a\.json: point 0 is also in .*a\.json/);
    const other = file('other.json', { ...sweep, replications: 3 });
    const c = file('c.json', cli(other, '--shard', '1/2').out);
    expect(cli('--merge', a, c).err).toMatch(/c\.json: a part of another sweep/);
    expect(cli('--merge', path).err).toMatch(/sweep\.json \(a sweep part\): sweep\.id: missing/);
  });

  it('bad sweeps and flags name what is wrong', () => {
    const closed = file('closed.json', {
      ...sweep,
      scenario: {
        ...scenario,
        workload: {
          ...scenario.workload,
          load: { kind: 'closed', connections: 4, think: { kind: 'deterministic', value: 0 } },
        },
      },
    });
    expect(cli(closed).err).toMatch(/sweep\.loads: a closed-loop scenario has no offered load to sweep/);
    const huge = file('huge.json', { ...sweep, sweep: { connections: [1, 1_000_000] } });
    expect(cli(huge).err).toMatch(/point 1: 1000 rps, 1000000 connections\): workload\.load\.connections/);
    const both = file('both.json', { ...sweep, preset: 'istio-benchmark' });
    expect(cli(both).err).toMatch(/give either "preset" or "scenario"/);
    for (const bad of ['3/3', '1', 'a/b', '-1/2']) {
      const r = cli(path, '--shard', bad);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/--shard/);
    }
    expect(cli('--preset', 'istio-benchmark', '--shard', '0/2').err).toMatch(
      /--shard applies to sweep files/,
    );
  });
});
