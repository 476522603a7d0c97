import { describe, expect, it, vi } from 'vitest';
import { SCENARIO_PRESET_IDS } from './presets';
import type { Scenario } from './scenario';
import { pack, preset, shortestOfAll } from '../test/shortestLink';
import { encodeShortLink } from './shortLink';

describe('the short-link encoder deflates only what can win', () => {
  const cases: [string, Scenario][] = SCENARIO_PRESET_IDS.flatMap((id): [string, Scenario][] => {
    const s = preset(id);
    return [
      [`${id} as shipped`, s],
      [
        `${id} at another rate`,
        { ...s, workload: { ...s.workload, load: { ...s.workload.load, kind: 'open', rps: 1234 } } },
      ],
      [`${id} renamed, reseeded, high profile`, { ...s, name: 'Mine', seed: 99, profile: 'high' }],
    ];
  });

  it.each(cases)('%s: the link every candidate gives', (_, s) => {
    expect(encodeShortLink(s)).toBe(shortestOfAll(s));
  });

  it.each(['pods-400', 'large-mesh'] as const)(
    '%s as shipped (opened from the picker): at most three of its eight texts deflated',
    (id) => {
      const s = preset(id);
      expect(JSON.stringify(s).length).toBeGreaterThan(10_000);
      const packs = vi.fn(pack);
      // Every candidate was deflated: for the large mesh eight texts of ~47 kB (~30 ms).
      expect(encodeShortLink(s, packs)).toBe(shortestOfAll(s));
      expect(packs.mock.calls.length).toBeLessThanOrEqual(3);
    },
  );

  it('a scenario no preset is near (every candidate may win): still the shortest of all', () => {
    const s = preset('istio-benchmark');
    const far: Scenario = {
      ...s,
      name: 'From scratch',
      topology: {
        ...s.topology,
        services: Array.from({ length: 30 }, (_, i) => ({
          ...s.topology.services[0],
          id: `svc-${i}`,
          calls: i < 29 ? [`svc-${i + 1}`] : [],
        })),
        entry: 'svc-0',
      },
    };
    expect(encodeShortLink(far)).toBe(shortestOfAll(far));
  });
});
