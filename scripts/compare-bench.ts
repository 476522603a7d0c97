// Compare page benchmark (not a test): in headless Chromium on the built site, the time from a control
// change to the analytic result on screen, and to the finished default comparison (5 architectures ×
// 5 replications × 4,000 measured requests), and how long the background load sweep takes after it.
// Odd rounds change the control while the previous round's load sweep is still running, to show the
// sweep does not hold up the next result. Run: npm run bench:compare (ROUNDS=n, BENCH_PORT=port;
// PRESET=pods-400 first times opening that preset from the picker, then changes its rate).
import os from 'node:os';
import { preview } from 'vite';
import { launchChromium } from '../e2e/chromium.ts';

const ROUNDS = Number(process.env.ROUNDS ?? 9);
const PRESET = process.env.PRESET;

const server = await preview({
  preview: { host: '127.0.0.1', port: Number(process.env.BENCH_PORT ?? 4185), strictPort: true },
  logLevel: 'warn',
});
const base = server.resolvedUrls!.local[0];
const browser = await launchChromium();
const page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
const sweepDone = () =>
  page.locator('[data-testid="sweep-state"][data-status="done"]').waitFor({ timeout: 120_000 });
await page.goto(`${base}#/compare`);
await page.locator('[data-testid="run-state"][data-simulated="true"]').waitFor({ timeout: 120_000 });
await sweepDone();

// Opening a preset from the picker, timed to its estimate and to its finished comparison.
let opened: { analyticMs: number; finishedMs: number } | null = null;
if (PRESET) {
  const t0 = await page.evaluate(() => performance.now());
  await page.getByLabel('Load a preset scenario').selectOption(PRESET);
  const analytic = page
    .locator('[data-testid="run-state"]:not([data-phase="estimating"])')
    .waitFor({ timeout: 120_000 })
    .then(() => page.evaluate(() => performance.now()));
  await page.locator('[data-testid="run-state"][data-simulated="false"]').waitFor({ timeout: 120_000 });
  await page.locator('[data-testid="run-state"][data-simulated="true"]').waitFor({ timeout: 300_000 });
  const finished = await page.evaluate(() => performance.now());
  opened = { analyticMs: (await analytic) - t0, finishedMs: finished - t0 };
  await sweepDone();
}
const baseRate = Number(
  (await page.getByLabel(/^Request rate/).inputValue()).replace(/[^0-9.]/g, '') || '1000',
);

interface Round {
  duringSweep: boolean;
  analyticMs: number;
  runStartMs: number;
  finishedMs: number;
  sweepMs: number;
  longestTaskMs: number;
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
    let longest = 0;
    const po = new PerformanceObserver((list) =>
      list.getEntries().forEach((e) => (longest = Math.max(longest, e.duration))),
    );
    po.observe({ type: 'longtask' });
    const t0 = performance.now();
    const times: Record<string, number> = {};
    const done = new Promise<void>((resolve) => {
      const mo = new MutationObserver(() => {
        const phase = state.getAttribute('data-phase')!;
        if (phase !== 'estimating' && times.analytic === undefined) times.analytic = performance.now() - t0;
        if (phase === 'running' && times.running === undefined) times.running = performance.now() - t0;
        if (state.getAttribute('data-simulated') === 'true' && times.running !== undefined) {
          times.finished = performance.now() - t0;
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
      longestTaskMs: longest,
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
    sweepMs,
    longestTaskMs: r.longestTaskMs,
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (xs: number[]) =>
  `median ${median(xs).toFixed(1)} ms (min ${Math.min(...xs).toFixed(1)}, max ${Math.max(...xs).toFixed(1)}, n ${xs.length})`;
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
if (opened)
  console.log(
    `opening ${PRESET} from the picker → analytic ${opened.analyticMs.toFixed(0)} ms, finished comparison ${opened.finishedMs.toFixed(0)} ms`,
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
console.log(`longest main-thread task during a round: ${fmt(pick('longestTaskMs'))}`);
console.log(`Rounds under 1 s: ${rounds.filter((r) => r.finishedMs < 1000).length} of ${ROUNDS}`);
await browser.close();
await server.close();
