import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import bench from '../../models/presets/istio-benchmark.json';
import pods400 from '../../models/presets/pods-400.json';
import legacy from './fixtures/legacyLinks.json';
import { MODEL_VERSION, ScenarioSchema, type Scenario } from './scenario';
import { MAX_CALL_LEGS, scenarioProblems } from './scenarioChecks';
import {
  decodeScenarioParam,
  encodeScenarioParam,
  parseScenarioFile,
  parseScenarioValue,
  scenarioFileText,
} from './scenarioCodec';

const base: Scenario = ScenarioSchema.parse(bench);

describe('scenario in a link', () => {
  it('round-trips, including non-ASCII text', () => {
    const s = { ...base, name: 'Åsa’s “mesh” — 東京 🚀' };
    const param = encodeScenarioParam(s);
    expect(param).toMatch(/^[A-Za-z0-9._-]+$/);
    expect(decodeScenarioParam(param)).toEqual({ ok: true, scenario: s });
    const big = ScenarioSchema.parse(pods400);
    expect(decodeScenarioParam(encodeScenarioParam(big))).toEqual({ ok: true, scenario: big });
  });

  it('names the field of an invalid value', () => {
    const bad = { ...base, workload: { ...base.workload, load: { kind: 'open', rps: -3, connections: 1 } } };
    const r = decodeScenarioParam(encodeScenarioParam(bad as Scenario));
    expect(r).toEqual({
      ok: false,
      message: expect.stringMatching(
        /^The link’s scenario \(s=…\) is not a valid scenario\. workload\.load\.rps: /,
      ),
    });
  });

  it('round-trips namespaces and the waypoint scope; a bad namespace or scope is named', () => {
    const services = [
      { ...base.topology.services[0], namespace: 'shop' },
      { ...base.topology.services[0], id: 'db', namespace: 'data' },
    ];
    const s: Scenario = { ...base, topology: { ...base.topology, services, waypointScope: 'service' } };
    expect(decodeScenarioParam(encodeScenarioParam(s))).toEqual({ ok: true, scenario: s });
    expect(parseScenarioFile(scenarioFileText(s))).toEqual({ ok: true, scenario: s });
    // Absent, they take Istio's defaults: the 'default' namespace, one waypoint per namespace.
    expect(base.topology.services[0].namespace).toBe('default');
    expect(base.topology.waypointScope).toBe('namespace');
    const bad = (topology: object) =>
      decodeScenarioParam(encodeScenarioParam({ ...base, topology } as unknown as Scenario));
    expect(bad({ ...base.topology, services: [{ ...services[0], namespace: 'Shop_1' }] })).toEqual({
      ok: false,
      message: expect.stringMatching(
        /not a valid scenario\. topology\.services\[0\]\.namespace: must be a namespace name/,
      ),
    });
    expect(bad({ ...base.topology, services: [{ ...services[0], namespace: 'a'.repeat(64) }] })).toEqual({
      ok: false,
      message: expect.stringContaining('topology.services[0].namespace'),
    });
    expect(bad({ ...base.topology, waypointScope: 'cluster' })).toEqual({
      ok: false,
      message: expect.stringMatching(/topology\.waypointScope: .*namespace.*service/),
    });
    // A waypoint pod whose name a service's pod already has.
    const clash = {
      ...base.topology,
      entry: 'waypoint-a',
      services: [
        { ...services[0], id: 'waypoint-a', replicas: 2, namespace: 'a-1' },
        { ...services[0], id: 'b', namespace: 'a-2' },
      ],
    };
    expect(bad(clash)).toEqual({
      ok: false,
      message: expect.stringContaining(
        "topology.services[0].namespace: its waypoint's pod 'waypoint-a-1' has the name of a pod of 'waypoint-a'",
      ),
    });
    expect(bad({ ...clash, waypointScope: 'service' })).toMatchObject({ ok: true }); // waypoint-waypoint-a, waypoint-b
    expect(bad({ ...base.topology, waypointFor: 'service' })).toEqual({
      ok: false,
      message: expect.stringContaining('waypointFor'),
    });
  });

  it('says a cut or edited link is damaged, and what is wrong with other text', () => {
    const good = encodeScenarioParam(base);
    expect(decodeScenarioParam(good.slice(0, good.length - 4))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/damaged|not valid JSON/),
    });
    // A link in format 1 (the scenario's JSON as base64url), cut short.
    expect(decodeScenarioParam(legacy.links[0].s.slice(0, 41))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/damaged|not valid JSON/),
    });
    expect(decodeScenarioParam('%%%')).toEqual({
      ok: false,
      message: expect.stringContaining('not base64url'),
    });
    expect(decodeScenarioParam(btoa('{"seed": 1'))).toEqual({
      ok: false,
      message: expect.stringContaining('not valid JSON'),
    });
    expect(decodeScenarioParam(btoa('[1,2]'))).toEqual({
      ok: false,
      message: expect.stringContaining('expected a JSON object'),
    });
    expect(decodeScenarioParam('_w')).toEqual({
      ok: false,
      message: expect.stringContaining('does not decode to text'),
    });
  });

  it('flags a scenario made for other models but still opens it', () => {
    const r = decodeScenarioParam(encodeScenarioParam({ ...base, modelVersion: '2020.01-1' }));
    expect(r.ok && r.notice).toMatch(/made for models version 2020\.01-1; this page runs/);
    expect(decodeScenarioParam(encodeScenarioParam(base))).not.toHaveProperty('notice');
    expect(base.modelVersion).toBe(MODEL_VERSION);
  });
});

