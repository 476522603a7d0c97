import { fromBase64url, isBase64url } from './base64url';
import { formatIssues, truncate } from './issues';
import { MODEL_VERSION, PracticalScenarioSchema, type Scenario } from './scenario';
import { formatProblems, scenarioProblems } from './scenarioChecks';
import { decodeShortLink, encodeShortLink, isShortLink } from './shortLink';
import { vouchScenario, type ValidScenario } from './valid';

/**
 * A scenario in a link (`#/compare?s=…`) and in a file. The link carries the scenario as its closest
 * preset plus what differs, compressed (link format 2, `shortLink.ts`); links written before that
 * carry the scenario's whole JSON as base64url (format 1) and still open. The file is the scenario's
 * JSON, pretty-printed, exactly what `npm run sim -- file.json` reads. Both are validated by one parse
 * here, where they enter. Parsing never throws: every failure is a message that names the field (or
 * what is wrong with the link), so the page can show it and keep what the user had.
 */

export type ScenarioParse =
  | {
      ok: true;
      scenario: ValidScenario;
      /** Set when the scenario was made for other models. */ notice?: string;
    }
  | { ok: false; message: string };

/** Longest `s=` value accepted (a 400-pod scenario was ≈ 11,000 characters in format 1). */
export const MAX_PARAM_LENGTH = 500_000;
/** Largest scenario file accepted, characters. */
export const MAX_FILE_LENGTH = 2_000_000;

export function encodeScenarioParam(s: Scenario): string {
  return encodeShortLink(s);
}

export function decodeScenarioParam(input: string): ScenarioParse {
  const param = input.replace(/={1,2}$/, '');
  const label = 'The link’s scenario (s=…)';
  if (param.length > MAX_PARAM_LENGTH)
    return {
      ok: false,
      message: `${label} is too long (${param.length} characters; at most ${MAX_PARAM_LENGTH}).`,
    };
  if (isShortLink(param)) {
    const r = decodeShortLink(param);
    if (!r.ok) return { ok: false, message: `${label} ${r.problem}` };
    const parsed = parseScenarioValue(r.raw, label);
    if (!parsed.ok || !r.notice) return parsed;
    return { ...parsed, notice: parsed.notice ? `${r.notice} ${parsed.notice}` : r.notice };
  }
  if (!isBase64url(param))
    return {
      ok: false,
      message: `${label} is damaged: it is not base64url text (was the link cut short or edited?).`,
    };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(fromBase64url(param));
  } catch {
    return { ok: false, message: `${label} is damaged: it does not decode to text.` };
  }
  return parseScenarioJson(text, label);
}

/** A scenario file's text (JSON). */
export function parseScenarioFile(text: string, fileName = 'The file'): ScenarioParse {
  if (text.length > MAX_FILE_LENGTH)
    return {
      ok: false,
      message: `${fileName} is too large (${text.length} characters; at most ${MAX_FILE_LENGTH}).`,
    };
  return parseScenarioJson(text, fileName);
}

function parseScenarioJson(text: string, label: string): ScenarioParse {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return {
      ok: false,
      message: `${label} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`,
    };
  }
  return parseScenarioValue(raw, label);
}

/**
 * Validates parsed JSON as a scenario: the schema within the practical limits (the page's), then the
 * checks across fields. Every message names the field and what it takes, and is bounded in length.
 */
export function parseScenarioValue(raw: unknown, label: string): ScenarioParse {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return { ok: false, message: `${label} is not a scenario: expected a JSON object.` };
  const r = PracticalScenarioSchema.safeParse(raw);
  if (!r.success)
    return {
      ok: false,
      message: `${label} is not a valid scenario. ${formatIssues(r.error, { schema: PracticalScenarioSchema, raw })}.`,
    };
  const problems = scenarioProblems(r.data);
  if (problems.length)
    return { ok: false, message: `${label} cannot be simulated. ${formatProblems(problems)}.` };
  const notice =
    r.data.modelVersion === MODEL_VERSION
      ? undefined
      : `This scenario was made for models version ${truncate(r.data.modelVersion)}; this page runs ${MODEL_VERSION}, so its numbers may differ from those it was shared with.`;
  const scenario = vouchScenario(r.data);
  return notice ? { ok: true, scenario, notice } : { ok: true, scenario };
}

/** The scenario as a file: pretty JSON with a trailing newline. */
export function scenarioFileText(s: Scenario): string {
  return `${JSON.stringify(s, null, 2)}\n`;
}
