import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import bench from '../../models/presets/istio-benchmark.json';
import { formRange, LIMITS } from './limits';
import { PracticalScenarioSchema, ScenarioSchema, type Scenario } from './scenario';
import { MAX_REQUESTS_PER_RUN, scenarioProblems } from './scenarioChecks';
import { decodeScenarioParam, encodeScenarioParam, parseScenarioFile } from './scenarioCodec';

type Def = { type: string; [k: string]: unknown };
const defOf = (s: unknown) => (s as { _zod: { def: Def } })._zod.def;

/** Every leaf schema under `s`, with its path ("workload.load.connections", "topology.services[]"). */
function leaves(s: z.ZodType, path: string, out: [string, z.ZodType][] = []): [string, z.ZodType][] {
  const d = defOf(s);
  if (['optional', 'nullable', 'default', 'prefault', 'readonly'].includes(d.type))
    return leaves(d.innerType as z.ZodType, path, out);
  if (d.type === 'pipe') return leaves(d.in as z.ZodType, path, out);
  if (d.type === 'union') (d.options as z.ZodType[]).forEach((o) => leaves(o, path, out));
  else if (d.type === 'object')
    for (const [k, v] of Object.entries(d.shape as Record<string, z.ZodType>))
      leaves(v, path ? `${path}.${k}` : k, out);
  else if (d.type === 'array') {
    out.push([path, s]);
    leaves(d.element as z.ZodType, `${path}[]`, out);
  } else out.push([path, s]);
  return out;
}

const withLoad = (load: object) => ({ ...bench, workload: { ...bench.workload, load } });

describe('scenario limits', () => {
  it('every number, list and text of the scenario schema has an explicit upper and lower bound', () => {
    const all = leaves(ScenarioSchema, '');
    const numbers = all.filter(([, s]) => defOf(s).type === 'number');
    expect(numbers.length).toBeGreaterThan(30);
    for (const [path, s] of numbers) {
      const n = s as unknown as { minValue: number | null; maxValue: number | null };
      expect({ path, finite: Number.isFinite(n.minValue) && Number.isFinite(n.maxValue) }).toEqual({
        path,
        finite: true,
      });
    }
    const texts = all.filter(([, s]) => ['string', 'array'].includes(defOf(s).type));
    expect(texts.length).toBeGreaterThanOrEqual(14);
    for (const [path, s] of texts) {
      const checks = (defOf(s).checks as { _zod: { def: { check: string; format?: string } } }[]) ?? [];
      const bounded = checks.some(
        (c) =>
          c._zod.def.check === 'max_length' ||
          (c._zod.def.check === 'string_format' && c._zod.def.format === 'regex'),
      );
      expect({ path, bounded }).toEqual({ path, bounded: true });
    }
  });

  it('a link or file past a practical limit is refused, naming the field and the limit (1e6 connections)', () => {
    const big = withLoad({
      kind: 'closed',
      connections: 1_000_000,
      think: { kind: 'exponential', mean: 1000 },
    });
    expect(decodeScenarioParam(encodeScenarioParam(big as unknown as Scenario))).toEqual({
      ok: false,
      message:
        'The link’s scenario (s=…) is not a valid scenario. workload.load.connections: must be at most 10,000 (got 1,000,000).',
    });
    expect(parseScenarioFile(JSON.stringify(big), 'big.json')).toMatchObject({
      ok: false,
      message: expect.stringContaining('workload.load.connections: must be at most 10,000'),
    });
    // Still valid for the engine (the CLI's --no-limits), and the practical limit is what the form offers.
    expect(ScenarioSchema.safeParse(big).success).toBe(true);
    expect(formRange(LIMITS.connections)).toEqual({ min: 1, max: 10_000, integer: true });
  });

  it('beyond validity, even --no-limits refuses: 1e9 connections', () => {
    const r = ScenarioSchema.safeParse(withLoad({ kind: 'paced', rps: 10, connections: 1e9 }));
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]).toMatchObject({ path: ['workload', 'load', 'connections'], maximum: 1e7 });
  });

  it('the practical schema and the checks across fields agree with the valid schema on the presets', () => {
    expect(PracticalScenarioSchema.parse(bench)).toEqual(ScenarioSchema.parse(bench));
  });

  it('a closed load over a time window is bounded by connections ÷ (think + shortest round trip)', () => {
    const s = ScenarioSchema.parse({
      ...withLoad({ kind: 'closed', connections: 100, think: { kind: 'deterministic', value: 0 } }),
      run: { warmupUs: 0, durationUs: 1e6 },
    });
    // 100 connections × 1 s ÷ 10 µs = 1e7 requests > 2e6.
    expect(scenarioProblems(s)).toEqual([
      {
        field: 'run.durationUs',
        message: `this run would send more than ${MAX_REQUESTS_PER_RUN.toLocaleString('en')} requests`,
        practical: true,
      },
    ]);
    expect(scenarioProblems(s, { practical: false })).toEqual([]);
    const calm = { ...s, workload: { ...s.workload, load: { ...s.workload.load, connections: 10 } } };
    expect(scenarioProblems(calm as Scenario)).toEqual([]);
  });

  it('form ranges convert units without binary noise', () => {
    expect(formRange(LIMITS.addedUs, 0.001)).toEqual({ min: 0.001, max: 60_000 });
    expect(formRange(LIMITS.probability, 100)).toEqual({ min: 0, max: 100 });
    expect(formRange(LIMITS.thinkUs, 0.001)).toEqual({ min: 0, max: 3_600_000 });
  });
});
