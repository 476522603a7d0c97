// Compare page benchmark (not a test): in headless Chromium on the built site, the time from a control
// change to the analytic result on screen, and to the finished default comparison (5 architectures ×
// 5 replications × 4,000 measured requests), and how long the background load sweep takes after it.
// Odd rounds change the control while the previous round's load sweep is still running, to show the
// sweep does not hold up the next result. Run: npm run bench:compare (ROUNDS=n, BENCH_PORT=port;
// PRESET=pods-400 first times opening that preset from the picker, then opening the link it leaves in
// a new browser context (the first one closed), as someone it was shared with would; then changes its
// rate there. BENCH_DIST=dir serves another build, for a before/after in one sitting:
// node --import tsx scripts/compare-bench.ts).
// "Finished" is the first simulated result on screen; with a precision target, further rounds may
// refine it, and "precise" is when the last one is on screen.
import os from 'node:os';
import { preview } from 'vite';
import { launchChromium } from '../e2e/chromium.ts';
import { memorySampler, mib } from './procMemory.ts';

const ROUNDS = Number(process.env.ROUNDS ?? 9);
const PRESET = process.env.PRESET;

const server = await preview({
  preview: { host: '127.0.0.1', port: Number(process.env.BENCH_PORT ?? 4185), strictPort: true },
  build: { outDir: process.env.BENCH_DIST ?? 'dist' },
  logLevel: 'warn',
});
const base = server.resolvedUrls!.local[0];
const browser = await launchChromium();
const memory = memorySampler();
let page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
const sweepDone = () =>
  page.locator('[data-testid="sweep-state"][data-status="done"]').waitFor({ timeout: 120_000 });
await page.goto(`${base}#/compare`);
await page.locator('[data-testid="run-state"][data-simulated="true"]').waitFor({ timeout: 120_000 });
await sweepDone();

/**
 * In the page: from `t0` (page time, ms), when the run state first leaves a simulated result, when the
 * next simulated result is on screen (finished), when its last round is (precise: not refining, not
 * running), and the longest main-thread task in between; and the longest from the estimate on screen
 * to the load sweep's end (`runsLongest`: while the workers run, the page's own loading left out).
 */
const WATCH = `window.__benchWatch = (t0) => {
  const rec = { analytic: null, left: false, finished: null, precise: null, longest: 0, runsLongest: 0, sweptAt: null };
  const po = new PerformanceObserver((list) => list.getEntries().forEach((e) => {
    if (e.startTime >= t0 && rec.precise === null) rec.longest = Math.max(rec.longest, e.duration);
    if (rec.analytic !== null && e.startTime >= t0 + rec.analytic && (rec.sweptAt === null || e.startTime < rec.sweptAt))
      rec.runsLongest = Math.max(rec.runsLongest, e.duration);
  }));
  po.observe({ type: 'longtask', buffered: true });
  const check = () => {
    const el = document.querySelector('[data-testid="run-state"]');
    if (!el) return;
    if (rec.precise !== null) {
      const sweep = document.querySelector('[data-testid="sweep-state"]');
      if (rec.sweptAt === null && sweep && sweep.dataset.status === 'done') rec.sweptAt = performance.now();
      return;
    }
    const d = el.dataset;
    const t = performance.now() - t0;
    if (d.simulated === 'false') rec.left = true;
    if (!rec.left) return;
    if (rec.analytic === null && d.phase !== 'estimating') rec.analytic = t;
    if (rec.finished === null && d.simulated === 'true') rec.finished = t;
    if (d.simulated === 'true' && d.refining === 'false' && d.phase !== 'running') rec.precise = t;
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
  check();
  return rec;
};`;
interface Opened {
  analytic: number;
  finished: number;
  precise: number;
  longest: number;
  /** Read once the load sweep is done (`swept`). */
  runsLongest: number;
}
/** The longest task from the estimate to the sweep's end, read once the sweep is done. */
const swept = async (p: typeof page, o: Opened): Promise<void> => {
  await p.waitForTimeout(300); // a long task's entry arrives after the task
  o.runsLongest = await p.evaluate(
    () => (window as unknown as { __benchRec: Opened }).__benchRec.runsLongest,
  );
};
const watched = async (p: typeof page): Promise<Opened> => {
  await p.waitForFunction(
    () => (window as unknown as { __benchRec?: { precise: number | null } }).__benchRec?.precise != null,
    undefined,
    { timeout: 300_000, polling: 200 },
  );
  return p.evaluate(() => (window as unknown as { __benchRec: Opened }).__benchRec);
};

