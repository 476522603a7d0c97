import { ARCHITECTURE_IDS, type ArchitectureId } from '../model/architecture';
import {
  DEFAULT_PRECISION,
  MAX_REPLICATIONS as PRECISION_MAX_REPLICATIONS,
  PRECISION_RANGE,
} from '../model/precision';
import { usageError } from './errors';
import { PRESET_NAMES, type PresetName } from './presets';
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
  /** Comparisons: the precision target (relative half-width), or null for a fixed count (`--precision fixed`). */
  precision?: number | null;
  /** Comparisons: threads to share the runs among, this one included (default: one per core for long runs). */
  threads?: number;
  /** Sweeps: run only shard `index` of `count` (points index, index+count, …). */
  shard?: { index: number; count: number };
  /** Merge the sweep parts named by the positional arguments. */
  merge?: string[];
  /** Comparison mode: a preset scenario, the architectures to run, the cost profile, CSV output. */
  preset?: PresetName;
  arch?: ArchitectureId[];
  profile?: 'low' | 'default' | 'high';
  csv: boolean;
  /** A directory of edited model files replacing the shipped ones. */
  models?: string;
  /** Lift the practical limits on size and run time (validity bounds still apply). */
  noLimits: boolean;
  /** Show progress on stderr even when it is not a terminal. */
  progress: boolean;
}

export const MAX_SEED = 0xffffffff;
export const MAX_REPLICATIONS = 1000;
export const MAX_THREADS = 64;

const BOOLEAN_FLAGS = new Set(['help', 'json', 'csv', 'no-limits', 'progress', 'merge']);
const VALUE_FLAGS = new Set([
  'seed',
  'replications',
  'precision',
  'threads',
  'shard',
  'sample',
  'preset',
  'arch',
  'profile',
  'models',
]);
const PROFILES = ['low', 'default', 'high'] as const;

/**
 * Parses argv (without node and the script). Flags: --help/-h, --json, --seed N, --replications K,
 * --sample NAME, each also as --flag=value; `--` ends the flags. Throws a usage CliError naming the flag.
 */
export function parseArgs(argv: readonly string[]): CliOptions {
  const opts: CliOptions = { help: false, json: false, csv: false, noLimits: false, progress: false };
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
      else if (name === 'csv') opts.csv = true;
      else if (name === 'no-limits') opts.noLimits = true;
      else if (name === 'progress') opts.progress = true;
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
    else if (name === 'replications')
      opts.replications = parseInteger(
        '--replications',
        value,
        2,
        MAX_REPLICATIONS,
        'a confidence interval needs at least 2 runs',
      );
    else if (name === 'precision') opts.precision = parsePrecision(value);
    else if (name === 'threads') opts.threads = parseInteger('--threads', value, 1, MAX_THREADS);
    else if (name === 'shard') opts.shard = parseShard(value);
    else if (name === 'sample') opts.sample = parseSample(value);
    else if (name === 'preset') opts.preset = parseChoice('--preset', value, PRESET_NAMES);
    else if (name === 'profile') opts.profile = parseChoice('--profile', value, PROFILES);
    else if (name === 'models') opts.models = value;
    else opts.arch = parseArchList(value);
  }
  if (opts.json && opts.csv) throw usageError('give either --json or --csv, not both');

  if (seen.has('merge')) {
    if (positional.length === 0) throw usageError('--merge needs the part files to merge');
    opts.merge = positional;
    return opts;
  }
  if (positional.length > 1)
    throw usageError(`expected at most one scenario file, got ${positional.length}: ${positional.join(' ')}`);
  if (positional.length === 1) {
    if (opts.sample !== undefined) throw usageError('give either a scenario file or --sample, not both');
    if (opts.preset !== undefined) throw usageError('give either a scenario file or --preset, not both');
    opts.file = positional[0];
  }
  if (opts.preset !== undefined && opts.sample !== undefined)
    throw usageError('give either --preset or --sample, not both');
  if (opts.sample !== undefined && (opts.arch || opts.profile || opts.csv || opts.models))
    throw usageError(
      `--arch, --profile, --models and --csv apply to scenario comparisons (--preset or a scenario file), not to --sample`,
    );
  return opts;
}

function parseInteger(flag: string, value: string, min: number, max: number, why?: string): number {
  const n = /^[+-]?\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max)
    throw usageError(
      `flag ${flag}: expected an integer from ${min} to ${max}, got '${value}'${why && Number.isSafeInteger(n) && n < min ? ` (${why})` : ''}`,
    );
  return n;
}

function parseChoice<T extends string>(flag: string, value: string, choices: readonly T[]): T {
  if ((choices as readonly string[]).includes(value)) return value as T;
  throw usageError(`flag ${flag}: unknown value '${value}' (choose ${choices.join(', ')})`);
}

