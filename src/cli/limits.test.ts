import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mmc } from '../engine/fixtures';
import bench from '../../models/presets/istio-benchmark.json';
import ambient from '../../models/architectures/ambient.json';
import { runCli } from './main';
import { createProgress, SHOW_AFTER_MS } from './progress';

const tmp = mkdtempSync(join(tmpdir(), 'meshpath-limits-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function cli(argv: string[], tty = false, now?: () => number) {
  let out = '';
  let err = '';
  const code = runCli(argv, {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s), isTTY: tty },
    now,
  });
  return { code, out, err };
}

function file(name: string, content: unknown): string {
  const path = join(tmp, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

/** A small comparison: one architecture, a few hundred requests. */
const tiny = {
  ...bench,
  architectures: ['no-mesh'],
  run: { warmupRequests: 0, measuredRequests: 300 },
};
const HINT = 'these are practical limits on size and run time; --no-limits lifts them';

describe('the CLI applies the page’s limits (--no-limits lifts the practical ones)', () => {
  it('3 services × 900 replicas: refused at once, naming the field, the limit and the flag', () => {
    const f = file('replicas.json', {
      ...tiny,
      topology: {
        ...bench.topology,
        services: [
          { id: 'fortio-server', replicas: 900, calls: ['b'] },
          { id: 'b', replicas: 900 },
          { id: 'c', replicas: 900 },
        ],
      },
    });
    const { code, out, err } = cli([f]);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toBe(
      `${f}: topology.services: 2701 simulated pods; at most 2500 are simulated (use topology.mesh for a larger mesh's memory)\n${f}: ${HINT}\n`,
    );
  });

  it('a closed load with 1e9 connections is invalid even with --no-limits; 1e6 only practically', () => {
    const load = (connections: number) => ({
      ...tiny,
      workload: {
        ...bench.workload,
        load: { kind: 'closed', connections, think: { kind: 'exponential', mean: 1e3 } },
      },
    });
    const huge = file('conn-1e9.json', load(1e9));
    expect(cli([huge])).toEqual({
      code: 1,
      out: '',
      err: `${huge}: workload.load.connections: must be at most 10,000 (got 1,000,000,000)\n`,
    });
    expect(cli([huge, '--no-limits'])).toEqual({
      code: 1,
      out: '',
      err: `${huge}: workload.load.connections: must be at most 10,000,000 (got 1,000,000,000)\n`,
    });
    const big = file('conn-1e6.json', load(1e6));
    expect(cli([big]).err).toBe(
      `${big}: workload.load.connections: must be at most 10,000 (got 1,000,000)\n${big}: ${HINT}\n`,
    );
  });

  it('measuredRequests of 1e9 and durationUs of 1e15 are refused before anything runs', () => {
    const meas = file('meas.json', { ...tiny, run: { warmupRequests: 0, measuredRequests: 1e9 } });
    expect(cli([meas]).err).toBe(
      `${meas}: run.measuredRequests: must be at most 1,000,000 (got 1,000,000,000)\n${meas}: ${HINT}\n`,
    );
    const dur = file('dur.json', { ...tiny, run: { warmupUs: 0, durationUs: 1e15 } });
    const r = cli([dur, '--no-limits']);
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      `${dur}: run.durationUs: must be at most 10,000,000,000,000 (got 1,000,000,000,000,000)\n`,
    );
    // A SimSpec file gets the same limits.
    const spec = file('spec.json', {
      ...mmc({ lambda: 0.5, mu: 1, servers: 1, warmup: 0, measured: 10, seed: 1 }),
      run: { warmupRequests: 0, measuredRequests: 1e9 },
    });
    expect(cli([spec]).err).toBe(
      `${spec}: run.measuredRequests: must be at most 1,000,000 (got 1,000,000,000)\n${spec}: ${HINT}\n`,
    );
  });

  it('--no-limits runs a scenario past a practical limit', () => {
    const over = file('over.json', {
      ...tiny,
      workload: { ...bench.workload, load: { kind: 'paced', rps: 1000, connections: 10_001 } },
    });
    expect(cli([over]).code).toBe(1);
    const r = cli([over, '--no-limits', '--json', '--replications', '2']);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const json = JSON.parse(r.out) as { scenario: { workload: { load: { connections: number } } } };
    expect(json.scenario.workload.load.connections).toBe(10_001);
  });
});

describe('progress on stderr', () => {
  it('on a terminal, a long run redraws one progress line on stderr; stdout is unchanged', () => {
    const f = file('progress.json', { ...tiny, run: { warmupRequests: 0, measuredRequests: 20_000 } });
    let t = 0;
    const clock = () => (t += 500); // every reading is half a second later
    const quiet = cli([f, '--csv', '--replications', '2']);
    const shown = cli([f, '--csv', '--replications', '2'], true, clock);
    expect(shown.code).toBe(0);
    expect(shown.out).toBe(quiet.out);
    expect(quiet.err).toBe('');
    expect(shown.err).toMatch(/^\rrunning: \d+\.\d% \(run \d of 2\), \d+ s\x1b\[K/);
    expect(shown.err.endsWith('\r\x1b[K')).toBe(true);
    // Not a terminal and no --progress: nothing, however long it takes.
    expect(cli([f, '--csv', '--replications', '2'], false, clock).err).toBe('');
    // --progress off a terminal: whole lines.
    const lines = cli([f, '--csv', '--replications', '2', '--progress'], false, clock).err;
    expect(lines).toMatch(/^(running: \d+\.\d% \(run \d of 2\), \d+ s\n)+$/);
  });

  it('shows nothing for a run shorter than two seconds, and counts runs and the run’s fraction', () => {
    let out = '';
    let t = 0;
    const p = createProgress({ write: (s: string) => (out += s) }, false, () => t);
    t = SHOW_AFTER_MS - 1;
    p.update(0, 4, 0.5);
    expect(out).toBe('');
    t = SHOW_AFTER_MS;
    p.update(1, 4, 0.5);
    expect(out).toBe('running: 37.5% (run 2 of 4), 2 s\n');
    p.end();
    expect(out).toBe('running: 37.5% (run 2 of 4), 2 s\n');
  });
});

describe('--models edge cases', () => {
  it('a file instead of a folder is refused, saying what --models takes', () => {
    const f = file('not-a-dir.json', {});
    const r = cli(['--preset', 'istio-benchmark', '--models', f]);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(new RegExp(`^${f}: --models takes a directory \\(holding any of hop-kinds\\.json`));
  });

  it('an architectures entry that is a file is named, with no stack trace', () => {
    const dir = join(tmp, 'models-archfile');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'architectures'), '{}');
    const r = cli(['--preset', 'istio-benchmark', '--models', dir]);
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      `${join(dir, 'architectures')}: expected a directory of architecture files (<id>.json), not a file\n`,
    );
  });

  it('nodeproxy.workers of 1e9 names the model file and the field the user edited', () => {
    const dir = join(tmp, 'models-workers');
    mkdirSync(join(dir, 'architectures'), { recursive: true });
    const path = join(dir, 'architectures', 'ambient.json');
    writeFileSync(path, JSON.stringify({ ...ambient, nodeproxy: { ...ambient.nodeproxy, workers: 1e9 } }));
    const r = cli(['--preset', 'istio-benchmark', '--arch', 'ambient', '--models', dir]);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`${path}: nodeproxy.workers: must be at most 10,000 (got 1,000,000,000)\n`);
  });
});