// Opening a preset from the picker, timed to its estimate and to its finished comparison; then its
// link, opened in a new browser context (its own workers, nothing cached), as a shared link would be.
let opened: Opened | null = null;
let linked: (Opened & { length: number }) | null = null;
// Peak resident memory of the browser (all its processes; the renderers alone) over each phase.
const peaks: [string, ReturnType<typeof memory.peak>][] = [];
if (PRESET) {
  await page.evaluate(`${WATCH}; window.__benchRec = window.__benchWatch(performance.now());`);
  memory.reset();
  await page.getByLabel('Load a preset scenario').selectOption(PRESET);
  opened = await watched(page);
  await sweepDone();
  await swept(page, opened);
  peaks.push([`opening ${PRESET} from the picker, to its load sweep done`, memory.peak()]);
  const link = page.url();
  // The first page is closed before the link opens, as on the machine of someone it was shared with:
  // left open, its own background work (the service worker's install and the other pages' downloads,
  // which wait until its comparison is finished) ran while the link was timed.
  await page.context().close();
  const other = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
  await other.addInitScript(`${WATCH}; window.__benchRec = window.__benchWatch(0);`);
  memory.reset();
  await other.goto(link);
  linked = { ...(await watched(other)), length: link.length };
  peaks.push([`its link in a new context, to its precise result`, memory.peak()]);
  // The rate changes go on in the link's page, once its load sweep is done.
  page = other;
  await sweepDone();
  await swept(page, linked);
}
memory.reset();
const baseRate = Number(
  (await page.getByLabel(/^Request rate/).inputValue()).replace(/[^0-9.]/g, '') || '1000',
);

interface Round {
  duringSweep: boolean;
  analyticMs: number;
  runStartMs: number;
  finishedMs: number;
  preciseMs: number;
  sweepMs: number;
  longestTaskMs: number;
  longestTaskToPreciseMs: number;
}

// Each round types a new request rate into the field, as a person would, and watches the page.
const rounds: Round[] = [];
for (let k = 0; k < ROUNDS; k++) {
  // The previous round left its sweep running; an even round waits for it (and times it), an odd one does not.
  const duringSweep = k % 2 === 1;
  if (duringSweep)
    await page.locator('[data-testid="sweep-state"][data-status="running"]').waitFor({ timeout: 120_000 });
  const rate = String(baseRate + 10 * (k + 1));
  const r = await page.evaluate(async (value) => {
    const input = [...document.querySelectorAll('label')].find((l) =>
      l.textContent?.startsWith('Request rate'),
    )!.control as HTMLInputElement;
    const state = document.querySelector('[data-testid="run-state"]')!;
    // Until the first result (as the earlier figures were taken), and on until its last round.
    let longest = 0;
    let longestToPrecise = 0;
    const po = new PerformanceObserver((list) =>
      list.getEntries().forEach((e) => {
        if (times.finished === undefined) longest = Math.max(longest, e.duration);
        longestToPrecise = Math.max(longestToPrecise, e.duration);
      }),
    );
    po.observe({ type: 'longtask' });
    const t0 = performance.now();
    const times: Record<string, number> = {};
    const done = new Promise<void>((resolve) => {
      const mo = new MutationObserver(() => {
        const phase = state.getAttribute('data-phase')!;
        if (phase !== 'estimating' && times.analytic === undefined) times.analytic = performance.now() - t0;
        if (phase === 'running' && times.running === undefined) times.running = performance.now() - t0;
        const simulated = state.getAttribute('data-simulated') === 'true' && times.running !== undefined;
        if (simulated && times.finished === undefined) times.finished = performance.now() - t0;
        if (simulated && phase !== 'running' && state.getAttribute('data-refining') === 'false') {
          times.precise = performance.now() - t0;
          mo.disconnect();
          resolve();
        }
      });
      mo.observe(state, { attributes: true });
    });
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
    setter.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await done;
    po.disconnect();
    return {
      analyticMs: times.analytic,
      runStartMs: times.running,
      finishedMs: times.finished,
      preciseMs: times.precise,
      longestTaskMs: longest,
      longestTaskToPreciseMs: longestToPrecise,
      t0,
    };
  }, rate);
  let sweepMs = NaN;
  if (k % 2 === 1 || k === ROUNDS - 1) {
    await sweepDone();
    sweepMs = (await page.evaluate(() => performance.now())) - r.t0 - r.finishedMs;
  }
  rounds.push({
    duringSweep,
    analyticMs: r.analyticMs,
    runStartMs: r.runStartMs,
    finishedMs: r.finishedMs,
    preciseMs: r.preciseMs,
    sweepMs,
    longestTaskMs: r.longestTaskMs,
    longestTaskToPreciseMs: r.longestTaskToPreciseMs,
  });
}

