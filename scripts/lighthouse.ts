// Lighthouse scores of the built site (desktop preset) for each page, checked against the release bar:
// performance, accessibility and best practices ≥ 90. Not part of CI (Lighthouse is a 110 MB download);
// run before a release and record the figures in docs/release.md:
//   npm run build && npx tsx scripts/lighthouse.ts
// It runs `npx lighthouse@12.2.3` (the last version for Node 20) with CHROME_PATH (default Debian's
// /usr/bin/chromium) against `vite preview` on a free port.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { preview } from 'vite';
import { CHROMIUM_ARGS } from '../e2e/chromium';

const PAGES = ['#/', '#/lessons', '#/compare', '#/simulate', '#/engine'];
const BAR = { performance: 90, accessibility: 90, 'best-practices': 90 } as const;

interface Report {
  categories: Record<string, { score: number }>;
  audits: Record<string, { displayValue?: string }>;
}

const server = await preview({ preview: { host: '127.0.0.1', port: 0 }, logLevel: 'warn' });
const base = server.resolvedUrls!.local[0];
const out = mkdtempSync(join(tmpdir(), 'lighthouse-'));
const failures: string[] = [];
try {
  console.log('page        perf  a11y  best  seo   FCP     LCP     TBT     CLS');
  for (const route of PAGES) {
    const file = join(out, `${route.replace(/\W/g, '') || 'home'}.json`);
    // Asynchronously: the preview server runs in this process and must keep answering meanwhile.
    await promisify(execFile)(
      'npx',
      [
        '--yes',
        'lighthouse@12.2.3',
        `${base}${route}`,
        '--preset=desktop',
        '--only-categories=performance,accessibility,best-practices,seo',
        `--chrome-flags=--headless=new ${CHROMIUM_ARGS.join(' ')}`,
        '--output=json',
        `--output-path=${file}`,
        '--quiet',
      ],
      { env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH ?? '/usr/bin/chromium' } },
    );
    const r = JSON.parse(readFileSync(file, 'utf8')) as Report;
    const score = (id: string) => Math.round(r.categories[id].score * 100);
    const metric = (id: string) => (r.audits[id].displayValue ?? '').padEnd(7);
    console.log(
      `${route.padEnd(11)} ${[
        score('performance'),
        score('accessibility'),
        score('best-practices'),
        score('seo'),
      ]
        .map((n) => String(n).padEnd(5))
        .join(
          ' ',
        )} ${metric('first-contentful-paint')} ${metric('largest-contentful-paint')} ${metric('total-blocking-time')} ${metric('cumulative-layout-shift')}`,
    );
    for (const [id, min] of Object.entries(BAR))
      if (score(id) < min) failures.push(`${route} ${id} ${score(id)} < ${min}`);
  }
} finally {
  await server.close();
}
if (failures.length) {
  console.error(`Below the bar: ${failures.join('; ')}`);
  process.exit(1);
}
console.log(`Every page meets the bar (reports in ${out}).`);
