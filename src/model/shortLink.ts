import { deflateSync, inflateSync } from 'fflate';
import { fromBase64url, isBase64url, toBase64url } from './base64url';
import { applyJson, canonicalJson, diffJson, PatchError, type Json } from './jsonPatch';
import { isScenarioPresetId, SCENARIO_PRESET_IDS, SCENARIO_PRESETS } from './presets';
import { ScenarioSchema, type Scenario } from './scenario';

/**
 * Link format 2: a scenario as the preset it is closest to plus only what differs, deflated.
 *
 *   2.<preset id>.<preset fingerprint>.<patch>.<check>   e.g. 2.pods-400.1lr3mf1.q1ZKLU3NTS0B.1n9wq2c
 *   2.<patch>.<check>                                    a scenario sent whole (no preset is closer)
 *
 * `<patch>` is the changes (jsonPatch.ts) as JSON, raw-deflated (RFC 1951) and base64url; `<check>`
 * is a hash of that JSON, so a link cut short or edited by hand is reported, not silently read as
 * another scenario (raw deflate has no checksum of its own). The encoder
 * tries every preset and no preset and keeps the shortest link, so a preset's link is a few dozen characters
 * and a scenario built from scratch compresses. The fingerprint is a hash of the preset as this page
 * has it: a link made against a preset that has changed since still opens, with a notice, because the
 * fields the link did not change now take the new preset's values. Format 1, the scenario's JSON as
 * base64url (no dots), is what links held before; `scenarioCodec.ts` reads both. Nothing is validated
 * here: the result is raw JSON that the codec parses once with the scenario schema.
 */

export const LINK_FORMAT = 2;
/** Longest patch JSON a link may inflate to, bytes (a scenario file's limit). */
export const MAX_PATCH_BYTES = 2_000_000;

const PRESET_ID = /^[a-z0-9-]{1,64}$/;
const HASH = /^[0-9a-z]{1,7}$/;

interface Base {
  id: string;
  name: string;
  value: Json;
  fingerprint: string;
  /** The preset as a page holds it (schema output, as JSON): a scenario equal to it is the preset unedited. */
  key: string;
}

/** The preset a link is based on: its name, and its key (what the page compares its scenario with). */
export interface LinkPreset {
  name: string;
  key: string;
}

const bases = new Map<string, Base>();

/** A preset as schema output (defaults filled in, as a scenario the page holds), parsed once, when first needed. */
function baseOf(id: (typeof SCENARIO_PRESET_IDS)[number]): Base {
  let b = bases.get(id);
  if (!b) {
    const parsed = ScenarioSchema.parse(SCENARIO_PRESETS[id]);
    const value = canonicalJson(parsed);
    const key = JSON.stringify(parsed);
    b = { id, name: SCENARIO_PRESETS[id].name, value, fingerprint: fingerprint(JSON.stringify(value)), key };
    bases.set(id, b);
  }
  return b;
}

/**
 * Prepares the next preset the encoder compares with (a parse with the scenario schema each, a few
 * milliseconds for the large ones); true once all are. A page calls it in idle time, a preset per
 * call, so the first link it encodes parses none.
 */
export function prepareShortLinks(): boolean {
  const next = SCENARIO_PRESET_IDS.find((id) => !bases.has(id));
  if (next) baseOf(next);
  return shortLinksPrepared();
}

/** Every preset the encoder compares with is prepared: encoding a link parses none. */
export function shortLinksPrepared(): boolean {
  return bases.size === SCENARIO_PRESET_IDS.length;
}

