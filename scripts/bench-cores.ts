/**
 * What two (or more) threads give on this machine (a benchmark, not a test): the same work run alone in
 * one worker thread, then at once in k worker threads. Scaling k·T1/Tk is k when every thread has a core
 * of its own; on a shared or virtual machine it is less, and that is the ceiling for the CLI's threads
 * (`npm run sim -- --threads k`). Two kinds of work: a register-only integer loop (the cores alone) and
 * one replication of the 400-pod preset (the engine: the cores plus caches and memory).
 * Run: npm run bench:cores   (KINDS=alu,engine THREADS=2 REPEAT=3 to change what is measured)
 */
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

type Kind = 'alu' | 'engine';
interface Job {
  kind: Kind;
  /** Every thread of a round waits on this barrier (count of ready threads), so they start together. */
  barrier: Int32Array;
  threads: number;
}

/** Integer work that stays in registers: xorshift32 steps, about a second of one core. */
function alu(): number {
  let x = 2463534242;
  let sum = 0;
  for (let i = 0; i < 150_000_000; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    sum = (sum + x) | 0;
  }
  return sum;
}

async function engineRun(): Promise<() => number> {
  const { Simulation, compileScenario, replicationSeed } = await import('../src/engine/index');
  const { SCENARIO_PRESETS } = await import('../src/model/presets');
  const { parseScenario } = await import('../src/model/valid');
  const spec = compileScenario(parseScenario(SCENARIO_PRESETS['pods-400']), 'sidecar-envoy').spec;
  const once = () => {
    const sim = new Simulation({ ...spec, seed: replicationSeed(spec.seed, 0) });
    sim.run();
    return sim.events;
  };
  once(); // compiled and warm before the clock starts
  return () => once() + once();
}

async function worker(job: Job): Promise<void> {
  const work = job.kind === 'alu' ? alu : await engineRun();
  if (job.kind === 'alu') alu(); // warm
  Atomics.add(job.barrier, 0, 1);
  Atomics.notify(job.barrier, 0);
  parentPort!.postMessage({}); // ready: the main thread starts its CPU clock at the first
  while (Atomics.load(job.barrier, 0) < job.threads)
    Atomics.wait(job.barrier, 0, Atomics.load(job.barrier, 0));
  const t0 = performance.now();
  const out = work();
  parentPort!.postMessage({ ms: performance.now() - t0, out });
}

/**
 * Starts `threads` workers on `kind`; resolves with the wall time until the last one finished and the
 * share of a core each thread got meanwhile (process CPU time over threads × wall: below 1, the threads
 * waited for a core the machine's other work held).
 */
async function round(kind: Kind, threads: number): Promise<{ ms: number; share: number }> {
  const barrier = new Int32Array(new SharedArrayBuffer(4));
  const self = fileURLToPath(import.meta.url);
  // A worker does not inherit the main thread's TypeScript loader: it registers tsx's before loading this file.
  const boot = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then(({ tsImport }) => tsImport(${JSON.stringify(self)}, ${JSON.stringify(import.meta.url)}))`;
  let started: { t: number; cpu: NodeJS.CpuUsage } | null = null;
  const times = await Promise.all(
    Array.from(
      { length: threads },
      () =>
        new Promise<number>((resolve, reject) => {
          const w = new Worker(boot, { eval: true, workerData: { kind, barrier, threads } satisfies Job });
          w.on('message', (m: { ms?: number }) => {
            if (m.ms === undefined) {
              started ??= { t: performance.now(), cpu: process.cpuUsage() };
              return;
            }
            resolve(m.ms);
            void w.terminate();
          });
          w.once('error', reject);
        }),
    ),
  );
  const cpu = process.cpuUsage(started!.cpu);
  const wall = performance.now() - started!.t;
  return { ms: Math.max(...times), share: (cpu.user + cpu.system) / 1000 / (threads * wall) };
}

async function main(): Promise<void> {
  const kinds = (process.env.KINDS ?? 'alu,engine').split(',') as Kind[];
  const k = Number(process.env.THREADS ?? 2);
  const repeat = Number(process.env.REPEAT ?? 3);
  console.log(
    `machine: ${os.availableParallelism()} CPUs for this process × ${os.cpus()[0]?.model ?? 'unknown'}, load average ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}, node ${process.version}`,
  );
  for (const kind of kinds) {
    const one: { ms: number; share: number }[] = [];
    const many: { ms: number; share: number }[] = [];
    // Alternate, so a change in the machine's other load falls on both.
    for (let i = 0; i < repeat; i++) {
      one.push(await round(kind, 1));
      many.push(await round(kind, k));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
    const ms = (rs: { ms: number }[]) => rs.map((r) => r.ms);
    const best = (k * Math.min(...ms(one))) / Math.min(...ms(many));
    const mid = (k * median(ms(one))) / median(ms(many));
    const share = (rs: { share: number }[]) => `${(100 * median(rs.map((r) => r.share))).toFixed(0)} %`;
    console.log(
      `${kind.padEnd(6)} 1 thread ${median(ms(one)).toFixed(0)} ms, ${k} threads at once ${median(ms(many)).toFixed(0)} ms (medians of ${repeat}): scaling ${mid.toFixed(2)}× (best times: ${best.toFixed(2)}×); each thread had ${share(one)} / ${share(many)} of a core`,
    );
  }
}

if (isMainThread) await main();
else await worker(workerData as Job);
