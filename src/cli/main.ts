/**
 * `npm run sim -- [scenario.json] [flags]`: runs a scenario file or a built-in sample headlessly and
 * prints a table (or JSON). The logic is `runCli`, which takes argv and output streams and returns the
 * exit code; the bottom of the file wires it to the process when run directly.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { HELP, parseArgs } from './args';
import { CliError, EXIT_INPUT, EXIT_OK, usageError } from './errors';
import { isSweepFile, mergeSweepParts, resolveSweep, runSweep, sweepJson } from './sweep';
import { renderJson } from './jsonReport';
import { renderReport } from './report';
import { execute, resolveScenario } from './run';
import {
  comparisonPrecision,
  executeComparison,
  isComparisonScenario,
  rejectComparisonFlags,
  resolveComparison,
} from './compare';
import { renderComparison, renderComparisonCsv, renderComparisonJson } from './compareReport';
import { createProgress, NO_PROGRESS } from './progress';
import { readJsonFile } from './scenario';

export interface CliIo {
  stdout: { write(chunk: string): unknown };
  /** Progress goes here when it is a terminal (isTTY) or --progress is given. */
  stderr: { write(chunk: string): unknown; isTTY?: boolean };
  /** Wall clock for the progress display (tests pass their own). */
  now?: () => number;
}

/**
 * Runs the CLI. Output is written only once the run succeeded, so a failure leaves stdout empty and
 * puts a short message on stderr: exit 2 for usage errors, 1 for bad input.
 */
export function runCli(argv: readonly string[], io: CliIo): number {
  try {
    const opts = parseArgs(argv);
    if (opts.help) {
      io.stdout.write(HELP);
      return EXIT_OK;
    }
    if (opts.merge) {
      io.stdout.write(
        sweepJson(mergeSweepParts(opts.merge.map((f) => ({ source: f, raw: readJsonFile(f) })))),
      );
      return EXIT_OK;
    }
    const raw = opts.file !== undefined ? readJsonFile(opts.file) : undefined;
    const tty = io.stderr.isTTY === true;
    const progress = tty || opts.progress ? createProgress(io.stderr, tty, io.now ?? Date.now) : NO_PROGRESS;
    const warn = (line: string) => io.stderr.write(`${line}\n`);
    if (opts.file !== undefined && isSweepFile(raw)) {
      const sweep = resolveSweep(raw, opts.file, opts);
      io.stdout.write(sweepJson(runSweep(sweep, opts.file, opts, progress, warn)));
      return EXIT_OK;
    }
    if (opts.shard) throw usageError('--shard applies to sweep files (a scenario with a "sweep" section)');
    if (opts.preset !== undefined || isComparisonScenario(raw)) {
      const { source, scenario } = resolveComparison(opts, raw);
      const outcome = executeComparison(source, scenario, opts.replications, opts.models, progress, {
        precision: comparisonPrecision(opts),
        threads: opts.threads,
        warn,
      });
      io.stdout.write(
        opts.json
          ? `${renderComparisonJson(outcome)}\n`
          : opts.csv
            ? renderComparisonCsv(outcome)
            : `${renderComparison(outcome).join('\n')}\n`,
      );
      return EXIT_OK;
    }
    rejectComparisonFlags(opts);
    const outcome = execute(resolveScenario(opts), opts.replications, progress);
    io.stdout.write(opts.json ? `${renderJson(outcome)}\n` : `${renderReport(outcome).join('\n')}\n`);
    return EXIT_OK;
  } catch (err) {
    if (err instanceof CliError) {
      io.stderr.write(`${err.message}\n`);
      if (err.exitCode === 2) io.stderr.write('run with --help for usage\n');
      return err.exitCode;
    }
    // A bug, not bad input: keep the stack for the report.
    io.stderr.write(`internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return EXIT_INPUT;
  }
}

function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  // `npm run sim | head` closes the pipe early: that is not an error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
  process.exitCode = runCli(process.argv.slice(2), process);
}
