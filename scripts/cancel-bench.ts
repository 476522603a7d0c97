// Cancel benchmark (not a test): how soon a big comparison's work stops after Cancel, in headless
// Chromium on the built site. For each preset (PRESETS, default pods-400 and large-mesh), its link is
// opened in a new browser context and, 1 s into the phase named, the page's own button is clicked:
// Cancel in the first round of runs, Cancel in a precision round, "Stop the sweep" in the load sweep.
// Printed per click, from the click (page time):
//   - screen: the run state's next change on screen;
//   - workers' last task: from the browser's trace, when each worker ended its last task of more than
//     1 ms on a core: its work stopped then;
//   - workers' replies: each worker's reply that ends the job it was running (its 'cancelled', or a
//     result already on its way), as received on the page (later, when the page's own thread gets to it);
//   - after: any progress a worker reported after that reply (there must be none);
//   - CPU: the time on a core of the page's workers, its main thread and its service worker over the
//     second that starts 0.3 s after the click, from the browser's trace: the workers' must be nil
//     once the work has stopped (the others show what the page does next, e.g. work it had deferred).
// Run: npm run bench:cancel (BENCH_DIST=dir serves another build; PRESETS=a,b; ROUNDS=n per phase).
import os from 'node:os';
import { preview } from 'vite';
import { launchChromium } from '../e2e/chromium.ts';
import { SCENARIO_PRESETS, type ScenarioPresetId } from '../src/model/presets.ts';
import { encodeScenarioParam } from '../src/model/scenarioCodec.ts';
import { parseScenario } from '../src/model/valid.ts';

const PRESETS = (process.env.PRESETS ?? 'pods-400,large-mesh').split(',') as ScenarioPresetId[];
const ROUNDS = Number(process.env.ROUNDS ?? 2);
const PHASES = (process.env.PHASES ?? 'first round,precision round,load sweep').split(',');

/** In the page: each worker's messages in and out, clicks on the cancel buttons, the run state's changes. */
const WATCH = `(() => {
  const log = (window.__cancelLog = { workers: [], clicks: [], states: [] });
  const W = window.Worker;
  window.Worker = class extends W {
    constructor(u, o) {
      super(u, o);
      const mine = { got: [] };
      log.workers.push(mine);
      this.addEventListener('message', (e) => {
        const m = e.data;
        if (m && typeof m.type === 'string' && m.type !== 'alive') mine.got.push([performance.now(), m.type]);
      });
    }
  };
  addEventListener('click', (e) => {
    const b = e.target.closest && e.target.closest('button');
    if (b && /^(Cancel|Stop the sweep)$/.test(b.textContent.trim())) log.clicks.push(performance.now());
  }, true);
  const watch = () => {
    const el = document.querySelector('[data-testid="run-state"]');
    if (!el) return;
    const d = el.dataset;
    const s = d.phase + ' simulated=' + d.simulated + ' refining=' + d.refining;
    if (log.states.at(-1)?.[1] !== s) log.states.push([performance.now(), s]);
  };
  new MutationObserver(watch).observe(document, { subtree: true, childList: true, attributes: true });
})();`;

interface Log {
  workers: { got: [number, string][] }[];
  clicks: number[];
  states: [number, string][];
}

const server = await preview({
  preview: { host: '127.0.0.1', port: Number(process.env.BENCH_PORT ?? 4186), strictPort: true },
  build: { outDir: process.env.BENCH_DIST ?? 'dist' },
  logLevel: 'warn',
});
const base = server.resolvedUrls!.local[0];
const browser = await launchChromium();
const cdp = await browser.newBrowserCDPSession();
interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string; data?: { type?: string } };
}
/** Records the browser's trace (every process) while `during` runs. */
async function traced(during: () => Promise<void>): Promise<TraceEvent[]> {
  const events: TraceEvent[] = [];
  const collect = (d: { value: object[] }) => void events.push(...(d.value as TraceEvent[]));
  cdp.on('Tracing.dataCollected', collect);
  const complete = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.start', {
    categories: 'toplevel,devtools.timeline,disabled-by-default-devtools.timeline',
    transferMode: 'ReportEvents',
  });
  await during();
  await cdp.send('Tracing.end');
  await complete;
  cdp.off('Tracing.dataCollected', collect);
  return events;
}
/**
 * From the trace, times after the click (its own dispatch in the trace): when each of the page's workers
 * ended its last task of more than 1 ms on a core (its work stopped then; the page hears it later, when
 * its own thread gets to the message), and the CPU time of the tasks each kind of thread ran in the
 * second from 0.3 s after the click: the page's workers, its main thread, and its service worker.
 */
