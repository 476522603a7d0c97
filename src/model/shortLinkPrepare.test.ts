import { deflateSync } from 'fflate';
import { describe, expect, it, vi } from 'vitest';
import { toBase64url } from './base64url';
import { canonicalJson, diffJson } from './jsonPatch';
import { SCENARIO_PRESET_IDS, SCENARIO_PRESETS } from './presets';
import { ScenarioSchema, type Scenario } from './scenario';
import { encodeShortLink, prepareShortLinks } from './shortLink';

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

describe('the presets the encoder compares with, prepared ahead', () => {
  it('a preset parsed per call of prepareShortLinks, then none by the first link encoded', () => {
    const parse = vi.spyOn(ScenarioSchema, 'parse');
    let calls = 0;
    for (let ready = false; !ready; calls++) {
      const before = parse.mock.calls.length;
      ready = prepareShortLinks();
      expect(parse.mock.calls.length - before).toBeLessThanOrEqual(1);
    }
    expect(calls).toBe(SCENARIO_PRESET_IDS.length);
    const s = preset('large-mesh');
    const before = parse.mock.calls.length;
    const link = encodeShortLink(s);
    // Before, the first encode parsed all seven presets (~35 ms for the two large ones on the page).
    expect(parse.mock.calls.length - before).toBe(0);
    expect(link).toBe(shortestOfAll(s));
    parse.mockRestore();
  });
});
