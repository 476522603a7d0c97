import { describe, expect, it } from 'vitest';
import footprintsJson from '../../models/footprints.json';
import { CatalogError, crossCheck, loadCitations, loadHopCatalog } from './catalogs';
import { loadFootprints, shippedFootprints } from './footprint';

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
const problemsOf = (raw: unknown): string[] => {
  try {
    loadFootprints(raw);
  } catch (e) {
    if (e instanceof CatalogError) return e.problems;
    throw e;
  }
  return [];
};
const sidecarAt = (raw: typeof footprintsJson) => {
  const i = raw.findIndex((a) => a.architecture === 'sidecar-envoy');
  return { i, arch: raw[i] as { components: Array<Record<string, unknown>> } };
};

describe('models/footprints.json', () => {
  it('validates, one entry per architecture', () => {
    expect(shippedFootprints()).toHaveLength(9);
  });

  // Unused citations are checked in catalogs.test.ts with every citing model; here only footprint lines.
  const footprintProblems = (raw: unknown) =>
    crossCheck(loadCitations(), loadHopCatalog(), loadFootprints(raw)).filter((p) =>
      p.startsWith('models/footprints.json'),
    );

  it('cites only registered sources', () => {
    expect(footprintProblems(footprintsJson)).toEqual([]);
  });

  it('reports a dangling source with the architecture and component', () => {
    const bad = clone(footprintsJson);
    const { i, arch } = sidecarAt(bad);
    (arch.components[0].sources as string[]).push('no-such-source');
    expect(footprintProblems(bad)).toEqual([
      `models/footprints.json: [${i}].components[0].sources: 'sidecar-envoy/sidecar' cites unknown citation 'no-such-source'`,
    ]);
  });

  it('requires estimates to cite meshpath-estimate', () => {
    const bad = clone(footprintsJson);
    const { i, arch } = sidecarAt(bad);
    arch.components[0].standing = 'estimate';
    arch.components[0].sources = ['istio-perf-1-24'];
    expect(problemsOf(bad)).toEqual([
      `models/footprints.json: [${i}].components[0].sources: estimates must cite 'meshpath-estimate'`,
    ]);
  });

  it('rejects a per-pod config view on a node component, duplicates and gaps', () => {
    const bad = clone(footprintsJson);
    const amb = bad.findIndex((a) => a.architecture === 'ambient');
    (bad[amb].components[0] as Record<string, unknown>).config = 'dependencies';
    expect(problemsOf(bad)).toEqual([
      expect.stringContaining(`[${amb}].components[0].config: 'dependencies' is a per-pod view`),
    ]);
    expect(problemsOf([...footprintsJson, footprintsJson[0]])).toEqual([
      expect.stringContaining("duplicate architecture 'no-mesh'"),
    ]);
    expect(problemsOf(footprintsJson.slice(1))).toEqual([
      expect.stringContaining('no footprint for: no-mesh'),
    ]);
  });

  it('rejects an unknown architecture and a negative figure by field', () => {
    const bad = clone(footprintsJson) as unknown as Array<Record<string, unknown>>;
    bad[0].architecture = 'sidecar-nginx';
    const { i, arch } = sidecarAt(clone(footprintsJson));
    (arch.components[1].memory as Record<string, number>).baseMiB = -1;
    expect(problemsOf(bad)[0]).toMatch(/^models\/footprints\.json: \[0\]\.architecture: /);
    const neg = clone(footprintsJson);
    neg[i] = arch as (typeof neg)[number];
    expect(problemsOf(neg)).toEqual([
      expect.stringMatching(
        new RegExp(`^models/footprints\\.json: \\[${i}\\]\\.components\\[1\\]\\.memory\\.baseMiB: `),
      ),
    ]);
  });
});
