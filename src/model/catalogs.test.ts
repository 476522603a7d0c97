import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import citationsJson from '../../models/citations.json';
import hopKindsJson from '../../models/hop-kinds.json';
import { DOC_PATH, withTable } from '../../scripts/hop-table';
import { loadArchitectures } from './architectures';
import { CatalogError, crossCheck, loadCitations, loadHopCatalog } from './catalogs';
import { formatPath } from './issues';
import { CitationRegistrySchema } from './citation';
import { loadFootprints } from './footprint';
import { HopCatalogSchema, PACKET_WALK_HOP_IDS, type HopKind } from './hopKind';
import { HOP_LAYERS_FILE, loadHopLayers } from './hopLayers';

const citations = loadCitations();
const hops = loadHopCatalog();
/** Footprints and architectures cite sources too; the cross-check counts them as uses. */
const footprints = loadFootprints();
const archs = [
  ...[...loadArchitectures().values()].map((a) => ({
    file: `models/architectures/${a.id}.json`,
    sources: a.sources,
  })),
  // The hop-layer descriptions cite sources too (their own test checks that each id resolves).
  ...loadHopLayers().map((e) => ({ file: HOP_LAYERS_FILE, sources: e.sources })),
];
const hop = (id: string): HopKind => {
  const h = hops.find((k) => k.id === id);
  if (!h) throw new Error(`no hop kind ${id}`);
  return h;
};
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
const problemsOf = (f: () => unknown): string[] => {
  try {
    f();
  } catch (e) {
    if (e instanceof CatalogError) return e.problems;
    throw e;
  }
  return [];
};

describe('shipped catalogs', () => {
  it('validate against their schemas', () => {
    expect(citations.length).toBeGreaterThan(0);
    expect(hops.length).toBeGreaterThan(0);
  });

  it('have no dangling or unused citation ids (hop kinds and architectures)', () => {
    expect(crossCheck(citations, hops, footprints, archs)).toEqual([]);
  });

  it('define every hop type of the packet-walks vocabulary', () => {
    const ids = new Set(hops.map((h) => h.id));
    expect(PACKET_WALK_HOP_IDS.filter((id) => !ids.has(id))).toEqual([]);
  });

  it('keep docs/models.md in step with the catalog', () => {
    const doc = readFileSync(DOC_PATH, 'utf8');
    expect(withTable(doc, hops)).toBe(doc);
  });
});

describe('crossCheck', () => {
  it('reports a dangling citation id with the hop and the id', () => {
    const bad = clone(hops);
    bad[2].sources.push('no-such-source');
    const problems = crossCheck(citations, bad, footprints, archs);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`'${bad[2].id}' cites unknown citation 'no-such-source'`);
  });

  it('reports a citation no hop cites unless it is marked for calibration', () => {
    const extra = { ...citations[0], id: 'orphan-source', usedBy: undefined };
    expect(crossCheck([...citations, extra], hops, footprints, archs)).toEqual([
      expect.stringContaining("'orphan-source' is cited by no hop kind"),
    ]);
    expect(
      crossCheck([...citations, { ...extra, usedBy: 'calibration' as const }], hops, footprints, archs),
    ).toEqual([]);
  });

  it('counts citations from architectures and reports their dangling ids with the file', () => {
    const extra = { ...citations[0], id: 'orphan-source', usedBy: undefined };
    const arch = { file: 'models/architectures/x.json', sources: ['orphan-source', 'no-such-source'] };
    expect(crossCheck([...citations, extra], hops, footprints, [...archs, arch])).toEqual([
      "models/architectures/x.json: sources[1]: unknown citation 'no-such-source'",
    ]);
  });
});

