import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { simulate } from '../engine/index';
import { mmc } from '../engine/fixtures';
import type { RunSummary } from '../model/result';
import { cli } from '../test/cli';
import { sample } from './samples';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const TWO_TIER = join(ROOT, 'models/scenarios/sample-two-tier.json');
const tmp = mkdtempSync(join(tmpdir(), 'meshpath-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function writeTemp(name: string, content: unknown): string {
  const path = join(tmp, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

/** Plain data as JSON carries it (NaN → null), for comparing with parsed CLI output. */
const asJson = (x: unknown): unknown => JSON.parse(JSON.stringify(x));

/** Cells of the table row whose first cell is `label` (columns are separated by two or more spaces). */
function row(out: string, label: string): string[] {
  const line = out.split('\n').find((l) => l.trim().startsWith(`${label}  `));
  if (!line) throw new Error(`no row '${label}' in:\n${out}`);
  return line.trim().split(/\s{2,}/);
}

/** A small valid scenario (M/M/1, few requests) for error cases and quick runs. */
const small = (measured = 2_000) => mmc({ lambda: 0.5, mu: 1, servers: 1, warmup: 200, measured, seed: 5 });

describe('sim CLI: default sample', () => {
  it('prints a table with p99 and an M/M/1 (ρ = 0.5) mean within 3% of 2.00 µs', () => {
    const { code, out, err } = cli();
    expect(code).toBe(0);
    expect(err).toBe('');
    expect(out).toContain('sample:mm1');
    const header = row(out, 'latency (µs)');
    expect(header).toEqual(['latency (µs)', 'n', 'mean', 'p50', 'p90', 'p99', 'p99.9', 'max']);
    const intended = row(out, 'intended send');
    const mean = Number(intended[header.indexOf('mean')]);
    expect(Math.abs(mean - 2) / 2).toBeLessThan(0.03);
    expect(Number(intended[header.indexOf('p99')])).toBeGreaterThan(mean);
    for (const section of [
      'Run',
      'Stations',
      'Hops (per traversal, µs)',
      'Per request (mean over completed requests)',
      'Analytic estimate of the mean',
    ])
      expect(out.split('\n')).toContain(section);
    expect(out).toMatch(/CPU by component/);
    expect(row(out, 'cpu')).toContain('50.0%'); // utilisation ρ = 0.5
    expect(out).toMatch(/estimate 2\.00 µs/);
    expect(out).toContain('approximate');
  });

  it('--help prints usage and exits 0', () => {
    const { code, out, err } = cli('--help');
    expect(code).toBe(0);
    expect(err).toBe('');
    expect(out).toMatch(/Usage:/);
    expect(out).toContain('--replications K');
  });
});

describe('sim CLI: --json and --seed', () => {
  it('--json prints only JSON whose summary equals simulate() of the same spec', () => {
    const { code, out, err } = cli('--json');
    expect(code).toBe(0);
    expect(err).toBe('');
    const parsed = JSON.parse(out) as {
      summary: RunSummary;
      analytic: { applicable: boolean; meanLatencyUs: number };
    };
    expect(parsed.summary).toEqual(asJson(simulate(sample('mm1').spec)));
    expect(parsed.analytic.applicable).toBe(true);
    expect(parsed.analytic.meanLatencyUs).toBeCloseTo(2, 9);
  });

  it('--seed changes the results and the same seed reproduces them', () => {
    const a = JSON.parse(cli('--sample', 'mm1', '--seed', '7', '--json').out) as { summary: RunSummary };
    const b = JSON.parse(cli('--json', '--seed=7').out) as { summary: RunSummary };
    const base = JSON.parse(cli('--json').out) as { summary: RunSummary };
    expect(a.summary.seed).toBe(7);
    expect(a).toEqual(b);
    expect(a.summary.latency.intended.mean).not.toBe(base.summary.latency.intended.mean);
    expect(a.summary.latency.intended.p99).not.toBe(base.summary.latency.intended.p99);
    expect(a.summary).toEqual(asJson(simulate({ ...sample('mm1').spec, seed: 7 })));
  });

  it('--seed overrides the seed of a scenario file', () => {
    const file = writeTemp('seeded.json', small());
    const out = JSON.parse(cli(file, '--seed', '99', '--json').out) as { summary: RunSummary };
    expect(out.summary.seed).toBe(99);
    expect(out.summary).toEqual(asJson(simulate({ ...small(), seed: 99 })));
  });
});

describe('sim CLI: analytic estimate', () => {
  it('says why it does not apply (closed load)', () => {
    const file = writeTemp('closed.json', {
      ...small(),
      load: { kind: 'closed', connections: 2, think: { kind: 'exponential', mean: 1 } },
    });
    const { code, out } = cli(file);
    expect(code).toBe(0);
    expect(out).toMatch(/does not apply: .*open \(Poisson\) load/);
  });

  it('says when the offered load saturates a resource', () => {
    const file = writeTemp(
      'saturated.json',
      mmc({ lambda: 1.2, mu: 1, servers: 1, warmup: 0, measured: 2_000, seed: 3 }),
    );
    const { code, out } = cli(file);
    expect(code).toBe(0);
    expect(out).toMatch(/unbounded: offered load saturates cpu 120\.0%/);
    const json = JSON.parse(cli(file, '--json').out) as {
      analytic: { saturated: boolean; meanLatencyUs: number | null };
    };
    expect(json.analytic).toMatchObject({ saturated: true, meanLatencyUs: null }); // Infinity has no JSON form
  });
});

describe('sim CLI: replications', () => {
  it('--replications 3 prints 99% intervals for mean, percentiles and throughput', () => {
    const { code, out, err } = cli('--replications', '3');
    expect(code).toBe(0);
    expect(err).toBe('');
    expect(out).toMatch(/99% confidence intervals/);
    for (const metric of [
      'mean (µs)',
      'p50 (µs)',
      'p90 (µs)',
      'p99 (µs)',
      'p99.9 (µs)',
      'throughput (rps)',
    ]) {
      const cells = row(out, metric);
      expect(cells[1]).toMatch(/^[\d,.]+ ± [\d,.]+$/);
    }
    const [mean, half] = row(out, 'mean (µs)')[1].split(' ± ').map(Number);
    expect(Math.abs(mean - 2)).toBeLessThan(half + 0.06); // theory 2 µs
    expect(row(out, 'p99.9 (µs)').join(' ')).not.toContain('unreliable'); // 200,000 samples per run
  });

  it("marks p99.9 'unreliable' when a replication has fewer than 10,000 samples", () => {
    const file = writeTemp('few.json', small(2_000));
    const { code, out } = cli(file, '--replications', '3');
    expect(code).toBe(0);
    expect(row(out, 'p99.9 (µs)').join(' ')).toMatch(/unreliable/);
    expect(row(out, 'p99 (µs)').join(' ')).not.toMatch(/unreliable/);
  });

  it('--replications --json carries every run and the intervals', () => {
    const file = writeTemp('few-json.json', small(2_000));
    const { code, out } = cli(file, '--replications', '2', '--json');
    expect(code).toBe(0);
    const parsed = JSON.parse(out) as {
      replications: {
        count: number;
        level: number;
        p999Reliable: boolean;
        runs: RunSummary[];
        ci: Record<string, { halfWidth: number }>;
      };
    };
    expect(parsed.replications.count).toBe(2);
    expect(parsed.replications.level).toBe(0.99);
    expect(parsed.replications.p999Reliable).toBe(false);
    expect(parsed.replications.runs[0]).toEqual(asJson(simulate(small(2_000))));
    expect(parsed.replications.ci.meanLatency.halfWidth).toBeGreaterThan(0);
  });
});

describe('sim CLI: usage errors (exit 2, nothing on stdout)', () => {
  it.each([
    [['--foo'], /unknown flag --foo/],
    [['-x'], /unknown flag -x/],
    [['--seed'], /--seed needs a value/],
    [['--seed', '--json'], /--seed needs a value/],
    [['--seed', 'abc'], /--seed: expected an integer .* got 'abc'/],
    [['--seed', '1.5'], /--seed/],
    [['--replications', '1'], /--replications: .*at least 2/],
    [['--sample', 'nope'], /--sample: unknown sample 'nope'/],
    [['--json=yes'], /--json takes no value/],
    [['--json', '--json'], /--json given more than once/],
    [['a.json', 'b.json'], /at most one scenario file/],
    [['a.json', '--sample', 'mm1'], /either a scenario file or --sample/],
  ])('%j', (argv, message) => {
    const { code, out, err } = cli(...argv);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(message);
    expect(err.trim().split('\n').length).toBeLessThanOrEqual(3);
  });
});

describe('sim CLI: bad input (exit 1, nothing on stdout, message names file and field)', () => {
  it('an invalid field names the file and the field path', () => {
    const file = writeTemp('bad-rps.json', { ...small(), load: { kind: 'open', rps: 0 } });
    const { code, out, err } = cli(file);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err.trim()).toBe(`${file}: load.rps: must be at least 1 (got 0)`);
  });

  it('several problems are listed one per line, unions report the closest shape', () => {
    const spec = small();
    const file = writeTemp('bad-many.json', {
      ...spec,
      seed: 'x',
      load: { kind: 'opn', rps: 1 },
      hops: [{ id: 'serve', cpu: { station: 'cpu', service: { kind: 'exponential', mean: -1 } } }],
    });
    const { code, out, err } = cli(file, '--json');
    expect(code).toBe(1);
    expect(out).toBe('');
    const lines = err.trim().split('\n');
    expect(lines.every((l) => l.startsWith(`${file}: `))).toBe(true);
    expect(err).toMatch(/: seed: /);
    expect(err).toMatch(/: load\.kind: /);
    expect(err).toMatch(/: hops\[0\]\.cpu\.service\.mean: must be more than 0 \(got -1\)$/m);
    expect(err).toMatch(/: load\.kind: must be one of "open", "closed", "paced" \(got "opn"\)$/m);
  });

  it('invalid JSON names the file and the position', () => {
    const file = writeTemp('broken.json', '{\n  "seed": 1,\n}\n');
    const { code, out, err } = cli(file);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toContain(`${file}: invalid JSON`);
    expect(err).toMatch(/line 3/);
  });

  it('a file that starts with npm’s header lines (written without -s) says how to write it', () => {
    const file = writeTemp(
      'part-0.json',
      '\n> meshpath@0.1.0 sim\n> tsx src/cli/bin.ts x.json --shard 0/2\n\n{}\n'.trimStart(),
    );
    const { code, err } = cli('--merge', file);
    expect(code).toBe(1);
    expect(err).toContain(`${file}: invalid JSON`);
    expect(err).toContain('npm run -s sim');
  });

  it('an unreadable file names the file', () => {
    const missing = join(tmp, 'does-not-exist.json');
    const { code, out, err } = cli(missing);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err.trim()).toBe(`${missing}: cannot read file (no such file)`);
  });

  it("a reference error (a hop's pool names a missing station) names hops[0].pool", () => {
    const spec = small();
    const file = writeTemp('bad-ref.json', { ...spec, hops: [{ ...spec.hops[0], pool: 'workers' }] });
    const { code, out, err } = cli(file);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err.trim()).toBe(`${file}: hops[0].pool: unknown station 'workers'`);
  });

  it('a route naming a missing hop names the step', () => {
    const file = writeTemp('bad-route.json', { ...small(), routes: [{ id: 'r', steps: [{ hop: 'nope' }] }] });
    const { code, err } = cli(file, '--replications', '2');
    expect(code).toBe(1);
    expect(err).toContain("routes[0].steps[0].hop: unknown hop 'nope'");
  });
});

