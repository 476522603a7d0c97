/**
 * Scene benchmark (not a test): script time per frame of the Simulate page's packet update with 100,
 * 1,000 and 2,000 packets drawn, and the frame time, beside a bare three.js page that draws the same
 * number of instanced octahedra and moves them every frame. Headless Chromium; needs a built site.
 *
 * Run: npx vite build && npx tsx scripts/bench-scene.ts   (figures go in docs/benchmarks.md)
 * BENCH_DIST=<dir> serves another build (say, an older commit's) for a before/after comparison.
 * `--quick` (or BENCH_WARMUP_MS / BENCH_WINDOW_MS) shortens every window: a check that the script
 * runs, not a measurement.
 *
 * Then the scene at scale: the pods-400 and nodes-30 presets playing on the real page (overview camera,
 * 1280×800), beside a bare three.js page drawing the same number of instances (as many static boxes
 * as the page drew, plus its packets moving) on a canvas of the same size; the ratio of frame rates is
 * the figure issue #14 sets at ≥ 0.5.
 *
 * Measured per page and count, over a window after a warm-up:
 *  - update: our per-frame packet update (find packets in flight, position, colour, write the
 *    instance buffers), timed inside the page; for the bare page its matrix loop;
 *  - script: main-thread JavaScript per frame (Chrome's ScriptDuration), i.e. React, r3f, three's
 *    render submission and our update together; wall time, so it grows when the machine is busy;
 *  - script CPU: the same script's CPU time (thread time of top-level script trace events), which a
 *    busy machine inflates far less;
 *  - frame: wall time per rendered frame (under software WebGL this is mostly rasterisation).
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { chromium, type Browser, type Page } from 'playwright-core';
import { preview } from 'vite';
import { CHROMIUM_ARGS } from '../e2e/chromium';
import { BARE_HTML, BARE_SCENE_HTML } from './bench-scene-bare';

const QUICK = process.argv.includes('--quick');
const COUNTS = QUICK ? [100] : [100, 1000, 2000];
const WARMUP_MS = Number(process.env.BENCH_WARMUP_MS ?? (QUICK ? 400 : 2500));
const WINDOW_MS = Number(process.env.BENCH_WINDOW_MS ?? (QUICK ? 1000 : 6000));
const VIEWPORT = { width: 1280, height: 900 };
/** The presets measured at scale, on the page as a user opens them (and the viewport issue #14 names). */
const PRESETS = ['pods-400', 'nodes-30'];
const SCALE_VIEWPORT = { width: 1280, height: 800 };

interface Sample {
  frames: number;
  updateMs: number;
  updates: number;
  script: number;
  /** Main-thread CPU time in script (ms), from the trace's thread durations. */
  scriptCpu: number;
  wall: number;
}

/** Top-level script on the main thread: these events, not counting ones nested in another. */
const SCRIPT_EVENTS = new Set([
  'FireAnimationFrame',
  'FunctionCall',
  'TimerFire',
  'EventDispatch',
  'EvaluateScript',
  'RunMicrotasks',
]);
interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  tid: number;
}

/** Sums the CPU time (tdur) of top-level script events on the thread that runs animation frames. */
function scriptCpuMs(events: TraceEvent[]): number {
  const main = events.find((e) => e.name === 'FireAnimationFrame')?.tid;
  const list = events
    .filter((e) => e.ph === 'X' && e.tid === main && SCRIPT_EVENTS.has(e.name))
    .sort((a, b) => a.ts - b.ts);
  let until = -Infinity;
  let sum = 0;
  for (const e of list) {
    if (e.ts < until) continue;
    until = e.ts + (e.dur ?? 0);
    sum += e.tdur ?? 0;
  }
  return sum / 1000;
}

async function measure(
  page: Page,
  read: () => Promise<{ frames: number; updateMs: number; updates: number }>,
): Promise<Sample> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const metric = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return metrics.find((m) => m.name === 'ScriptDuration')!.value;
  };
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (d) => events.push(...(d.value as unknown as TraceEvent[])));
  const traced = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await page.waitForTimeout(WARMUP_MS);
  await cdp.send('Tracing.start', { categories: 'devtools.timeline', transferMode: 'ReportEvents' });
  const a = await read();
  const s0 = await metric();
  const t0 = Date.now();
  await page.waitForTimeout(WINDOW_MS);
  const b = await read();
  const s1 = await metric();
  const wall = Date.now() - t0;
  await cdp.send('Tracing.end');
  await traced;
  return {
    frames: b.frames - a.frames,
    updateMs: b.updateMs - a.updateMs,
    updates: b.updates - a.updates,
    script: (s1 - s0) * 1000,
    scriptCpu: scriptCpuMs(events),
    wall,
  };
}

const fmt = (x: number, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : '—');

/** Opens a bare page (three.js served locally) and measures it as the real page is measured. */
async function bareFrames(browser: Browser, base: string, html: string, three: string, core: string) {
  const ctx = await browser.newContext({ viewport: VIEWPORT });
  const bare = await ctx.newPage();
  await bare.route('**/__bench/bare.html', (r) => r.fulfill({ contentType: 'text/html', body: html }));
  await bare.route('**/__bench/three.module.js', (r) =>
    r.fulfill({ contentType: 'text/javascript', body: three }),
  );
  await bare.route('**/__bench/three.core.js', (r) =>
    r.fulfill({ contentType: 'text/javascript', body: core }),
  );
  await bare.goto(`${base}__bench/bare.html`);
  await bare.waitForFunction(
    () => ((window as unknown as { __bare?: { frames: number } }).__bare?.frames ?? 0) > 2,
    null,
    { timeout: 60_000 },
  );
  const b = await measure(bare, () =>
    bare.evaluate(
      () => (window as unknown as { __bare: { frames: number; updateMs: number; updates: number } }).__bare,
    ),
  );
  await ctx.close();
  return b;
}

