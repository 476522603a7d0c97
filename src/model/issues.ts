import type { z } from 'zod';

/**
 * Schema problems as messages people can act on, for every place data enters (links, files, the CLI,
 * model files, worker messages). Each line names the field by its path, says what shape or range it
 * takes and, for a misspelt key, the closest known one. Echoed values and whole messages are bounded, so
 * a 300 KB string in a file never comes back 300 KB long.
 */

type Issue = z.core.$ZodIssue;

export interface IssueOptions {
  /** The schema that was parsed: lets an unknown key be matched to the keys the schema knows there. */
  schema?: z.ZodType;
  /** The value that was parsed: lets a message quote (briefly) what a field held. */
  raw?: unknown;
}

/** Longest value echoed back in a message, characters. */
export const MAX_ECHO = 40;
/** Longest single line, characters. */
export const MAX_LINE = 300;

/** "load.rps", "stations[0].servers"; the root is "(root)". */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    const key = truncate(String(p)); // a key from the input (an unknown one) may be any length
    out += typeof p === 'number' ? `[${p}]` : out ? `.${key}` : key;
  }
  return out || '(root)';
}

/** Text cut to `max` characters with an ellipsis. */
export function truncate(text: string, max = MAX_ECHO): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** One line per problem, `path: what is wrong`, each at most MAX_LINE characters. */
export function issueLines(issues: readonly Issue[], opts: IssueOptions = {}): string[] {
  return issues.flatMap((i) => describe(i, [], opts)).map((l) => truncate(l, MAX_LINE));
}

/**
 * The first `max` problems joined by `separator`, then "(and N more)": the form the page, the worker
 * protocols and the scenario codec show.
 */
export function formatIssues(
  error: z.ZodError | readonly Issue[],
  opts: IssueOptions & { max?: number; separator?: string } = {},
): string {
  const lines = issueLines('issues' in error ? error.issues : error, opts);
  const max = opts.max ?? 3;
  const more = lines.length - max;
  return lines.slice(0, max).join(opts.separator ?? '; ') + (more > 0 ? ` (and ${more} more)` : '');
}

