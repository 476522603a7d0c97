// The initial-JavaScript budget: for each page, the gzip size of the scripts it loads before it can
// draw — dist/index.html's entry and its static imports, plus the page's own chunk and its static
// imports — read from the Vite manifest of a finished build. Fails (exit 1) when a budgeted page is over.
//   npx tsx scripts/checkBudget.ts [distDir]
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** KB (1,000 bytes) of gzip'd JavaScript each page may load initially; `null`: reported, not checked. */
export const BUDGET_KB = 400;

export interface BudgetPage {
  name: string;
  route: string;
  /** Manifest keys of the page's own chunks (dynamic imports), beside the entry. */
  chunks: string[];
  budget: number | null;
}

export interface ManifestChunk {
  file: string;
  imports?: string[];
  css?: string[];
}
export type Manifest = Record<string, ManifestChunk>;

export const PAGES: BudgetPage[] = [
  { name: 'home', route: '#/', chunks: [], budget: BUDGET_KB },
  { name: 'compare', route: '#/compare', chunks: ['src/app/comparePage.tsx'], budget: BUDGET_KB },
  { name: 'lessons', route: '#/lessons', chunks: ['src/app/lessonsPage.tsx'], budget: BUDGET_KB },
  { name: 'engine', route: '#/engine', chunks: ['src/app/enginePage.tsx'], budget: BUDGET_KB },
  // Simulate draws in 3D: three.js and react-three-fiber arrive with it (and ahead of it when idle).
  {
    name: 'simulate',
    route: '#/simulate',
    chunks: ['src/app/simulatePage.tsx', 'src/scene/Scene3D.tsx'],
    budget: null,
  },
];

/** Every chunk a set of manifest keys loads through static imports (the keys included). */
export function staticClosure(manifest: Manifest, keys: string[]): Set<string> {
  const seen = new Set<string>();
  const walk = (key: string) => {
    if (seen.has(key)) return;
    const entry = manifest[key];
    if (!entry)
      throw new Error(`the Vite manifest has no entry "${key}" (renamed? update scripts/checkBudget.mjs)`);
    seen.add(key);
    for (const k of entry.imports ?? []) walk(k);
  };
  keys.forEach(walk);
  return seen;
}

/** Sizes, in bytes, of the JavaScript and CSS a page loads initially. */
export function pageSizes(dist: string, manifest: Manifest, page: BudgetPage) {
  const keys = staticClosure(manifest, ['index.html', ...page.chunks]);
  const files = new Set<string>();
  const css = new Set<string>();
  for (const k of keys) {
    files.add(manifest[k].file);
    for (const c of manifest[k].css ?? []) css.add(c);
  }
  // With CSS not split (build.cssCodeSplit: false), every page loads the one stylesheet.
  if (manifest['style.css']) css.add(manifest['style.css'].file);
  const size = (f: string) => {
    const buf = readFileSync(join(dist, f));
    return { raw: buf.length, gzip: gzipSync(buf, { level: 9 }).length };
  };
  const sum = (set: Set<string>) =>
    [...set].map(size).reduce((a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip }), { raw: 0, gzip: 0 });
  return { js: sum(files), css: sum(css), files: [...files].sort() };
}

function main() {
  const dist = process.argv[2] ?? 'dist';
  const manifestPath = join(dist, '.vite', 'manifest.json');
  if (!existsSync(manifestPath)) {
    console.error(`${manifestPath} is missing: run \`npm run build\` first (build.manifest must stay on).`);
    process.exit(2);
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  const kb = (n: number) => (n / 1000).toFixed(1);
  const over: string[] = [];
  console.log('Initial JavaScript per page (gzip level 9; KB = 1,000 bytes):');
  console.log('page       route        JS gzip   JS raw     CSS gzip  budget');
  for (const page of PAGES) {
    const s = pageSizes(dist, manifest, page);
    const verdict =
      page.budget === null
        ? 'not budgeted'
        : s.js.gzip / 1000 <= page.budget
          ? `≤ ${page.budget} ok`
          : `> ${page.budget} OVER`;
    if (page.budget !== null && s.js.gzip / 1000 > page.budget) over.push(page.name);
    console.log(
      `${page.name.padEnd(10)} ${page.route.padEnd(12)} ${kb(s.js.gzip).padStart(7)}  ${kb(s.js.raw).padStart(8)}  ${kb(s.css.gzip).padStart(8)}  ${verdict}`,
    );
  }
  if (over.length) {
    console.error(
      `Over the initial JavaScript budget: ${over.join(', ')}. Load heavy views lazily (src/app/pages.ts).`,
    );
    process.exit(1);
  }
  console.log('Every budgeted page is within its budget.');
}

if (import.meta.url === `file://${process.argv[1]}`) main();
