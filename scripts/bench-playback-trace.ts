/**
 * Reads a Chromium trace (CDP Tracing domain) of the Simulate page for scripts/bench-playback.ts: the
 * renderer main thread's tasks over 50 ms and, inside them, what the thread spent its time on — so a
 * reader can tell the page's own work from waiting for SwiftShader or for a core.
 */

export interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
  id?: string;
  args?: Record<string, unknown>;
}

/** Where the main thread's time inside long tasks went, ms (wall unless said). */
export interface LongTaskBreakdown {
  count: number;
  longest: number;
  wall: number;
  /** Main-thread CPU time (thread time) inside the long tasks. */
  cpu: number;
  /** Sampled JavaScript under React (render, commit, effects — r3f's reconciler included). */
  react: number;
  /** Sampled JavaScript in the 3D chunk outside React: r3f's frame loop, useFrame, three.js's render. */
  three: number;
  /** Sampled JavaScript in the page's other chunks: the ticker, xstate, buffer, panels, 2D view. */
  page: number;
  /** Garbage collection (samples). */
  gc: number;
  /** Style, layout, paint and the compositor commit (CPU time of those trace events). */
  render: number;
  /** Wall time in synchronous GL calls to the GPU process (SwiftShader readback, flush waits). */
  gl: number;
  /** Wall time the thread was not on a CPU (waiting for a core, or blocked on the GPU process). */
  offCpu: number;
}

/**
 * The time (trace µs) of the driver's mark, `console.timeStamp(message)` in the page, or -Infinity.
 * Starting a trace with the V8 sampler makes the renderer log its compiled code in one main-thread task
 * of 50–150 ms (seen with the sampler's category and never without it, nor without tracing): the script
 * marks the moment it starts the page's work after that, and counts only what follows.
 */
export function markTime(events: TraceEvent[], message: string): number {
  for (const e of events)
    if (e.name === 'TimeStamp' && (e.args?.data as { message?: string } | undefined)?.message === message)
      return e.ts;
  return -Infinity;
}

const GL_WAIT = /ReadPixels|WaitForGetOffset|WaitForToken|WaitSyncToken|Finish|SwapBuffers/;
const RENDER_EVENTS = new Set(['UpdateLayoutTree', 'Layout', 'Paint', 'PrePaint', 'Commit', 'Layerize']);

/** Events of one thread of the trace that cover [from, to], outermost only, among those `pick` keeps. */
function outermost(events: TraceEvent[], pick: (e: TraceEvent) => boolean): TraceEvent[] {
  const list = events.filter((e) => e.ph === 'X' && pick(e)).sort((a, b) => a.ts - b.ts);
  const out: TraceEvent[] = [];
  let until = -Infinity;
  for (const e of list) {
    if (e.ts < until) continue;
    until = e.ts + (e.dur ?? 0);
    out.push(e);
  }
  return out;
}

/** The renderer main thread that ran the page's animation frames. */
function mainThread(events: TraceEvent[]): { pid: number; tid: number } | null {
  // Only renderer main threads (not the service worker's or a web worker's), the busiest by frames.
  const named = new Set<string>();
  for (const e of events)
    if (e.ph === 'M' && e.name === 'thread_name' && (e.args?.name as string) === 'CrRendererMain')
      named.add(`${e.pid}:${e.tid}`);
  // The page's own renderer runs the site's scripts (another tab's renderer, a WebUI page, does not).
  const ours = new Set<string>();
  for (const e of events)
    if (
      e.name === 'FunctionCall' &&
      /\/assets\/[^/]+\.js/.test(String((e.args?.data as { url?: string })?.url))
    )
      ours.add(`${e.pid}:${e.tid}`);
  const count = new Map<string, number>();
  for (const e of events)
    if (
      (ours.size === 0 || ours.has(`${e.pid}:${e.tid}`)) &&
      (named.size === 0 || named.has(`${e.pid}:${e.tid}`)) &&
      (e.name === 'FireAnimationFrame' || e.name === 'FunctionCall' || e.name === 'RunTask')
    ) {
      const k = `${e.pid}:${e.tid}`;
      count.set(k, (count.get(k) ?? 0) + 1);
    }
  let best: string | null = null;
  for (const [k, n] of count) if (best === null || n > count.get(best)!) best = k;
  if (best === null) return null;
  const [pid, tid] = best.split(':').map(Number);
  return { pid, tid };
}

interface CpuNode {
  id: number;
  parent?: number;
  callFrame: { functionName: string; url?: string; lineNumber?: number };
}

type Bucket = 'react' | 'three' | 'page' | 'gc' | 'other';

/** Self time per function over every sample of the main thread (for BENCH_TOP): name, file, ms. */
export function topFunctions(events: TraceEvent[], n = 25, fromUs = -Infinity): string[] {
  const main = mainThread(events);
  if (!main) return [];
  const self = new Map<string, number>();
  for (const s of samples(events, main)) if (s.ts >= fromUs) self.set(s.fn, (self.get(s.fn) ?? 0) + s.dt);
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, us]) => `${(us / 1000).toFixed(1)} ms  ${k}`);
}

