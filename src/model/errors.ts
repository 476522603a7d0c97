/**
 * Errors every layer can raise and recognise with `instanceof` (classes here, in the bottom layer,
 * so the page's machines can test them without importing a worker).
 */

/** An answer asked for before the page moved on (another scenario was opened). */
export class SupersededError extends Error {
  constructor() {
    super('superseded by a newer scenario');
    this.name = 'SupersededError';
  }
}

/** The architecture cannot run the scenario; `reasons` are the feature matrix's, one per setting. */
export class UnsupportedArchitectureError extends Error {
  constructor(
    message: string,
    readonly architecture: string,
    readonly reasons: string[],
  ) {
    super(message);
    this.name = 'UnsupportedArchitectureError';
  }
}
