import { describe, expect, it } from 'vitest';
import pods400 from '../../models/presets/pods-400.json';
import { compileScenario } from '../engine/scenario/compileScenario';
import { ARCHITECTURE_IDS } from './architecture';
import { hopId, legOfHop, parseStationId, stationId, STATION_KINDS } from './ids';

describe('ids built by one function each', () => {
  it('station ids round-trip through parseStationId; others are refused', () => {
    expect(parseStationId(stationId.cpu(3))).toEqual({ kind: 'cpu', owner: 'n3' });
    expect(parseStationId(stationId.nodeproxy(0))).toEqual({ kind: 'nodeproxy', owner: 'n0' });
    expect(parseStationId(stationId.sidecar('svc-a-1'))).toEqual({ kind: 'sidecar', owner: 'svc-a-1' });
    expect(parseStationId(stationId.waypoint('b'))).toEqual({ kind: 'waypoint', owner: 'b' });
    expect(parseStationId('disk:n0')).toBeNull();
    expect(parseStationId('cpu')).toBeNull();
  });

  it('hop ids name their leg first', () => {
    expect(legOfHop(hopId('leg:a>b', 'req3'))).toBe('leg:a>b');
    expect(legOfHop('plain')).toBe('plain');
  });

  it('every station the compiler makes, on every architecture, is an id parseStationId knows', () => {
    for (const arch of ARCHITECTURE_IDS) {
      let stations;
      try {
        stations = compileScenario(pods400 as never, arch).spec.stations;
      } catch {
        continue; // an architecture that cannot run this preset
      }
      for (const st of stations) {
        const p = parseStationId(st.id);
        expect(p, `${arch}: ${st.id}`).not.toBeNull();
        expect(STATION_KINDS).toContain(p!.kind);
      }
    }
  });
});
