import { estimated } from '../../model/comparison';
import { simulated } from '../../model/comparison';
import { describe, expect, it } from 'vitest';
import bench from '../../../models/presets/istio-benchmark.json';
import { runComparison } from '../../engine/compare';
import { estimateScenario } from '../../engine/scenario/estimate';
import { toComparisonView } from '../../engine/scenario/view';
import { ScenarioSchema } from '../../model/scenario';
import { comparisonCsv, comparisonJson } from './exporters';
import { figuresOf } from './figures';
import { cores, footprintSources } from './scaling';
import { trafficText } from './ScalingSection';
import { bottleneckSentence, busiestStations, resourceName, stationLabel } from './stations';

/** The scaling section's and "Where it queues"'s words and numbers, and their exports. */

const s = ScenarioSchema.parse({
  ...bench,
  architectures: ['no-mesh', 'sidecar-envoy', 'ambient-waypoint'],
  run: { warmupRequests: 50, measuredRequests: 800 },
});
const estimate = estimateScenario(s);
const view = toComparisonView(runComparison(s, { replications: 2 }));

describe('resource names', () => {
  it('names cores and pools in the domain’s words', () => {
    expect(stationLabel({ id: 'cpu:n0', kind: 'cpu', node: 'n0', component: 'node' })).toBe(
      'cores of node n0',
    );
    expect(
      stationLabel({ id: 'sidecar:fortio-server-0', kind: 'threads', node: 'n1', component: 'sidecar' }),
    ).toBe('sidecar workers of fortio-server-0');
    expect(stationLabel({ id: 'nodeproxy:n1', kind: 'threads', node: 'n1', component: 'nodeproxy' })).toBe(
      'node proxy workers on node n1',
    );
    // A waypoint's id carries only its key: the scenario's scope says what the key names.
    expect(stationLabel({ id: 'waypoint:default', kind: 'threads', node: 'n0', component: 'waypoint' })).toBe(
      'waypoint workers of namespace default',
    );
    expect(
      stationLabel({ id: 'waypoint:reviews', kind: 'threads', node: 'n0', component: 'waypoint' }, 'service'),
    ).toBe('waypoint workers of service reviews');
    expect(resourceName({ id: 'waypoint:shop', component: 'waypoint' }, 'namespace')).toBe(
      'waypoint workers of namespace shop',
    );
    expect(stationLabel({ id: 'semaphore:loadgen', kind: 'threads', node: 'n0', component: 'library' })).toBe(
      'Hystrix semaphore of loadgen',
    );
    expect(stationLabel({ id: 'library:loadgen', kind: 'threads', node: 'n0', component: 'library' })).toBe(
      'Hystrix thread pool of loadgen',
    );
  });

  it('formats cores', () => {
    expect([cores(0), cores(0.0378), cores(2.514), cores(200.5), cores(-0.5), cores(NaN)]).toEqual([
      '0',
      '0.038',
      '2.51',
      '200.5',
      '-0.50',
      '—',
    ]);
  });
});

describe('where it queues', () => {
  it('names the simulated busiest resource with its interval, else the estimate’s, said to be an estimate', () => {
    const before = figuresOf(estimate, null);
    const after = figuresOf(estimate, view);
    const b = estimated(estimate.results[2]).bottleneck!;
    expect(bottleneckSentence(before[2])).toMatch(
      /^Busiest: .+, \d+(\.\d)?\u00a0% busy \(analytic estimate\)\.$/,
    );
    expect(bottleneckSentence(before[2])).toContain(b.component);
    const top = simulated(view.results[2]).stations![0];
    expect(top.id).toBe('waypoint:default'); // both directions' L7 work on two workers (one waypoint per namespace)
    expect(bottleneckSentence(after[2])).toMatch(
      /^Busiest: waypoint workers of namespace default, \d+(\.\d)?\u00a0% ± [\d.]+\u00a0% busy \(simulated\)\.$/,
    );
    expect(busiestStations(after[2], 3).map((x) => x.id)).toEqual(
      simulated(view.results[2])
        .stations!.slice(0, 3)
        .map((x) => x.id),
    );
    expect(busiestStations(before[2])).toEqual([]);
  });
});

describe('exports', () => {
  it('CSV carries the busiest resource and CPU at the scenario’s mesh; JSON the stations and every scaling curve', () => {
    const csv = comparisonCsv(view, estimate).trim().split('\n');
    const header = csv[0].split(',');
    const waypoint = csv[3].split(',');
    const top = simulated(view.results[2]).stations![0];
    expect(waypoint[header.indexOf('busiest_resource')]).toBe(top.id);
    expect(Number(waypoint[header.indexOf('busiest_utilisation')])).toBeCloseTo(top.utilization.mean, 5);
    const here = estimated(estimate.results[2]).cpuScaling!.find((p) => p.current)!;
    expect(Number(waypoint[header.indexOf('cpu_reserved_cores_cluster')])).toBeCloseTo(here.reservedCores, 4);
    expect(csv[1].split(',')[header.indexOf('cpu_used_cores_cluster_estimate')]).toBe('0'); // no mesh adds nothing

    const json = JSON.parse(comparisonJson(view, estimate));
    expect(json.results[2].stations[0].id).toBe(top.id);
    const sc = json.footprints[2].scaling;
    expect(sc.memoryAgainstServices.map((p: { services: number }) => p.services)).toEqual([
      10, 20, 50, 100, 200, 500, 1000,
    ]);
    expect(sc.cpuAgainstPods.map((p: { pods: number }) => p.pods)).toEqual([
      10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000,
    ]);
    expect(sc.trafficRps).toBe(1000);
    expect(footprintSources(figuresOf(estimate, view)[1])).toContain('istio-helm-values');
  });
});

describe('CPU against pods: the traffic term', () => {
  it('holds the scenario’s total rate fixed as the mesh grows, and says so', () => {
    const envoy = estimate.results[1]!;
    expect(estimated(envoy).trafficRps).toBe(1000);
    const traffic = estimated(envoy).cpuScaling!.map((p) => p.trafficCores);
    expect(traffic.at(-1)).toBeGreaterThan(0);
    for (const t of traffic) expect(t).toBeCloseTo(traffic[0]!, 12); // 2,000 pods carry the same 1,000 rps as 2
    expect(trafficText(1000, null)).toBe(
      'traffic: the scenario’s 1,000 requests per second in all, whatever the mesh size (the load does not grow with the pods)',
    );
    expect(trafficText(undefined, 'A 900, B 850')).toMatch(
      /closed load: A 900, B 850\) in all, whatever the mesh size/,
    );
  });
});
