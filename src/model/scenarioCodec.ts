import { formatIssuePath } from './catalogs';
import { MODEL_VERSION, ScenarioSchema, type Scenario } from './scenario';
import { scenarioProblems } from './scenarioChecks';
import { vouchScenario, type ValidScenario } from './valid';

/**
 * A scenario in a link (`#/compare?s=…`) and in a file. The link carries the scenario's JSON as
 * base64url (UTF-8), so it survives any URL handling; the file is the same JSON, pretty-printed, and
 * is exactly what `npm run sim -- file.json` reads. Parsing never throws: every failure is a message
 * that names the field, so the page can show it and keep what the user had.
 */

export type ScenarioParse =
  | {
      ok: true;
      scenario: ValidScenario;
      /** Set when the scenario was made for other models. */ notice?: string;
    }
  | { ok: false; message: string };

/** Longest `s=` value accepted (a 400-pod scenario is ≈ 8,000 characters). */
export const MAX_PARAM_LENGTH = 500_000;
/** Largest scenario file accepted, characters. */
export const MAX_FILE_LENGTH = 2_000_000;

export function encodeScenarioParam(s: Scenario): string {
  const bytes = new TextEncoder().encode(JSON.stringify(s));
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function decodeScenarioParam(input: string): ScenarioParse {
  const param = input.replace(/={1,2}$/, '');
  const label = 'The link’s scenario (s=…)';
  if (param.length > MAX_PARAM_LENGTH)
    return {
      ok: false,
      message: `${label} is too long (${param.length} characters; at most ${MAX_PARAM_LENGTH}).`,
    };
  if (!/^[A-Za-z0-9_-]*$/.test(param) || param.length % 4 === 1)
    return {
      ok: false,
      message: `${label} is damaged: it is not base64url text (was the link cut short or edited?).`,
    };
  let text: string;
  try {
    const bin = atob(param.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (param.length % 4)) % 4));
    const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
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

/** Validates parsed JSON as a scenario: the schema, then the checks across fields. */
export function parseScenarioValue(raw: unknown, label: string): ScenarioParse {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return { ok: false, message: `${label} is not a scenario: expected a JSON object.` };
  const r = ScenarioSchema.safeParse(raw);
  if (!r.success) {
    const issues = r.error.issues;
    const shown = issues.slice(0, 3).map((i) => `${formatIssuePath(i.path)}: ${plainIssue(i, raw)}`);
    const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : '';
    return { ok: false, message: `${label} is not a valid scenario. ${shown.join('; ')}${more}.` };
  }
  const problems = scenarioProblems(r.data);
  if (problems.length) {
    const shown = problems.slice(0, 3).map((p) => `${p.field}: ${p.message}`);
    return { ok: false, message: `${label} cannot be simulated. ${shown.join('; ')}.` };
  }
  const notice =
    r.data.modelVersion === MODEL_VERSION
      ? undefined
      : `This scenario was made for models version ${r.data.modelVersion}; this page runs ${MODEL_VERSION}, so its numbers may differ from those it was shared with.`;
  const scenario = vouchScenario(r.data);
  return notice ? { ok: true, scenario, notice } : { ok: true, scenario };
}

const WORDS: Record<string, string> = {
  rps: 'the request rate (requests per second)',
  seed: 'the seed',
  nodes: 'the number of nodes',
  corespernode: 'the number of cores per node',
  replicas: 'the number of replicas',
  pods: 'the number of pods',
  connections: 'the number of connections',
  us: 'µs',
  kib: 'KiB',
  mtls: 'mTLS',
  l7: 'L7',
  id: 'id',
};

/** "coresPerNode" → "cores per node"; "requestKiB" → "request KiB"; a list item → "architecture 2". */
export function fieldWords(path: readonly PropertyKey[]): string {
  const last = path.at(-1);
  if (last === undefined) return 'the scenario';
  if (typeof last === 'number') {
    const list =
      path.length > 1
        ? fieldWords(path.slice(0, -1)).replace(/^the /, '').replace(/ies$/, 'y').replace(/s$/, '')
        : 'item';
    return `${list} ${last + 1}`;
  }
  const key = String(last);
  if (WORDS[key.toLowerCase()]) return WORDS[key.toLowerCase()];
  const words = (key.match(/KiB|MiB|Us$|[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])/g) ?? [key]).map((w) =>
    w === 'Us' ? 'in µs' : /^[A-Z][a-z0-9]*$/.test(w) ? w.toLowerCase() : w,
  );
  return `the ${words.join(' ')}`;
}

type Issue = {
  code: string;
  path: PropertyKey[];
  message: string;
  expected?: unknown;
  minimum?: unknown;
  maximum?: unknown;
  inclusive?: boolean;
  values?: unknown[];
};

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = raw;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

const kindOf = (v: unknown) =>
  v === null
    ? 'null'
    : Array.isArray(v)
      ? 'a list'
      : typeof v === 'object'
        ? 'an object'
        : typeof v === 'string'
          ? `the text "${v.length > 30 ? `${v.slice(0, 30)}…` : v}"`
          : `${typeof v} ${String(v)}`;
const expectedWords = (e: unknown) =>
  e === 'number'
    ? 'a number'
    : e === 'string'
      ? 'text'
      : e === 'array'
        ? 'a list'
        : e === 'object'
          ? 'an object'
          : e === 'boolean'
            ? 'true or false'
            : String(e);

/** One schema issue in plain words: what the field is, and what is wrong with it. */
function plainIssue(issue: Issue, raw: unknown): string {
  const field = fieldWords(issue.path);
  const Field = field.charAt(0).toUpperCase() + field.slice(1);
  const value = valueAt(raw, issue.path);
  switch (issue.code) {
    case 'invalid_type':
      return value === undefined
        ? `${Field} is missing; it should be ${expectedWords(issue.expected)}.`.replace(/\.$/, '')
        : `${Field} should be ${expectedWords(issue.expected)}, not ${kindOf(value)}`;
    case 'too_small':
      return `${Field} must be ${issue.inclusive === false ? 'more than' : 'at least'} ${String(issue.minimum)}${typeof value === 'number' ? ` (it is ${value})` : ''}`;
    case 'too_big':
      return `${Field} must be ${issue.inclusive === false ? 'less than' : 'at most'} ${String(issue.maximum)}${typeof value === 'number' ? ` (it is ${value})` : ''}`;
    case 'invalid_value':
      return `${Field} must be one of ${(issue.values ?? []).map(String).join(', ')}${value !== undefined ? ` (it is ${kindOf(value)})` : ''}`;
    default:
      return `${Field}: ${issue.message}`;
  }
}

/** The scenario as a file: pretty JSON with a trailing newline. */
export function scenarioFileText(s: Scenario): string {
  return `${JSON.stringify(s, null, 2)}\n`;
}
