/**
 * Playback benchmark (not a test): plays every preset of the Simulate page's picker in the load view
 * and the trace (packet) view at every slow-down the page offers, each for a bounded wall time or to
 * the end of the run, and reports per run the main-thread tasks over 50 ms — as the page sees them
 * (PerformanceObserver 'longtask') and from a Chromium trace, with the main thread's time inside them
 * split into React, three.js/r3f, the page's other JavaScript, GC, style/layout/paint, synchronous GL
 * calls (SwiftShader reads each WebGL frame back) and time off the CPU (waiting for a core or for the
 * GPU process). Headless Chromium, software WebGL; needs a built site.
 *
 * Run: npm run bench:playback   (builds first), or npx tsx scripts/bench-playback.ts
 * Options: --presets a,b  --views load,trace  --speeds 1,10  --window SECONDS (default 8)  --quick
 * (one preset, two speeds, 3 s: a check that the script runs). BENCH_DIST=<dir> serves another build
 * (an older commit's) for a before/after; BENCH_PORT picks the port (default 4176).
 * Each (preset, view) is one page: an "open" row for loading it (first frames, shader compile), then
 * each speed from t = 0 (Restart). The machine's load average is printed: on a shared machine read
 * the CPU columns, not the wall time alone.
 */
import os from 'node:os';
import { chromium, type Page } from 'playwright-core';
import { preview } from 'vite';
import { CHROMIUM_ARGS } from '../e2e/chromium';
import {
  longTasks,
  markTime,
  runCpu,
  topFunctions,
  type LongTaskBreakdown,
  type RunCpu,
  type TraceEvent,
} from './bench-playback-trace';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const list = (name: string) => arg(name)?.split(',').filter(Boolean);
const QUICK = process.argv.includes('--quick');
const WINDOW_MS = 1000 * Number(arg('window') ?? (QUICK ? 3 : 8));
const VIEWS = list('views') ?? ['load', 'trace'];
const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8.execute',
  'gpu',
  // Samples say whose JavaScript ran (React, three.js, the page's own); names are minified, chunks are not.
  'disabled-by-default-v8.cpu_profiler',
].join(',');

interface Row {
  preset: string;
  view: string;
  speed: string;
  /** Simulated time reached, µs, and whether playback reached the end. */
  ended: boolean;
  observed: number[];
  trace: LongTaskBreakdown;
  /** The main thread over the whole run (all tasks), per second. */
  perSecond: RunCpu;
  errors: string[];
}

/** Marks where the measured work starts, in the trace and for the page's long-task observer. */
const MARK = 'bench:start';
/** Time for the task that starting the trace's V8 sampler costs the page (see markTime) to pass. */
const SETTLE_MS = 1000;

/**
 * Runs `body` under a trace. The trace starts SETTLE_MS before it, and the page marks the moment
 * `body` starts, so the sampler's own start-up task is neither in the trace's figures nor the observer's.
 */
async function traced<T>(page: Page, body: () => Promise<T>): Promise<{ value: T; events: TraceEvent[] }> {
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (d) => events.push(...(d.value as unknown as TraceEvent[])));
  const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.start', { categories: CATEGORIES, transferMode: 'ReportEvents' });
  await page.waitForTimeout(SETTLE_MS);
  await observed(page);
  await page.evaluate((m) => console.timeStamp(m), MARK);
  const value = await body();
  await cdp.send('Tracing.end');
  await done;
  await cdp.detach();
  return { value, events };
}

const observed = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as { __longTasks: number[] };
    const l = w.__longTasks;
    w.__longTasks = [];
    return l;
  });

/** The primary transport button (Play / Pause), clicked inside the page: no locator polling during runs. */
const clickPlay = (page: Page) =>
  page.evaluate(() => document.querySelector<HTMLButtonElement>('.sim-transport button.primary')!.click());
const playing = (page: Page) =>
  page.evaluate(() => document.querySelector('.sim-transport button.primary')?.textContent === 'Pause');

async function openPage(
  browser: import('playwright-core').Browser,
  base: string,
  preset: string,
  view: string,
) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e).slice(0, 200)));
  await page.addInitScript(() => {
    const w = window as unknown as { __longTasks: number[] };
    w.__longTasks = [];
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) w.__longTasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  // Home first, then the Simulate page by its link's address (the same document: the trace's renderer
  // is already running, and its sampler's start-up is over before the page opens).
  await page.goto(`${base}#/`);
  await page.waitForSelector('h1');
  const open = await traced(page, async () => {
    await page.evaluate((h) => (location.hash = h), `#/simulate?preset=${preset}&view=${view}&aa=0`);
    // The picture's first frames, or what the page says instead (an error, a design that cannot run).
    await page.waitForFunction(
      () =>
        (window.__meshpathScene?.frames ?? 0) > 2 ||
        !!document.querySelector('[data-testid="session-error"], [data-testid="unsupported"]'),
      null,
      { timeout: 180_000, polling: 250 },
    );
  });
  errors.push(...(await pageProblems(page)));
  return { ctx, page, errors, open: open.events };
}

/** What the page shows instead of playing: its error box or why the design cannot run the scenario. */
const pageProblems = (page: Page): Promise<string[]> =>
  page.evaluate(() =>
    [...document.querySelectorAll('[data-testid="session-error"], [data-testid="unsupported"]')].map((e) =>
      (e.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 200),
    ),
  );

