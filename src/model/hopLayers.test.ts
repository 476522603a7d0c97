import { describe, expect, it } from 'vitest';
import hopLayersJson from '../../models/hop-layers.json';
import failures from '../../models/presets/failures-and-retries.json';
import oneRequest from '../../models/presets/one-request-slowly.json';
import { compileScenario, UnsupportedError } from '../engine/scenario/compileScenario';
import { buildLayout } from '../worker/trace/layoutData';
import { CatalogError, loadCitations, loadHopCatalog } from './catalogs';
import { applyChanges, hopLayerView, layerText, type WalkHop } from './hopLayerWalk';
import { checkHopLayers, layerVariantFor, loadHopLayers, type HopLayerEntry } from './hopLayers';
import type { ArchitectureId } from './architecture';
import { ScenarioSchema } from './scenario';

const entries = loadHopLayers();
const catalog = new Map(entries.map((e) => [e.kind, e]));
const ARCHS: ArchitectureId[] = [
  'no-mesh',
  'library',
  'proxyless-grpc',
  'sidecar-envoy',
  'sidecar-linkerd',
  'sidecar-ebpf-redirect',
  'cilium-ebpf',
  'ambient',
  'ambient-waypoint',
];

type Scenario = typeof oneRequest;
const variantsOf = (s: Scenario) => ({
  ...s,
  workload: { ...s.workload },
  features: { ...s.features },
  topology: { ...s.topology },
});

/** The hops of a scenario as the trace layout gives them (route order in `prev`), or null when the architecture cannot run it. */
function routeOf(s: Scenario, arch: ArchitectureId): WalkHop[] | null {
  try {
    const scenario = ScenarioSchema.parse(s);
    return buildLayout(scenario, compileScenario(scenario, arch)).hops;
  } catch (e) {
    if (e instanceof UnsupportedError) return null;
    throw e;
  }
}

/** Steady-state scenarios (connections reused): the request's own bytes on every hop. */
function steadyScenarios(): Scenario[] {
  const cross = oneRequest;
  const same = variantsOf(oneRequest);
  same.topology.placement = 'same-node';
  const enc = variantsOf(oneRequest);
  enc.features.nodeEncryption = true;
  const grpc = variantsOf(oneRequest);
  grpc.workload.protocol = 'grpc';
  // Injected loss renames the failing hop's label; the variants must still fit.
  return [cross, same, enc, grpc, failures as unknown as Scenario];
}

describe('hop layers: the catalog', () => {
  it('covers every hop kind once, cites only known sources, and names nothing else', () => {
    expect(
      checkHopLayers(
        entries,
        loadHopCatalog().map((k) => k.id),
        loadCitations().map((c) => c.id),
      ),
    ).toEqual([]);
    expect(entries).toHaveLength(loadHopCatalog().length);
  });

  it('reports missing kinds, unknown kinds and unknown citations by file and field', () => {
    const bad = [...entries.slice(1), { ...entries[1], kind: 'warp.drive', sources: ['no-such-source'] }];
    const problems = checkHopLayers(
      bad,
      loadHopCatalog().map((k) => k.id),
      loadCitations().map((c) => c.id),
    );
    expect(problems).toEqual([
      "models/hop-layers.json: [29].kind: 'warp.drive' is not in models/hop-kinds.json",
      "models/hop-layers.json: [29].sources[0]: unknown citation 'no-such-source'",
      `models/hop-layers.json: hop kind '${entries[0].kind}' has no layer entry`,
    ]);
  });

  it('rejects inconsistent changes, misordered layers and a missing default, naming the field', () => {
    const problems = (raw: unknown) => {
      try {
        loadHopLayers(raw);
      } catch (e) {
        if (e instanceof CatalogError) return e.problems;
        throw e;
      }
      return [];
    };
    const clone = (): HopLayerEntry[] => JSON.parse(JSON.stringify(hopLayersJson));
    const a = clone();
    const tls = a.findIndex((e) => e.kind === 'tls.rec');
    a[tls].variants[1].layers[0] = { layer: 'tls', action: 'added', in: 'x', out: 'y' };
    expect(problems(a)).toEqual([
      `models/hop-layers.json: [${tls}].variants[1].layers[0].in: an 'added' layer has no 'in'`,
    ]);
    const b = clone();
    const veth = b.findIndex((e) => e.kind === 'veth');
    b[veth].variants[0].layers.reverse();
    expect(problems(b)[0]).toMatch(
      new RegExp(
        `^models/hop-layers.json: \\[${veth}\\]\\.variants\\[0\\]\\.layers\\[1\\]\\.layer: layers must be listed once each`,
      ),
    );
    const c = clone();
    c[tls].variants[1].match = ['encrypt'];
    expect(problems(c)).toEqual([
      `models/hop-layers.json: [${tls}].variants[1].match: the last variant is the default: it has no match`,
    ]);
    const d = clone();
    d[0].variants[0].layers[0] = { layer: 'http', action: 'rewritten', in: 'same', out: 'same' };
    expect(problems(d)).toEqual([
      "models/hop-layers.json: [0].variants[0].layers[0].out: a 'rewritten' layer must differ in and out",
    ]);
    const e = clone();
    const veth2 = e.findIndex((x) => x.kind === 'veth');
    e[veth2].variants[0].layers[0] = { layer: 'ip', action: 'read', in: 'IPv4', decrement: ['TTL'] } as never;
    expect(problems(e)).toEqual([
      `models/hop-layers.json: [${veth2}].variants[0].layers[0].decrement: only a 'rewritten' layer steps fields`,
    ]);
  });
});

