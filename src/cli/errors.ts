/** Exit codes of `npm run sim`. */
export const EXIT_OK = 0;
/** Bad input: an unreadable file, invalid JSON, an invalid scenario. */
export const EXIT_INPUT = 1;
/** Usage: an unknown flag, a missing or invalid flag value. */
export const EXIT_USAGE = 2;

/** An error the CLI reports as a short message on stderr (no stack), exiting with `exitCode`. */
export class CliError extends Error {
  constructor(
    readonly exitCode: number,
    message: string,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export const usageError = (message: string): CliError => new CliError(EXIT_USAGE, message);
export const inputError = (message: string): CliError => new CliError(EXIT_INPUT, message);