async function run(page: Page, speed: string): Promise<{ ended: boolean; events: TraceEvent[] }> {
  await page.evaluate(() => {
    const restart = [...document.querySelectorAll<HTMLButtonElement>('.sim-transport button')].find(
      (b) => b.textContent === 'Restart',
    );
    restart?.click();
  });
  await page.selectOption('.sim-speed select', speed);
  await page.waitForTimeout(300);
  const r = await traced(page, async () => {
    await clickPlay(page); // inside the page (no locator polling), as the keyboard's Space would
    // At the end of the run playback pauses by itself; otherwise stop after the window.
    const ended = await page
      .waitForFunction(
        () => document.querySelector('.sim-transport button.primary')?.textContent === 'Play',
        null,
        { timeout: WINDOW_MS, polling: 500 },
      )
      .then(
        () => true,
        () => false,
      );
    if (!ended && (await playing(page))) await clickPlay(page);
    return ended;
  });
  return { ended: r.value, events: r.events };
}

/** BENCH_TOP=1: the functions with the most self time on the main thread, per run. */
const top = (events: TraceEvent[]) => {
  if (process.env.BENCH_TOP) console.log(topFunctions(events, 25, markTime(events, MARK)).join('\n'));
};

const fmt = (x: number) => (x >= 10 ? x.toFixed(0) : x.toFixed(1));

function print(rows: Row[]) {
  console.log(
    '| preset | view | slow-down | to end | long tasks (observer) | longest, ms | traced > 50 ms | wall, ms | main-thread CPU, ms | React | three/r3f | page JS | GC | style/layout/paint | GL calls (wall) | off CPU (wall) | all tasks: CPU ms/s | React ms/s | three/r3f ms/s | page JS ms/s |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    const t = r.trace;
    console.log(
      `| ${r.preset} | ${r.view} | ${r.speed} | ${r.speed === 'open' ? '' : r.ended ? 'yes' : 'no'} | ${r.observed.length} | ${fmt(Math.max(0, ...r.observed))} | ` +
        `${t.count} | ${fmt(t.wall)} | ${fmt(t.cpu)} | ${fmt(t.react)} | ${fmt(t.three)} | ${fmt(t.page)} | ${fmt(t.gc)} | ${fmt(t.render)} | ${fmt(t.gl)} | ${fmt(t.offCpu)} | ` +
        `${fmt(r.perSecond.cpu)} | ${fmt(r.perSecond.react)} | ${fmt(r.perSecond.three)} | ${fmt(r.perSecond.page)} |` +
        (r.errors.length ? ` errors: ${r.errors.join('; ')}` : ''),
    );
  }
}

async function main() {
  const load0 = os.loadavg();
  const server = await preview({
    build: { outDir: process.env.BENCH_DIST ?? 'dist' },
    preview: { host: '127.0.0.1', port: Number(process.env.BENCH_PORT ?? 4176), strictPort: true },
    logLevel: 'warn',
  });
  const base = server.resolvedUrls!.local[0];
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
  const rows: Row[] = [];
  try {
    // What the page offers: the preset picker's presets and the slow-down select's factors.
    const first = await openPage(browser, base, 'istio-benchmark', 'load');
    const offered = await first.page.evaluate(() => ({
      presets: [...document.querySelectorAll<HTMLSelectElement>('.sim-choices select')[0].options].map(
        (o) => o.value,
      ),
      speeds: [...document.querySelectorAll<HTMLOptionElement>('.sim-speed select option')].map(
        (o) => o.value,
      ),
    }));
    await first.ctx.close();
    const presets = list('presets') ?? (QUICK ? ['istio-benchmark'] : offered.presets);
    const speeds = list('speeds') ?? (QUICK ? ['1', '1000'] : offered.speeds);
    for (const preset of presets)
      for (const view of QUICK ? ['load'] : VIEWS) {
        let p: Awaited<ReturnType<typeof openPage>>;
        try {
          p = await openPage(browser, base, preset, view);
        } catch (e) {
          console.log(`${preset} ${view}: the page did not open: ${String(e).slice(0, 200)}`);
          continue;
        }
        const base0 = { preset, view };
        rows.push({
          ...base0,
          errors: p.errors.splice(0),
          speed: 'open',
          ended: true,
          observed: await observed(p.page),
          trace: longTasks(p.open, 50, markTime(p.open, MARK)),
          perSecond: runCpu(p.open, markTime(p.open, MARK)),
        });
        top(p.open);
        console.log(JSON.stringify(rows.at(-1)));
        // A page that shows an error or cannot run the design has nothing to play.
        if (rows.at(-1)!.errors.length) {
          await p.ctx.close();
          continue;
        }
        for (const speed of speeds) {
          let r: Awaited<ReturnType<typeof run>>;
          try {
            r = await run(p.page, speed);
          } catch (e) {
            const problems = await pageProblems(p.page).catch(() => []);
            console.log(
              `${preset} ${view} at ${speed}: ${[...problems, String(e)].join('; ').slice(0, 300)}`,
            );
            break;
          }
          p.errors.push(...(await pageProblems(p.page)));
          rows.push({
            ...base0,
            errors: p.errors.splice(0),
            speed,
            ended: r.ended,
            observed: await observed(p.page),
            trace: longTasks(r.events, 50, markTime(r.events, MARK)),
            perSecond: runCpu(r.events, markTime(r.events, MARK)),
          });
          top(r.events);
          console.log(JSON.stringify(rows.at(-1)));
        }
        await p.ctx.close();
      }
  } finally {
    await browser.close();
    await server.close();
  }
  const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(' ');
  console.log(
    `\nbuild: ${process.env.BENCH_DIST ?? 'dist'}; window ${WINDOW_MS / 1000} s per run; load average (1, 5, 15 min) ${load(load0)} at the start, ${load(os.loadavg())} at the end`,
  );
  console.log(
    `machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown cpu'}; 1280×900, antialias off, SwiftShader; times in ms, summed over the run's tasks over 50 ms`,
  );
  print(rows);
}

void main();