/** The main thread's CPU samples (disabled-by-default-v8.cpu_profiler) as (time, bucket) pairs. */
function samples(
  events: TraceEvent[],
  main: { pid: number; tid: number },
): { ts: number; dt: number; b: Bucket; fn: string }[] {
  const nodes = new Map<number, CpuNode>();
  const out: { ts: number; dt: number; b: Bucket; fn: string }[] = [];
  let profileId: string | undefined;
  for (const e of events)
    if (e.name === 'Profile' && e.pid === main.pid && e.tid === main.tid) profileId ??= e.id;
  let ts = 0;
  for (const e of events) {
    if (e.name === 'Profile' && e.id === profileId)
      ts = ((e.args?.data as { startTime?: number }) ?? {}).startTime ?? ts;
    if (e.name !== 'ProfileChunk' || e.id !== profileId) continue;
    const data = (e.args?.data ?? {}) as {
      cpuProfile?: { nodes?: CpuNode[]; samples?: number[] };
      timeDeltas?: number[];
    };
    for (const n of data.cpuProfile?.nodes ?? []) nodes.set(n.id, n);
    const ids = data.cpuProfile?.samples ?? [];
    const deltas = data.timeDeltas ?? [];
    for (let i = 0; i < ids.length; i++) {
      const dt = deltas[i] ?? 0;
      ts += dt;
      const f = nodes.get(ids[i])?.callFrame;
      const fn = f
        ? `${f.functionName || '(anonymous)'} ${(f.url ?? '').replace(/.*\//, '')}:${f.lineNumber ?? ''}`
        : '?';
      out.push({ ts, dt, b: bucketOf(nodes, ids[i]), fn });
    }
  }
  return out;
}

/** A sample's stack, leaf to root: React anywhere wins (it drives the commit), then the 3D chunk, … */
function bucketOf(nodes: Map<number, CpuNode>, id: number): Bucket {
  const leaf = nodes.get(id)?.callFrame.functionName ?? '';
  if (leaf === '(garbage collector)') return 'gc';
  if (leaf === '(idle)' || leaf === '(program)' || leaf === '(root)') return 'other';
  let three = false;
  let page = false;
  for (let n = nodes.get(id); n; n = n.parent === undefined ? undefined : nodes.get(n.parent)) {
    const url = n.callFrame.url ?? '';
    if (/\/react-[\w-]+\.js/.test(url)) return 'react';
    if (/\/Scene3D-[\w-]+\.js/.test(url)) three = true;
    else if (/\/assets\/.*\.js/.test(url)) page = true;
  }
  return three ? 'three' : page ? 'page' : 'other';
}

/** Tasks over `thresholdMs` that start at or after `fromUs` (trace time), and what their time went to. */
export function longTasks(events: TraceEvent[], thresholdMs = 50, fromUs = -Infinity): LongTaskBreakdown {
  const r: LongTaskBreakdown = {
    count: 0,
    longest: 0,
    wall: 0,
    cpu: 0,
    react: 0,
    three: 0,
    page: 0,
    gc: 0,
    render: 0,
    gl: 0,
    offCpu: 0,
  };
  const main = mainThread(events);
  if (!main) return r;
  const mine = events.filter((e) => e.pid === main.pid && e.tid === main.tid);
  const tasks = outermost(mine, (e) => e.name === 'RunTask' && (e.dur ?? 0) > thresholdMs * 1000).filter(
    (t) => t.ts >= fromUs,
  );
  const sampled = samples(events, main);
  const renders = outermost(mine, (e) => RENDER_EVENTS.has(e.name));
  const gl = outermost(mine, (e) => GL_WAIT.test(e.name));
  for (const t of tasks) {
    const from = t.ts;
    const to = t.ts + t.dur!;
    const wall = t.dur! / 1000;
    const cpu = (t.tdur ?? t.dur!) / 1000;
    r.count++;
    r.longest = Math.max(r.longest, wall);
    r.wall += wall;
    r.cpu += cpu;
    r.offCpu += Math.max(0, wall - cpu);
    for (const e of renders) if (e.ts >= from && e.ts < to) r.render += (e.tdur ?? e.dur ?? 0) / 1000;
    for (const e of gl) if (e.ts >= from && e.ts < to) r.gl += (e.dur ?? 0) / 1000;
    // Each sample stands for the time since the previous one, cut to the task (so a task's buckets
    // never sum past its wall time); samples are taken on a timer, so this is wall time in that code.
    for (let i = 1; i < sampled.length; i++) {
      const s = sampled[i];
      if (s.ts < from || s.ts >= to || s.b === 'other') continue;
      r[s.b] += Math.max(0, s.ts - Math.max(from, sampled[i - 1].ts)) / 1000;
    }
  }
  return r;
}

/** The main thread over the whole traced run, ms of CPU per second of wall time (all tasks, not only long ones). */
export interface RunCpu {
  seconds: number;
  cpu: number;
  react: number;
  three: number;
  page: number;
  gc: number;
}

export function runCpu(events: TraceEvent[], fromUs = -Infinity): RunCpu {
  const r: RunCpu = { seconds: 0, cpu: 0, react: 0, three: 0, page: 0, gc: 0 };
  const main = mainThread(events);
  if (!main) return r;
  const mine = events.filter((e) => e.pid === main.pid && e.tid === main.tid);
  const tasks = outermost(mine, (e) => e.name === 'RunTask').filter((t) => t.ts >= fromUs);
  if (tasks.length === 0) return r;
  const from = tasks[0].ts;
  const to = tasks.at(-1)!.ts + (tasks.at(-1)!.dur ?? 0);
  r.seconds = (to - from) / 1e6;
  if (r.seconds <= 0) return r;
  for (const t of tasks) r.cpu += (t.tdur ?? t.dur ?? 0) / 1000;
  for (const s of samples(events, main))
    if (s.b !== 'other' && s.ts >= from) r[s.b] += Math.max(0, s.dt) / 1000;
  for (const k of ['cpu', 'react', 'three', 'page', 'gc'] as const) r[k] /= r.seconds;
  return r;
}
