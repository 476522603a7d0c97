import { deflateSync } from 'fflate';
import { toBase64url } from '../model/base64url';
import { canonicalJson, diffJson } from '../model/jsonPatch';
import { SCENARIO_PRESET_IDS, SCENARIO_PRESETS } from '../model/presets';
import { ScenarioSchema, type Scenario } from '../model/scenario';

/**
 * The short-link format written out plainly, for tests of the encoder: every candidate deflated, the
 * shortest kept (the earlier on a tie), with no shortcut the encoder takes.
 */

export const preset = (id: (typeof SCENARIO_PRESET_IDS)[number]): Scenario =>
  ScenarioSchema.parse(SCENARIO_PRESETS[id]);

function fnv(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

/** `<patch>.<check>` as the encoder writes it (raw deflate, level 9). */
export const pack = (text: string) =>
  `${toBase64url(deflateSync(new TextEncoder().encode(text), { level: 9 }))}.${fnv(text)}`;

/** The link the format defines: every candidate deflated, the shortest kept, the earlier on a tie. */
export function shortestOfAll(s: Scenario): string {
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
