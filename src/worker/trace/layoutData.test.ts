import { describe, expect, it } from 'vitest';
import scenarioFile from '../../../models/scenarios/waypoints-per-namespace.json';
import { compileScenario } from '../../engine';
import { parseScenario } from '../../model/valid';
import { buildLayout } from './layoutData';

/** The picture draws the waypoints as placed: one pod per namespace, saying whom it serves. */
describe('waypoint pods in the layout', () => {
  const layoutOf = (scope: 'namespace' | 'service') => {
    const s = parseScenario({
      ...scenarioFile,
      topology: { ...scenarioFile.topology, waypointScope: scope },
    });
    return buildLayout(s, compileScenario(s, 'ambient-waypoint'));
  };

  it('one per namespace: two pods for three services, with their services and a station label', () => {
    const l = layoutOf('namespace');
    const wps = l.pods.filter((p) => p.role === 'waypoint');
    expect(wps.map((p) => [p.id, p.node, p.serves])).toEqual([
      ['waypoint-shop', 2, { namespace: 'shop', services: ['web', 'api'] }],
      ['waypoint-data', 2, { namespace: 'data', services: ['db'] }],
    ]);
    const st = l.stations.filter((x) => x.component === 'waypoint');
    expect(st.map((x) => [x.id, x.pod, x.label])).toEqual([
      ['waypoint:shop', 'waypoint-shop', 'Envoy (waypoint) workers for namespace shop'],
      ['waypoint:data', 'waypoint-data', 'Envoy (waypoint) workers for namespace data'],
    ]);
    // Every waypoint hop runs on its waypoint's pool.
    const pools = new Set(l.hops.filter((h) => h.actor === 'waypoint').map((h) => l.stations[h.pool].id));
    expect([...pools].sort()).toEqual(['waypoint:data', 'waypoint:shop']);
  });

  it('one per service: three pods', () => {
    const l = layoutOf('service');
    expect(l.pods.filter((p) => p.role === 'waypoint').map((p) => p.id)).toEqual([
      'waypoint-web',
      'waypoint-api',
      'waypoint-db',
    ]);
    expect(l.stations.find((x) => x.id === 'waypoint:api')!.label).toBe('Envoy (waypoint) workers for api');
  });
});