describe('scenario file', () => {
  it('is the pretty JSON the CLI reads, and parses back', () => {
    const text = scenarioFileText(base);
    expect(text.endsWith('}\n')).toBe(true);
    expect(parseScenarioFile(text, 'x.json')).toEqual({ ok: true, scenario: base });
  });

  it('names the file and the field', () => {
    const { topology, ...noTopology } = base;
    void topology;
    expect(parseScenarioFile(JSON.stringify(noTopology), 'my.json')).toEqual({
      ok: false,
      message: expect.stringMatching(/^my\.json is not a valid scenario\. topology: /),
    });
    expect(parseScenarioFile('not json', 'my.json')).toEqual({
      ok: false,
      message: expect.stringMatching(/^my\.json is not valid JSON: /),
    });
  });

  it('reports checks that span fields: unknown calls, cycles, placement, size', () => {
    const svc = (id: string, calls: string[] = [], replicas = 1) => ({ id, replicas, calls });
    const msg = (over: Record<string, unknown>) => {
      const r = parseScenarioValue({ ...base, topology: { ...base.topology, ...over } }, 'f');
      return r.ok ? '' : r.message;
    };
    expect(msg({ services: [svc('a', ['b'])], entry: 'a' })).toMatch(
      /topology\.services\[0\]\.calls\[0\]: unknown service 'b'/,
    );
    expect(msg({ services: [svc('a', ['b']), svc('b', ['a'])], entry: 'a' })).toMatch(
      /topology\.services: call cycle: a → b → a/,
    );
    expect(msg({ nodes: 1, placement: 'cross-node' })).toMatch(
      /topology\.placement: 'cross-node' needs at least 2 nodes/,
    );
    expect(msg({ services: [svc('a')], entry: 'zzz' })).toMatch(/topology\.entry: unknown service 'zzz'/);
    expect(msg({ services: [svc('a', ['b'], 300), svc('b', [], 300)], entry: 'a' })).toMatch(
      new RegExp(`at most ${MAX_CALL_LEGS}`),
    );
    expect(
      msg({ services: [svc('a', [], 1000), svc('b', [], 1000), svc('c', [], 1000)], entry: 'a' }),
    ).toMatch(/3001 simulated pods/);
    expect(scenarioProblems(base)).toEqual([]);
  });
});

