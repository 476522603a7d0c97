import { decodeScenarioParam, encodeScenarioParam } from '../../model/scenarioCodec';
import { isShortLink, shortLinkPreset, type LinkPreset } from '../../model/shortLink';
import type { Scenario } from '../../model/scenario';
import { isVouched, type ValidScenario } from '../../model/valid';
import { DEFAULT_PRECISION, PRECISION_RANGE } from '../../model/precision';

/**
 * The Compare page's link: `s` (the scenario's JSON as base64url), `r` (replications of the first
 * round, 2–20), `p` (the precision target in percent, or `fixed` for exactly `r` replications; the
 * default target when absent, as in links made before rounds existed) and `embed=1`. Decoding parses
 * the scenario once, here, where it enters; a bad link becomes a message.
 */

/**
 * Each trusted scenario's `s`, encoded once: the encoder tries every preset (tens of milliseconds for a
 * 400-pod scenario, more for 2,000 pods), and the page asks for the link on every render. A trusted
 * scenario is never changed in place (a change is a new object), so its encoding never goes stale; raw
 * objects (tests) are encoded each time.
 */
const encoded = new WeakMap<object, string>();

function encodeOnce(s: Scenario): string {
  if (!isVouched(s)) return encodeScenarioParam(s);
  let e = encoded.get(s);
  if (e === undefined) encoded.set(s, (e = encodeScenarioParam(s)));
  return e;
}

/** Replications when the link gives none. */
export const LINK_DEFAULT_REPLICATIONS = 5;

/** A scenario a link asks for, or why it cannot be opened; `key` is the link's `s` and `r` as written. */
export type Requested =
  | {
      key: string;
      scenario: ValidScenario;
      replications: number;
      precision: number | null;
      notice?: string;
      /** The preset a short link is based on: the scenario is named after it until it differs from it. */
      preset?: LinkPreset;
    }
  | { key: string; error: string };

/** The identity of a link's scenario: its `s`, `r` and `p` values as they stand in the URL. */
export function linkKey(s: string, r: string | null, p: string | null = null): string {
  return `${s}|${r ?? ''}|${p ?? ''}`;
}

/** `p` as written: the target in percent (`2`, `0.5`) or `fixed`. */
const precisionText = (precision: number | null) =>
  precision === null ? 'fixed' : String(+(precision * 100).toPrecision(3));

/** The link key of a scenario (what `linkParams` writes). */
export function linkKeyOf(s: Scenario, replications: number, precision: number | null): string {
  return linkKey(encodeOnce(s), String(replications), precisionText(precision));
}

/** `p`: a percentage within the accepted range, or `fixed`; absent means the default target. */
function readPrecision(pText: string | null): number | null | { error: string } {
  if (pText === null) return DEFAULT_PRECISION;
  if (pText === 'fixed') return null;
  const pct = /^\d{1,2}(\.\d{1,3})?$/.test(pText) ? Number(pText) : NaN;
  const { min, max } = PRECISION_RANGE;
  if (!(pct / 100 >= min && pct / 100 <= max))
    return {
      error: `The link’s precision (p=${pText.slice(0, 20)}) must be a percentage from ${min * 100} to ${max * 100}, or “fixed”.`,
    };
  return pct / 100;
}

/** Reads `s` (scenario), `r` (replications) and `embed` from the page's parameters. */
export function readLink(params: URLSearchParams): { requested: Requested | null; embed: boolean } {
  const embed = params.get('embed') === '1';
  const s = params.get('s');
  const rText = params.get('r');
  const pText = params.get('p');
  if (s === null) return { requested: null, embed };
  const key = linkKey(s, rText, pText);
  // A bad `r` or `p` costs only itself: the scenario opens with the default, and a notice says so.
  const notes: string[] = [];
  let replications = LINK_DEFAULT_REPLICATIONS;
  if (rText !== null) {
    const r = /^\d{1,2}$/.test(rText) ? Number(rText) : NaN;
    if (r >= 2 && r <= 20) replications = r;
    else
      notes.push(
        `The link’s replications (r=${rText.slice(0, 20)}) must be a whole number from 2 to 20: ${LINK_DEFAULT_REPLICATIONS} are used.`,
      );
  }
  let precision = readPrecision(pText);
  if (precision !== null && typeof precision === 'object') {
    notes.push(`${precision.error.replace(/\.$/, '')}: ±${DEFAULT_PRECISION * 100} % is used.`);
    precision = DEFAULT_PRECISION;
  }
  const parsed = decodeScenarioParam(s);
  if (!parsed.ok) return { requested: { key, error: parsed.message }, embed };
  if (parsed.notice) notes.unshift(parsed.notice);
  // Named after its preset until edited; a scenario given a name of its own goes by that name.
  const base = isShortLink(s) ? shortLinkPreset(s) : undefined;
  const preset = base && base.name === parsed.scenario.name ? base : undefined;
  // A format-2 link read as written (no notice: nothing migrated or replaced) is the scenario's
  // encoding: kept, so the page opened from it does not encode it again (tens of ms for 400 pods, in
  // the task that shows the first estimate). A link from an older format is encoded afresh.
  // (Read without a notice, a short link is of the current format; the encoder writes no padding.)
  if (!parsed.notice && isShortLink(s) && !s.endsWith('=')) encoded.set(parsed.scenario, s);
  return {
    requested: {
      key,
      scenario: parsed.scenario,
      replications,
      precision,
      notice: notes.length ? notes.join(' ') : undefined,
      preset,
    },
    embed,
  };
}

export function linkParams(
  s: Scenario,
  replications: number,
  precision: number | null,
  embed = false,
): URLSearchParams {
  return paramsOf(encodeOnce(s), replications, precision, embed);
}

/** A scenario's link parameters and their key, the scenario encoded once. */
export function linkOf(
  s: Scenario,
  replications: number,
  precision: number | null,
  embed = false,
): { params: URLSearchParams; key: string } {
  const e = encodeOnce(s);
  return {
    params: paramsOf(e, replications, precision, embed),
    key: linkKey(e, String(replications), precisionText(precision)),
  };
}

function paramsOf(
  encoded: string,
  replications: number,
  precision: number | null,
  embed: boolean,
): URLSearchParams {
  const p = new URLSearchParams({
    s: encoded,
    r: String(replications),
    p: precisionText(precision),
  });
  if (embed) p.set('embed', '1');
  return p;
}
