import { decodeScenarioParam, encodeScenarioParam } from '../../model/scenarioCodec';
import type { Scenario } from '../../model/scenario';
import type { ValidScenario } from '../../model/valid';

/**
 * The Compare page's link: `s` (the scenario's JSON as base64url), `r` (replications, 2–20) and
 * `embed=1`. Decoding parses the scenario once, here, where it enters; a bad link becomes a message.
 */

/** Replications when the link gives none. */
export const LINK_DEFAULT_REPLICATIONS = 5;

/** A scenario a link asks for, or why it cannot be opened; `key` is the link's `s` and `r` as written. */
export type Requested =
  | { key: string; scenario: ValidScenario; replications: number; notice?: string }
  | { key: string; error: string };

/** The identity of a link's scenario: its `s` and `r` values as they stand in the URL. */
export function linkKey(s: string, r: string | null): string {
  return `${s}|${r ?? ''}`;
}

/** The link key of a scenario (what `compareParams` writes). */
export function linkKeyOf(s: Scenario, replications: number): string {
  return linkKey(encodeScenarioParam(s), String(replications));
}

/** Reads `s` (scenario), `r` (replications) and `embed` from the page's parameters. */
export function readLink(params: URLSearchParams): { requested: Requested | null; embed: boolean } {
  const embed = params.get('embed') === '1';
  const s = params.get('s');
  const rText = params.get('r');
  if (s === null) return { requested: null, embed };
  const key = linkKey(s, rText);
  let replications = LINK_DEFAULT_REPLICATIONS;
  if (rText !== null) {
    const r = /^\d{1,2}$/.test(rText) ? Number(rText) : NaN;
    if (!(r >= 2 && r <= 20))
      return {
        requested: {
          key,
          error: `The link’s replications (r=${rText.slice(0, 20)}) must be a whole number from 2 to 20.`,
        },
        embed,
      };
    replications = r;
  }
  const parsed = decodeScenarioParam(s);
  if (!parsed.ok) return { requested: { key, error: parsed.message }, embed };
  return { requested: { key, scenario: parsed.scenario, replications, notice: parsed.notice }, embed };
}

export function linkParams(s: Scenario, replications: number, embed = false): URLSearchParams {
  const p = new URLSearchParams({ s: encodeScenarioParam(s), r: String(replications) });
  if (embed) p.set('embed', '1');
  return p;
}
