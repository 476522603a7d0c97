import { simulated } from '../model/comparison';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import preset from '../../models/presets/istio-benchmark.json';
import { runComparison } from '../engine/compare';
import { MODEL_VERSION } from '../model/scenario';
import { cli } from '../test/cli';
import { cpuByComponent } from './compareReport';

const tmp = mkdtempSync(join(tmpdir(), 'meshpath-compare-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The Istio benchmark, shortened so tests stay quick. */
const small = { ...preset, run: { warmupRequests: 200, measuredRequests: 3000 } };
function file(name: string, content: unknown): string {
  const p = join(tmp, name);
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
}

function csvRows(out: string): Record<string, string>[] {
  const [head, ...lines] = out.trim().split('\n');
  const cols = head.split(',');
  // Test rows have no quoted commas except in the trailing notes column.
  return lines.map((l) => {
    const cells = l.split(',');
    return Object.fromEntries(cols.map((c, i) => [c, cells[i] ?? '']));
  });
}

describe('comparisons from the command line', () => {
  it('prints a row per architecture with intervals, added latency, CPU by class and per-request counters', () => {
    const r = cli(
      '--preset',
      'istio-benchmark',
      '--arch',
      'no-mesh,sidecar-envoy,ambient',
      '--replications',
      '2',
    );
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    for (const h of ['+p90', '+p99', 'container', 'kernel', 'kernel crossings', 'copies'])
      expect(r.out).toContain(h);
    const line = r.out.split('\n').find((l) => l.trim().startsWith('sidecar-envoy') && l.includes('±'))!;
    expect(line).toMatch(/±/);
    expect(r.out).toContain('no-mesh: Workload mTLS is not available');
    // The proxy count is the first call's, beside columns for the whole request: said in its header.
    expect(r.out).toContain('proxies (first call)');
    expect(r.out).toContain('user-space proxies on the request leg of the entry’s first call');
  });

  it('a scenario file without architectures is read as a scenario: the error names `architectures`', () => {
    const { architectures: _, ...bare } = small as typeof small & { architectures?: unknown };
    const path = file('no-archs.json', bare);
    const r = cli(path);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/architectures: missing/);
    expect(r.err).toMatch(/list the designs to compare in the file .* or give --arch/);
    // Told with the file's other problems at once, not one stage at a time.
    const worse = cli(file('no-archs-no-seed.json', { ...bare, seed: 'x' }));
    expect(worse.err).toMatch(/architectures: missing/);
    expect(worse.err).toMatch(/seed/);
    // An empty file is taken for a scenario too (what the help describes first), not a SimSpec.
    const empty = cli(file('empty.json', {}));
    expect(empty.err).toMatch(/topology: missing/);
    expect(empty.err).not.toMatch(/stations/);
    expect(r.err).not.toMatch(/stations|hops/);
    // With --arch it runs, as a scenario that names them would.
    const ok = cli(path, '--arch', 'no-mesh', '--replications', '2');
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('no-mesh');
  });

  it('node proxies are counted per node, sidecars per pod ("nodeproxy … = 1 ×" with both pods on one node)', () => {
    // The load generator and the server on one node: one ztunnel carries both pods' traffic. Counted by
    // pod, the line said two (pods-400: "26 ×" node proxies on 20 nodes).
    const oneNode = { ...small, topology: { ...small.topology, placement: 'same-node' } };
    const r = runComparison({ ...oneNode, architectures: ['sidecar-envoy', 'ambient'] } as never, {
      replications: 2,
    });
    const of = (a: string, component: string) =>
      simulated(r.results.find((x) => x.architecture === a)!)
        .cpuByInstance.filter((i) => i.component === component)
        .map((i) => i.instance);
    expect(of('ambient', 'nodeproxy')).toEqual(['node 0']);
    expect(of('sidecar-envoy', 'sidecar').sort()).toEqual(['fortio-server-0', 'loadgen']);
    const line = cpuByComponent(simulated(r.results.find((x) => x.architecture === 'ambient')!));
    expect(line).toMatch(/nodeproxy [\d.]+(, |$)/);
    expect(line).not.toMatch(/nodeproxy [\d.]+ = /);
  });

  it('says which designs the offered load overloads (their queues grow for the whole run), and only those', () => {
    // 200,000 rps at the benchmark's two nodes: past the sidecar's capacity (about 10,000), within no
    // mesh's (about 520,000). It ran silently, its figures read as a steady state.
    const heavy = {
      ...small,
      workload: { ...small.workload, load: { ...small.workload.load, rps: 200_000 } },
    };
    const r = cli(file('heavy.json', heavy), '--arch', 'no-mesh,sidecar-envoy', '--replications', '2');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/sidecar-envoy: overloaded — the offered load is past what it can serve/);
    expect(r.out).not.toMatch(/no-mesh: overloaded/);
    const json = JSON.parse(
      cli(file('heavy.json', heavy), '--arch', 'no-mesh,sidecar-envoy', '--replications', '2', '--json').out,
    );
    expect(json.overloaded).toEqual(['sidecar-envoy']);
    // At the benchmark's own 1,000 rps nothing is.
    expect(cli(file('bench.json', small), '--arch', 'sidecar-envoy', '--replications', '2').out).not.toMatch(
      /overloaded/,
    );
  });

  it('--csv gives the same numbers as the engine for the same scenario and seed', () => {
    const path = file('bench.json', small);
    const r = cli(path, '--arch', 'sidecar-envoy,ambient', '--csv', '--replications', '2');
    expect(r.code).toBe(0);
    const rows = csvRows(r.out);
    expect(rows.map((x) => x.architecture)).toEqual(['sidecar-envoy', 'ambient']);
    const direct = runComparison({ ...small, architectures: ['sidecar-envoy', 'ambient'] } as never, {
      replications: 2,
    });
    const p99 = simulated(direct.results[0]).latency!.p99.mean;
    expect(Number(rows[0].p99_us)).toBeCloseTo(p99, 3);
    expect(Number(rows[0].added_p90_us)).toBeGreaterThan(Number(rows[1].added_p90_us));
    expect(rows[0].copies).toBe('12');
    // Memory per pod (closed-form footprint): a sidecar per pod outweighs a shared ztunnel per node.
    expect(Number(rows[0].memory_used_mib_per_pod)).toBeGreaterThan(
      Number(rows[1].memory_used_mib_per_pod) * 5,
    );
    expect(Number(rows[0].reserved_cpu_milli_per_pod)).toBeGreaterThanOrEqual(100); // Istio's sidecar asks 100m
  });

  it('the memory table says how many waypoints it counts (one per namespace, or per service)', () => {
    const path = join(process.cwd(), 'models/scenarios/waypoints-per-namespace.json');
    const args = ['--arch', 'ambient-waypoint', '--replications', '2', '--precision', 'fixed'];
    const ns = cli(path, ...args);
    expect(ns.code).toBe(0);
    expect(ns.out).toContain(
      'ambient-waypoint counts 2 waypoints (one per namespace, 1.5 services per waypoint)',
    );
    // The same scenario with a waypoint per service: 3 counted, and 3 waypoint instances in the CPU table.
    const scenario = JSON.parse(readFileSync(path, 'utf8')) as { topology: object };
    const perService = { ...scenario, topology: { ...scenario.topology, waypointScope: 'service' } };
    const svc = cli(file('per-service.json', perService), ...args);
    expect(svc.code).toBe(0);
    expect(svc.out).toContain('ambient-waypoint counts 3 waypoints (one per service)');
    expect(svc.out).toMatch(/waypoint [\d.]+ = 3 × /);
    expect(ns.out).toMatch(/waypoint [\d.]+ = 2 × /);
  });

  it('--json carries the scenario (with its model version) and every architecture', () => {
    const r = cli(file('bench2.json', small), '--json', '--replications', '2', '--arch', 'no-mesh,ambient');
    const j = JSON.parse(r.out);
    expect(j.scenario.modelVersion).toBe(MODEL_VERSION);
    expect(j.results.map((x: { architecture: string }) => x.architecture)).toEqual(['no-mesh', 'ambient']);
    expect(j.results[1].added.p90.mean).toBeGreaterThan(100);
  });

  it('--profile high costs more than low', () => {
    const run = (profile: string) =>
      csvRows(
        cli(
          file(`p-${profile}.json`, small),
          '--arch',
          'sidecar-envoy',
          '--profile',
          profile,
          '--csv',
          '--replications',
          '2',
        ).out,
      )[0];
    expect(Number(run('high').added_p50_us)).toBeGreaterThan(Number(run('low').added_p50_us) * 2);
  });
});

