import { describe, expect, it } from 'vitest';
import preset from '../../../models/presets/istio-benchmark.json';
import { loadCitations } from '../../model/catalogs';
import { loadPublished } from '../../model/published';
import { ScenarioSchema, type Scenario } from '../../model/scenario';
import {
  citationHref,
  conditionsNote,
  conditionsText,
  olderRelease,
  olderReleasesNote,
  publishedEntries,
} from './published';

const istio = ScenarioSchema.parse(preset);
const citations = loadCitations();
const table = loadPublished();

describe('publishedEntries: the published added latencies beside the model', () => {
  it('on the Istio benchmark lists every disagreeing Istio figure, numbered, with its percentiles and link', () => {
    const e = publishedEntries(istio, citations, table);
    expect(e.map((x) => [x.n, x.id, x.architecture])).toEqual([
      [1, 'istio-1-20-two-sidecars', 'sidecar-envoy'],
      [2, 'istio-1-22-two-ztunnels', 'ambient'],
      [3, 'istio-modes-page-sidecar', 'sidecar-envoy'],
      [4, 'istio-modes-page-ambient', 'ambient'],
      [5, 'istio-modes-page-waypoint', 'ambient-waypoint'],
      [6, 'istio-1-12-two-sidecars', 'sidecar-envoy'],
      [7, 'istio-1-7-era-two-sidecars', 'sidecar-envoy'],
    ]);
    // Never averaged or picked: the sidecar's four sources keep their own p99s.
    expect(e.filter((x) => x.architecture === 'sidecar-envoy').map((x) => x.values.at(-1)!.us)).toEqual([
      298, 880, 2700, 2880,
    ]);
    expect(e[0].values).toEqual([
      { percentile: 'p90', us: 228 },
      { percentile: 'p99', us: 298 },
    ]);
    expect(e[0].href).toBe('https://istio.io/v1.20/docs/ops/deployment/performance-and-scalability/');
    // A GitHub reference opens the file on GitHub.
    expect(e[6].href).toBe(
      'https://github.com/istio/istio.io/blob/HEAD/content/en/docs/ops/deployment/performance-and-scalability/index.md',
    );
    expect(e[0].conditions).toBe(
      'Istio 1.20; 1,000 rps; 2–64 connections; 1 KiB; HTTP/1.1; mTLS; load generator: Fortio -jitter (istio/tools latency config until January 2024)',
    );
    expect(e[2].conditions).toBe('not stated (page of 2024–2026); no other conditions stated');
  });

  it('only for the designs compared', () => {
    const s: Scenario = { ...istio, architectures: ['no-mesh', 'ambient-waypoint'] };
    expect(publishedEntries(s, citations, table).map((x) => [x.n, x.id])).toEqual([
      [1, 'istio-modes-page-waypoint'],
    ]);
  });
});

describe('conditionsNote: when the scenario is not the published set-up', () => {
  it('names the entries measured under other conditions and how they differ, and those that state none', () => {
    const s: Scenario = {
      ...istio,
      architectures: ['no-mesh', 'sidecar-envoy'],
      workload: { ...istio.workload, load: { kind: 'open', rps: 4000, connections: 16 } },
    };
    const e = publishedEntries(s, citations, table);
    expect(conditionsNote(e)).toBe(
      'This scenario differs from the conditions of [1] (1000 rps); [3] (1000 rps); [4] (1000 rps), so the model need not land on them. [2] states no conditions to compare.',
    );
  });

  it('on the Istio preset says only that the page states none; at 128 connections names the connection range', () => {
    const bench = publishedEntries({ ...istio, architectures: ['no-mesh', 'ambient'] }, citations, table);
    expect(conditionsNote(bench)).toBe('[2] states no conditions to compare.');
    const many: Scenario = {
      ...istio,
      architectures: ['no-mesh', 'ambient'],
      workload: { ...istio.workload, load: { ...istio.workload.load, connections: 128 } },
    };
    expect(conditionsNote(publishedEntries(many, citations, table))).toMatch(
      /^This scenario differs from the conditions of \[1\] \(1–64 connections\), so the model need not land on it\./,
    );
    expect(conditionsNote([])).toBeNull();
  });

  it('formats single-count connections and unbrowsable addresses', () => {
    expect(conditionsText({ version: 'v', connections: { min: 16, max: 16 } })).toBe('v; 16 connections');
    expect(citationHref({ url: './docs/models.md' })).toBeNull();
    expect(citationHref(undefined)).toBeNull();
  });
});

describe('olderReleasesNote: marks from releases before the ones the model is fitted to', () => {
  it('marks Istio 1.12 and ~1.7 as older, and 1.20, 1.22 and unstated versions not', () => {
    expect(olderRelease('Istio 1.12.3')).toBe(true);
    expect(olderRelease('about Istio 1.7 (its docs at commit 01eb7425)')).toBe(true);
    expect(olderRelease('Istio 1.20')).toBe(false);
    expect(olderRelease('Istio 1.22')).toBe(false);
    expect(olderRelease('Istio 2.0')).toBe(false);
    expect(olderRelease('not stated (page of 2024–2026)')).toBe(false);
  });

  it('names exactly the older entries, by number and version, on the Istio benchmark', () => {
    const e = publishedEntries(istio, citations, table);
    expect(e.filter((x) => x.older).map((x) => x.id)).toEqual([
      'istio-1-12-two-sidecars',
      'istio-1-7-era-two-sidecars',
    ]);
    expect(olderReleasesNote(e)).toMatch(
      /^\[6\] \(Istio 1\.12\.3\), \[7\] \(about Istio 1\.7 \(its docs at commit 01eb7425\)\) were measured on older releases: .* fitted to Istio 1\.20–1\.24's published figures \(istio-perf-1-24\)/,
    );
    expect(olderReleasesNote(e.filter((x) => !x.older))).toBeNull();
  });
});
