import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import bench from '../../models/presets/istio-benchmark.json';
import { formatPath, MAX_LINE } from '../model/issues';
import { runCli } from './main';

/**
 * The CLI's scenario files, fuzzed as the link parser is (src/model/scenarioCodec.test.ts): a valid
 * file with one field replaced by anything, or one key misspelt, never crashes. The CLI runs it (exit 0,
 * a report on stdout), or exits 1 or 2 with a short message on stderr whose lines name a field — never
 * "internal error" and never a stack trace.
 */

const tmp = mkdtempSync(join(tmpdir(), 'meshpath-fuzz-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const scenario = {
  ...bench,
  architectures: ['no-mesh', 'sidecar-envoy'],
  run: { warmupRequests: 0, measuredRequests: 200 },
};
const simSpec = {
  ...(JSON.parse(readFileSync('models/scenarios/sample-two-tier.json', 'utf8')) as Record<string, unknown>),
  run: { warmupRequests: 0, measuredRequests: 200 },
};

const SCENARIO_PATHS = [
  ['seed'],
  ['architectures'],
  ['architectures', 0],
  ['topology'],
  ['topology', 'nodes'],
  ['topology', 'coresPerNode'],
  ['topology', 'services'],
  ['topology', 'services', 0],
  ['topology', 'services', 0, 'replicas'],
  ['topology', 'services', 0, 'threads'],
  ['topology', 'services', 0, 'calls'],
  ['topology', 'entry'],
  ['topology', 'placement'],
  ['topology', 'mesh'],
  ['topology', 'mesh', 'pods'],
  ['dataplane'],
  ['workload'],
  ['workload', 'load'],
  ['workload', 'load', 'kind'],
  ['workload', 'load', 'rps'],
  ['workload', 'load', 'connections'],
  ['workload', 'requestKiB'],
  ['workload', 'protocol'],
  ['features'],
  ['features', 'retries'],
  ['features', 'timeoutMs'],
  ['failure'],
  ['failure', 'kind'],
  ['profile'],
  ['run'],
  ['modelVersion'],
  ['name'],
  ['variability', 'cpuCv'],
  ['recordCapacity'],
] as (string | number)[][];

const SPEC_PATHS = [
  ['seed'],
  ['stations'],
  ['stations', 0, 'servers'],
  ['stations', 0, 'kind'],
  ['hops', 0],
  ['hops', 0, 'cpu', 'service'],
  ['hops', 0, 'cpu', 'service', 'mean'],
  ['routes', 0, 'steps'],
  ['entry'],
  ['load'],
  ['load', 'rps'],
  ['load', 'connections'],
  ['run'],
  ['recordCapacity'],
] as (string | number)[][];

const junk = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  // Values that are often valid, so that many cases run.
  fc.integer({ min: 0, max: 64 }),
  fc.constantFrom('grpc', 'http2', 'spread', 'same-node', 'ambient', 'low', 'high', 'nftables', true, false),
  fc.constantFrom(-1, 0, 1e308, -0, 2 ** 53, 1e9, 'x'.repeat(5000), '=cmd', null, [], {}, { kind: 'closed' }),
);

let n = 0;
/** Outcomes by exit code, so a property that never runs anything (or never fails) shows up. */
const codes = new Map<number, number>();
function runFile(content: unknown, extra: string[] = []) {
  const path = join(tmp, `f${n++}.json`);
  writeFileSync(path, JSON.stringify(content));
  let out = '';
  let err = '';
  const code = runCli([path, '--replications', '2', ...extra], {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
  });
  return { path, code, out, err };
}

function set(base: unknown, path: (string | number)[], value: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(base)) as Record<string | number, unknown>;
  let o = copy;
  for (const k of path.slice(0, -1)) o = (o[k] ?? (o[k] = {})) as Record<string | number, unknown>;
  o[path.at(-1)!] = value;
  return copy;
}

/** What every outcome must satisfy. */
function checkOutcome({ path, code, out, err }: ReturnType<typeof runFile>) {
  codes.set(code, (codes.get(code) ?? 0) + 1);
  expect(err).not.toMatch(/internal error|\n\s+at /);
  if (code === 0) {
    expect(out.length).toBeGreaterThan(100);
    return;
  }
  expect([1, 2]).toContain(code);
  expect(out).toBe('');
  const lines = err.trimEnd().split('\n');
  expect(lines.length).toBeLessThanOrEqual(12);
  for (const l of lines) expect(l.length).toBeLessThanOrEqual(path.length + 2 + MAX_LINE + 4);
  // The first line names the file and then a field path, or says that no design can run it.
  const field =
    /^[a-zA-Z][\w…-]*(\[\d+\])*(\.[\w…-]+(\[\d+\])*)*: |^\(root\): |^none of the requested architectures/;
  expect(lines[0].startsWith(`${path}: `)).toBe(true);
  expect(lines[0].slice(path.length + 2)).toMatch(field);
}

describe('fuzzing the CLI’s scenario files (fast-check)', () => {
  it('a comparison scenario with one field replaced by anything runs or fails with a message naming a field', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SCENARIO_PATHS), junk, (p, v) =>
        checkOutcome(runFile(set(scenario, p, v))),
      ),
      { numRuns: 150, seed: 9 },
    );
    expect(codes.get(0)).toBeGreaterThan(10);
    expect(codes.get(1)).toBeGreaterThan(10);
  }, 240_000);

  it('a misspelt key anywhere in a scenario is named, with the closest known key', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(
          [] as string[],
          ['topology'],
          ['workload'],
          ['workload', 'load'],
          ['features'],
          ['run'],
        ),
        fc.constantFrom('nodez', 'rpss', 'seeed', 'timeoutMS', 'failrue', 'x'.repeat(300)),
        (p, key) => {
          const r = runFile(set(scenario, [...p, key], 1));
          checkOutcome(r);
          expect(r.code).toBe(1);
          expect(r.err).toContain(`${formatPath([...p, key])}: unknown key`);
          expect(r.err).toMatch(/unknown key/);
        },
      ),
      { numRuns: 30, seed: 3 },
    );
  }, 60_000);

  it('a SimSpec file with one field replaced by anything runs or fails with a message naming a field', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SPEC_PATHS), junk, (p, v) => checkOutcome(runFile(set(simSpec, p, v)))),
      { numRuns: 150, seed: 11 },
    );
    expect(codes.get(0)).toBeGreaterThan(10);
  }, 240_000);
});