peaks.push([`${ROUNDS} rate changes, their sweeps included`, memory.peak()]);
memory.stop();

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (xs: number[]) =>
  xs.length === 0
    ? 'none (no round of this kind)'
    : `median ${median(xs).toFixed(1)} ms (min ${Math.min(...xs).toFixed(1)}, max ${Math.max(...xs).toFixed(1)}, n ${xs.length})`;
const pick = (k: keyof Round, rs = rounds) => rs.map((r) => r[k] as number);
const version = await browser.version();
console.log(
  `Machine: ${os.cpus().length} × ${os.cpus()[0].model}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, Chromium ${version} headless`,
);
console.log(
  `Load average at the end: ${os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`,
);
console.log(
  PRESET
    ? `${ROUNDS} rounds, preset ${PRESET}, its rate changed each round`
    : `${ROUNDS} rounds, default comparison (5 architectures × 5 replications × 4,000 measured requests)`,
);
const fmtOpened = (o: Opened) =>
  `analytic ${o.analytic.toFixed(0)} ms, finished ${o.finished.toFixed(0)} ms, precise ${o.precise.toFixed(0)} ms, longest main-thread task ${o.longest.toFixed(0)} ms (from the estimate to the load sweep's end: ${o.runsLongest.toFixed(0)} ms)`;
if (opened) console.log(`opening ${PRESET} from the picker → ${fmtOpened(opened)}`);
if (linked)
  console.log(
    `opening its link (${linked.length} characters) in a new context, from navigation → ${fmtOpened(linked)}`,
  );
console.log(`control change → analytic result on screen: ${fmt(pick('analyticMs'))}`);
console.log(`control change → simulation starts: ${fmt(pick('runStartMs'))}`);
console.log(`control change → finished comparison (all rounds): ${fmt(pick('finishedMs'))}`);
console.log(
  `  … with the machine idle before the change: ${fmt(
    pick(
      'finishedMs',
      rounds.filter((r) => !r.duringSweep),
    ),
  )}`,
);
console.log(
  `  … changed while the previous load sweep ran: ${fmt(
    pick(
      'finishedMs',
      rounds.filter((r) => r.duringSweep),
    ),
  )}`,
);
console.log(`simulation alone (start → finished): ${fmt(rounds.map((r) => r.finishedMs - r.runStartMs))}`);
console.log(
  `finished comparison → load sweep done (background): ${fmt(pick('sweepMs').filter(Number.isFinite))}`,
);
console.log(
  `  … from its last round on screen: ${fmt(rounds.map((r) => r.sweepMs + r.finishedMs - r.preciseMs).filter(Number.isFinite))}`,
);
console.log(`control change → last round on screen (precise): ${fmt(pick('preciseMs'))}`);
console.log(`longest main-thread task during a round: ${fmt(pick('longestTaskMs'))}`);
console.log(`  … and on until its last round: ${fmt(pick('longestTaskToPreciseMs'))}`);
for (const [phase, p] of peaks)
  console.log(`peak memory, ${phase}: browser ${mib(p.totalBytes)}, renderers ${mib(p.rendererBytes)}`);
console.log(`Rounds under 1 s: ${rounds.filter((r) => r.finishedMs < 1000).length} of ${ROUNDS}`);
await browser.close();
await server.close();
