/**
 * Scene profile (not a test): where the Simulate page's main-thread script goes per frame. Opens the
 * benchmark page (`#/simulate?…&bench=N`), warms up, then records a CPU profile through the Chrome
 * DevTools Protocol and prints self time per frame by bundle chunk (three, react, r3f, xstate, our
 * code) and the costliest functions. Build unminified so names read: `npx vite build --minify false`.
 *
 * Run: npx tsx scripts/profile-scene.ts [packets=2000]   (BENCH_PORT sets the preview port; BENCH_DIST
 * serves another build; PROFILE_DEPTH limits the call tree; PROFILE_LINES names functions to show by line)
 */
import os from 'node:os';
import { chromium } from 'playwright-core';
import { preview } from 'vite';
import { CHROMIUM_ARGS } from '../e2e/chromium';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
  hitCount?: number;
  positionTicks?: { line: number; ticks: number }[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

const N = Number(process.argv[2] ?? 2000);
const WARMUP_MS = 2500;
const WINDOW_MS = 5000;
const MAX_DEPTH = Number(process.env.PROFILE_DEPTH ?? 9);

const chunkOf = (url: string) => {
  const file = url.split('/').pop() ?? '';
  if (!file) return '(native)';
  return file.replace(/-[\w-]{8}\.js$/, '').replace(/\.js$/, '');
};

async function main() {
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
  try {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    page.on('pageerror', (e) => console.error('page error:', e.message));
    // Count draw calls by wrapping WebGL's draw functions (the page's renderer is not reachable from outside).
    await page.addInitScript(() => {
      const w = window as unknown as { __draws: number };
      w.__draws = 0;
      const proto = WebGL2RenderingContext.prototype as unknown as Record<
        string,
        (...a: unknown[]) => unknown
      >;
      for (const name of ['drawArrays', 'drawElements', 'drawArraysInstanced', 'drawElementsInstanced']) {
        const f = proto[name];
        proto[name] = function (this: unknown, ...a: unknown[]) {
          w.__draws++;
          return f.apply(this, a);
        };
      }
    });
    await page.goto(
      `${base}#/simulate?preset=fan-out-under-load&arch=sidecar-envoy&view=trace&aa=0&bench=${N}`,
    );
    await page.waitForFunction((want) => (window.__meshpathScene?.packets ?? 0) >= want, N, {
      timeout: 60_000,
    });
    await page.waitForTimeout(WARMUP_MS);
    const cdp = await ctx.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    const [f0, d0] = await page.evaluate(() => [
      window.__meshpathScene!.frames,
      (window as unknown as { __draws: number }).__draws,
    ]);
    await cdp.send('Profiler.start');
    await page.waitForTimeout(WINDOW_MS);
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
    const [f1, d1] = await page.evaluate(() => [
      window.__meshpathScene!.frames,
      (window as unknown as { __draws: number }).__draws,
    ]);
    const frames = f1 - f0;
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const self = new Map<number, number>();
    profile.samples.forEach((id, i) =>
      self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000),
    );
    const chunks = new Map<string, number>();
    const fns = new Map<string, number>();
    for (const [id, ms] of self) {
      const cf = byId.get(id)!.callFrame;
      const special = cf.functionName.startsWith('(') ? cf.functionName : null;
      const chunk = special ?? chunkOf(cf.url);
      chunks.set(chunk, (chunks.get(chunk) ?? 0) + ms);
      const key = special ?? `${cf.functionName || '(anonymous)'} ${chunkOf(cf.url)}:${cf.lineNumber + 1}`;
      fns.set(key, (fns.get(key) ?? 0) + ms);
    }
    console.log(
      `packets ${N}, ${frames} frames in ${WINDOW_MS} ms, load ${os
        .loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}, ${((d1 - d0) / frames).toFixed(1)} draw calls per frame`,
    );
    console.log('\nself time by chunk, ms/frame:');
    for (const [k, v] of [...chunks].sort((a, b) => b[1] - a[1]))
      console.log(`  ${(v / frames).toFixed(3).padStart(7)}  ${k}`);
    // Inclusive time per call-tree node, printed as a tree (pruned below 0.03 ms/frame).
    const incl = new Map<number, number>();
    const total = (id: number): number => {
      const n = byId.get(id)!;
      const v = (self.get(id) ?? 0) + (n.children ?? []).reduce((s, c) => s + total(c), 0);
      incl.set(id, v);
      return v;
    };
    const root = profile.nodes[0].id;
    total(root);
    // Buckets: each sample goes to the part of the page it ran for, by its stack.
    const parent = new Map<number, number>();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const stackOf = (id: number) => {
      const out: Node['callFrame'][] = [];
      for (let k: number | undefined = id; k !== undefined; k = parent.get(k))
        out.push(byId.get(k)!.callFrame);
      return out.reverse().slice(1); // root first, without "(root)"
    };
    const bucketOf = (stack: Node['callFrame'][]): string | null => {
      const top = stack[0];
      if (!top || top.functionName === '(program)' || top.functionName === '(idle)') return null;
      if (top.functionName === '(garbage collector)') return 'garbage collection';
      const has = (fn: string, chunk?: string) =>
        stack.some((f) => f.functionName === fn && (!chunk || chunkOf(f.url) === chunk));
      if (has('loop', 'r3f')) {
        if (has('render', 'three') || stack.some((f) => f.functionName === 'WebGLRenderer.render'))
          return 'r3f frame: three render submission';
        if (stack.some((f) => chunkOf(f.url) === 'index'))
          return 'r3f frame: our useFrame callbacks (packets, highlight, camera)';
        return 'r3f frame: loop itself';
      }
      if (has('loop', 'index')) return 'playback TICK: ticker, xstate and subscribers (clock, selectors)';
      if (has('performWorkUntilDeadline', 'react')) return 'React render and commit (event list, panels)';
      return `other: ${top.functionName || '(anonymous)'} ${chunkOf(top.url)}`;
    };
    const buckets = new Map<string, number>();
    for (const [id, ms] of self) {
      const b = bucketOf(stackOf(id));
      if (b) buckets.set(b, (buckets.get(b) ?? 0) + ms);
    }
    let scriptMs = 0;
    for (const v of buckets.values()) scriptMs += v;
    console.log(`\nscript by part of the page, ms/frame (sum ${(scriptMs / frames).toFixed(2)}):`);
    for (const [k, v] of [...buckets].sort((a, b) => b[1] - a[1]))
      console.log(`  ${(v / frames).toFixed(3).padStart(7)}  ${k}`);
    console.log('\ncall tree (inclusive), ms/frame:');
    const walk = (id: number, depth: number) => {
      const n = byId.get(id)!;
      if (depth > 0)
        console.log(
          `  ${((incl.get(id) ?? 0) / frames).toFixed(3).padStart(7)}  ${'  '.repeat(depth - 1)}${n.callFrame.functionName || '(anonymous)'} ${chunkOf(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`,
        );
      if (depth >= MAX_DEPTH) return;
      const kids = [...(n.children ?? [])].sort((a, b) => (incl.get(b) ?? 0) - (incl.get(a) ?? 0));
      for (const c of kids) if ((incl.get(c) ?? 0) / frames >= 0.03) walk(c, depth + 1);
    };
    walk(root, 0);
    console.log('\ntop functions (self), ms/frame:');
    for (const [k, v] of [...fns].sort((a, b) => b[1] - a[1]).slice(0, 40))
      console.log(`  ${(v / frames).toFixed(3).padStart(7)}  ${k}`);
    // Hot lines of functions named in PROFILE_LINES (comma-separated, "name chunk:line" as printed above).
    for (const want of (process.env.PROFILE_LINES ?? '').split(',').filter(Boolean)) {
      const lines = new Map<number, number>();
      for (const n of profile.nodes) {
        const cf = n.callFrame;
        if (`${cf.functionName || '(anonymous)'} ${chunkOf(cf.url)}:${cf.lineNumber + 1}` !== want) continue;
        for (const p of n.positionTicks ?? []) lines.set(p.line, (lines.get(p.line) ?? 0) + p.ticks);
      }
      console.log(`\nhot lines of ${want} (samples):`);
      for (const [l, k] of [...lines].sort((a, b) => b[1] - a[1]).slice(0, 12))
        console.log(`  ${String(k).padStart(6)}  line ${l}`);
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

void main();
