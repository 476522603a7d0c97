import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import citationsJson from '../../models/citations.json';
import hopKindsJson from '../../models/hop-kinds.json';
import { DOC_PATH, withTable } from '../../scripts/hop-table';
import { CatalogError, crossCheck, formatIssuePath, loadCitations, loadHopCatalog } from './catalogs';
import { CitationRegistrySchema } from './citation';
import { HopCatalogSchema, PACKET_WALK_HOP_IDS, type HopKind } from './hopKind';

const citations = loadCitations();
const hops = loadHopCatalog();
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

  it('have no dangling or unused citation ids', () => {
    expect(crossCheck(citations, hops)).toEqual([]);
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
    const problems = crossCheck(citations, bad);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`'${bad[2].id}' cites unknown citation 'no-such-source'`);
  });

  it('reports a citation no hop cites unless it is marked for calibration', () => {
    const extra = { ...citations[0], id: 'orphan-source', usedBy: undefined };
    expect(crossCheck([...citations, extra], hops)).toEqual([expect.stringContaining("'orphan-source' is cited by no hop kind")]);
    expect(crossCheck([...citations, { ...extra, usedBy: 'calibration' as const }], hops)).toEqual([]);
  });
});

describe('validation messages name the field', () => {
  it('rejects low > default', () => {
    const bad = clone(hopKindsJson);
    bad[0].cost.low.onPathUs = 1e6;
    expect(problemsOf(() => loadHopCatalog(bad))).toEqual([
      expect.stringMatching(/^models\/hop-kinds\.json: \[0\]\.cost\.low\.onPathUs: low \(1000000\) must be ≤ default/),
    ]);
  });

  it('rejects default > high', () => {
    const bad = clone(hopKindsJson);
    bad[5].cost.default.perKiBUs = 99;
    expect(problemsOf(() => loadHopCatalog(bad))).toContainEqual(
      expect.stringMatching(/^models\/hop-kinds\.json: \[5\]\.cost\.high\.perKiBUs: high \(.+\) must be ≥ default \(99\)/),
    );
  });

  it('rejects a wrong type with its path', () => {
    const bad = clone(hopKindsJson) as unknown as Array<{ cost: { default: { cpuUs: unknown } } }>;
    bad[3].cost.default.cpuUs = '5';
    const [line] = problemsOf(() => loadHopCatalog(bad));
    expect(line).toMatch(/^models\/hop-kinds\.json: \[3\]\.cost\.default\.cpuUs: .*expected number, received string/);
  });

  it('rejects on-path CPU above on-path latency', () => {
    const bad = clone(hopKindsJson);
    const i = bad.findIndex((h) => h.id === 'proxy.l7');
    bad[i].cost.default.cpuUs = 70;
    bad[i].cost.high.cpuUs = 90;
    expect(problemsOf(() => loadHopCatalog(bad))).toContainEqual(expect.stringContaining(`[${i}].cost.default.cpuUs: cpuUs (70) must be ≤ onPathUs (40)`));
  });

  it('requires estimates to cite meshpath-estimate', () => {
    const bad = clone(hopKindsJson);
    bad[0].sources = ['xdp-paper-irtt-bench'];
    expect(problemsOf(() => loadHopCatalog(bad))).toEqual([expect.stringContaining("[0].sources: estimates must cite 'meshpath-estimate'")]);
  });

  it('rejects duplicate ids and names them', () => {
    const dupHop = HopCatalogSchema.safeParse([...hopKindsJson, hopKindsJson[1]]);
    expect(dupHop.error?.issues.map((i) => `${formatIssuePath(i.path)}: ${i.message}`)).toEqual([
      `[${hopKindsJson.length}].id: duplicate hop kind id 'lib.logic' (first at [1])`,
    ]);
    const dupCit = CitationRegistrySchema.safeParse([...citationsJson, citationsJson[0]]);
    expect(dupCit.error?.issues[0].message).toBe("duplicate citation id 'istio-perf-1-24' (first at [0])");
  });

  it('rejects a citation url that is neither a URL nor owner/repo:path', () => {
    const bad = clone(citationsJson);
    bad[0].url = 'istio.io perf page';
    expect(problemsOf(() => loadCitations(bad))).toEqual([expect.stringMatching(/^models\/citations\.json: \[0\]\.url: must be an http\(s\) URL/)]);
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
    ['proxy.l4.mtls', 40, 30],
    ['tcp.tx', 3, 2.5],
    ['tcp.rx', 4, 2.5],
  ])('%s: %s µs on path, %s µs CPU', (id, onPath, cpu) => {
    expect(d(id).onPathUs).toBe(onPath);
    expect(d(id).cpuUs).toBe(cpu);
  });

  it.each([
    ['proxy.l7', 40, 70],
    ['proxy.l7.waypoint', 50, 125],
    ['proxy.l7.linkerd', 25, 40],
  ])('%s: §9 latency %s µs and CPU %s µs split into on-path CPU and postUs', (id, onPath, cpu) => {
    expect(d(id).onPathUs).toBe(onPath);
    expect(d(id).cpuUs + d(id).postUs).toBe(cpu);
  });

  it('syscalls copy 0.15 µs per KiB and TLS records cost 0.2 µs + 0.3 µs per KiB', () => {
    expect(d('sys.send').perKiBUs).toBe(0.15);
    expect(d('tls.rec')).toMatchObject({ onPathUs: 0.2, perKiBUs: 0.3 });
  });
});

describe('costs.md §9a worked check (fitted: reproduces the arithmetic the defaults came from)', () => {
  const onPath = (id: string, kib = 1) => hop(id).cost.default.onPathUs + hop(id).cost.default.perKiBUs * kib;
  const within = (value: number, target: number, tol: number) => Math.abs(value - target) <= tol * target;

  it('sidecar adds ≈ 2 × loopback + 2 × L7 proxy + crypto ≈ 93 µs per direction', () => {
    const perDirection = 2 * onPath('lo') + 2 * onPath('proxy.l7') + 2 * onPath('tls.rec');
    expect(within(perDirection, 93, 0.1)).toBe(true);
    // ≈186 µs round trip: below Istio 1.20's +228 µs p90, the gap being queueing and jitter.
    expect(2 * perDirection).toBeLessThan(228);
  });

  it('ambient L4 adds ≈ 2 × ztunnel ≈ 80 µs per direction, near Istio 1.22 +170 µs p90', () => {
    const perDirection = 2 * onPath('proxy.l4.mtls');
    expect(within(perDirection, 80, 0.1)).toBe(true);
    expect(within(2 * perDirection, 170, 0.1)).toBe(true);
  });

  it('per-request proxy CPU gives back the Istio 1.24 vCPU per 1000 rps', () => {
    const perRequest = (id: string) => 2 * (hop(id).cost.default.cpuUs + hop(id).cost.default.postUs);
    // 1 vCPU·s per 1000 requests = 1000 µs per request.
    expect(perRequest('proxy.l4.mtls') / 1000).toBeCloseTo(0.06, 6);
    expect(perRequest('proxy.l7.waypoint') / 1000).toBeCloseTo(0.25, 6);
  });
});
