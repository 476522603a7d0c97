import { deflateSync } from 'fflate';
import { describe, expect, it, vi } from 'vitest';
import { toBase64url } from './base64url';
import { canonicalJson, diffJson } from './jsonPatch';
import { SCENARIO_PRESET_IDS, SCENARIO_PRESETS } from './presets';
import { ScenarioSchema, type Scenario } from './scenario';
import { encodeShortLink } from './shortLink';

const preset = (id: (typeof SCENARIO_PRESET_IDS)[number]): Scenario =>
  ScenarioSchema.parse(SCENARIO_PRESETS[id]);
function fnv(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}
/** `<patch>.<check>` as the encoder writes it (raw deflate, level 9). */
const pack = (text: string) =>
  `${toBase64url(deflateSync(new TextEncoder().encode(text), { level: 9 }))}.${fnv(text)}`;

/** The link the format defines: every candidate deflated, the shortest kept, the earlier on a tie. */
function shortestOfAll(s: Scenario): string {
  const target = canonicalJson(s);
  let best = `2.${pack(JSON.stringify(target))}`;
  for (const id of SCENARIO_PRESET_IDS) {
    const value = canonicalJson(preset(id));
    const patch = diffJson(value, target);
    if (patch === undefined) continue;
    const link = `2.${id}.${fnv(JSON.stringify(value))}.${pack(JSON.stringify(patch))}`;
    if (link.length < best.length) best = link;
  }
  return best;
}

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