function describe(issue: Issue, prefix: readonly PropertyKey[], opts: IssueOptions): string[] {
  const path = [...prefix, ...issue.path];
  switch (issue.code) {
    case 'invalid_union': {
      // The branch with the fewest problems is what the author meant; a tie lists every shape.
      if (issue.errors.length === 0) {
        // A discriminated union whose tag matched no branch.
        const tags = (issue as { options?: unknown[] }).options;
        if (!tags) return [`${formatPath(path)}: ${truncate(issue.message, 160)}`];
        const v = valueAt(opts.raw, path);
        const list = truncate(tags.map((t) => JSON.stringify(t)).join(', '), 160);
        return [
          `${formatPath(path)}: ${v === undefined ? 'missing; expected' : 'must be'} one of ${list}${v === undefined ? '' : ` (got ${echo(v)})`}`,
        ];
      }
      const sizes = issue.errors.map((e) => e.length);
      const best = Math.min(...sizes);
      if (sizes.filter((s) => s === best).length === 1)
        return issue.errors[sizes.indexOf(best)].flatMap((i) => describe(i, path, opts));
      if (issue.message && issue.message !== 'Invalid input')
        return [`${formatPath(path)}: ${issue.message}`];
      const shapes = shapesAt(opts.schema, path);
      if (shapes.length) return [`${formatPath(path)}: expected ${shapes.join(' or ')}`];
      const firsts = issue.errors.map((e) => describe(e[0], [], opts)[0]);
      return [`${formatPath(path)}: matches none of the allowed shapes (${firsts.join(' | or | ')})`];
    }
    case 'unrecognized_keys': {
      const known = keysAt(opts.schema, path);
      return issue.keys.map((k) => {
        const near = closest(k, known);
        const hint = near
          ? `; did you mean '${near}'?`
          : known.length
            ? `; known keys: ${known.join(', ')}`
            : '';
        return `${formatPath([...path, k])}: unknown key${hint}`;
      });
    }
    default:
      return [
        `${formatPath(path)}: ${plain(issue, 'input' in issue ? issue.input : valueAt(opts.raw, path))}`,
      ];
  }
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let v = raw;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

const NOUN: Record<string, string> = {
  number: 'a number',
  string: 'text',
  array: 'a list',
  object: 'an object',
  boolean: 'true or false',
  int: 'a whole number',
};

/** What an issue says in words: expected shape, the limit, and the offending value (bounded). */
function plain(issue: Issue, input: unknown): string {
  const got = input !== undefined ? ` (got ${echo(input)})` : '';
  switch (issue.code) {
    case 'invalid_type':
      return input === undefined
        ? `missing; expected ${NOUN[issue.expected] ?? issue.expected}`
        : `expected ${NOUN[issue.expected] ?? issue.expected}, received ${kind(input)}`;
    case 'too_small':
    case 'too_big': {
      const small = issue.code === 'too_small';
      const limit = small ? issue.minimum : issue.maximum;
      const bound = `${small ? (issue.inclusive === false ? 'more than' : 'at least') : issue.inclusive === false ? 'less than' : 'at most'} ${num(limit)}`;
      if (issue.origin === 'string') return `must be ${bound} characters long${lengthOf(input)}`;
      if (issue.origin === 'array' || issue.origin === 'set')
        return `must have ${bound} item${Number(limit) === 1 ? '' : 's'}${lengthOf(input)}`;
      return `must be ${bound}${got}`;
    }
    case 'invalid_value':
      return `must be ${issue.values.length === 1 ? '' : 'one of '}${truncate(issue.values.map((v) => JSON.stringify(v)).join(', '), 160)}${got}`;
    case 'invalid_format':
      return `${issue.message.replace(/^Invalid string: /, '')}${got}`;
    case 'not_multiple_of':
      return `must be a multiple of ${num(issue.divisor)}${got}`;
    default:
      return truncate(issue.message, 160);
  }
}

function num(x: unknown): string {
  return typeof x === 'number' || typeof x === 'bigint' ? Number(x).toLocaleString('en') : String(x);
}

function lengthOf(v: unknown): string {
  return typeof v === 'string' || Array.isArray(v) ? ` (it has ${v.length.toLocaleString('en')})` : '';
}

/** A value as a message may quote it: short, one line. */
export function echo(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(truncate(v));
  if (typeof v === 'number') return Number.isFinite(v) ? v.toLocaleString('en') : String(v);
  if (v === null || typeof v !== 'object') return String(v);
  return Array.isArray(v) ? 'a list' : 'an object';
}

function kind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return `text ${echo(v)}`;
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${echo(v)}`;
}

// ---- the schema at a path: known keys, union shapes ---------------------------------------------------

type Def = {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  getter?: () => z.ZodType;
};
const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** The object schemas a value at `path` may be checked against (several under a union). */
function objectsAt(schema: z.ZodType | undefined, path: readonly PropertyKey[]): Def[] {
  if (!schema) return [];
  const d = defOf(schema);
  switch (d.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
    case 'nonoptional':
      return objectsAt(d.innerType, path);
    case 'pipe':
      return objectsAt(d.in, path);
    case 'lazy':
      return objectsAt(d.getter?.(), path);
    case 'union':
      return (d.options ?? []).flatMap((o) => objectsAt(o, path));
    case 'array':
      return path.length && typeof path[0] === 'number' ? objectsAt(d.element, path.slice(1)) : [];
    case 'object':
      if (!path.length) return [d];
      return objectsAt(d.shape?.[String(path[0])], path.slice(1));
    default:
      return [];
  }
}

function keysAt(schema: z.ZodType | undefined, path: readonly PropertyKey[]): string[] {
  return [...new Set(objectsAt(schema, path).flatMap((d) => Object.keys(d.shape ?? {})))];
}

/** "{ warmupRequests, measuredRequests }" for each object a union at `path` allows. */
function shapesAt(schema: z.ZodType | undefined, path: readonly PropertyKey[]): string[] {
  return objectsAt(schema, path).map((d) => `{ ${Object.keys(d.shape ?? {}).join(', ')} }`);
}

/** The known key nearest to `key` by edit distance, if near enough to be a likely misspelling. */
export function closest(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of known) {
    const d = editDistance(key.toLowerCase(), k.toLowerCase());
    if (d < bestD) [best, bestD] = [k, d];
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(best.length / 3)) ? best : undefined;
}

/** Damerau–Levenshtein (optimal string alignment): a swapped pair of letters counts as one edit. */
export function editDistance(a: string, b: string): number {
  if (a.length > 64 || b.length > 64) return Math.abs(a.length - b.length) + 64;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [
    i,
    ...Array<number>(b.length).fill(0),
  ]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.length][b.length];
}