describe('misspelt keys, impossible runs, messages', () => {
  it('an unknown key is an error naming it and the closest known key', () => {
    const f = file('typo.json', { ...tiny, failrue: { kind: 'none' }, features: { timeoutMS: 5 } });
    expect(cli([f])).toEqual({
      code: 1,
      out: '',
      err: `${f}: features.timeoutMS: unknown key; did you mean 'timeoutMs'?\n${f}: failrue: unknown key; did you mean 'failure'?\n`,
    });
    const spec = file('spec-typo.json', {
      ...mmc({ lambda: 0.5, mu: 1, servers: 1, warmup: 0, measured: 10, seed: 1 }),
      recordCapacty: 5,
    });
    expect(cli([spec]).err).toBe(`${spec}: recordCapacty: unknown key; did you mean 'recordCapacity'?\n`);
  });

  it('exits 1 with the reasons when no requested design can run (proxyless gRPC over HTTP/1.1)', () => {
    const f = file('grpc.json', {
      ...tiny,
      architectures: ['proxyless-grpc'],
      workload: { ...bench.workload, protocol: 'http1' },
    });
    const r = cli([f]);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(
      new RegExp(
        `^${f}: none of the requested architectures can run this scenario:\n  proxyless-grpc: .*gRPC`,
      ),
    );
    // One design that can run is enough: the table shows the other's reason and the run succeeds.
    const some = file('grpc-some.json', {
      ...tiny,
      architectures: ['no-mesh', 'proxyless-grpc'],
      workload: { ...bench.workload, protocol: 'http1' },
    });
    expect(cli([some, '--replications', '2']).code).toBe(0);
  });

  it('"run" says which shapes it takes; a 300 KB modelVersion is refused in a short message', () => {
    const f = file('run.json', { ...tiny, run: {} });
    expect(cli([f]).err).toBe(
      `${f}: run: expected { warmupRequests, measuredRequests } (a request count) or { warmupUs, durationUs } (simulated µs)\n`,
    );
    const v = file('version.json', { ...tiny, modelVersion: 'x'.repeat(300_000) });
    const r = cli([v]);
    expect(r.err).toBe(`${v}: modelVersion: must be at most 40 characters long (it has 300,000)\n`);
  });
});