interface ScaleRow {
  preset: string;
  instances: number;
  packets: number;
  ours: Sample;
  bare: Sample;
}

/** A preset playing on the real page, then a bare page drawing as many instances. */
async function measurePreset(
  browser: Browser,
  base: string,
  preset: string,
  three: string,
  core: string,
): Promise<ScaleRow> {
  const ctx = await browser.newContext({ viewport: SCALE_VIEWPORT });
  const page = await ctx.newPage();
  await page.goto(`${base}#/simulate?preset=${preset}&arch=sidecar-envoy&view=trace&aa=0`);
  await page.waitForFunction(() => (window.__meshpathScene?.frames ?? 0) > 0, null, { timeout: 120_000 });
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  const read = () =>
    page.evaluate(() => {
      const p = window.__meshpathScene!;
      return { frames: p.frames, updateMs: p.updateMs, updates: p.updates };
    });
  const ours = await measure(page, read);
  const { instances, packets } = await page.evaluate(() => ({
    instances: window.__meshpathScene!.instances,
    packets: window.__meshpathScene!.packets,
  }));
  const box = (await page.locator('.sim-canvas canvas').boundingBox())!;
  await ctx.close();
  const html = BARE_SCENE_HTML(
    Math.max(0, instances - packets),
    packets,
    Math.round(box.width),
    Math.round(box.height),
  );
  const bare = await bareFrames(browser, base, html, three, core);
  return { preset, instances, packets, ours, bare };
}

async function main() {
  const load0 = os.loadavg();
  const server = await preview({
    build: { outDir: process.env.BENCH_DIST ?? 'dist' },
    preview: { host: '127.0.0.1', port: Number(process.env.BENCH_PORT ?? 4175), strictPort: true },
    logLevel: 'warn',
  });
  const base = server.resolvedUrls!.local[0];
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
  const three = readFileSync('node_modules/three/build/three.module.js', 'utf8');
  const core = readFileSync('node_modules/three/build/three.core.js', 'utf8');
  const rows: string[] = [];
  const scale: ScaleRow[] = [];
  try {
    for (const n of COUNTS) {
      // Our page: the real scene with n synthetic packets always in flight.
      const ctx = await browser.newContext({ viewport: VIEWPORT });
      const page = await ctx.newPage();
      await page.goto(
        `${base}#/simulate?preset=fan-out-under-load&arch=sidecar-envoy&view=trace&aa=0&bench=${n}`,
      );
      await page.waitForFunction(
        (want) =>
          ((window as unknown as { __meshpathScene?: { packets: number } }).__meshpathScene?.packets ?? 0) >=
          want,
        n,
        { timeout: 60_000 },
      );
      const box = (await page.locator('.sim-canvas canvas').boundingBox())!;
      const ours = await measure(page, () =>
        page.evaluate(() => {
          const p = (
            window as unknown as { __meshpathScene: { frames: number; updateMs: number; updates: number } }
          ).__meshpathScene;
          return { frames: p.frames, updateMs: p.updateMs, updates: p.updates };
        }),
      );
      const drawn = await page.evaluate(
        () => (window as unknown as { __meshpathScene: { packets: number } }).__meshpathScene.packets,
      );
      await ctx.close();

      // Bare three.js page, same canvas size and count.
      const b = await bareFrames(
        browser,
        base,
        BARE_HTML(n, Math.round(box.width), Math.round(box.height)),
        three,
        core,
      );
      rows.push(
        `| ${n.toLocaleString('en')} | ${drawn.toLocaleString('en')} | ${fmt(ours.updateMs / ours.updates, 3)} | ${fmt(ours.script / ours.frames)} | ${fmt(ours.scriptCpu / ours.frames)} | ${fmt(ours.wall / ours.frames, 1)} | ` +
          `${fmt(b.updateMs / b.updates, 3)} | ${fmt(b.script / b.frames)} | ${fmt(b.scriptCpu / b.frames)} | ${fmt(b.wall / b.frames, 1)} |`,
      );
      console.log(rows.at(-1));
    }
    for (const preset of PRESETS) {
      scale.push(await measurePreset(browser, base, preset, three, core));
      console.log(JSON.stringify(scale.at(-1)));
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(' ');
  console.log(
    `\nbuild: ${process.env.BENCH_DIST ?? 'dist'}; load average (1, 5, 15 min) ${load(load0)} at the start, ${load(os.loadavg())} at the end`,
  );
  console.log(
    `machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${VIEWPORT.width}×${VIEWPORT.height} viewport, antialias off, SwiftShader`,
  );
  console.log(
    '| packets | drawn | our update, ms/frame | our script, ms/frame | our script CPU, ms/frame | our frame, ms | bare update, ms/frame | bare script, ms/frame | bare script CPU, ms/frame | bare frame, ms |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) console.log(r);
  const fps = (x: Sample) => (x.frames * 1000) / x.wall;
  console.log(
    `\nscene at scale: ${SCALE_VIEWPORT.width}×${SCALE_VIEWPORT.height} viewport, sidecar-envoy, playing at the default slow-down, overview camera`,
  );
  console.log(
    '| preset | instances drawn | packets | our frames/s | our script CPU, ms/frame | bare frames/s (same instances) | ratio |',
  );
  console.log('|---|---|---|---|---|---|---|');
  for (const r of scale)
    console.log(
      `| ${r.preset} | ${r.instances.toLocaleString('en')} | ${r.packets} | ${fmt(fps(r.ours), 1)} | ${fmt(r.ours.scriptCpu / r.ours.frames)} | ${fmt(fps(r.bare), 1)} | ${fmt(fps(r.ours) / fps(r.bare))} |`,
    );
}

void main();