describe('sim CLI: the sample two-tier scenario', () => {
  it('is marked as a sample and runs to completion', () => {
    const raw = JSON.parse(readFileSync(TWO_TIER, 'utf8')) as { description: string };
    expect(raw.description).toMatch(/^SAMPLE/);
    const { code, out, err } = cli(TWO_TIER);
    expect(code).toBe(0);
    expect(err).toBe('');
    expect(out).toContain('SAMPLE');
    const run = Object.fromEntries(
      ['requests measured', 'completed', 'failed'].map((k) => [k, row(out, k)[1]]),
    );
    expect(run).toEqual({ 'requests measured': '40,000', completed: '40,000', failed: '0' });
    for (const station of [
      'node-1-cpu',
      'node-1-proxy-workers',
      'node-2-proxy-workers',
      'server-app-threads',
    ])
      expect(row(out, station)[0]).toBe(station);
    expect(row(out, 'sidecar')[0]).toBe('sidecar'); // CPU by component
    expect(row(out, 'hops')[1]).toBe('17');
  });

  it('gives plausible figures: a few hundred µs, proxies dominating CPU', () => {
    const parsed = JSON.parse(cli(TWO_TIER, '--json').out) as { summary: RunSummary };
    const s = parsed.summary;
    expect(s.requests.failed).toBe(0);
    expect(s.latency.intended.mean).toBeGreaterThan(300);
    expect(s.latency.intended.mean).toBeLessThan(500);
    expect(s.throughputRps).toBeGreaterThan(3_800);
    expect(s.throughputRps).toBeLessThan(4_200);
    const sidecar = s.cpu.find((c) => c.component === 'sidecar')!;
    for (const c of s.cpu)
      expect(sidecar.vcpuContainer).toBeGreaterThanOrEqual(c.vcpuContainer + c.vcpuKernel);
    for (const st of s.stations) expect(st.utilization).toBeLessThan(0.5);
  });
});

