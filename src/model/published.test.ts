import { describe, expect, it } from 'vitest';
import preset from '../../models/presets/istio-benchmark.json';
import { ARCHITECTURE_IDS } from './architecture';
import { loadCitations } from './catalogs';
import { connectionsText, loadPublished, publishedPointsFor, type PublishedResult } from './published';
import { ScenarioSchema, type Scenario } from './scenario';

const table = loadPublished();
const istio = ScenarioSchema.parse(preset);

describe('published results (models/published.json)', () => {
  it('validates, cites registered sources and names shipped architectures', () => {
    const ids = new Set(loadCitations().map((c) => c.id));
    for (const p of table) {
      expect(ids.has(p.source), `${p.id}: source ${p.source}`).toBe(true);
      expect(ARCHITECTURE_IDS).toContain(p.architecture);
    }
    expect(new Set(table.map((p) => p.id)).size).toBe(table.length);
  });

  it('keeps the disagreeing Istio pages side by side (1.20 text, "sidecar or ambient" page, 1.12)', () => {
    const p90 = (id: string) =>
      table.find((p) => p.id === id)!.values.find((v) => 'percentile' in v && v.percentile === 'p90');
    expect(p90('istio-1-20-two-sidecars')).toEqual({ percentile: 'p90', us: 228 });
    expect(p90('istio-modes-page-sidecar')).toEqual({ percentile: 'p90', us: 630 });
    expect(p90('istio-1-12-two-sidecars')).toEqual({ percentile: 'p90', us: 1700 });
    expect(p90('istio-modes-page-waypoint')).toEqual({ percentile: 'p90', us: 400 });
  });

  it('names the file and field of a bad entry', () => {
    const bad = structuredClone(table) as unknown as Record<string, unknown>[];
    (bad[0].conditions as Record<string, unknown>).rps = 'fast';
    expect(() => loadPublished(bad)).toThrow(/models\/published\.json: \[0\]\.conditions\.rps/);
  });
});

describe('publishedPointsFor: the published points to draw beside a scenario', () => {
  it('on the Istio benchmark: the 1.20 and 1.22 texts match its conditions; the modes page states none', () => {
    const pts = publishedPointsFor(istio, table);
    const by = (id: string) => pts.filter((p) => p.id === id);
    expect(by('istio-1-20-two-sidecars').map((p) => [p.percentile, p.us, p.match])).toEqual([
      ['p90', 228, 'matches'],
      ['p99', 298, 'matches'],
    ]);
    expect(by('istio-1-22-two-ztunnels').every((p) => p.match === 'matches')).toBe(true);
    expect(by('istio-modes-page-sidecar').every((p) => p.match === 'unstated')).toBe(true);
    // CPU figures are not latency points.
    expect(pts.some((p) => p.id.endsWith('-cpu'))).toBe(false);
  });

  it('only for the architectures the scenario compares', () => {
    const s: Scenario = { ...istio, architectures: ['no-mesh', 'ambient'] };
    const pts = publishedPointsFor(s, table);
    expect(new Set(pts.map((p) => p.architecture))).toEqual(new Set(['ambient']));
  });

  it('lists what differs when the scenario is not the published set-up', () => {
    const s: Scenario = {
      ...istio,
      workload: { ...istio.workload, protocol: 'grpc', load: { kind: 'open', rps: 4000, connections: 128 } },
      features: { ...istio.features, mtls: false },
    };
    const p = publishedPointsFor(s, table).find((x) => x.id === 'istio-1-20-two-sidecars')!;
    expect(p.match).toBe('other-conditions');
    expect(p.differences).toEqual(['protocol http1', '1000 rps', '2–64 connections', 'mTLS']);
  });

  it('names a stated single connection count once: “16 connections”, not “16–16”', () => {
    const one: PublishedResult = {
      id: 'sixteen',
      source: 'istio-perf-1-20',
      architecture: 'sidecar-envoy',
      quantity: 'added-latency',
      values: [{ percentile: 'p50', us: 100 }],
      conditions: { version: 'test', connections: { min: 16, max: 16 } },
    };
    const s: Scenario = {
      ...istio,
      workload: { ...istio.workload, load: { kind: 'open', rps: 1000, connections: 4 } },
    };
    expect(publishedPointsFor(s, [one])[0].differences).toEqual(['16 connections']);
    expect(connectionsText({ min: 2, max: 64 })).toBe('2–64 connections');
  });

  it('takes a table passed in (so a test or an edited file can supply its own)', () => {
    const one: PublishedResult[] = [
      {
        id: 'x',
        source: 'istio-perf-1-20',
        architecture: 'sidecar-envoy',
        quantity: 'added-latency',
        values: [{ percentile: 'p50', us: 100 }],
        conditions: { version: 'test' },
      },
    ];
    expect(publishedPointsFor(istio, one)).toEqual([
      {
        id: 'x',
        source: 'istio-perf-1-20',
        architecture: 'sidecar-envoy',
        percentile: 'p50',
        us: 100,
        match: 'unstated',
        differences: [],
      },
    ]);
  });
});