describe('hop layers along the shipped routes', () => {
  it('fit the message at every hop of every steady-state route, and every leg delivers plain HTTP', () => {
    let legs = 0;
    let runs = 0;
    for (const s of steadyScenarios()) {
      for (const arch of ARCHS) {
        const hops = routeOf(s, arch);
        if (!hops) continue;
        runs++;
        hops.forEach((h, i) => {
          const v = hopLayerView(hops, i, catalog)!;
          expect(v, `${arch} ${h.kind}`).not.toBeNull();
          expect(v.problems, `${arch} #${i} ${h.kind} “${h.label}”`).toEqual([]);
          expect(v.variant.handshake, `${arch} ${h.label}`).toBe(false);
          const next = hops.find((o) => o.prev === i);
          const last = !next || next.leg !== h.leg;
          if (last) {
            legs++;
            expect(
              v.out.map((l) => l.layer),
              `${arch}: leg ending at “${h.label}”`,
            ).toEqual(['http']);
          }
        });
      }
    }
    // Every run has a request, a response and a handler leg; all but proxyless gRPC run http1.
    expect(runs).toBeGreaterThanOrEqual(4 * 8 + failures.architectures.length);
    expect(legs).toBeGreaterThanOrEqual(3 * runs);
  });

  it('shows the headers a hop changes: DNAT by conntrack, TLS sealing, HBONE wrapping, WireGuard', () => {
    const noMesh = routeOf(oneRequest, 'no-mesh')!;
    const nat = noMesh.findIndex((h) => h.kind === 'nf.pass' && h.leg === 'request');
    const v = hopLayerView(noMesh, nat, catalog)!;
    expect(v.variant.id).toBe('service-dnat');
    expect(v.variant.layers.find((l) => l.layer === 'ip')).toMatchObject({
      action: 'rewritten',
      set: { dst: 'podB IP' },
    });
    expect(v.in.find((l) => l.layer === 'ip')?.fields).toMatchObject({
      src: 'sender pod IP',
      dst: 'Service VIP or pod IP',
      TTL: '64',
    });
    expect(layerText(v.out.find((l) => l.layer === 'ip')!)).toBe(
      'IPv4: src sender pod IP, dst podB IP, TTL 64',
    );
    expect(v.in.map((l) => l.layer)).toEqual(['http', 'tcp', 'ip', 'ethernet']);

    const ambient = routeOf(oneRequest, 'ambient')!;
    const wrap = ambient.findIndex((h) => h.kind === 'proxy.l4.mtls' && h.leg === 'request');
    const seal = ambient.findIndex((h) => h.kind === 'tls.rec' && h.prev === wrap);
    const tx = ambient.findIndex((h) => h.kind === 'tcp.tx' && h.leg === 'request');
    expect(hopLayerView(ambient, wrap, catalog)!.out.map((l) => l.layer)).toEqual(['http', 'hbone']);
    expect(hopLayerView(ambient, seal, catalog)!.out.map((l) => l.layer)).toEqual(['http', 'hbone', 'tls']);
    expect(hopLayerView(ambient, tx, catalog)!.out.map((l) => l.layer)).toEqual([
      'http',
      'hbone',
      'tls',
      'tcp',
      'ip',
      'ethernet',
    ]);

    const enc = variantsOf(oneRequest);
    enc.features.nodeEncryption = true;
    const cilium = routeOf(enc, 'cilium-ebpf')!;
    const wg = cilium.findIndex((h) => h.kind === 'crypto.kernel' && h.leg === 'request');
    expect(hopLayerView(cilium, wg, catalog)!.out.map((l) => l.layer)).toEqual([
      'http',
      'tcp',
      'ip',
      'node-crypto',
      'ethernet',
    ]);
  });

  it('uses every variant somewhere in the shipped architectures (no unused entries)', () => {
    const labels = new Map<string, Set<string>>();
    const fresh = variantsOf(oneRequest);
    fresh.features.connectionReuse = false;
    const freshGrpc = variantsOf(fresh);
    freshGrpc.workload.protocol = 'grpc';
    const l7 = variantsOf(oneRequest);
    l7.features.l7Policy = true;
    for (const s of [...steadyScenarios(), fresh, freshGrpc, l7]) {
      for (const arch of ARCHS) {
        for (const h of routeOf(s, arch) ?? []) {
          const v = layerVariantFor(catalog.get(h.kind)!, h.label);
          (labels.get(h.kind) ?? labels.set(h.kind, new Set()).get(h.kind)!).add(v.id);
        }
      }
    }
    const unused = entries.flatMap((e) =>
      e.variants.filter((v) => v.match && !labels.get(e.kind)?.has(v.id)).map((v) => `${e.kind}/${v.id}`),
    );
    expect(unused).toEqual([]);
  });

  it('keeps every field a hop does not remove, and every rewrite changes a field (routing lowers TTL, keeps the addresses)', () => {
    let rewrites = 0;
    for (const s of steadyScenarios()) {
      for (const arch of ARCHS) {
        const hops = routeOf(s, arch);
        if (!hops) continue;
        hops.forEach((h, i) => {
          const v = hopLayerView(hops, i, catalog)!;
          const where = `${arch} #${i} ${h.kind} “${h.label}”`;
          for (const before of v.in) {
            const change = v.variant.layers.find((c) => c.layer === before.layer);
            if (change?.action === 'removed') continue;
            const after = v.out.find((l) => l.layer === before.layer);
            expect(after, `${where}: ${before.layer} kept`).toBeDefined();
            expect(Object.keys(after!.fields), `${where}: ${before.layer} fields kept`).toEqual(
              expect.arrayContaining(Object.keys(before.fields)),
            );
            if (change?.action === 'rewritten') {
              rewrites++;
              expect(layerText(after!), `${where}: ${before.layer} rewritten`).not.toBe(layerText(before));
            } else if (!change?.out)
              expect(layerText(after!), `${where}: ${before.layer} untouched`).toBe(layerText(before));
          }
        });
      }
    }
    expect(rewrites).toBeGreaterThan(50);

    const noMesh = routeOf(oneRequest, 'no-mesh')!;
    const routes = noMesh
      .map((h, i) => [h, i] as const)
      .filter(([h]) => h.kind === 'host.route' && h.leg === 'request');
    expect(routes).toHaveLength(2);
    const ips = routes
      .map(([, i]) => hopLayerView(noMesh, i, catalog)!)
      .map((v) => [v.in, v.out].map((st) => st.find((l) => l.layer === 'ip')!.fields));
    expect(ips).toEqual([
      [
        { src: 'sender pod IP', dst: 'podB IP', TTL: '64' },
        { src: 'sender pod IP', dst: 'podB IP', TTL: '63' },
      ],
      [
        { src: 'sender pod IP', dst: 'podB IP', TTL: '63' },
        { src: 'sender pod IP', dst: 'podB IP', TTL: '62' },
      ],
    ]);
  });

  it('flags a rewrite that changes nothing, and a step of a field that is not a number', () => {
    const ip = { layer: 'ip' as const, text: 'IPv4', fields: { dst: 'podB IP', TTL: 'n' } };
    const r = applyChanges([ip], [{ layer: 'ip', action: 'rewritten', set: { dst: 'podB IP' } }], 'x');
    expect(r.problems).toEqual(["x: rewrites 'ip' without changing it"]);
    const t = applyChanges([ip], [{ layer: 'ip', action: 'rewritten', decrement: ['TTL'] }], 'y');
    expect(t.problems).toEqual([
      "y: steps 'ip' field 'TTL', which is not a number here",
      "y: rewrites 'ip' without changing it",
    ]);
  });

  it('flags a change that does not fit the message', () => {
    const r = applyChanges(
      [{ layer: 'http', text: 'HTTP request', fields: {} }],
      [
        { layer: 'tls', action: 'removed', in: 'records' },
        { layer: 'http', action: 'added', out: 'again' },
      ],
      'x',
    );
    expect(r.problems).toEqual([
      "x: removed 'tls', which the message does not have here",
      "x: adds 'http', already present",
    ]);
  });
});
