// For the single-file build: turns each `new Worker(new URL('./x.worker.ts', import.meta.url), opts)` into
// Vite's `./x.worker.ts?worker&inline` constructor, so the worker's code travels inside the page and
// starts from a blob: URL (a page opened from disk may load no other file). The source keeps the
// standard form, which the served build emits as separate worker files.
import type { Plugin } from 'vite';

const WORKER_RE =
  /new Worker\(\s*new URL\(\s*(['"])([^'"]+?\.worker\.ts)\1\s*,\s*import\.meta\.url\s*\)\s*(?:,\s*(\{[^{}]*\})\s*)?\)/g;

/** The module's code with its workers inlined, and how many it found; throws on a form it cannot rewrite. */
export function inlineWorkerConstructors(code: string, id: string): { code: string; count: number } {
  const imports: string[] = [];
  const out = code.replace(WORKER_RE, (_m, _q, path: string, opts: string | undefined) => {
    const name = `__meshpathInlineWorker${imports.length}`;
    imports.push(`import ${name} from ${JSON.stringify(`${path}?worker&inline`)};`);
    return `new ${name}(${opts ?? ''})`;
  });
  if (/new Worker\(/.test(out))
    throw new Error(
      `${id}: a Worker is created in a form the single-file build cannot inline; write it as ` +
        "new Worker(new URL('./name.worker.ts', import.meta.url), { type: 'module', name: '…' })",
    );
  return { code: imports.length ? `${imports.join('\n')}\n${out}` : code, count: imports.length };
}

/** `expected`: how many worker constructions the app has; the build fails if it finds another number. */
export function inlineWorkers(expected: number): Plugin {
  let found = 0;
  return {
    name: 'meshpath:inline-workers',
    enforce: 'pre',
    apply: 'build',
    buildStart() {
      found = 0;
    },
    transform(code, id) {
      if (!/[\\/]src[\\/].*\.tsx?$/.test(id) || !code.includes('new Worker(')) return null;
      const r = inlineWorkerConstructors(code, id);
      found += r.count;
      return { code: r.code, map: null };
    },
    buildEnd(error) {
      if (!error && found !== expected)
        this.error(`the single-file build inlined ${found} workers, expected ${expected} (engine and trace)`);
    },
  };
}