describe('fuzzing the link and file parsers (fast-check)', () => {
  const neverThrows = (f: () => unknown) => {
    const r = f() as { ok: boolean; message?: string };
    expect(typeof r.ok).toBe('boolean');
    if (!r.ok) expect(r.message!.length).toBeGreaterThan(10);
  };

  it('arbitrary link text never throws', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => neverThrows(() => decodeScenarioParam(s))),
      { numRuns: 3_000 },
    );
    fc.assert(
      fc.property(fc.base64String({ maxLength: 400 }), (s) =>
        neverThrows(() => decodeScenarioParam(s.replace(/=+$/, ''))),
      ),
      { numRuns: 2_000 },
    );
  });

  it('arbitrary JSON and arbitrary text as a file never throw', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (v) =>
        neverThrows(() => parseScenarioFile(JSON.stringify(v) ?? 'null')),
      ),
      { numRuns: 3_000 },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 500 }), (s) => neverThrows(() => parseScenarioFile(s))),
      { numRuns: 2_000 },
    );
  });

  it('a valid scenario with one field replaced by anything never throws, and a rejection names a field', () => {
    const paths: string[][] = [
      ['seed'],
      ['architectures'],
      ['architectures', '0'],
      ['topology'],
      ['topology', 'nodes'],
      ['topology', 'services'],
      ['topology', 'services', '0'],
      ['topology', 'services', '0', 'replicas'],
      ['topology', 'services', '0', 'calls'],
      ['topology', 'entry'],
      ['topology', 'placement'],
      ['topology', 'waypointNode'],
      ['topology', 'mesh'],
      ['dataplane'],
      ['workload', 'load'],
      ['workload', 'load', 'kind'],
      ['workload', 'load', 'rps'],
      ['workload', 'load', 'connections'],
      ['workload', 'requestKiB'],
      ['workload', 'protocol'],
      ['features'],
      ['features', 'mtls'],
      ['profile'],
      ['run'],
      ['run', 'measuredRequests'],
      ['modelVersion'],
      ['variability', 'cpuCv'],
    ];
    const junk = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.constantFrom(-1, 0, 1e308, -0, 2 ** 53, 'cross-node', 'no-mesh', '', null, [], {}),
    );
    fc.assert(
      fc.property(fc.constantFrom(...paths), junk, (path, value) => {
        const s = JSON.parse(JSON.stringify(base));
        let o = s;
        for (const k of path.slice(0, -1)) o = o[k] ?? (o[k] = {});
        o[path.at(-1)!] = value;
        const viaFile = parseScenarioFile(JSON.stringify(s));
        const viaLink = decodeScenarioParam(encodeScenarioParam(s));
        expect(viaLink.ok).toBe(viaFile.ok);
        if (!viaFile.ok)
          expect(viaFile.message).toMatch(/(not a valid scenario|cannot be simulated)\. [a-zA-Z(]/);
      }),
      { numRuns: 3_000 },
    );
  });

  it('generated valid scenarios survive a round trip through the link exactly', () => {
    const scenario = fc.record({
      seed: fc.integer({ min: 0, max: 0xffffffff }),
      rps: fc.double({ min: 1, max: 1e6, noNaN: true }),
      nodes: fc.integer({ min: 2, max: 50 }),
      replicas: fc.integer({ min: 1, max: 20 }),
      name: fc.string({ maxLength: 40 }),
      profile: fc.constantFrom('low', 'default', 'high'),
    });
    fc.assert(
      fc.property(scenario, (g) => {
        const s = ScenarioSchema.parse({
          ...base,
          seed: g.seed,
          name: g.name,
          profile: g.profile,
          topology: {
            ...base.topology,
            nodes: g.nodes,
            services: [{ id: 'web', replicas: g.replicas }],
            entry: 'web',
          },
          workload: { ...base.workload, load: { kind: 'open', rps: g.rps, connections: 4 } },
        });
        expect(decodeScenarioParam(encodeScenarioParam(s))).toEqual({ ok: true, scenario: s });
      }),
      { numRuns: 1_000 },
    );
  });
});