describe('comparison errors name the problem and print nothing to stdout', () => {
  it.each([
    [['--preset', 'nope'], /--preset: unknown value 'nope'/],
    [
      ['--preset', 'istio-benchmark', '--arch', 'sidecar-envoy,bogus'],
      /--arch: unknown architecture 'bogus'/,
    ],
    [['--preset', 'istio-benchmark', '--profile', 'medium'], /--profile: unknown value 'medium'/],
    [['--preset', 'istio-benchmark', '--json', '--csv'], /either --json or --csv/],
    [['--sample', 'mm1', '--arch', 'ambient'], /apply to scenario comparisons/],
  ])('usage %j', (argv, message) => {
    const r = cli(...argv);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(message);
  });

  it('an invalid scenario field', () => {
    const r = cli(file('bad.json', { ...small, topology: { ...small.topology, nodes: 0 } }));
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/bad\.json: topology\.nodes: /);
  });

  it('a reference the compiler cannot resolve', () => {
    const r = cli(file('entry.json', { ...small, topology: { ...small.topology, entry: 'missing' } }));
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/entry\.json: topology\.entry: unknown service 'missing'/);
  });
});

describe('--models: edited model files', () => {
  const hopKindsPath = join(__dirname, '../../models/hop-kinds.json');
  const shippedHops = () =>
    JSON.parse(readFileSync(hopKindsPath, 'utf8')) as Array<{
      id: string;
      cost: Record<string, Record<string, number>>;
    }>;
  const dir = (name: string, files: Record<string, unknown>) => {
    const d = join(tmp, name);
    mkdirSync(join(d, 'architectures'), { recursive: true });
    for (const [f, v] of Object.entries(files)) writeFileSync(join(d, f), JSON.stringify(v));
    return d;
  };

  it('a costlier Envoy hop raises the sidecar’s added latency', () => {
    const hops = shippedHops();
    const l7 = hops.find((h) => h.id === 'proxy.l7')!;
    l7.cost.default.onPathUs *= 3;
    l7.cost.default.cpuUs *= 3;
    l7.cost.high.onPathUs = Math.max(l7.cost.high.onPathUs, l7.cost.default.onPathUs);
    l7.cost.high.cpuUs = Math.max(l7.cost.high.cpuUs, l7.cost.default.cpuUs);
    const edited = dir('slow-envoy', { 'hop-kinds.json': hops });
    const path = file('bench-models.json', small);
    const run = (...extra: string[]) =>
      csvRows(cli(path, '--arch', 'sidecar-envoy', '--csv', '--replications', '2', ...extra).out)[0];
    const base = Number(run().added_p50_us);
    const slow = Number(run('--models', edited).added_p50_us);
    // Four proxy.l7 traversals per request, each 80 µs slower.
    expect(slow - base).toBeGreaterThan(4 * 80 * 0.9);
  });

  it('a bad field in an edited file names the file and field, and nothing runs', () => {
    const hops = shippedHops();
    (hops[3].cost.default as Record<string, unknown>).cpuUs = 'fast';
    const r = cli('--preset', 'istio-benchmark', '--models', dir('bad-hops', { 'hop-kinds.json': hops }));
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/bad-hops\/hop-kinds\.json: \[3\]\.cost\.default\.cpuUs: /);
  });

  it('an architecture citing an unknown source is refused with the file named', () => {
    const arch = JSON.parse(readFileSync(join(__dirname, '../../models/architectures/ambient.json'), 'utf8'));
    arch.sources = ['no-such-source'];
    const d = dir('bad-arch', {});
    writeFileSync(join(d, 'architectures', 'ambient.json'), JSON.stringify(arch));
    const r = cli('--preset', 'istio-benchmark', '--models', d);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/architectures\/ambient\.json: sources\[0\]: unknown citation 'no-such-source'/);
  });
});

