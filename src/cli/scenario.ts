import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { SimSpecSchema, type SimSpec } from '../model/simSpec';
import { inputError } from './errors';

/** Issues listed before "… and N more". */
const MAX_ISSUES = 5;

/**
 * Reads and validates a scenario file (a SimSpec JSON). Every failure is a CliError whose message
 * starts with the file name and, for schema problems, names the field: `f.json: load.rps: Too small…`.
 * `seed`, when given, replaces the file's seed before validation (so it may also supply a missing one).
 */
export function loadScenarioFile(path: string, seed?: number): { spec: SimSpec; description?: string } {
  const raw = readJsonFile(path);
  const spec = validateSpec(raw, path, seed);
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
    throw inputError(`${path}: invalid JSON: ${describeJsonError(err, body)}`);
  }
  return raw;
}

/** Validates parsed JSON as a SimSpec; `source` prefixes every message. */
export function validateSpec(raw: unknown, source: string, seed?: number): SimSpec {
  const input = seed !== undefined && isPlainObject(raw) ? { ...raw, seed } : raw;
  const parsed = SimSpecSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw inputError(formatIssues(parsed.error.issues, source));
}

/** One line per issue (at most MAX_ISSUES): `source: field.path[0]: message`. */
export function formatIssues(issues: readonly z.core.$ZodIssue[], source: string): string {
  const lines = issues.flatMap((i) => describeIssue(i, []));
  const shown = lines.slice(0, MAX_ISSUES).map((l) => `${source}: ${l}`);
  if (lines.length > MAX_ISSUES) shown.push(`${source}: … and ${lines.length - MAX_ISSUES} more`);
  return shown.join('\n');
}

/**
 * A union that no branch matched: report the branch with the fewest problems (the closest match);
 * when branches tie, say that no shape matched and list each branch's first problem.
 */
function describeIssue(issue: z.core.$ZodIssue, prefix: PropertyKey[]): string[] {
  const path = [...prefix, ...issue.path];
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    const sizes = issue.errors.map((e) => e.length);
    const best = Math.min(...sizes);
    if (sizes.filter((s) => s === best).length === 1)
      return issue.errors[sizes.indexOf(best)].flatMap((i) => describeIssue(i, path));
    const alternatives = issue.errors.map((e) => describeIssue(e[0], []).join('; ')).join(' | or | ');
    return [`${fieldPath(path)}: matches none of the allowed shapes (${alternatives})`];
  }
  return [`${fieldPath(path)}: ${issue.message}`];
}

/** ['hops', 0, 'cpu', 'station'] → "hops[0].cpu.station"; the root is "(root)". */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? String(p) : `.${String(p)}`;
  }
  return out === '' ? '(root)' : out;
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