describe('sim CLI: the real process', () => {
  /**
   * The project's own tsx, started directly: what `npx tsx` resolves to, without npm's own start-up
   * (about 0.5–1 s a process on the CI machine).
   */
  const TSX = resolve(ROOT, 'node_modules/.bin/tsx');
  const run = (args: string[]) => ['src/cli/main.ts', ...args];

  it('`tsx src/cli/main.ts --sample mm1 --json` prints the same JSON and exits 0', () => {
    const stdout = execFileSync(TSX, run(['--sample', 'mm1', '--json']), {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 90_000,
    });
    const parsed = JSON.parse(stdout) as { summary: RunSummary };
    expect(parsed.summary).toEqual(asJson(simulate(sample('mm1').spec)));
  });

  it('`npm run sim`’s entry (bin.ts, threads started before the engine loads) prints what main.ts prints', () => {
    const args = [
      'models/scenarios/waypoints-per-namespace.json',
      '--replications',
      '2',
      '--precision',
      'fixed',
    ];
    const opts = { cwd: ROOT, encoding: 'utf8' as const, timeout: 90_000 };
    const viaBin = spawnSync(TSX, ['src/cli/bin.ts', ...args, '--threads', '2', '--json'], opts);
    expect(viaBin.stderr).toBe('');
    expect(viaBin.status).toBe(0);
    expect(viaBin.stdout).toBe(execFileSync(TSX, run([...args, '--threads', '1', '--json']), opts));
    const help = spawnSync(TSX, ['src/cli/bin.ts', '--help'], opts);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('--threads N');
  });

  it('exits 2 on an unknown flag with the message on stderr and nothing on stdout', () => {
    const r = spawnSync(TSX, run(['--foo']), { cwd: ROOT, encoding: 'utf8', timeout: 90_000 });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/unknown flag --foo/);
  });
});
