import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { issueLines, MAX_LINE, truncate, type IssueOptions } from '../model/issues';
import { runSizeProblems, type ScenarioProblem } from '../model/scenarioChecks';
import { simSpecSchema, SimSpecSchema, type SimSpec } from '../model/simSpec';
import { inputError } from './errors';

/** Issues listed before "… and N more". */
const MAX_ISSUES = 5;

const PracticalSimSpecSchema = simSpecSchema('practical');

/**
 * Reads and validates a scenario file (a SimSpec JSON). Every failure is a CliError whose message
 * starts with the file name and, for schema problems, names the field: `f.json: load.rps: must be…`.
 * `seed`, when given, replaces the file's seed before validation (so it may also supply a missing one).
 * `limits` applies the practical limits on run size (the CLI's default; --no-limits lifts them).
 */
export function loadScenarioFile(
  path: string,
  seed?: number,
  limits = true,
): { spec: SimSpec; description?: string } {
  const raw = readJsonFile(path);
  const spec = validateSpec(raw, path, seed, limits);
  // An optional top-level "description" titles the report.
  const description = isPlainObject(raw) && typeof raw.description === 'string' ? raw.description : undefined;
  return { spec, description };
}

/** Reads and parses a JSON file; failures name the file (and line and column for bad JSON). */
export function readJsonFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw inputError(`${path}: cannot read file (${describeFsError(err)})`);
  }
  const body = stripBom(text);
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch (err) {
    // `npm run sim -- … > part.json` writes npm's own '> meshpath@… sim' lines first: say so.
    const npmHeader = body.startsWith('> ')
      ? " (it starts with npm's '> …' header lines: write it with `npm run -s sim -- …`)"
      : '';
    throw inputError(`${path}: invalid JSON: ${describeJsonError(err, body)}${npmHeader}`);
  }
  return raw;
}

/** Said after a problem that only a practical limit raises. */
export const NO_LIMITS_HINT = 'these are practical limits on size and run time; --no-limits lifts them';

/** Validates parsed JSON as a SimSpec; `source` prefixes every message. */
export function validateSpec(raw: unknown, source: string, seed?: number, limits = true): SimSpec {
  const input = seed !== undefined && isPlainObject(raw) ? { ...raw, seed } : raw;
  const schema = limits ? PracticalSimSpecSchema : SimSpecSchema;
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const practicalOnly = limits && SimSpecSchema.safeParse(input).success;
    throw inputError(
      formatIssues(parsed.error.issues, source, { schema, raw: input }) +
        (practicalOnly ? `\n${source}: ${NO_LIMITS_HINT}` : ''),
    );
  }
  const problems = limits ? runSizeProblems(parsed.data.load, parsed.data.run) : [];
  if (problems.length) throw inputError(formatProblemLines(problems, source));
  return parsed.data;
}

/** Scenario problems one per line, each prefixed with `source`; the --no-limits hint after practical ones. */
export function formatProblemLines(problems: readonly ScenarioProblem[], source: string): string {
  const lines = problems
    .slice(0, MAX_ISSUES)
    .map((p) => `${source}: ${truncate(`${p.field}: ${p.message}`, MAX_LINE)}`);
  if (problems.length > MAX_ISSUES) lines.push(`${source}: … and ${problems.length - MAX_ISSUES} more`);
  if (problems.some((p) => p.practical)) lines.push(`${source}: ${NO_LIMITS_HINT}`);
  return lines.join('\n');
}

/** One line per issue (at most MAX_ISSUES): `source: field.path[0]: message`. */
export function formatIssues(
  issues: readonly z.core.$ZodIssue[],
  source: string,
  opts: IssueOptions = {},
): string {
  const lines = issueLines(issues, opts);
  const shown = lines.slice(0, MAX_ISSUES).map((l) => `${source}: ${l}`);
  if (lines.length > MAX_ISSUES) shown.push(`${source}: … and ${lines.length - MAX_ISSUES} more`);
  return shown.join('\n');
}

export function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'it is a directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    default:
      return err instanceof Error ? err.message : String(err);
  }
}

/** JSON.parse's message plus line and column (Node 20 gives only a character position). */
function describeJsonError(err: unknown, text: string): string {
  const message = err instanceof Error ? err.message : String(err);
  if (/line \d+ column \d+/.test(message)) return message;
  const m = /at position (\d+)/.exec(message);
  if (!m) return message;
  const pos = Number(m[1]);
  const before = text.slice(0, pos).split('\n');
  return `${message} (line ${before.length} column ${before[before.length - 1].length + 1})`;
}
