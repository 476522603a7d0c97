import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import bench from '../../models/presets/istio-benchmark.json';
import { closest, editDistance, formatIssues, issueLines, MAX_LINE, truncate } from './issues';
import { PracticalScenarioSchema } from './scenario';
import { decodeScenarioParam, encodeScenarioParam, parseScenarioValue } from './scenarioCodec';
import type { Scenario } from './scenario';

const lines = (raw: unknown) => {
  const r = PracticalScenarioSchema.safeParse(raw);
  return r.success ? [] : issueLines(r.error.issues, { schema: PracticalScenarioSchema, raw });
};

describe('one message function for schema problems', () => {
  it('names an unknown key with its path and suggests the closest known one', () => {
    expect(lines({ ...bench, failrue: { kind: 'none' } })).toEqual([
      "failrue: unknown key; did you mean 'failure'?",
    ]);
    expect(lines({ ...bench, features: { timeoutMS: 5 } })).toEqual([
      "features.timeoutMS: unknown key; did you mean 'timeoutMs'?",
    ]);
    expect(lines({ ...bench, topology: { ...bench.topology, nodse: 3 } })).toEqual([
      "topology.nodse: unknown key; did you mean 'nodes'?",
    ]);
    // Inside a discriminated union and an array.
    expect(lines({ ...bench, failure: { kind: 'loss', service: 'fortio-server', probabilty: 0.1 } })).toEqual(
      [
        'failure.probability: missing; expected a number',
        "failure.probabilty: unknown key; did you mean 'probability'?",
      ],
    );
    const svc = { ...bench.topology.services[0], replica: 2 };
    expect(lines({ ...bench, topology: { ...bench.topology, services: [svc] } })).toEqual([
      "topology.services[0].replica: unknown key; did you mean 'replicas'?",
    ]);
    // Nothing close: the known keys instead of a guess.
    expect(lines({ ...bench, variability: { zzzzzz: 1 } })).toEqual([
      'variability.zzzzzz: unknown key; known keys: cpuCv, wireCv',
    ]);
  });

  it('says which shapes a run takes instead of "Invalid input"', () => {
    expect(lines({ ...bench, run: {} })).toEqual([
      'run: expected { warmupRequests, measuredRequests } (a request count) or { warmupUs, durationUs } (simulated µs)',
    ]);
    expect(lines({ ...bench, run: { warmupRequests: 0, measuredRequests: 0 } })).toEqual([
      'run.measuredRequests: must be at least 1 (got 0)',
    ]);
    expect(lines({ ...bench, failure: { kind: 'boom' } })).toEqual([
      'failure.kind: must be one of "none", "pod-down", "delay", "loss" (got "boom")',
    ]);
  });

  it('names the limit, the expected type and a bounded echo of the value', () => {
    const load = { kind: 'paced', rps: 1000, connections: 1_000_000 };
    expect(lines({ ...bench, workload: { ...bench.workload, load } })).toEqual([
      'workload.load.connections: must be at most 10,000 (got 1,000,000)',
    ]);
    expect(lines({ ...bench, seed: 'x'.repeat(500) })).toEqual([
      `seed: expected a number, received text "${'x'.repeat(39)}…"`,
    ]);
    expect(lines({ ...bench, topology: { ...bench.topology, nodes: undefined } })).toEqual([
      'topology.nodes: missing; expected a number',
    ]);
  });

  it('bounds a 300 KB modelVersion: rejected, and never echoed whole', () => {
    const huge = 'v'.repeat(300_000);
    const r = decodeScenarioParam(
      encodeScenarioParam({ ...(bench as unknown as Scenario), modelVersion: huge }),
    );
    expect(r).toEqual({
      ok: false,
      message:
        'The link’s scenario (s=…) is not a valid scenario. modelVersion: must be at most 40 characters long (it has 300,000).',
    });
    // A version within bounds is quoted in the notice, no longer than the schema allows.
    const ok = parseScenarioValue({ ...bench, modelVersion: '1'.repeat(40) }, 'f');
    expect(ok.ok && ok.notice!.length).toBeLessThan(200);
  });

  it('keeps every line and the joined message bounded, however many problems', () => {
    const schema = z.strictObject({ a: z.number() });
    const keys = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`${'k'.repeat(400)}${i}`, i]));
    const r = schema.safeParse(keys);
    const all = issueLines(r.error!.issues, { schema });
    expect(all.length).toBe(501);
    for (const l of all) expect(l.length).toBeLessThanOrEqual(MAX_LINE);
    const joined = formatIssues(r.error!, { schema });
    expect(joined).toMatch(/\(and 498 more\)$/);
    expect(joined.length).toBeLessThanOrEqual(3 * MAX_LINE + 30);
  });

  it('edit distance counts insertions, deletions, substitutions and swaps', () => {
    expect(editDistance('failrue', 'failure')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(closest('timeoutMS', ['timeoutMs', 'retries'])).toBe('timeoutMs');
    expect(closest('banana', ['timeoutMs', 'retries'])).toBeUndefined();
    expect(truncate('abcdef', 4)).toBe('abc…');
  });
});