function parseArchList(value: string): ArchitectureId[] {
  const ids = value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
  if (ids.length === 0) throw usageError('flag --arch needs at least one architecture');
  for (const id of ids)
    if (!(ARCHITECTURE_IDS as readonly string[]).includes(id))
      throw usageError(
        `flag --arch: unknown architecture '${id}' (choose from ${ARCHITECTURE_IDS.join(', ')})`,
      );
  return [...new Set(ids)] as ArchitectureId[];
}

function parseSample(value: string): SampleName {
  if ((SAMPLE_NAMES as readonly string[]).includes(value)) return value as SampleName;
  throw usageError(`flag --sample: unknown sample '${value}' (choose ${SAMPLE_NAMES.join(', ')})`);
}

export const HELP = `meshpath sim — run a data-path simulation headlessly and print its results

Usage:
  npm run sim -- [scenario.json] [flags]

  scenario.json        a scenario (topology, workload, features, architectures — compared side
                       by side), or a SimSpec (stations, hops, routes, entry, load, run, seed);
                       without it, a built-in sample runs

Flags:
  --preset NAME        compare architectures on a preset scenario:
                       ${PRESET_NAMES.join(' | ')}
  --arch A,B,...       architectures to compare (default: the scenario's list):
                       ${ARCHITECTURE_IDS.join(', ')}
  --profile P          hop cost profile: low | default | high
  --models DIR         use edited model files from DIR (hop-kinds.json, citations.json,
                       features.json, footprints.json, architectures/*.json) instead of
                       the shipped ones; each is validated first
  --csv                print the comparison as CSV only
  --sample NAME        built-in queueing sample: ${SAMPLE_NAMES.join(' | ')} (default mm1)
  --seed N             override the seed (integer 0..${MAX_SEED})
  --replications K     run K replications (seeds derived from the seed) and print
                       99% confidence intervals (K = 2..${MAX_REPLICATIONS}); with --precision,
                       the first round's count
  --precision P        comparisons: add rounds of replications until every design's
                       added p50/p99 latency and vCPU per 1000 rps are known to ±P %
                       (${PRECISION_RANGE.min * 100}..${PRECISION_RANGE.max * 100}; at most ${PRECISION_MAX_REPLICATIONS} replications), or "fixed"
  --threads N          comparisons: share the runs among N threads (this one and N-1 workers)
                       (1..${MAX_THREADS}; default one per core for runs of 100,000 requests
                       or more, else 1); the numbers do not depend on N
  --shard k/N          sweep files: run only points k, k+N, k+2N, … and print that part
  --merge PART...      put the parts of a sharded sweep together: exactly the JSON one
                       unsharded run prints (docs/sweeps.md)
  --json               print the full summary and the analytic estimate as JSON only
  --no-limits          lift the practical limits on size and run time (connections,
                       pods, requests per run, …) that the page applies; runs may then
                       take minutes and gigabytes. Validity bounds still apply.
  --progress           show progress on stderr even when stderr is not a terminal
                       (on a terminal it is shown for runs longer than 2 s)
  -h, --help           show this help

Exit codes: 0 success, 1 bad input (file, JSON, scenario, or no requested
architecture can run it), 2 usage (flags).
Comparisons run rounds of replications (5 first) until ±${DEFAULT_PRECISION * 100} %, as the page does;
--replications K alone runs exactly K, as does --precision fixed.
Times are in microseconds (µs). Output sent to a file needs npm's -s (silent),
or npm's own header lines go in first. Examples:
  npm run sim -- --preset istio-benchmark
  npm run sim -- --preset istio-benchmark --arch sidecar-envoy,ambient --profile high --csv
  npm run sim -- models/scenarios/sample-two-tier.json
  npm run -s sim -- models/scenarios/sweep-connections.json --shard 0/4 > part-0.json
  npm run -s sim -- --merge part-*.json > sweep-result.json
`;

/** `--precision`: a percentage within the accepted range, or `fixed`. */
function parsePrecision(value: string): number | null {
  if (value === 'fixed') return null;
  const pct = /^\d+(\.\d+)?%?$/.test(value) ? Number(value.replace('%', '')) : NaN;
  const { min, max } = PRECISION_RANGE;
  if (!(pct / 100 >= min && pct / 100 <= max))
    throw usageError(
      `--precision must be a percentage from ${min * 100} to ${max * 100} (e.g. 2 for ±2 %) or "fixed", got ${value.slice(0, 40)}`,
    );
  return pct / 100;
}

/** `--shard k/N`: shard k (from 0) of N. */
function parseShard(value: string): { index: number; count: number } {
  const m = /^(\d{1,4})\/(\d{1,4})$/.exec(value);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!(count >= 1 && count <= 10_000 && index >= 0 && index < count))
    throw usageError(`--shard must be k/N with 0 ≤ k < N ≤ 10000 (e.g. 0/4), got ${value.slice(0, 40)}`);
  return { index, count };
}
