/**
 * The order the test files run in (scripts/vitest/sequencer.ts gives vitest's own order to this).
 *
 * A vitest worker that has run a file keeps its process, and the modules it loaded, only when the next
 * file in the queue is of the same project and the same environment (node, or jsdom for the UI tests):
 * otherwise it stops and a new one starts and loads everything again. Run in vitest's order (largest
 * first), the unit files switched between node and jsdom about seventy times in a run. So the files of
 * one project and environment run together, the group of most files last (many short files at the end
 * let the two workers finish together; a run that ended on the UI tests waited on the longest of them);
 * only the browser tests are spread through the rest, in a few clumps, so that while one worker drives Chromium (partly waiting on the page) the other runs unit
 * tests. Each clump takes every CLUMPS-th browser file, so each mixes long and short ones; clump c goes
 * in at the fraction c / CLUMPS of the way through the rest.
 */
export interface FileKind {
  project: string;
  environment: string;
}

export const CLUMPS = 4;
export const BROWSER_PROJECT = 'e2e';

export function runOrder<T>(sorted: readonly T[], kind: (file: T) => FileKind, clumps = CLUMPS): T[] {
  const browser = sorted.filter((f) => kind(f).project === BROWSER_PROJECT);
  // The rest by project and environment, each group in vitest's order; the groups by their number of files.
  const groups = new Map<string, T[]>();
  for (const f of sorted) {
    const k = kind(f);
    if (k.project === BROWSER_PROJECT) continue;
    const key = `${k.project}\u0000${k.environment}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(f);
  }
  const rest = [...groups.values()].sort((a, b) => a.length - b.length).flat();
  const clumped = Array.from({ length: clumps }, (_, c) => browser.filter((_, i) => i % clumps === c));
  const out: T[] = [];
  let c = 0;
  for (let i = 0; i < rest.length; i++) {
    while (c < clumps && c * rest.length <= i * clumps) out.push(...clumped[c++]);
    out.push(rest[i]);
  }
  while (c < clumps) out.push(...clumped[c++]);
  return out;
}

/** How many times a run in this order changes project or environment from one file to the next. */
export function kindChanges<T>(order: readonly T[], kind: (file: T) => FileKind): number {
  let n = 0;
  for (let i = 1; i < order.length; i++) {
    const [a, b] = [kind(order[i - 1]), kind(order[i])];
    if (a.project !== b.project || a.environment !== b.environment) n++;
  }
  return n;
}

/** The environment a file asks for in its first comment (`@vitest-environment jsdom`), else the project's. */
export function environmentOf(source: string, projectEnvironment: string): string {
  return /@vitest-environment\s+([\w-]+)/.exec(source.slice(0, 2000))?.[1] ?? projectEnvironment;
}