describe('validation messages name the field', () => {
  it('rejects low > default', () => {
    const bad = clone(hopKindsJson);
    bad[0].cost.low.onPathUs = 1e6;
    expect(problemsOf(() => loadHopCatalog(bad))).toEqual([
      expect.stringMatching(
        /^models\/hop-kinds\.json: \[0\]\.cost\.low\.onPathUs: low \(1000000\) must be ≤ default/,
      ),
    ]);
  });

  it('rejects default > high', () => {
    const bad = clone(hopKindsJson);
    bad[5].cost.default.perKiBUs = 99;
    expect(problemsOf(() => loadHopCatalog(bad))).toContainEqual(
      expect.stringMatching(
        /^models\/hop-kinds\.json: \[5\]\.cost\.high\.perKiBUs: high \(.+\) must be ≥ default \(99\)/,
      ),
    );
  });

  it('rejects a wrong type with its path', () => {
    const bad = clone(hopKindsJson) as unknown as Array<{ cost: { default: { cpuUs: unknown } } }>;
    bad[3].cost.default.cpuUs = '5';
    const [line] = problemsOf(() => loadHopCatalog(bad));
    expect(line).toMatch(
      /^models\/hop-kinds\.json: \[3\]\.cost\.default\.cpuUs: expected a number, received text "5"$/,
    );
  });

  it('rejects on-path CPU above on-path latency', () => {
    const bad = clone(hopKindsJson);
    const i = bad.findIndex((h) => h.id === 'proxy.l7');
    const onPath = bad[i].cost.default.onPathUs;
    bad[i].cost.default.cpuUs = onPath + 30;
    bad[i].cost.high.cpuUs = onPath + 50;
    expect(problemsOf(() => loadHopCatalog(bad))).toContainEqual(
      expect.stringContaining(
        `[${i}].cost.default.cpuUs: cpuUs (${onPath + 30}) must be ≤ onPathUs (${onPath})`,
      ),
    );
  });

  it('requires estimates to cite meshpath-estimate', () => {
    const bad = clone(hopKindsJson);
    bad[0].sources = ['xdp-paper-irtt-bench'];
    expect(problemsOf(() => loadHopCatalog(bad))).toEqual([
      expect.stringContaining("[0].sources: estimates must cite 'meshpath-estimate'"),
    ]);
  });

  it('rejects duplicate ids and names them', () => {
    const dupHop = HopCatalogSchema.safeParse([...hopKindsJson, hopKindsJson[1]]);
    expect(dupHop.error?.issues.map((i) => `${formatPath(i.path)}: ${i.message}`)).toEqual([
      `[${hopKindsJson.length}].id: duplicate hop kind id 'lib.logic' (first at [1])`,
    ]);
    const dupCit = CitationRegistrySchema.safeParse([...citationsJson, citationsJson[0]]);
    expect(dupCit.error?.issues[0].message).toBe("duplicate citation id 'istio-perf-1-24' (first at [0])");
  });

  it('rejects a citation url that is neither a URL nor owner/repo:path', () => {
    const bad = clone(citationsJson);
    bad[0].url = 'istio.io perf page';
    expect(problemsOf(() => loadCitations(bad))).toEqual([
      expect.stringMatching(/^models\/citations\.json: \[0\]\.url: must be an http\(s\) URL/),
    ]);
  });
});

describe('values match costs.md §9', () => {
  const d = (id: string) => hop(id).cost.default;

  it.each([
    ['sys.send', 0.25, 0.25],
    ['sys.recv', 0.25, 0.25],
    ['nf.pass', 0.5, 0.5], // "netfilter/iptables REDIRECT (per packet, established flow)"
    ['ebpf.tc', 0.1, 0.1],
    ['veth', 2, 1],
    ['lo', 6, 4],
    ['tcp.tx', 3, 2.5],
    ['tcp.rx', 4, 2.5],
  ])('%s: %s µs on path, %s µs CPU', (id, onPath, cpu) => {
    expect(d(id).onPathUs).toBe(onPath);
    expect(d(id).cpuUs).toBe(cpu);
  });

  // The proxy hops (proxy.l7, proxy.l4.mtls, proxy.l7.linkerd, proxy.l7.waypoint) are fitted by
  // simulating whole routes: src/engine/calibration/*.test.ts checks them against the published figures.
  it.each([['proxy.l7'], ['proxy.l4.mtls'], ['proxy.l7.linkerd'], ['proxy.l7.waypoint']])(
    '%s says how it was fitted',
    (id) => {
      expect(hop(id).notes).toMatch(/[Ff]itted|[Dd]erived/);
    },
  );

  it('syscalls copy 0.15 µs per KiB and TLS records cost 0.2 µs + 0.3 µs per KiB', () => {
    expect(d('sys.send').perKiBUs).toBe(0.15);
    expect(d('tls.rec')).toMatchObject({ onPathUs: 0.2, perKiBUs: 0.3 });
  });
});
