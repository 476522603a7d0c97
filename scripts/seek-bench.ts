/**
 * Seek benchmark (not a test): how long the trace worker's session takes to answer a window far into
 * the 400-pod preset that does not continue its stream (a seek), the exact state at such a moment, and
 * a step back. Run: npm run bench:seek   (figures go to docs/benchmarks.md with the load average)
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import type { CheckpointOptions } from '../src/engine/checkpoints';
import { TraceSession } from '../src/worker/trace/session';

const pods400 = JSON.parse(readFileSync(new URL('../models/presets/pods-400.json', import.meta.url), 'utf8'));
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const loadavg = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

console.log(
  `machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown cpu'}, node ${process.version}; load ${loadavg()}`,
);
// Default checkpoints, and { maxCount: 1 } (only the initial state: every seek replays from t = 0).
const modes: [string, CheckpointOptions | undefined][] = [
  ['checkpoints', undefined],
  ['from t = 0', { maxCount: 1 }],
];
const only = process.argv[2];
for (const [arch, [mode, checkpoints]] of ['sidecar-envoy', 'ambient'].flatMap((a) =>
  modes.map((m) => [a, m] as const),
)) {
  if (only && mode !== only) continue;
  const t0 = process.hrtime.bigint();
  const s = new TraceSession(pods400, arch, 'load', { checkpoints });
  const openMs = ms(t0);
  const end = s.layout.run.endUs;
  // Play the first stretch, as the page does, so the session has streamed before the seek.
  for (let t = 0; t < 0.2 * end; t += 5_000) s.chunk(t, t + 5_000, 100);
  const times: Record<string, number[]> = { seek: [], back: [], state: [], history: [] };
  for (let k = 0; k < 5; k++) {
    const late = end * (0.9 - 0.01 * k); // a different moment each time: nothing cached from the last
    let t = process.hrtime.bigint();
    s.chunk(late, late + 5_000, 100);
    times.seek.push(ms(t));
    t = process.hrtime.bigint();
    s.chunk(late - 200_000, late - 195_000, 100); // a seek back a little
    times.back.push(ms(t));
    t = process.hrtime.bigint();
    s.stateAt(late - 100_000);
    times.state.push(ms(t));
    t = process.hrtime.bigint();
    s.history(late - 300_000, late - 299_000);
    times.history.push(ms(t));
  }
  const fmt = (xs: number[]) =>
    `median ${[...xs].sort((a, b) => a - b)[xs.length >> 1].toFixed(0)} ms (min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)})`;
  const cp = s.checkpoints;
  console.log(
    `${arch}, ${mode}: run end ${(end / 1e6).toFixed(2)} s simulated, open ${openMs.toFixed(0)} ms; ` +
      `${cp.size} checkpoints every ${cp.spacing.toLocaleString('en')} events, ${(cp.bytes / 2 ** 20).toFixed(1)} MiB`,
  );
  console.log(`  late seek (window at ~90 % of the run): ${fmt(times.seek)}`);
  console.log(`  seek back 200 ms:                       ${fmt(times.back)}`);
  console.log(`  stateAt 100 ms back:                    ${fmt(times.state)}`);
  console.log(`  history 300 ms back:                    ${fmt(times.history)}`);
}
console.log(`load after: ${loadavg()}`);
