import { usageError } from './errors';
import { SAMPLE_NAMES, type SampleName } from './samples';

/** What the command line asks for. */
export interface CliOptions {
  help: boolean;
  json: boolean;
  /** Scenario file (a SimSpec JSON); absent when running a built-in sample. */
  file?: string;
  sample?: SampleName;
  seed?: number;
  replications?: number;
}

export const MAX_SEED = 0xffffffff;
export const MAX_REPLICATIONS = 1000;

const BOOLEAN_FLAGS = new Set(['help', 'json']);
const VALUE_FLAGS = new Set(['seed', 'replications', 'sample']);

/**
 * Parses argv (without node and the script). Flags: --help/-h, --json, --seed N, --replications K,
 * --sample NAME, each also as --flag=value; `--` ends the flags. Throws a usage CliError naming the flag.
 */
export function parseArgs(argv: readonly string[]): CliOptions {
  const opts: CliOptions = { help: false, json: false };
  const positional: string[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-h') {
      opts.help = true;
      continue;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positional.push(arg);
      continue;
    }
    if (!arg.startsWith('--')) throw usageError(`unknown flag ${arg}`);
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const inline = eq < 0 ? undefined : arg.slice(eq + 1);
    if (!BOOLEAN_FLAGS.has(name) && !VALUE_FLAGS.has(name)) throw usageError(`unknown flag --${name}`);
    if (seen.has(name)) throw usageError(`flag --${name} given more than once`);
    seen.add(name);

    if (BOOLEAN_FLAGS.has(name)) {
      if (inline !== undefined) throw usageError(`flag --${name} takes no value`);
      if (name === 'help') opts.help = true;
      else opts.json = true;
      continue;
    }
    let value = inline;
    if (value === undefined) {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) throw usageError(`flag --${name} needs a value`);
      value = next;
      i++;
    }
    if (value === '') throw usageError(`flag --${name} needs a value`);
    if (name === 'seed') opts.seed = parseInteger('--seed', value, 0, MAX_SEED);
    else if (name === 'replications') opts.replications = parseInteger('--replications', value, 2, MAX_REPLICATIONS, 'a confidence interval needs at least 2 runs');
    else opts.sample = parseSample(value);
  }

  if (positional.length > 1) throw usageError(`expected at most one scenario file, got ${positional.length}: ${positional.join(' ')}`);
  if (positional.length === 1) {
    if (opts.sample !== undefined) throw usageError('give either a scenario file or --sample, not both');
    opts.file = positional[0];
  }
  return opts;
}

function parseInteger(flag: string, value: string, min: number, max: number, why?: string): number {
  const n = /^[+-]?\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max)
    throw usageError(`flag ${flag}: expected an integer from ${min} to ${max}, got '${value}'${why && Number.isSafeInteger(n) && n < min ? ` (${why})` : ''}`);
  return n;
}

function parseSample(value: string): SampleName {
  if ((SAMPLE_NAMES as readonly string[]).includes(value)) return value as SampleName;
  throw usageError(`flag --sample: unknown sample '${value}' (choose ${SAMPLE_NAMES.join(', ')})`);
}

export const HELP = `meshpath sim — run a data-path simulation headlessly and print its results

Usage:
  npm run sim -- [scenario.json] [flags]

  scenario.json        a SimSpec JSON file (stations, hops, routes, entry, load, run, seed);
                       without it, a built-in sample runs

Flags:
  --sample NAME        built-in sample: ${SAMPLE_NAMES.join(' | ')} (default mm1)
  --seed N             override the seed (integer 0..${MAX_SEED})
  --replications K     run K replications (seeds derived from the seed) and print
                       99% confidence intervals (K = 2..${MAX_REPLICATIONS})
  --json               print the full summary and the analytic estimate as JSON only
  -h, --help           show this help

Exit codes: 0 success, 1 bad input (file, JSON, scenario), 2 usage (flags).
Times are in microseconds (µs). Example: npm run sim -- models/scenarios/sample-two-tier.json
`;