describe('injected failures are reported, not hidden', () => {
  it('shows the failed share and retries per design; latency is labelled as covering successful requests', () => {
    const lossy = { ...small, failure: { kind: 'loss', service: 'fortio-server', probability: 0.2 } };
    const r = cli(file('lossy.json', lossy), '--arch', 'no-mesh,sidecar-envoy', '--replications', '2');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Outcomes of the measured requests');
    expect(r.out).toContain('of successful requests');
    const csv = csvRows(
      cli(file('lossy2.json', lossy), '--arch', 'no-mesh,sidecar-envoy', '--replications', '2', '--csv').out,
    );
    // No mesh cannot retry: ≈ 20 % fail (binomial SE ≈ 0.7 % at 3,000 requests; ±5 SE). Envoy's two
    // retries leave ≈ 0.2³ = 0.8 %.
    expect(Math.abs(Number(csv[0].failed_share) - 0.2)).toBeLessThan(0.035);
    expect(Number(csv[1].failed_share)).toBeLessThan(0.02);
    expect(Number(csv[1].retries_per_request)).toBeGreaterThan(0.2);
  });
});

describe('sim: precision decides how many replications a comparison runs', () => {
  const scenarioFile = () =>
    file('precision.json', { ...small, architectures: ['no-mesh', 'sidecar-envoy'] });
  const json = (r: { out: string }) =>
    JSON.parse(r.out) as { replications: number; precision: { target: number | null; reached: number } };

  it('rounds run until the target (±2 % with neither flag, as on the page): the numbers runComparison gives', () => {
    const f = scenarioFile();
    const r = cli(f, '--json', '--replications', '2', '--precision', '2');
    expect(r.code).toBe(0);
    const out = json(r);
    const engine = runComparison({ ...small, architectures: ['no-mesh', 'sidecar-envoy'] } as never, {
      replications: 2,
      precision: { target: 0.02, maxReplications: 30 },
    });
    expect(out.replications).toBe(engine.precision.replications);
    expect(out.replications).toBeGreaterThan(2);
    expect(out.precision).toMatchObject({ target: 0.02, reached: engine.precision.reached });
    expect(out.precision.reached).toBeLessThanOrEqual(0.02);
    const text = cli(f).out;
    expect(text).toMatch(
      /; \d+ replications, 99% intervals\nHeadline figures precise to ±[\d.]+ % \(widest: [a-z-]+ [a-zA-Z0-9 ]+\), within the ±2 % asked\.\n/,
    );
  });

  it('a count given alone is run exactly, as is --precision fixed', () => {
    const f = scenarioFile();
    const alone = json(cli(f, '--json', '--replications', '3'));
    expect(alone.replications).toBe(3);
    expect(alone.precision.target).toBeNull();
    const fixed = json(cli(f, '--json', '--precision', 'fixed'));
    expect(fixed.replications).toBe(5);
    expect(fixed.precision.target).toBeNull();
    expect(cli(f, '--replications', '3').out).toMatch(/a fixed count of replications\./);
  });

  it('a bad target is a usage error naming the flag; a sample or SimSpec takes no target', () => {
    for (const bad of ['0', '90', 'abc', '-2']) {
      const r = cli('--preset', 'istio-benchmark', '--precision', bad);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/^--precision must be a percentage from 0\.1 to 50/);
    }
    const r = cli('--sample', 'mm1', '--precision', '2');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(
      /^--precision and --threads apply to scenario comparisons; a built-in sample is not one/,
    );
  });
});