function afterClick(events: TraceEvent[]): { stopped: number[]; cpu: Record<string, number> } | null {
  const click = events.filter((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'click').at(-1);
  if (!click) return null;
  const thread = new Map<string, string>();
  for (const e of events) if (e.name === 'thread_name') thread.set(`${e.pid}:${e.tid}`, e.args?.name ?? '');
  const lastEnd = new Map<string, number>();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (e.ph !== 'X' || !/RunTask$/.test(e.name) || !/^DedicatedWorker/.test(thread.get(key) ?? '')) continue;
    const end = e.ts + (e.dur ?? 0);
    if (end < click.ts || (e.tdur ?? 0) < 1000) continue;
    lastEnd.set(key, Math.max(lastEnd.get(key) ?? 0, end));
  }
  const stopped = [...lastEnd.values()].map((end) => (end - click.ts) / 1000).sort((a, b) => a - b);
  const kinds: Record<string, RegExp> = {
    workers: /^DedicatedWorker/,
    main: /^CrRendererMain$/,
    'service worker': /^ServiceWorker/,
  };
  const out: Record<string, number> = { workers: 0, main: 0, 'service worker': 0 };
  const [from, to] = [click.ts + 300_000, click.ts + 1_300_000];
  for (const e of events) {
    if (e.ph !== 'X' || e.ts < from || e.ts >= to || !/RunTask$/.test(e.name)) continue;
    const name = thread.get(`${e.pid}:${e.tid}`) ?? '';
    for (const [kind, re] of Object.entries(kinds))
      if (re.test(name)) out[kind] += (e.tdur ?? e.dur ?? 0) / 1000;
  }
  return { stopped, cpu: out };
}

console.log(
  `machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown cpu'}, node ${process.version}, ` +
    `browser ${browser.version()}, load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
);
const STATE = '[data-testid="run-state"]';
const WAIT: Record<string, string> = {
  'first round': `${STATE}[data-phase="running"][data-simulated="false"]`,
  'precision round': `${STATE}[data-phase="running"][data-refining="true"]`,
  'load sweep': `${STATE}[data-phase="sweeping"]`,
};
const BUTTON: Record<string, string> = {
  'first round': 'Cancel',
  'precision round': 'Cancel',
  'load sweep': 'Stop the sweep',
};
const ENDS = new Set(['cancelled', 'compare-packed', 'compare-runs', 'error']);

for (const preset of PRESETS) {
  const link = `${base}#/compare?s=${encodeScenarioParam(parseScenario(SCENARIO_PRESETS[preset]))}`;
  for (const phase of PHASES) {
    for (let round = 0; round < ROUNDS; round++) {
      const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
      const page = await context.newPage();
      await page.addInitScript(WATCH);
      await page.goto(link);
      try {
        await page.locator(WAIT[phase]).waitFor({ timeout: 300_000 });
      } catch {
        console.log(`${preset}, ${phase}: never reached (a precise first round has no precision round)`);
        await context.close();
        continue;
      }
      await page.waitForTimeout(1000);
      const button = page.getByRole('button', { name: BUTTON[phase], exact: true });
      if ((await button.count()) === 0) {
        console.log(`${preset}, ${phase}: over before the click`);
        await context.close();
        continue;
      }
      const events = await traced(async () => {
        await button.click();
        await page.waitForTimeout(1500);
      });
      const trace = afterClick(events);
      const log = (await page.evaluate(
        () => (window as unknown as { __cancelLog: unknown }).__cancelLog,
      )) as Log;
      await context.close();
      const click = log.clicks[0];
      if (click === undefined) {
        console.log(`${preset}, ${phase}: the click was not seen`);
        continue;
      }
      const screen = log.states.find(([t]) => t > click);
      const workers = log.workers.map((w) => {
        const end = w.got.find(([t, type]) => t > click && ENDS.has(type));
        const after = end ? w.got.filter(([t, type]) => t > end[0] && type.endsWith('progress')).length : 0;
        return end
          ? `${(end[0] - click).toFixed(0)} ms (${end[1]}${after ? `, ${after} progress after it` : ''})`
          : 'idle';
      });
      console.log(
        `${preset}, ${phase}, round ${round + 1}: screen ${screen ? `${(screen[0] - click).toFixed(0)} ms (${screen[1]})` : '—'}; ` +
          `workers' replies on the page ${workers.join(', ')}; ` +
          (trace
            ? `workers' last task ended ${trace.stopped.map((t) => `${t.toFixed(0)} ms`).join(', ') || 'before the click'}; ` +
              `CPU in the second from 0.3 s after: ${Object.entries(trace.cpu)
                .map(([k, v]) => `${k} ${v.toFixed(0)} ms`)
                .join(', ')}`
            : 'the click is not in the trace'),
      );
    }
  }
}
await browser.close();
await server.close();
