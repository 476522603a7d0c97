import fc from 'fast-check';
import { deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import legacy from './fixtures/legacyLinks.json';
import { toBase64url } from './base64url';
import { ARCHITECTURE_IDS } from './architecture';
import { SCENARIO_PRESET_IDS, SCENARIO_PRESETS } from './presets';
import { PracticalScenarioSchema, ScenarioSchema, type Scenario } from './scenario';
import { scenarioProblems } from './scenarioChecks';
import { decodeScenarioParam, encodeScenarioParam } from './scenarioCodec';
import { MAX_PATCH_BYTES } from './shortLink';

/** The length a share link may have (issue #14), for the `s=` value and the rest of the address. */
const MAX_LINK = 2_000;
/** What a share link adds around `s=`: `https://host/path/#/compare?s=` and `&r=20&embed=1`. */
const ADDRESS = 'https://meshpath.example.org/some/path/#/compare?s=&r=20&embed=1'.length;

const preset = (id: (typeof SCENARIO_PRESET_IDS)[number]): Scenario =>
  ScenarioSchema.parse(SCENARIO_PRESETS[id]);
/** A link's `<patch>.<check>` for the given patch text, as a newer page might write it. */
const zip = (text: string) => `${toBase64url(deflateSync(new TextEncoder().encode(text)))}.${fnv(text)}`;
function fnv(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}
const roundTrip = (s: Scenario) => {
  const param = encodeScenarioParam(s);
  expect(param).toMatch(/^[A-Za-z0-9._-]+$/);
  expect(decodeScenarioParam(param)).toEqual({ ok: true, scenario: s });
  return param;
};

/** Edits a user makes on the Compare page (and a lesson or a file), several at once. */
function edited(s: Scenario, seed = 7): Scenario {
  return ScenarioSchema.parse({
    ...s,
    name: `${s.name} (edited)`,
    seed,
    profile: 'high',
    architectures: ['no-mesh', 'ambient', 'cilium-ebpf'],
    topology: {
      ...s.topology,
      nodes: s.topology.nodes + 3,
      coresPerNode: 16,
      services: s.topology.services.map((x) => ({ ...x, replicas: x.replicas + 1, threads: 32 })),
      mesh: { services: 1000, pods: 4000 },
    },
    workload: { ...s.workload, load: { kind: 'open', rps: 1234.5, connections: 48 }, responseKiB: 16 },
    features: { ...s.features, l7Policy: true, retries: 1, timeoutMs: 250 },
    failure: { kind: 'delay', service: s.topology.services.at(-1)!.id, addedUs: 5000 },
    run: { warmupRequests: 500, measuredRequests: 5000 },
  });
}

/** A scenario made from nothing: 80 services of eight kinds, a call chain, uneven replicas and costs. */
function fromScratch(): Scenario {
  const kinds = ['api', 'auth', 'billing', 'cart', 'catalog', 'search', 'user', 'order'];
  const id = (i: number) => `${kinds[i % 8]}-${Math.floor(i / 8)}`;
  return ScenarioSchema.parse({
    name: 'Our shop',
    seed: 3,
    architectures: ['no-mesh', 'sidecar-linkerd', 'ambient'],
    topology: {
      nodes: 12,
      coresPerNode: 4,
      entry: id(0),
      placement: 'spread',
      services: Array.from({ length: 80 }, (_, i) => ({
        id: id(i),
        replicas: 1 + (i % 3),
        handlerUs: [15, 30, 45, 60][i % 4],
        calls: i < 12 ? [id(i + 1), id(i + 20)] : [],
        callMode: i % 2 ? 'sequential' : 'parallel',
      })),
    },
    workload: {
      load: { kind: 'closed', connections: 16, think: { kind: 'exponential', mean: 2000 } },
      protocol: 'grpc',
    },
    run: { warmupRequests: 200, measuredRequests: 4000 },
  });
}

describe('short links (link format 2)', () => {
  it.each(SCENARIO_PRESET_IDS)('%s: its link is its name and a few characters, and opens exactly', (id) => {
    const param = roundTrip(preset(id));
    expect(param).toMatch(new RegExp(`^2\\.${id}\\.[0-9a-z]+\\.[A-Za-z0-9_-]+\\.[0-9a-z]+$`));
    expect(param.length).toBeLessThan(id.length + 30);
  });

  it.each(SCENARIO_PRESET_IDS)('%s with ten fields edited: a link under 2,000 characters', (id) => {
    const s = edited(preset(id));
    const param = roundTrip(s);
    expect(param.length + ADDRESS).toBeLessThanOrEqual(MAX_LINK);
    expect(param.startsWith(`2.${id}.`)).toBe(true);
  });

  it('a scenario built from scratch with 80 services: under 2,000 characters', () => {
    const s = fromScratch();
    const old = btoa(unescape(encodeURIComponent(JSON.stringify(s)))).length;
    const param = roundTrip(s);
    expect(old).toBeGreaterThan(9_000); // format 1 carried it whole
    expect(param.length + ADDRESS).toBeLessThanOrEqual(MAX_LINK);
  });

  it('one spelling per scenario: the order of keys does not change the link', () => {
    const s = edited(preset('pods-400'));
    const reversed = JSON.parse(JSON.stringify(s), (_k, v: unknown) =>
      v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v,
    ) as Scenario;
    expect(Object.keys(reversed)[0]).not.toBe(Object.keys(s)[0]);
    expect(encodeScenarioParam(reversed)).toBe(encodeScenarioParam(s));
  });

  it('removes what the preset has and the scenario does not (optional fields)', () => {
    const s = preset('istio-benchmark');
    const { name, description, ...bare } = s;
    expect(name && description).toBeTruthy();
    const param = roundTrip(bare as Scenario);
    expect(param.startsWith('2.istio-benchmark.')).toBe(true);
  });

  it('round-trips every preset under random realistic edits (fast-check, fixed seed)', () => {
    const edit = fc.record(
      {
        seed: fc.integer({ min: 0, max: 0xffffffff }),
        nodes: fc.integer({ min: 2, max: 60 }),
        rps: fc.double({ min: 1, max: 50_000, noNaN: true }),
        connections: fc.integer({ min: 1, max: 512 }),
        archs: fc.subarray([...ARCHITECTURE_IDS], { minLength: 1 }),
        mtls: fc.boolean(),
        telemetry: fc.boolean(),
        protocol: fc.constantFrom('http1', 'http2', 'grpc'),
        placement: fc.constantFrom('cross-node', 'spread'),
        replicasPlus: fc.integer({ min: 0, max: 3 }),
        oneService: fc.integer({ min: 0, max: 400 }),
        handlerUs: fc.integer({ min: 0, max: 5000 }),
        measured: fc.integer({ min: 100, max: 1_000_000 }),
        name: fc.string({ maxLength: 60 }),
        dropDescription: fc.boolean(),
      },
      { requiredKeys: ['seed'] },
    );
    fc.assert(
      fc.property(fc.constantFrom(...SCENARIO_PRESET_IDS), edit, (id, e) => {
        const p = preset(id);
        const services = p.topology.services.map((x, i) => ({
          ...x,
          replicas: x.replicas + (e.replicasPlus ?? 0),
          handlerUs: i === (e.oneService ?? -1) % p.topology.services.length ? e.handlerUs! : x.handlerUs,
        }));
        const s = ScenarioSchema.parse({
          ...p,
          seed: e.seed,
          ...(e.name !== undefined && { name: e.name }),
          ...(e.dropDescription && { description: undefined }),
          ...(e.archs && { architectures: e.archs }),
          topology: {
            ...p.topology,
            services,
            ...(e.nodes && { nodes: e.nodes }),
            ...(e.placement && { placement: e.placement }),
          },
          workload: {
            ...p.workload,
            ...(e.protocol && { protocol: e.protocol }),
            ...(e.rps && { load: { kind: 'open', rps: e.rps, connections: e.connections ?? 8 } }),
          },
          features: {
            ...p.features,
            ...(e.mtls !== undefined && { mtls: e.mtls }),
            ...(e.telemetry !== undefined && { telemetry: e.telemetry }),
          },
          ...(e.measured && { run: { warmupRequests: 0, measuredRequests: e.measured } }),
        });
        // Only scenarios the page accepts (more replicas can take the large mesh past its pod limit).
        fc.pre(PracticalScenarioSchema.safeParse(s).success && scenarioProblems(s).length === 0);
        const param = encodeScenarioParam(s);
        expect(param.length + ADDRESS).toBeLessThanOrEqual(MAX_LINK);
        expect(decodeScenarioParam(param)).toEqual({ ok: true, scenario: s });
      }),
      { numRuns: 300, seed: 14 },
    );
  });
});

describe('links made before short links (format 1) still open', () => {
  it.each(legacy.links.map((l) => [l.what, l] as const))('%s', (_what, l) => {
    expect(l.s).toMatch(/^eyJ[A-Za-z0-9_-]+$/); // the scenario's JSON as base64url, as written then
    // They open as recorded, with fields added since (services' namespace, waypointScope) at their defaults.
    const opened = decodeScenarioParam(l.s);
    expect(opened).toEqual({ ok: true, scenario: ScenarioSchema.parse(l.scenario) });
    expect(opened).toMatchObject({ ok: true, scenario: l.scenario });
    // Written again (as opened, with today's defaults, as the page writes it), it takes the short form.
    expect(encodeScenarioParam(ScenarioSchema.parse(l.scenario)).length).toBeLessThan(l.s.length / 10);
  });
});

describe('a bad short link says what is wrong', () => {
  const good = encodeScenarioParam(edited(preset('pods-400')));
  const [, id, print, payload, check] = good.split('.');
  const data = `${payload}.${check}`;
  const message = (param: string) => {
    const r = decodeScenarioParam(param);
    expect(r.ok).toBe(false);
    return r.ok ? '' : r.message;
  };

  it('cut short or with a changed character', () => {
    expect(good.length).toBeGreaterThan(60);
    const damaged =
      /^The link’s scenario \(s=…\) is damaged: .* \(was the link cut short( or edited)?\?\)\.$/;
    for (let cut = 1; cut < good.length; cut++) expect(message(good.slice(0, cut))).toMatch(damaged);
    // A single-character change in the compressed changes is reported, or (where it falls on bits
    // deflate ignores: padding, an unused code length) opens the very same scenario: never another one.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    let same = 0;
    for (let i = 0; i < payload.length; i++) {
      const other = alphabet[(alphabet.indexOf(payload[i]) + 17) % 64];
      const r = decodeScenarioParam(
        `2.${id}.${print}.${payload.slice(0, i)}${other}${payload.slice(i + 1)}.${check}`,
      );
      if (r.ok) {
        expect(r.scenario).toEqual(edited(preset('pods-400')));
        same++;
      } else expect(r.message).toMatch(damaged);
    }
    expect(same).toBeLessThan(payload.length / 20);
    expect(message(`2.${id}.${print}.${payload}.x${check}`)).toMatch(/do not match their check/);
    expect(message(`2.${id}.${print}..${check}`)).toMatch(/is damaged: it carries no changes/);
    expect(message(`2.${id}.${print}.${payload}!.${check}`)).toMatch(
      /is damaged: it is not in link format 2/,
    );
    expect(message(`2.${id}.${data}`)).toMatch(/is damaged: it is not in link format 2/);
    expect(message('x.y')).toMatch(/is damaged: it does not start with a link format number/);
  });

  it('a link format this page does not know', () => {
    expect(message(`3.${id}.${print}.${data}`)).toBe(
      'The link’s scenario (s=…) uses link format 3, which this page cannot read (it reads formats 1 and 2): it was probably made by a newer version of meshpath.',
    );
  });

  it('a preset this page does not have', () => {
    expect(message(`2.pods-9000.${print}.${data}`)).toMatch(
      /is based on the preset “pods-9000”, which this page does not have \(it has one-request-slowly, .*pods-400/,
    );
  });

  it('changes that do not fit the preset, or are not JSON, or inflate beyond the limit', () => {
    expect(message(`2.${id}.${print}.${zip('{"topology":{"services":{"n":2,"5":{}}}}')}`)).toBe(
      "The link’s scenario (s=…) is damaged: its changes do not fit the preset “400 pods, 80 services” (topology.services: '5' is not an index below the length 2).",
    );
    expect(message(`2.${id}.${print}.${zip('{"seed":')}`)).toMatch(/is damaged: its changes are not JSON/);
    expect(message(`2.${id}.${print}.${zip('{"__proto__":{"seed":1}}')}`)).toMatch(
      /do not fit the preset .*__proto__ is not allowed/,
    );
    expect(message(`2.${zip(' '.repeat(MAX_PATCH_BYTES + 1))}`)).toMatch(/is too large once decompressed/);
  });

  it('a valid link whose scenario is not valid names the field, as format 1 did', () => {
    expect(message(`2.${id}.${print}.${zip('{"seed":-1}')}`)).toMatch(
      /^The link’s scenario \(s=…\) is not a valid scenario\. seed: /,
    );
    expect(message(`2.${zip('[1]')}`)).toMatch(/is not a scenario: expected a JSON object/);
  });

  it('a link made from an earlier version of its preset opens, with a notice', () => {
    const r = decodeScenarioParam(`2.${id}.abc.${data}`);
    expect(r).toMatchObject({
      ok: true,
      notice: expect.stringMatching(
        /^This link was made from an earlier version of the preset “400 pods, 80 services”: .* may differ/,
      ),
    });
    expect(r.ok && r.scenario).toEqual(edited(preset('pods-400')));
    expect(decodeScenarioParam(good)).not.toHaveProperty('notice');
  });

  it('arbitrary text after a format prefix never throws (fast-check)', () => {
    const prefixes = ['2.', `2.${id}.${print}.`, `2.${id}.${print}.${payload}.`, `2.${id}.`, '3.', '2..'];
    fc.assert(
      fc.property(fc.constantFrom(...prefixes), fc.string({ maxLength: 200 }), (pre, rest) => {
        const r = decodeScenarioParam(pre + rest);
        if (!r.ok) expect(r.message).toMatch(/^The link’s scenario \(s=…\) .{10,}/);
      }),
      { numRuns: 2_000, seed: 14 },
    );
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (v) => {
        const r = decodeScenarioParam(`2.${id}.${print}.${zip(JSON.stringify(v))}`);
        if (!r.ok) expect(r.message).toMatch(/^The link’s scenario \(s=…\) .{10,}/);
      }),
      { numRuns: 1_000, seed: 14 },
    );
  });
});