/** FNV-1a (32 bits) of the text's UTF-16 code units, base 36: a preset's fingerprint, a patch's check. */
function fingerprint(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

/**
 * The scenario (any JSON object, valid or not: it is checked where it is read) as a format-2 link value.
 * `pack` deflates a text into `<patch>.<check>` (a test counts its calls).
 */
export function encodeShortLink(s: Scenario, pack: (text: string) => string = packed): string {
  const target = canonicalJson(s);
  // Candidates in order: the scenario whole, then each preset's patch. The shortest link wins, the
  // earlier on a tie. Deflating is the cost (tens of kilobytes a text for a large mesh), so the texts are
  // deflated shortest first and a text whose deflated size cannot beat the best so far is not deflated.
  const candidates = [{ prefix: '2.', text: JSON.stringify(target) }];
  for (const id of SCENARIO_PRESET_IDS) {
    const b = baseOf(id);
    const patch = diffJson(b.value, target);
    if (patch !== undefined)
      candidates.push({ prefix: `2.${b.id}.${b.fingerprint}.`, text: JSON.stringify(patch) });
  }
  let best = '';
  let bestAt = -1;
  const order = candidates
    .map((_, i) => i)
    .sort((a, b) => candidates[a].text.length - candidates[b].text.length);
  for (const i of order) {
    const c = candidates[i];
    if (bestAt >= 0) {
      const least = c.prefix.length + leastPackedLength(c.text);
      if (least > best.length || (least === best.length && i > bestAt)) continue;
    }
    const link = c.prefix + pack(c.text);
    if (bestAt < 0 || link.length < best.length || (link.length === best.length && i < bestAt)) {
      best = link;
      bestAt = i;
    }
  }
  return best;
}

/**
 * The fewest characters `packed(text)` can be: raw deflate spends at least 3 bits on a block header and
 * 1 bit per symbol, a symbol covering at most 258 bytes; then base64url, a dot and the check. The text's
 * UTF-8 bytes are at least its UTF-16 code units (a surrogate pair is 4 bytes), so its length bounds them
 * without encoding it.
 */
function leastPackedLength(text: string): number {
  const bytes = text.length;
  const deflated = Math.ceil((3 + Math.ceil(bytes / 258)) / 8);
  return Math.ceil((deflated * 4) / 3) + 1 + fingerprint(text).length;
}

/** `<patch>.<check>`. */
function packed(text: string): string {
  return `${toBase64url(deflateSync(new TextEncoder().encode(text), { level: 9 }))}.${fingerprint(text)}`;
}

/** Whether a link value is in the short format (format 1 has no dots). */
export function isShortLink(param: string): boolean {
  return param.includes('.');
}

export type ShortLinkRead = { ok: true; raw: unknown; notice?: string } | { ok: false; problem: string };

/** The preset a format-2 value is based on (its name and key as a page holds it); none for a whole scenario. */
export function shortLinkPreset(param: string): LinkPreset | undefined {
  const parts = param.split('.');
  if (parts.length !== 5 || parts[0] !== String(LINK_FORMAT) || !isScenarioPresetId(parts[1]))
    return undefined;
  const b = baseOf(parts[1]);
  return { name: b.name, key: b.key };
}

/** The raw scenario of a format-2 value, or what is wrong with it (a sentence to follow the link's label). */
export function decodeShortLink(param: string): ShortLinkRead {
  const version = param.slice(0, param.indexOf('.'));
  if (version !== String(LINK_FORMAT))
    return {
      ok: false,
      problem: /^\d{1,6}$/.test(version)
        ? `uses link format ${version}, which this page cannot read (it reads formats 1 and 2): it was probably made by a newer version of meshpath.`
        : 'is damaged: it does not start with a link format number (was the link cut short or edited?).',
    };
  const parts = param.split('.').slice(1);
  const [presetId, print] = parts.length === 4 ? parts : [];
  const [payload, check] = parts.slice(-2);
  const ok =
    (parts.length === 2 || (parts.length === 4 && PRESET_ID.test(presetId) && HASH.test(print))) &&
    isBase64url(payload) &&
    HASH.test(check);
  if (!ok)
    return {
      ok: false,
      problem: 'is damaged: it is not in link format 2 (was the link cut short or edited?).',
    };
  let base: Base | undefined;
  let notice: string | undefined;
  if (presetId !== undefined) {
    base = isScenarioPresetId(presetId) ? baseOf(presetId) : undefined;
    if (!base)
      return {
        ok: false,
        problem: `is based on the preset “${presetId}”, which this page does not have (it has ${SCENARIO_PRESET_IDS.join(', ')}).`,
      };
    if (print !== base.fingerprint)
      notice = `This link was made from an earlier version of the preset “${base.name}”: what the link did not change now takes today’s values, so its numbers may differ from those it was shared with.`;
  }
  if (payload === '')
    return { ok: false, problem: 'is damaged: it carries no changes (was the link cut short?).' };
  let text: string;
  try {
    const out = inflateSync(fromBase64url(payload), { out: new Uint8Array(MAX_PATCH_BYTES + 1) });
    if (out.length > MAX_PATCH_BYTES)
      return { ok: false, problem: `is too large once decompressed (over ${MAX_PATCH_BYTES} bytes).` };
    text = new TextDecoder('utf-8', { fatal: true }).decode(out);
  } catch {
    return {
      ok: false,
      problem: 'is damaged: its changes do not decompress (was the link cut short or edited?).',
    };
  }
  if (fingerprint(text) !== check)
    return {
      ok: false,
      problem: 'is damaged: its changes do not match their check (was the link cut short or edited?).',
    };
  let patch: Json;
  try {
    patch = JSON.parse(text) as Json;
  } catch {
    return {
      ok: false,
      problem: 'is damaged: its changes are not JSON (was the link cut short or edited?).',
    };
  }
  if (!base) return { ok: true, raw: patch };
  try {
    const raw = applyJson(base.value, patch);
    return notice ? { ok: true, raw, notice } : { ok: true, raw };
  } catch (e) {
    const where = e instanceof PatchError ? ` (${e.message.slice(0, 200)})` : '';
    return { ok: false, problem: `is damaged: its changes do not fit the preset “${base.name}”${where}.` };
  }
}
