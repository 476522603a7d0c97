import { describe, expect, it, vi } from 'vitest';
import { SCENARIO_PRESET_IDS } from './presets';
import { ScenarioSchema } from './scenario';
import { preset, shortestOfAll } from '../test/shortestLink';
import { encodeShortLink, prepareShortLinks } from './shortLink';

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
