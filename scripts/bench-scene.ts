/**
 * Scene benchmark (not a test): script time per frame of the Simulate page's packet update with 100,
 * 1,000 and 2,000 packets drawn, and the frame time, beside a bare three.js page that draws the same
 * number of instanced octahedra and moves them every frame. Headless Chromium; needs a built site.
 *
 * Run: npx vite build && npx tsx scripts/bench-scene.ts   (figures go in docs/benchmarks.md)
 * BENCH_DIST=<dir> serves another build (say, an older commit's) for a before/after comparison.
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
import { chromium, type Page } from 'playwright-core';
import { preview } from 'vite';
import { CHROMIUM_ARGS } from '../e2e/chromium';

const COUNTS = [100, 1000, 2000];
const WARMUP_MS = 2500;
const WINDOW_MS = 6000;
const VIEWPORT = { width: 1280, height: 900 };

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

const BARE_HTML = (
  n: number,
  w: number,
  h: number,
) => `<!doctype html><meta charset="utf-8"><title>bare</title>
<body style="margin:0;background:#11151c"><canvas id="c" style="width:${w}px;height:${h}px"></canvas>
<script type="module">
import * as THREE from '/__bench/three.module.js';
const n = ${n};
const canvas = document.getElementById('c');
const renderer = new THREE.WebGLRenderer({ canvas, antialias: false });
renderer.setPixelRatio(1);
renderer.setSize(${w}, ${h}, false);
const scene = new THREE.Scene();
scene.background = new THREE.Color('#11151c');
const camera = new THREE.PerspectiveCamera(45, ${w} / ${h}, 0.1, 500);
camera.position.set(14, 14, 26);
camera.lookAt(14, 0, 8);
scene.add(new THREE.AmbientLight(0xffffff, 1.1));
const sun = new THREE.DirectionalLight(0xffffff, 1.6);
sun.position.set(10, 30, 20);
scene.add(sun);
const mesh = new THREE.InstancedMesh(new THREE.OctahedronGeometry(1, 0), new THREE.MeshLambertMaterial({ color: '#ffffff' }), n);
mesh.instanceColor = new THREE.InstancedBufferAttribute(new Float32Array(n * 3).fill(0.5), 3);
mesh.frustumCulled = false;
scene.add(mesh);
const probe = (window.__bare = { frames: 0, updateMs: 0, updates: 0 });
function frame(now) {
  const t0 = performance.now();
  const a = mesh.instanceMatrix.array;
  const c = mesh.instanceColor.array;
  for (let i = 0; i < n; i++) {
    const o = i * 16;
    const ph = (now / 2000 + i / n) % 1;
    a[o] = 0.3; a[o + 5] = 0.5; a[o + 10] = 0.3; a[o + 15] = 1;
    a[o + 12] = (i % 40) * 0.7 + ph; a[o + 13] = 0.5; a[o + 14] = Math.floor(i / 40) * 0.35;
    c[i * 3] = 0.18; c[i * 3 + 1] = 0.48; c[i * 3 + 2] = 0.96;
  }
  mesh.count = n;
  mesh.instanceMatrix.needsUpdate = true;
  mesh.instanceColor.needsUpdate = true;
  probe.updateMs += performance.now() - t0;
  probe.updates++;
  renderer.render(scene, camera);
  probe.frames++;
  requestAnimationFrame(frame);
}
requestAnimationFrame(frame);
</script>`;

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
      const bctx = await browser.newContext({ viewport: VIEWPORT });
      const bare = await bctx.newPage();
      await bare.route('**/__bench/bare.html', (r) =>
        r.fulfill({
          contentType: 'text/html',
          body: BARE_HTML(n, Math.round(box.width), Math.round(box.height)),
        }),
      );
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
          () =>
            (window as unknown as { __bare: { frames: number; updateMs: number; updates: number } }).__bare,
        ),
      );
      await bctx.close();

      rows.push(
        `| ${n.toLocaleString('en')} | ${drawn.toLocaleString('en')} | ${fmt(ours.updateMs / ours.updates, 3)} | ${fmt(ours.script / ours.frames)} | ${fmt(ours.scriptCpu / ours.frames)} | ${fmt(ours.wall / ours.frames, 1)} | ` +
          `${fmt(b.updateMs / b.updates, 3)} | ${fmt(b.script / b.frames)} | ${fmt(b.scriptCpu / b.frames)} | ${fmt(b.wall / b.frames, 1)} |`,
      );
      console.log(rows.at(-1));
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
}

void main();
