import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * The import graph of our own source (type-only imports included: a circle of types still ties two
 * files together), and its circles. Used by src/app/imports.test.ts and `npm run check:imports`.
 */

const EXTS = ['.ts', '.tsx'];
const IMPORT = /(?:^|\n)\s*(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\sfrom\s+)?['"](\.[^'"]+)['"]/g;

function files(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...files(p));
    else if (EXTS.some((e) => name.endsWith(e)) && !/\.(test|bench)\.tsx?$/.test(name)) out.push(p);
  }
  return out;
}

function resolveImport(from: string, spec: string): string | null {
  const base = resolve(dirname(from), spec);
  for (const cand of [base, ...EXTS.map((e) => base + e), ...EXTS.map((e) => join(base, 'index' + e))])
    try {
      if (statSync(cand).isFile()) return cand;
    } catch {
      // not this one
    }
  return null;
}

export function importGraph(root: string): Map<string, string[]> {
  const g = new Map<string, string[]>();
  for (const f of files(root)) {
    const text = readFileSync(f, 'utf8');
    const deps: string[] = [];
    for (const m of text.matchAll(IMPORT)) {
      const r = resolveImport(f, m[1]);
      if (r && EXTS.some((e) => r.endsWith(e))) deps.push(relative(process.cwd(), r));
    }
    g.set(relative(process.cwd(), f), deps);
  }
  return g;
}

/** Every circle found by a depth-first walk, each as the files along it (first file repeated at the end). */
export function circles(g: Map<string, string[]>): string[][] {
  const state = new Map<string, 0 | 1 | 2>();
  const stack: string[] = [];
  const found: string[][] = [];
  const walk = (n: string) => {
    state.set(n, 1);
    stack.push(n);
    for (const d of g.get(n) ?? []) {
      const s = state.get(d) ?? 0;
      if (s === 1) found.push([...stack.slice(stack.indexOf(d)), d]);
      else if (s === 0 && g.has(d)) walk(d);
    }
    stack.pop();
    state.set(n, 2);
  };
  for (const n of [...g.keys()].sort()) if (!state.get(n)) walk(n);
  return found;
}

if (process.argv[1] && process.argv[1].endsWith('importGraph.ts')) {
  const found = circles(importGraph('src'));
  for (const c of found) console.log(c.join(' → '));
  console.log(found.length ? `${found.length} import circle(s)` : 'no import circles');
  process.exit(found.length ? 1 : 0);
}