describe('sim: worker threads', () => {
  it('--threads 2 gives exactly the numbers of one thread and of runComparison, rounds included', () => {
    const f = file('threads.json', { ...small, architectures: ['no-mesh', 'sidecar-envoy', 'ambient'] });
    const one = cli(f, '--json', '--threads', '1', '--replications', '2', '--precision', '2');
    const two = cli(f, '--json', '--threads', '2', '--replications', '2', '--precision', '2');
    expect(two.err).toBe('');
    expect(one.code).toBe(0);
    expect(two.code).toBe(0);
    expect(two.out).toBe(one.out);
    const engine = runComparison(
      { ...small, architectures: ['no-mesh', 'sidecar-envoy', 'ambient'] } as never,
      {
        replications: 2,
        precision: { target: 0.02, maxReplications: 30 },
      },
    );
    const parsed = JSON.parse(two.out) as { replications: number; results: { architecture: string }[] };
    expect(parsed.replications).toBe(engine.replications);
    expect(parsed.replications).toBeGreaterThan(2);
    const strip = (r: object) => {
      const { compiled: _c, digests: _d, ledger: _l, ...rest } = r as Record<string, unknown>;
      return rest;
    };
    expect(JSON.stringify(parsed.results)).toBe(
      JSON.stringify(engine.results.map(strip), (_k, v) =>
        typeof v === 'number' && !Number.isFinite(v) ? null : v,
      ),
    );
  }, 120_000);

  it('--threads takes a whole number from 1 to 64', () => {
    for (const bad of ['0', '65', 'two']) {
      const r = cli('--preset', 'istio-benchmark', '--threads', bad);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/--threads/);
    }
  });
});
